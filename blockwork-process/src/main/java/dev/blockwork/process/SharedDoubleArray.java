package dev.blockwork.process;

import dev.blockwork.process.internal.ShmFile;
import java.lang.foreign.ValueLayout;

/**
 * A {@code double[]}-like array in shared memory (see {@link SharedBuffer} for the sharing,
 * ordering and lifetime rules). Native byte order.
 */
public final class SharedDoubleArray extends SharedBuffer {
    SharedDoubleArray(ShmFile file) { super(file); }

    /**
     * Allocates a zeroed array of {@code length} doubles in a new shared-memory file.
     *
     * @param length the number of elements, &gt;= 0
     * @return the creator's handle; close it after every receiver has opened its own
     * @throws IllegalArgumentException if {@code length} is negative
     * @throws ArithmeticException      if {@code length * 8} overflows a {@code long}
     */
    public static SharedDoubleArray allocate(long length) {
        return SharedBuffer.allocate(Math.multiplyExact(length, 8L)).asDoubleArrayOwned();
    }

    /** {@return the number of elements} */
    public long length() { return byteSize() / 8; }

    /**
     * Reads element {@code i}, a plain read (see {@link SharedBuffer} for ordering across processes).
     *
     * @param i the index, 0 &lt;= i &lt; {@link #length()}
     * @return the element
     * @throws IndexOutOfBoundsException if {@code i} is out of range
     * @throws IllegalStateException     if this handle is closed
     */
    public double get(long i) { return segment().getAtIndex(ValueLayout.JAVA_DOUBLE, i); }

    /**
     * Writes element {@code i}, a plain write (see {@link SharedBuffer} for ordering across processes).
     *
     * @param i the index, 0 &lt;= i &lt; {@link #length()}
     * @param v the new value
     * @throws IndexOutOfBoundsException if {@code i} is out of range
     * @throws IllegalStateException     if this handle is closed
     */
    public void set(long i, double v) { segment().setAtIndex(ValueLayout.JAVA_DOUBLE, i, v); }

    /**
     * Copies {@code src} into this array starting at index {@code at} (plain writes).
     *
     * @param src the values
     * @param at  the index of this array that receives {@code src[0]}
     * @throws IndexOutOfBoundsException if {@code src} does not fit from {@code at}
     * @throws IllegalStateException     if this handle is closed
     */
    public void copyFrom(double[] src, long at) {
        java.lang.foreign.MemorySegment.copy(src, 0, segment(), ValueLayout.JAVA_DOUBLE, at * 8, src.length);
    }

    /**
     * Copies the whole array to the heap.
     *
     * @return a new {@code double[]} of {@link #length()} elements
     * @throws IllegalStateException if this handle is closed
     */
    public double[] toArray() { return segment().toArray(ValueLayout.JAVA_DOUBLE); }
}
