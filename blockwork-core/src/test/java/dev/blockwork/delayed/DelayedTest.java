package dev.blockwork.delayed;

import dev.blockwork.graph.Key;
import dev.blockwork.schedule.Compute;
import dev.blockwork.schedule.ComputeOptions;
import dev.blockwork.schedule.ThreadsScheduler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(60)
class DelayedTest {
    static int inc(int x) { return x + 1; }

    @Test
    void labelsComeFromMethodReferences() {
        Delayed<Integer> d = Delayed.of(DelayedTest::inc, 1);
        assertThat(d.key().name()).startsWith("inc-");
        assertThat(Delayed.of((Integer x) -> x, 1).key().name()).startsWith("lambda-");
        assertThat(d.named("plus-one").key().name()).startsWith("plus-one-");
    }

    @Test
    void persistComputesOnceAndLaterComputesReuseIt() {
        AtomicInteger runs = new AtomicInteger();
        Delayed<Integer> costly = Delayed.of((Integer x) -> { runs.incrementAndGet(); return x * 2; }, 21);
        Delayed<Integer> kept = costly.persist();
        assertThat(runs.get()).isEqualTo(1);
        assertThat(kept.key()).isEqualTo(costly.key());
        assertThat(Delayed.of(DelayedTest::inc, kept).compute()).isEqualTo(43);
        assertThat(kept.then(DelayedTest::inc).compute()).isEqualTo(43);
        assertThat(runs.get()).isEqualTo(1);
    }

    @Test
    void computeAsyncCompletesAndListsWork() throws Exception {
        Delayed<List<Integer>> all = Delayed.all(List.of(Delayed.of(DelayedTest::inc, 1), Delayed.of(DelayedTest::inc, 2)));
        assertThat(all.computeAsync().get(30, TimeUnit.SECONDS)).containsExactly(2, 3);
    }

    @Test
    void graphHoldsEveryReachableTask() {
        Delayed<Integer> a = Delayed.of(DelayedTest::inc, 1);
        Delayed<Integer> b = Delayed.of(DelayedTest::inc, a);
        var g = b.graph();
        assertThat(g.layers()).hasSize(2);
        assertThat(Compute.compute(g, List.of(b.key()), ComputeOptions.defaults())).containsExactly(3);
    }

    @Test
    void keysAsArgumentsAreRejectedWithAHint() {
        assertThatThrownBy(() -> Delayed.of(DelayedTest::inc, Key.of("x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pass the Delayed value");
    }

    @Test
    void closingAPrivatePoolLeavesNoThreads() throws Exception {
        ThreadsScheduler pool = new ThreadsScheduler(3);
        Delayed<Integer> d = Delayed.of(DelayedTest::inc, Delayed.of(DelayedTest::inc, 1));
        assertThat(d.compute(ComputeOptions.defaults().withScheduler(pool))).isEqualTo(3);
        pool.close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline && poolThreadsAlive(pool) > 0) Thread.sleep(20);
        assertThat(poolThreadsAlive(pool)).isZero();
    }

    static long poolThreadsAlive(ThreadsScheduler pool) {
        // private pools name their threads blockwork-threads-<pool>-<n>; the shared pool is created first, so it is never the newest
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("blockwork-threads-") && t.getName().startsWith(prefixOf(pool)))
                .count();
    }

    static String prefixOf(ThreadsScheduler pool) {
        return "blockwork-threads-" + pool.poolId() + "-";
    }
}
