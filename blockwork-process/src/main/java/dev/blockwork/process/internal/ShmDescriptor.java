package dev.blockwork.process.internal;

import java.lang.foreign.MemorySegment;

/**
 * Layout of the header that starts every Blockwork shared-memory file.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                      MAGIC "BLKWSHM1" (8 bytes)                |  0
 *  +---------------------------------------------------------------+
 *  |           kind (int)          |         layout version (int)  |  8
 *  +---------------------------------------------------------------+
 *  |                  data size in bytes (long)                    | 16
 *  +---------------------------------------------------------------+
 *  |          reference count: live mappings (long, CAS)           | 24
 *  +---------------------------------------------------------------+
 *  |                    creator PID (long)                         | 32
 *  +---------------------------------------------------------------+
 *  |    user-table overflow flag (long): 1 = more users than slots | 40
 *  +---------------------------------------------------------------+
 *  |  lease state (long, CAS; arena segments only, else 0):          | 48
 *  |  0 free, n = leased to block n, n|ORPHANED, RETIRED            |
 *  +---------------------------------------------------------------+
 *  |    users: 16 x PID (long), 0 = free; processes with a mapping | 64
 *  +---------------------------------------------------------------+
 *  |                 reserved up to HEADER_BYTES (256)             | 192
 *  +---------------------------------------------------------------+
 *  |                  data (data size bytes) ...                   | 256
 * </pre>
 *
 * The lease word is used by block-arena segments (kind {@link #KIND_ARENA}, see {@link BlockArena}): its owner
 * leases a free segment to one block at a time ({@code 0 -> n}, n a positive sequence number), and whoever
 * releases the block returns it ({@code n -> 0}); {@link #LEASE_ORPHANED} set means the owner has exited and
 * the holder of lease n deletes the file on release; {@link #LEASE_RETIRED} means the owner is deleting the
 * file (receivers drop their mappings of it).
 *
 * <p>A process that drops its last handle while every other registered user is dead deletes the file
 * (the dead cannot drop their references). The data area starts on a 128-byte boundary so that rings placed in it keep their hot
 * words on separate cache lines (and adjacent-line prefetch pairs).
 */
public final class ShmDescriptor {
    public static final long MAGIC = 0x314D4853574B4C42L; // "BLKWSHM1" little-endian
    public static final int VERSION = 1;
    public static final int MAGIC_OFFSET = 0;
    public static final int KIND_OFFSET = 8;
    public static final int VERSION_OFFSET = 12;
    public static final int DATA_SIZE_OFFSET = 16;
    public static final int REF_COUNT_OFFSET = 24;
    public static final int CREATOR_PID_OFFSET = 32;
    public static final int OVERFLOW_OFFSET = 40;
    public static final int LEASE_OFFSET = 48;
    public static final int USERS_OFFSET = 64;
    public static final int USER_SLOTS = 16;
    public static final int HEADER_BYTES = 256;

    /** Kinds of shared-memory files. */
    public static final int KIND_BUFFER = 1, KIND_RING = 2, KIND_PIPE = 3, KIND_SYNC = 4, KIND_ARENA = 5;

    /** Lease word: free. */
    public static final long LEASE_FREE = 0;
    /** Lease word bit: the owner has exited; the holder of the lease deletes the file when it releases it. */
    public static final long LEASE_ORPHANED = 1L << 62;
    /** Lease word: the owner is deleting the segment (never leased again). */
    public static final long LEASE_RETIRED = Long.MIN_VALUE;

    private ShmDescriptor() {}

    /** Throws if {@code header} is not a Blockwork header of the expected kind. */
    public static void checkHeader(MemorySegment header, int expectedKind, String name) {
        long magic = header.get(java.lang.foreign.ValueLayout.JAVA_LONG, MAGIC_OFFSET);
        if (magic != MAGIC) {
            throw new IllegalStateException("shared memory " + name + ": got magic 0x" + Long.toHexString(magic)
                    + ", expected 0x" + Long.toHexString(MAGIC) + " (not a Blockwork file, or not initialised yet)");
        }
        int kind = header.get(java.lang.foreign.ValueLayout.JAVA_INT, KIND_OFFSET);
        if (expectedKind != 0 && kind != expectedKind) {
            throw new IllegalStateException("shared memory " + name + ": got kind " + kind + ", expected " + expectedKind);
        }
        int version = header.get(java.lang.foreign.ValueLayout.JAVA_INT, VERSION_OFFSET);
        if (version != VERSION) {
            throw new IllegalStateException("shared memory " + name + ": got layout version " + version + ", expected " + VERSION);
        }
    }
}
