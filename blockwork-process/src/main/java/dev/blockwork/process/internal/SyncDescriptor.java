package dev.blockwork.process.internal;

/**
 * Layout of the shared word block behind {@code ProcessLock}, {@code ProcessSemaphore},
 * {@code ProcessEvent} and {@code ProcessBarrier}.
 *
 * <pre>
 *   0  +-------------------------------------------------------------+
 *      | STATE (long, CAS)                                           |
 *      |   lock: holder pid (0 = free)     semaphore: permits         |
 *      |   event: 0 clear / 1 set          barrier: generation<<32 | arrived
 *   8  | AUX (long)                                                  |
 *      |   lock: holder thread id          barrier: parties          |
 *  16  | FLAGS (long)   barrier: 1 = broken                          |
 *  24  | TYPE (long)    1 lock, 2 semaphore, 3 event, 4 barrier      |
 *  32  +-------------------------------------------------------------+
 * </pre>
 */
public final class SyncDescriptor {
    public static final int STATE_OFFSET = 0, AUX_OFFSET = 8, FLAGS_OFFSET = 16, TYPE_OFFSET = 24;
    public static final int BYTES = 64;
    public static final long TYPE_LOCK = 1, TYPE_SEMAPHORE = 2, TYPE_EVENT = 3, TYPE_BARRIER = 4;

    private SyncDescriptor() {}

    public static void checkType(java.lang.foreign.MemorySegment s, long expected, String name) {
        long t = s.get(java.lang.foreign.ValueLayout.JAVA_LONG, TYPE_OFFSET);
        if (t != expected) throw new IllegalStateException("sync block " + name + ": got type " + t + ", expected " + expected);
    }
}
