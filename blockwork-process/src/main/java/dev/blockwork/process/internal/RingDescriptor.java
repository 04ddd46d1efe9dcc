package dev.blockwork.process.internal;

/**
 * Layout of a many-to-many slot ring in shared memory (see {@link SlotRing}).
 *
 * <pre>
 *  region offset
 *    0  +----------------------------------------------+
 *       | tail: next position producers claim (long)   |  own 128-byte line pair
 *  128  +----------------------------------------------+
 *       | head: next position consumers claim (long)   |  own 128-byte line pair
 *  256  +----------------------------------------------+
 *       | closed (int) | slotCount (int) | slotBytes (int)
 *  384  +----------------------------------------------+
 *       | slot 0 | slot 1 | ... | slot slotCount-1     |  slotCount * slotBytes
 *       +----------------------------------------------+
 *
 *  first slot of a frame             continuation slot
 *  +-----------------+               +-----------------+
 *  | seq (long)      | 0             | seq (long)      | 0
 *  | length (int)    | 8             | payload ...     | 8
 *  | type (int)      | 12            |                 |
 *  | payload ...     | 16            |                 |
 *  +-----------------+ slotBytes     +-----------------+ slotBytes
 * </pre>
 *
 * Sequence protocol (Vyukov's bounded MPMC queue, extended to frames of k consecutive slots):
 * the slot for position {@code p} holds {@code seq == p} when free for a producer at lap
 * {@code p / slotCount}, {@code p + 1} once published, and {@code p + slotCount} once consumed.
 * A frame's first slot is published last (release); a consumer that acquires it sees the whole frame.
 */
public final class RingDescriptor {
    public static final int TAIL_OFFSET = 0;
    public static final int HEAD_OFFSET = 128;
    public static final int CLOSED_OFFSET = 256;
    public static final int SLOT_COUNT_OFFSET = 260;
    public static final int SLOT_BYTES_OFFSET = 264;
    public static final int SLOTS_OFFSET = 384;

    public static final int SEQ_OFFSET = 0;
    public static final int LENGTH_OFFSET = 8;
    public static final int TYPE_OFFSET = 12;
    public static final int FIRST_PAYLOAD_OFFSET = 16;
    public static final int NEXT_PAYLOAD_OFFSET = 8;

    /** Frame types. */
    public static final int TYPE_RAW = 1, TYPE_OBJECT = 2;

    public static final int MIN_SLOT_BYTES = 64;

    private RingDescriptor() {}

    /** Bytes a ring of this shape needs. */
    public static long regionBytes(int slotCount, int slotBytes) {
        checkShape(slotCount, slotBytes);
        return SLOTS_OFFSET + (long) slotCount * slotBytes;
    }

    public static void checkShape(int slotCount, int slotBytes) {
        if (slotCount < 2 || Integer.bitCount(slotCount) != 1) {
            throw new IllegalArgumentException("got slotCount " + slotCount + ", expected a power of two >= 2");
        }
        if (slotBytes < MIN_SLOT_BYTES || slotBytes % 64 != 0) {
            throw new IllegalArgumentException("got slotBytes " + slotBytes + ", expected a multiple of 64, >= " + MIN_SLOT_BYTES);
        }
    }

    /** Slots a frame of {@code length} payload bytes occupies. */
    public static int slotsFor(int length, int slotBytes) {
        int first = slotBytes - FIRST_PAYLOAD_OFFSET;
        if (length <= first) return 1;
        int next = slotBytes - NEXT_PAYLOAD_OFFSET;
        return 1 + (length - first + next - 1) / next;
    }

    /** Largest payload that fits in a ring of this shape (a frame may use every slot). */
    public static long maxFrameBytes(int slotCount, int slotBytes) {
        return (long) (slotBytes - FIRST_PAYLOAD_OFFSET) + (long) (slotCount - 1) * (slotBytes - NEXT_PAYLOAD_OFFSET);
    }
}
