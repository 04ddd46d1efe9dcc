package dev.blockwork.process.internal;

/**
 * Layout of a {@code ProcessQueue}'s shared-memory data area.
 *
 * <pre>
 *    0  +--------------------------------------------+
 *       | PidTable: 64 x pid (long), 0 = free slot    |  processes holding a handle
 *  512  +--------------------------------------------+
 *       | handles in transit (long): serialized for   |  a process that has not attached yet
 *       | another process, not yet attached there     |
 *  576  +--------------------------------------------+
 *       | ring (RingDescriptor), closed flag = shut   |
 *       +--------------------------------------------+
 * </pre>
 */
public final class QueueDescriptor {
    public static final int PIDS_OFFSET = 0;
    public static final int IN_TRANSIT_OFFSET = PidTable.BYTES;
    public static final int RING_OFFSET = PidTable.BYTES + 64;

    private QueueDescriptor() {}

    public static long dataBytes(long ringBytes) { return RING_OFFSET + ringBytes; }
}
