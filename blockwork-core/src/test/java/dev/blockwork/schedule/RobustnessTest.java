package dev.blockwork.schedule;

import dev.blockwork.delayed.Delayed;
import dev.blockwork.futures.Client;
import dev.blockwork.futures.TaskFuture;
import dev.blockwork.futures.WaitMode;
import dev.blockwork.graph.Key;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Regression tests from the core review: nothing hangs, nothing leaks an interrupt. */
@Timeout(60)
class RobustnessTest {

    @ParameterizedTest @ValueSource(strings = {"sync", "threads"})
    void aListenerThatThrowsAnErrorDoesNotHangTheCompute(String scheduler) {
        SchedulerListener bad = new SchedulerListener() {
            @Override public void onTaskStart(ComputeInfo c, TaskEvent e) { throw new AssertionError("listener bug"); }
            @Override public void onComputeFinish(ComputeInfo c, Throwable e) { throw new AssertionError("listener bug"); }
        };
        Delayed<Integer> d = Delayed.of((Integer x) -> x + 1, Delayed.of(() -> 1));
        assertThat(d.compute(ComputeOptions.defaults().withScheduler(scheduler).withListener(bad).withOptimize(false))).isEqualTo(2);
    }

    @Test
    void aSyncComputeKeepsTheCallersInterruptFlag() {
        Thread.currentThread().interrupt();
        try {
            int r = Delayed.of(() -> 7).compute(ComputeOptions.defaults().withScheduler("sync"));
            assertThat(r).isEqualTo(7);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void waitOnNothingReturnsAtOnceAndAsCompletedCanBeIteratedTwice() {
        try (Client c = Client.create("threads")) {
            assertThat(c.<Integer>wait(List.of(), WaitMode.FIRST_COMPLETED, null).done()).isEmpty();
            List<TaskFuture<Integer>> fs = List.of(c.submit(() -> 1), c.submit(() -> 2));
            Iterable<TaskFuture<Integer>> it = c.asCompleted(fs, Duration.ofSeconds(30));
            for (int round = 0; round < 2; round++) {
                List<Integer> got = new ArrayList<>();
                for (TaskFuture<Integer> f : it) got.add(f.result());
                assertThat(got).containsExactlyInAnyOrder(1, 2);
            }
        }
    }
}
