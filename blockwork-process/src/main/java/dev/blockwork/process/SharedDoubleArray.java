package dev.blockwork.process;

import dev.blockwork.process.internal.ShmFile;
import java.lang.foreign.ValueLayout;

/**
 * A {@code double[]}-like array in shared memory (see {@link SharedBuffer} for the sharing,
 * ordering and lifetime rules). Native byte order.
 */
public final class SharedDoubleArray extends SharedBuffer {
    SharedDoubleArray(ShmFile file) { super(file); }

    public static SharedDoubleArray allocate(long length) {
        return SharedBuffer.allocate(Math.multiplyExact(length, 8L)).asDoubleArrayOwned();
    }

    public long length() { return byteSize() / 8; }

    public double get(long i) { return segment().getAtIndex(ValueLayout.JAVA_DOUBLE, i); }

    public void set(long i, double v) { segment().setAtIndex(ValueLayout.JAVA_DOUBLE, i, v); }

    /** Copies {@code src} into this array starting at index {@code at}. */
    public void copyFrom(double[] src, long at) {
        java.lang.foreign.MemorySegment.copy(src, 0, segment(), ValueLayout.JAVA_DOUBLE, at * 8, src.length);
    }

    public double[] toArray() { return segment().toArray(ValueLayout.JAVA_DOUBLE); }
}
