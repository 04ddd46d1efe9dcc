package dev.blockwork.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blockwork.delayed.Delayed;
import dev.blockwork.schedule.Computation;
import dev.blockwork.schedule.Compute;
import dev.blockwork.schedule.ComputeInfo;
import dev.blockwork.schedule.ComputeOptions;
import dev.blockwork.schedule.SchedulerListener;
import dev.blockwork.schedule.TaskEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Work stealing on real worker JVMs ({@link LocalCluster}, 2 workers of 1 thread): tasks that locality queued on
 * the worker holding their input are taken back and run by the idle worker, each exactly once, with right results.
 */
@Timeout(300)
class ClusterStealingTest {
    static LocalCluster local;
    static final Duration WAIT = Duration.ofSeconds(120);

    @BeforeAll
    static void start() { local = LocalCluster.start(2, 1); }

    @AfterAll
    static void stop() { Leaks.closeAndCheck(local); }

    static ComputeOptions on() { return ComputeOptions.defaults().withScheduler(local.scheduler()).withProgress(false); }

    /** 128 KiB: over the locality threshold, so that every task reading it is placed where it is. */
    static double[] block(int n) {
        double[] b = new double[n];
        java.util.Arrays.fill(b, 1.0);
        return b;
    }

    /** Says it started (task {@code i}), waits (bounded) for the gate, and returns {@code i} plus the block's sum. */
    static long part(double[] block, int i, ClusterQueue<Integer> started, ClusterEvent gate) throws InterruptedException {
        started.put(i);
        if (!gate.await(WAIT.multipliedBy(2))) throw new IllegalStateException("the gate did not open"); // the test gives up first
        double s = 0;
        for (double x : block) s += x;
        return i + (long) s;
    }

    static long sum(Object[] xs) {
        long s = 0;
        for (Object x : xs) s += (Long) x;
        return s;
    }

    @Test
    void anIdleWorkerStealsTasksQueuedOnTheWorkerHoldingTheirInput() throws Exception {
        String tag = Long.toString(System.nanoTime());
        ClusterQueue<Integer> started = local.cluster().queue("started-" + tag);
        ClusterEvent gate = local.cluster().event("gate-" + tag);
        Map<String, AtomicInteger> ranOn = new ConcurrentHashMap<>();
        SchedulerListener l = new SchedulerListener() {
            @Override public boolean wantsTaskEvents() { return true; }
            @Override public void onTaskFinish(ComputeInfo c, TaskEvent e) {
                if (e.key().toString().contains("part")) ranOn.computeIfAbsent(e.worker(), k -> new AtomicInteger()).incrementAndGet();
            }
        };
        int n = 200, len = 16 << 10; // fewer than the 512 a worker may have in flight: all go where the block is
        Delayed<double[]> block = Delayed.of(ClusterStealingTest::block, len);
        List<Delayed<Long>> parts = new ArrayList<>();
        for (int i = 0; i < n; i++) parts.add(Delayed.of(ClusterStealingTest::part, block, i, started, gate));
        Delayed<Long> total = Delayed.ofN("sum", ClusterStealingTest::sum, parts.toArray());
        Computation<Long> run = total.computeAsync(on().withListener(l));
        // One thread per worker: two parts started at once means both workers run them, though all were placed on one.
        Set<Integer> seen = new HashSet<>();
        for (int k = 0; k < 2; k++) {
            Integer i = started.poll(WAIT);
            assertThat(i).as("a part started on each worker (the idle one stole some), so far " + seen).isNotNull();
            seen.add(i);
        }
        gate.set();
        long expected = 0;
        for (int i = 0; i < n; i++) expected += i + len;
        assertThat(Compute.await(run)).isEqualTo(expected);
        for (Integer i; (i = started.poll(Duration.ZERO)) != null; ) assertThat(seen.add(i)).as("part " + i + " ran once").isTrue();
        assertThat(seen).as("every part ran exactly once").hasSize(n);
        assertThat(ranOn.keySet()).as("parts ran on both workers: " + ranOn).containsExactlyInAnyOrderElementsOf(local.workerNames());
        assertThat(ranOn.values().stream().mapToInt(AtomicInteger::get).sum()).isEqualTo(n);
    }
}
