package dev.blockwork.process.internal;

/**
 * Layout of a {@code Pipe}'s shared-memory data area: two ends, two rings.
 *
 * <pre>
 *    0  +-------------------------------------------+
 *       | end 0: pid of latest attacher (long)      |
 *    8  | end 1: pid of latest attacher (long)      |
 *   16  | end 0: open handles (long, CAS)           |
 *   24  | end 1: open handles (long, CAS)           |
 *   32  | reserved up to RINGS_OFFSET               |
 *  128  +-------------------------------------------+
 *       | ring 0: end 0 sends, end 1 receives       |  RingDescriptor.regionBytes(...)
 *       +-------------------------------------------+
 *       | ring 1: end 1 sends, end 0 receives       |
 *       +-------------------------------------------+
 * </pre>
 * An end whose open-handle count reaches zero has closed: its peer drains what was sent, then sees
 * end-of-stream. An end whose latest attacher's process is dead while handles are open has died.
 */
public final class PipeDescriptor {
    public static final int PID_OFFSET = 0;
    public static final int HANDLES_OFFSET = 16;
    public static final int RINGS_OFFSET = 128;

    private PipeDescriptor() {}

    public static long pidOffset(int end) { return PID_OFFSET + 8L * end; }
    public static long handlesOffset(int end) { return HANDLES_OFFSET + 8L * end; }

    public static long ringOffset(int ring, long ringBytes) { return RINGS_OFFSET + ring * ringBytes; }

    public static long dataBytes(long ringBytes) { return RINGS_OFFSET + 2 * ringBytes; }
}
