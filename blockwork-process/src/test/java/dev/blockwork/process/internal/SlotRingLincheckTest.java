package dev.blockwork.process.internal;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayDeque;
import java.util.Arrays;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Linearizability of {@link SlotRing}'s non-blocking write and claim/copy/release against a sequential
 * bounded FIFO with the same capacity in slots ({@link Spec}), with Lincheck's model checker (every
 * interleaving at the ring's shared-memory accesses, up to a budget) and its stress mode (real threads).
 * Small values make one-slot frames, large ones two-slot frames, so frames of different sizes share the
 * ring and wrap around it.
 *
 * <p>One producer and one consumer at a time ({@code nonParallelGroup}): with several of either, a
 * Vyukov ring is not linearizable, by design. A slot claimed but not yet published counts as taken for
 * writers ({@code FULL}) yet is invisible to readers (empty), and a slot claimed by a reader but not yet
 * released stays taken for writers after a later reader finished; Lincheck's stress mode finds such a
 * history within a second (CONTRIBUTING.md, "Concurrency stress tests"). {@link SlotRingStressTest} checks
 * what does hold for many producers and consumers.
 */
@Tag("lincheck")
@Param(name = "v", gen = IntGen.class, conf = "1:6")
public class SlotRingLincheckTest {
    static final int SLOTS = 4, SLOT_BYTES = 64;

    private final SlotRing ring = SlotRing.format(
            Arena.ofAuto().allocate(RingDescriptor.regionBytes(SLOTS, SLOT_BYTES), 128), SLOTS, SLOT_BYTES);

    /** Values 1..3 travel in 4-byte frames (one slot), 4..6 in 60-byte frames (two slots). */
    static int lengthOf(int v) { return v <= 3 ? 4 : 60; }

    @Operation(nonParallelGroup = "producer")
    public boolean offer(@Param(name = "v") int v) {
        byte[] b = frame(v);
        return ring.tryWrite(RingDescriptor.TYPE_RAW, b, 0, b.length) == SlotRing.OK;
    }

    /** The value taken, null when empty, or -1 when the frame's bytes were torn. */
    @Operation(nonParallelGroup = "consumer")
    public Integer poll() {
        long pos = ring.tryClaim();
        if (pos < 0) return null;
        byte[] b = new byte[ring.length(pos)];
        ring.copyOut(pos, b, 0);
        ring.release(pos);
        int v = b[0];
        return v >= 1 && v <= 6 && Arrays.equals(b, frame(v)) ? v : -1; // no byte loop: the model checker
    }                                                                   // counts its iterations as a livelock

    static byte[] frame(int v) {
        byte[] b = new byte[lengthOf(v)];
        Arrays.fill(b, (byte) v);
        return b;
    }

    /** A bounded FIFO of {@code SLOTS} slots; a value takes the slots its frame needs. */
    public static class Spec {
        private final ArrayDeque<Integer> q = new ArrayDeque<>();
        private int used;

        public boolean offer(int v) {
            int k = RingDescriptor.slotsFor(lengthOf(v), SLOT_BYTES);
            if (used + k > SLOTS) return false;
            used += k;
            q.add(v);
            return true;
        }

        public Integer poll() {
            Integer v = q.poll();
            if (v != null) used -= RingDescriptor.slotsFor(lengthOf(v), SLOT_BYTES);
            return v;
        }
    }

    @Test
    void modelChecking() { modelChecking(12); }

    @Test
    void stress() { stress(6); }

    /** Longer run: {@code ./build -o -Pslow -pl blockwork-process -am test -Dtest=SlotRingLincheckTest -Dsurefire.failIfNoSpecifiedTests=false}. */
    @Test @Tag("slow")
    void longModelCheckingAndStress() {
        modelChecking(400);
        stress(200);
    }

    private void modelChecking(int iterations) {
        new ModelCheckingOptions().sequentialSpecification(Spec.class).iterations(iterations).invocationsPerIteration(1000)
                .threads(2).actorsPerThread(4).check(getClass());
    }

    private void stress(int iterations) {
        new StressOptions().sequentialSpecification(Spec.class).iterations(iterations).invocationsPerIteration(1000)
                .threads(2).actorsPerThread(4).check(getClass());
    }
}
