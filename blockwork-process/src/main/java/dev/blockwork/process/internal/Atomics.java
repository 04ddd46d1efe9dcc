package dev.blockwork.process.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

/**
 * Release/acquire and CAS access to 8- and 4-byte words of a (shared) memory segment.
 * Offsets must be naturally aligned; the mapping of a shared file is page aligned.
 */
public final class Atomics {
    private static final VarHandle LONG = ValueLayout.JAVA_LONG.varHandle();
    private static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();

    private Atomics() {}

    public static long getLongAcquire(MemorySegment s, long off) { return (long) LONG.getAcquire(s, off); }
    public static long getLongVolatile(MemorySegment s, long off) { return (long) LONG.getVolatile(s, off); }
    public static void setLongRelease(MemorySegment s, long off, long v) { LONG.setRelease(s, off, v); }
    public static void setLongVolatile(MemorySegment s, long off, long v) { LONG.setVolatile(s, off, v); }
    public static boolean casLong(MemorySegment s, long off, long expect, long update) {
        return LONG.compareAndSet(s, off, expect, update);
    }
    public static long getAndAddLong(MemorySegment s, long off, long delta) { return (long) LONG.getAndAdd(s, off, delta); }
    public static int getIntAcquire(MemorySegment s, long off) { return (int) INT.getAcquire(s, off); }
    public static void setIntRelease(MemorySegment s, long off, int v) { INT.setRelease(s, off, v); }
}
