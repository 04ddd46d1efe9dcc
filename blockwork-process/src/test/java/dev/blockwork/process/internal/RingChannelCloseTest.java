package dev.blockwork.process.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blockwork.process.ChannelClosedException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

/**
 * A close does not drop frames a producer had claimed before it: "closed and drained" means no slot is
 * claimed any more, not "the head slot is not published yet"; and no producer can claim after it. Found by {@link SlotRingLincheckTest}'s
 * many-producer histories (a claimed, unpublished slot hides the frames after it); here the slow producer
 * is played by hand, so the test is deterministic.
 */
class RingChannelCloseTest {
    static final int SLOTS = 4, SLOT_BYTES = 64;

    @Test
    void aCloseWaitsForFramesClaimedBeforeIt() {
        MemorySegment seg = Arena.ofAuto().allocate(RingDescriptor.regionBytes(SLOTS, SLOT_BYTES), 128);
        SlotRing ring = SlotRing.format(seg, SLOTS, SLOT_BYTES);
        RingChannel channel = new RingChannel(ring, "ring", () -> {});
        // producer A claims position 0 and stalls before publishing; producer B writes position 1 and returns
        assertThat(Atomics.casLong(seg, RingDescriptor.TAIL_OFFSET, 0, 1)).isTrue();
        assertThat(ring.tryWrite(RingDescriptor.TYPE_RAW, new byte[] {2}, 0, 1)).isEqualTo(SlotRing.OK);
        channel.close();

        // B's put returned before the close: its frame must not be reported "drained" (the deadline has passed)
        assertThat(channel.receive(System.nanoTime())).isSameAs(RingChannel.TIMED_OUT);

        // A publishes (as tryWrite does: header, payload, then the slot's sequence with release)
        long slot0 = RingDescriptor.SLOTS_OFFSET;
        seg.set(ValueLayout.JAVA_INT, slot0 + RingDescriptor.LENGTH_OFFSET, 1);
        seg.set(ValueLayout.JAVA_INT, slot0 + RingDescriptor.TYPE_OFFSET, RingDescriptor.TYPE_RAW);
        seg.set(ValueLayout.JAVA_BYTE, slot0 + RingDescriptor.FIRST_PAYLOAD_OFFSET, (byte) 1);
        Atomics.setLongRelease(seg, slot0 + RingDescriptor.SEQ_OFFSET, 1);

        assertThat((byte[]) channel.receive(Long.MAX_VALUE)).containsExactly(1);
        assertThat((byte[]) channel.receive(Long.MAX_VALUE)).containsExactly(2);
        assertThatThrownBy(() -> channel.receive(Long.MAX_VALUE))
                .isInstanceOf(ChannelClosedException.class).hasMessageContaining("closed and drained");
    }

    /**
     * A producer that saw the ring open, then stalled before its claim, cannot claim after the close: its claim is a
     * CAS on the tail word, which the close changed. (With the closed flag apart from the tail, that producer's
     * frame was published after the reader had reported the ring drained, and was lost while its put returned OK.)
     */
    @Test
    void aProducerThatSawTheRingOpenCannotClaimAfterTheClose() {
        MemorySegment seg = Arena.ofAuto().allocate(RingDescriptor.regionBytes(SLOTS, SLOT_BYTES), 128);
        SlotRing ring = SlotRing.format(seg, SLOTS, SLOT_BYTES);
        RingChannel channel = new RingChannel(ring, "ring", () -> {});
        long seen = Atomics.getLongVolatile(seg, RingDescriptor.TAIL_OFFSET); // the producer reads the tail: open
        channel.close();
        assertThat(Atomics.casLong(seg, RingDescriptor.TAIL_OFFSET, seen, seen + 1)).as("its claim after the close").isFalse();
        assertThat(ring.tryWrite(RingDescriptor.TYPE_RAW, new byte[] {1}, 0, 1)).isEqualTo(SlotRing.CLOSED);
        assertThat(ring.usedSlots()).isZero();
        assertThatThrownBy(() -> channel.receive(Long.MAX_VALUE))
                .isInstanceOf(ChannelClosedException.class).hasMessageContaining("closed and drained");
    }
}
