package dev.blockwork.process;

import java.util.ArrayDeque;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link ProcessQueue}'s non-blocking {@code offer} and {@code poll} (serialization, the ring and the channel
 * together) are linearizable against a bounded {@link ArrayDeque} of the same capacity, for one producer and
 * one consumer at a time (with more, the ring is relaxed by design: see {@code SlotRingLincheckTest}). Stress
 * mode only: the model checker would explore the serializer's every field access. One queue of 4 slots of
 * 128 bytes (an {@code Integer} takes one) serves every invocation; each invocation drains it.
 */
@Tag("lincheck")
@Param(name = "v", gen = IntGen.class, conf = "1:9")
public class ProcessQueueLincheckTest {
    static final int SLOTS = 4;
    private static final ProcessQueue<Integer> QUEUE = ProcessQueue.create(SLOTS, 128);

    public ProcessQueueLincheckTest() {
        while (QUEUE.poll() != null) { /* drain what the previous invocation left */ }
    }

    @Operation(nonParallelGroup = "producer")
    public boolean offer(@Param(name = "v") int v) { return QUEUE.offer(v); }

    @Operation(nonParallelGroup = "consumer")
    public Integer poll() { return QUEUE.poll(); }

    /** A bounded FIFO of {@code SLOTS} values. */
    public static class Spec {
        private final ArrayDeque<Integer> q = new ArrayDeque<>();

        public boolean offer(int v) { return q.size() < SLOTS && q.add(v); }

        public Integer poll() { return q.poll(); }
    }

    @Test
    void stress() {
        new StressOptions().sequentialSpecification(Spec.class).iterations(6).invocationsPerIteration(1000)
                .threads(2).actorsPerThread(4).check(getClass());
    }

    @AfterAll
    static void closeAndCheckLeaks() throws InterruptedException {
        QUEUE.close();
        Leaks.assertClean();
    }
}
