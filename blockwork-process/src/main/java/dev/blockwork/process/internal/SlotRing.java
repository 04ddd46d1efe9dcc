package dev.blockwork.process.internal;

import static dev.blockwork.process.internal.RingDescriptor.*;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A bounded many-producer many-consumer ring of variable-length frames in (shared) memory.
 * Non-blocking: callers add waiting ({@link BackOff}) and timeouts.
 *
 * <p>Contract: {@link #tryWrite} returns {@link #OK}, {@link #FULL} or {@link #CLOSED}. A reader
 * calls {@link #tryClaim} (position, or -1 when empty), then {@link #length}/{@link #type}/
 * {@link #copyOut} and finally {@link #release}. Writes made before {@code tryWrite} happen-before
 * reads after the matching {@code tryClaim}. Safe for any number of threads in any number of
 * processes that map the same region. With several producers or consumers the ring is not linearizable
 * (as any Vyukov ring): {@code tryClaim} returns -1 while the head slot is claimed by a producer that has
 * not published it, even if later frames are ready behind it, and {@code tryWrite} returns {@code FULL}
 * while a claimed slot awaits its reader's {@code release}. So -1 means "nothing ready at the head", not
 * "empty": only {@link #usedSlots} of 0 says no frame is on its way (SlotRingLincheckTest).
 *
 * <p>Implementation overview: Dmitry Vyukov's bounded MPMC queue (per-slot sequence numbers, CAS
 * on head and tail, no locks), extended so a frame takes k consecutive slots: a producer checks all
 * k slots are free for its lap, then claims them with one CAS on tail; it writes the frame and
 * publishes continuation slots, then the first slot (release). A consumer acquires the first slot,
 * claims k positions with one CAS on head, copies, then frees every slot for the next lap. Each slot
 * starts with its own sequence word, so user bytes never masquerade as sequence numbers. A process
 * that dies between claim and publish stalls readers at that position: callers bound every wait.
 */
public final class SlotRing {
    public static final int OK = 0, FULL = -1, CLOSED = -2;

    private final MemorySegment seg;
    private final int slotCount;
    private final int slotBytes;
    private final int mask;

    private SlotRing(MemorySegment seg, int slotCount, int slotBytes) {
        this.seg = seg;
        this.slotCount = slotCount;
        this.slotBytes = slotBytes;
        this.mask = slotCount - 1;
    }

    /** Lays out a fresh ring in {@code region} (zeroed memory). */
    public static SlotRing format(MemorySegment region, int slotCount, int slotBytes) {
        long need = regionBytes(slotCount, slotBytes);
        if (region.byteSize() < need) throw new IllegalArgumentException("got region of " + region.byteSize() + " bytes, expected >= " + need);
        region.set(ValueLayout.JAVA_INT, SLOT_COUNT_OFFSET, slotCount);
        region.set(ValueLayout.JAVA_INT, SLOT_BYTES_OFFSET, slotBytes);
        for (long i = 0; i < slotCount; i++) region.set(ValueLayout.JAVA_LONG, SLOTS_OFFSET + i * slotBytes, i);
        Atomics.setLongVolatile(region, TAIL_OFFSET, 0);
        Atomics.setLongVolatile(region, HEAD_OFFSET, 0);
        return new SlotRing(region, slotCount, slotBytes);
    }

    /** Attaches to a ring formatted by another party. */
    public static SlotRing attach(MemorySegment region) {
        int count = region.get(ValueLayout.JAVA_INT, SLOT_COUNT_OFFSET);
        int bytes = region.get(ValueLayout.JAVA_INT, SLOT_BYTES_OFFSET);
        checkShape(count, bytes);
        return new SlotRing(region, count, bytes);
    }

    public int slotCount() { return slotCount; }
    public int slotBytes() { return slotBytes; }
    public long maxFrameBytes() { return RingDescriptor.maxFrameBytes(slotCount, slotBytes); }

    private long slot(long pos) { return SLOTS_OFFSET + (pos & mask) * (long) slotBytes; }
    private long seq(long pos) { return Atomics.getLongAcquire(seg, slot(pos) + SEQ_OFFSET); }

    public int tryWrite(int type, byte[] src, int off, int len) {
        int k = slotsFor(len, slotBytes);
        if (k > slotCount) {
            throw new IllegalArgumentException("got a message of " + len + " bytes, expected <= " + maxFrameBytes()
                    + " (ring capacity); use a larger capacity or send a SharedBuffer");
        }
        long t;
        claim:
        while (true) {
            t = Atomics.getLongVolatile(seg, TAIL_OFFSET);
            if ((t & TAIL_CLOSED) != 0) return CLOSED; // the close is in the tail word: no claim can follow it
            for (int j = 0; j < k; j++) {
                long s = seq(t + j);
                if (s != t + j) {
                    if (s < t + j) return FULL;
                    continue claim; // stale tail
                }
            }
            if (Atomics.casLong(seg, TAIL_OFFSET, t, t + k)) break;
        }
        long base = slot(t);
        seg.set(ValueLayout.JAVA_INT, base + LENGTH_OFFSET, len);
        seg.set(ValueLayout.JAVA_INT, base + TYPE_OFFSET, type);
        int n = Math.min(len, slotBytes - FIRST_PAYLOAD_OFFSET);
        MemorySegment.copy(src, off, seg, ValueLayout.JAVA_BYTE, base + FIRST_PAYLOAD_OFFSET, n);
        int done = n;
        for (int j = 1; j < k; j++) {
            int m = Math.min(len - done, slotBytes - NEXT_PAYLOAD_OFFSET);
            MemorySegment.copy(src, off + done, seg, ValueLayout.JAVA_BYTE, slot(t + j) + NEXT_PAYLOAD_OFFSET, m);
            done += m;
        }
        for (int j = k - 1; j >= 1; j--) Atomics.setLongRelease(seg, slot(t + j) + SEQ_OFFSET, t + j + 1);
        Atomics.setLongRelease(seg, base + SEQ_OFFSET, t + 1);
        return OK;
    }

    /** Claims the next frame; returns its position or -1 when none is ready at the head (see the class comment). */
    public long tryClaim() {
        while (true) {
            long h = Atomics.getLongVolatile(seg, HEAD_OFFSET);
            long s = seq(h);
            if (s == h + 1) {
                int len = seg.get(ValueLayout.JAVA_INT, slot(h) + LENGTH_OFFSET);
                if (len < 0) continue;
                int k = slotsFor(len, slotBytes);
                if (k > slotCount) continue; // torn read of a stale head; CAS below would fail anyway
                if (Atomics.casLong(seg, HEAD_OFFSET, h, h + k)) return h;
            } else if (s < h + 1) {
                return -1;
            }
        }
    }

    public int length(long pos) { return seg.get(ValueLayout.JAVA_INT, slot(pos) + LENGTH_OFFSET); }

    public int type(long pos) { return seg.get(ValueLayout.JAVA_INT, slot(pos) + TYPE_OFFSET); }

    /** Copies the claimed frame's payload into {@code dst} at {@code dstOff}. */
    public void copyOut(long pos, byte[] dst, int dstOff) {
        int len = length(pos);
        int k = slotsFor(len, slotBytes);
        int n = Math.min(len, slotBytes - FIRST_PAYLOAD_OFFSET);
        MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, slot(pos) + FIRST_PAYLOAD_OFFSET, dst, dstOff, n);
        int done = n;
        for (int j = 1; j < k; j++) {
            int m = Math.min(len - done, slotBytes - NEXT_PAYLOAD_OFFSET);
            MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, slot(pos + j) + NEXT_PAYLOAD_OFFSET, dst, dstOff + done, m);
            done += m;
        }
    }

    /** Frees the claimed frame's slots for producers. */
    public void release(long pos) {
        int k = slotsFor(length(pos), slotBytes);
        for (int j = 0; j < k; j++) Atomics.setLongRelease(seg, slot(pos + j) + SEQ_OFFSET, pos + j + slotCount);
    }

    /** Approximate number of slots in use (claimed by producers or not yet released by readers). */
    public long usedSlots() {
        long tail = Atomics.getLongVolatile(seg, TAIL_OFFSET) & ~TAIL_CLOSED;
        return Math.max(0, tail - Atomics.getLongVolatile(seg, HEAD_OFFSET));
    }

    /**
     * Set in the tail word by {@link #markClosed}: a producer's claim is a CAS on that word, so a close and a claim
     * are ordered, and once a reader sees the ring closed with no slot in use, no frame can still come (a flag
     * apart from the tail let a producer that checked it just before the close publish a frame nobody would read).
     * Positions stay far below this bit (2^62 slots).
     */
    static final long TAIL_CLOSED = 1L << 62;

    public boolean isClosed() { return (Atomics.getLongVolatile(seg, TAIL_OFFSET) & TAIL_CLOSED) != 0; }

    /** Closes the ring to producers (idempotent); frames already claimed are still published and can be read. */
    public void markClosed() {
        while (true) {
            long t = Atomics.getLongVolatile(seg, TAIL_OFFSET);
            if ((t & TAIL_CLOSED) != 0 || Atomics.casLong(seg, TAIL_OFFSET, t, t | TAIL_CLOSED)) break;
        }
        Atomics.setIntRelease(seg, CLOSED_OFFSET, 1); // the descriptor's flag word, for anyone reading the layout
    }
}
