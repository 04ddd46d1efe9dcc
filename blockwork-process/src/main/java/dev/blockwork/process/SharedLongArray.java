package dev.blockwork.process;

import dev.blockwork.process.internal.Atomics;
import dev.blockwork.process.internal.ShmFile;
import java.lang.foreign.ValueLayout;

/**
 * A {@code long[]}-like array in shared memory (see {@link SharedBuffer} for the sharing, ordering
 * and lifetime rules), with atomic {@link #getAndAdd} and {@link #compareAndSet} across processes.
 */
public final class SharedLongArray extends SharedBuffer {
    SharedLongArray(ShmFile file) { super(file); }

    /**
     * Allocates a zeroed array of {@code length} longs in a new shared-memory file.
     *
     * @param length the number of elements, &gt;= 0
     * @return the creator's handle; close it after every receiver has opened its own
     * @throws IllegalArgumentException if {@code length} is negative
     * @throws ArithmeticException      if {@code length * 8} overflows a {@code long}
     */
    public static SharedLongArray allocate(long length) {
        return SharedBuffer.allocate(Math.multiplyExact(length, 8L)).asLongArrayOwned();
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
    public long get(long i) { return segment().getAtIndex(ValueLayout.JAVA_LONG, i); }

    /**
     * Writes element {@code i}, a plain write (see {@link SharedBuffer} for ordering across processes).
     *
     * @param i the index, 0 &lt;= i &lt; {@link #length()}
     * @param v the new value
     * @throws IndexOutOfBoundsException if {@code i} is out of range
     * @throws IllegalStateException     if this handle is closed
     */
    public void set(long i, long v) { segment().setAtIndex(ValueLayout.JAVA_LONG, i, v); }

    /**
     * Atomically adds {@code delta} to element {@code i}, visible to all processes (a volatile read-modify-write).
     *
     * @param i     the index, 0 &lt;= i &lt; {@link #length()}
     * @param delta what to add
     * @return the previous value
     * @throws IndexOutOfBoundsException if {@code i} is out of range
     * @throws IllegalStateException     if this handle is closed
     */
    public long getAndAdd(long i, long delta) { return Atomics.getAndAddLong(segment(), checkIndex(i) * 8, delta); }

    /**
     * Atomically sets element {@code i} to {@code update} if it is {@code expect}, across processes (volatile semantics).
     *
     * @param i      the index, 0 &lt;= i &lt; {@link #length()}
     * @param expect the value it must hold
     * @param update the new value
     * @return true if it was set
     * @throws IndexOutOfBoundsException if {@code i} is out of range
     * @throws IllegalStateException     if this handle is closed
     */
    public boolean compareAndSet(long i, long expect, long update) {
        return Atomics.casLong(segment(), checkIndex(i) * 8, expect, update);
    }

    private long checkIndex(long i) {
        if (i < 0 || i >= length()) throw new IndexOutOfBoundsException("got index " + i + ", expected [0, " + length() + ")");
        return i;
    }

    /**
     * Copies the whole array to the heap.
     *
     * @return a new {@code long[]} of {@link #length()} elements
     * @throws IllegalStateException if this handle is closed
     */
    public long[] toArray() { return segment().toArray(ValueLayout.JAVA_LONG); }
}
