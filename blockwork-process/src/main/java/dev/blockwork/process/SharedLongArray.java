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

    public static SharedLongArray allocate(long length) {
        return SharedBuffer.allocate(Math.multiplyExact(length, 8L)).asLongArrayOwned();
    }

    public long length() { return byteSize() / 8; }

    public long get(long i) { return segment().getAtIndex(ValueLayout.JAVA_LONG, i); }

    public void set(long i, long v) { segment().setAtIndex(ValueLayout.JAVA_LONG, i, v); }

    /** Atomically adds, visible to all processes; returns the previous value. */
    public long getAndAdd(long i, long delta) { return Atomics.getAndAddLong(segment(), checkIndex(i) * 8, delta); }

    public boolean compareAndSet(long i, long expect, long update) {
        return Atomics.casLong(segment(), checkIndex(i) * 8, expect, update);
    }

    private long checkIndex(long i) {
        if (i < 0 || i >= length()) throw new IndexOutOfBoundsException("got index " + i + ", expected [0, " + length() + ")");
        return i;
    }

    public long[] toArray() { return segment().toArray(ValueLayout.JAVA_LONG); }
}
