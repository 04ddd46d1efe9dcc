package dev.blockwork.schedule;

import dev.blockwork.delayed.Delayed;
import dev.blockwork.graph.Key;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ordering rule keeps memory small: a tree reduction over n leaves holds O(depth × workers)
 * results at any time, not O(n) as a breadth-first order (all leaves first) would.
 */
@Timeout(60)
class MemoryOrderingTest {
    static final int LEAVES = 1024; // depth 10

    static long leaf(long i) { return i; }

    static long add(long a, long b) { return a + b; }

    static Delayed<Long> tree() {
        List<Delayed<Long>> level = new ArrayList<>();
        for (long i = 0; i < LEAVES; i++) level.add(Delayed.of(MemoryOrderingTest::leaf, i));
        while (level.size() > 1) {
            List<Delayed<Long>> next = new ArrayList<>();
            for (int i = 0; i < level.size(); i += 2) next.add(Delayed.of(MemoryOrderingTest::add, level.get(i), level.get(i + 1)));
            level = next;
        }
        return level.getFirst();
    }

    /** Counts held results after every task; O(n) per event is fine at this size. */
    static int peakHeld(Scheduler s) {
        AtomicInteger peak = new AtomicInteger();
        SchedulerListener l = new SchedulerListener() {
            @Override
            public void onTaskFinish(ComputeInfo c, TaskEvent e) {
                peak.accumulateAndGet(c.heldResults(), Math::max);
            }
        };
        long sum = tree().compute(ComputeOptions.defaults().withScheduler(s).withOptimize(false).withListener(l));
        assertThat(sum).isEqualTo((long) LEAVES * (LEAVES - 1) / 2);
        return peak.get();
    }

    @Test
    void syncHoldsAboutOneResultPerLevel() {
        assertThat(peakHeld(Schedulers.get("sync"))).isLessThanOrEqualTo(11 + 1);
    }

    @Test
    void threadsHoldAFewResultsPerLevelPerWorker() {
        try (ThreadsScheduler two = new ThreadsScheduler(2)) {
            // 2 workers × (depth + 1), plus slack for results released a moment after the event fires.
            assertThat(peakHeld(two)).isLessThanOrEqualTo(2 * 11 + 8).isLessThan(LEAVES / 8);
        }
    }
}
