package dev.blockwork.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blockwork.delayed.Delayed;
import dev.blockwork.schedule.Computation;
import dev.blockwork.schedule.Compute;
import dev.blockwork.schedule.ComputeInfo;
import dev.blockwork.schedule.SchedulerListener;
import dev.blockwork.schedule.TaskEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Work stealing on real worker JVMs ({@link LocalCluster}, 2 workers of 1 thread): tasks that locality queued on
 * the worker holding their input are taken back and run by the idle worker, each exactly once, with right results;
 * a compute cancelled after such a steal leaves no task running on either worker; a thief killed with stolen tasks
 * has them run again on the worker left, with the right result (last: it ends a worker).
 */
@Timeout(300)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterStealingTest extends TwoWorkerClusterTest {
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

    static final int N = 200, LEN = 16 << 10; // fewer parts than the 512 a worker may have in flight: all go where the block is

    /**
     * {@value #N} parts of one 128 KiB block, each saying it started on {@code started} and waiting for {@code gate}.
     * Each call labels its parts anew ({@code part-<n>}): the client learns how long a label's tasks take, and parts
     * that ran at once after an earlier test's gate opened must not make this test's parts look too short to steal.
     */
    static Delayed<Long> gatedParts(ClusterQueue<Integer> started, ClusterEvent gate) {
        Delayed<double[]> block = Delayed.of(ClusterStealingTest::block, LEN);
        String label = "part-" + LABELS.incrementAndGet();
        List<Delayed<Long>> parts = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            parts.add(Delayed.ofN(label, xs -> part((double[]) xs[0], (Integer) xs[1], castQueue(xs[2]), (ClusterEvent) xs[3]), block, i, started, gate));
        }
        return Delayed.ofN("sum", ClusterStealingTest::sum, parts.toArray());
    }

    private static final AtomicInteger LABELS = new AtomicInteger();

    @SuppressWarnings("unchecked")
    private static ClusterQueue<Integer> castQueue(Object q) { return (ClusterQueue<Integer>) q; }

    static long expectedSum() {
        long expected = 0;
        for (int i = 0; i < N; i++) expected += i + LEN;
        return expected;
    }

    /**
     * Waits (bounded) until two parts have started: with one thread per worker, that means both workers run parts,
     * though all were placed on the one holding the block. Returns the parts seen.
     */
    static Set<Integer> awaitBothWorkersRunning(ClusterQueue<Integer> started) throws InterruptedException {
        Set<Integer> seen = new HashSet<>();
        for (int k = 0; k < 2; k++) {
            Integer i = started.poll(WAIT);
            assertThat(i).as("a part started on each worker (the idle one stole some), so far " + seen).isNotNull();
            seen.add(i);
        }
        return seen;
    }

    @Test
    @Order(1)
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
        int n = N;
        long servedBefore = fetchesServed();
        Computation<Long> run = gatedParts(started, gate).computeAsync(on().withListener(l));
        Set<Integer> seen = awaitBothWorkersRunning(started);
        gate.set();
        assertThat(Compute.await(run)).isEqualTo(expectedSum());
        for (Integer i; (i = started.poll(Duration.ZERO)) != null; ) assertThat(seen.add(i)).as("part " + i + " ran once").isTrue();
        assertThat(seen).as("every part ran exactly once").hasSize(n);
        assertThat(ranOn.keySet()).as("parts ran on both workers: " + ranOn).containsExactlyInAnyOrderElementsOf(local.workerNames());
        assertThat(ranOn.values().stream().mapToInt(AtomicInteger::get).sum()).isEqualTo(n);
        int stolenRun = ranOn.values().stream().mapToInt(AtomicInteger::get).min().orElse(0);
        assertThat(stolenRun).as("the thief ran several parts").isGreaterThan(2);
        assertThat(fetchesServed() - servedBefore).as("the thief fetched the block once and kept it for its next parts (%d ran there)", stolenRun)
                .isLessThanOrEqualTo(2);
    }

    /** Values served by every worker so far ({@code WorkerRuntime.fetchesServed}), asked of each member. */
    static long fetchesServed() throws Exception {
        var hz = local.cluster().hz();
        long n = 0;
        for (var f : hz.getExecutorService(dev.blockwork.cluster.internal.HazelcastConfigs.EXECUTOR).submitToAllMembers(new Served()).values()) {
            n += f.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
        return n;
    }

    static final class Served implements java.util.concurrent.Callable<Long>, java.io.Serializable, com.hazelcast.core.HazelcastInstanceAware {
        private static final long serialVersionUID = 1L;
        private transient com.hazelcast.core.HazelcastInstance hz;

        @Override public void setHazelcastInstance(com.hazelcast.core.HazelcastInstance hz) { this.hz = hz; }

        @Override public Long call() { return dev.blockwork.cluster.internal.WorkerRuntime.of(hz).fetchesServed(); }
    }

    /**
     * A compute cancelled while its parts are split between the worker holding their input and the one that stole
     * some ends cancelled, and leaves no part running on either worker: the next compute of one thread per worker
     * completes (a stolen part that missed the cancel would hold its worker's only thread at the closed gate).
     */
    @Test
    @Order(2)
    void aComputeCancelledAfterAStealLeavesNoTaskRunning() throws Exception {
        String tag = Long.toString(System.nanoTime());
        ClusterQueue<Integer> started = local.cluster().queue("started-" + tag);
        ClusterEvent never = local.cluster().event("never-" + tag);
        Computation<Long> run = gatedParts(started, never).computeAsync(on());
        awaitBothWorkersRunning(started);
        run.cancel(true);
        assertThatThrownBy(() -> Compute.await(run)).isInstanceOf(CancellationException.class);
        ClusterQueue<Integer> startedAgain = local.cluster().queue("again-" + tag);
        ClusterEvent open = local.cluster().event("open-" + tag);
        open.set();
        assertThat(gatedParts(startedAgain, open).computeAsync(on()).get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(expectedSum());
        Set<Integer> seen = new HashSet<>();
        for (Integer i; (i = startedAgain.poll(Duration.ZERO)) != null; ) assertThat(seen.add(i)).as("part " + i + " ran once").isTrue();
        assertThat(seen).hasSize(N);
    }

    /**
     * Sets {@code gate}, asking again (bounded by {@link #WAIT}) while the cluster still routes it to a member just
     * killed (its partitions move to the member left once the client sees it go).
     */
    static void setOnceReachable(ClusterEvent gate) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try {
                gate.set();
                return;
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline) throw e;
                Thread.sleep(20); // a poll of the cluster's view, not a wait for our own work
            }
        }
    }

    /**
     * The thief (the worker not holding the block) is killed while it runs a stolen part and holds others: the
     * membership listener fails what it had (the re-shipped entries are on its map), the engine runs them again on
     * the worker left, and the sum is right, each part finishing once.
     */
    @Test
    @Order(3)
    void aThiefKilledWithStolenTasksHasThemRunAgainElsewhere() throws Exception {
        String tag = Long.toString(System.nanoTime());
        ClusterQueue<Integer> started = local.cluster().queue("started-" + tag);
        ClusterEvent gate = local.cluster().event("gate-" + tag);
        Map<String, String> blockOn = new ConcurrentHashMap<>();
        Set<String> finished = ConcurrentHashMap.newKeySet();
        List<String> twice = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger retried = new AtomicInteger();
        SchedulerListener l = new SchedulerListener() {
            @Override public boolean wantsTaskEvents() { return true; }
            @Override public void onTaskFinish(ComputeInfo c, TaskEvent e) {
                String key = e.key().toString();
                if (key.contains("block")) blockOn.put("block", e.worker());
                if (!finished.add(key)) twice.add(key);
            }
            @Override public void onTaskRetry(ComputeInfo c, TaskEvent e, Throwable cause) { retried.incrementAndGet(); }
        };
        Computation<Long> run = gatedParts(started, gate).computeAsync(on().withListener(l));
        awaitBothWorkersRunning(started);
        List<String> names = local.workerNames();
        assertThat(blockOn).as("the block's worker is known once a part runs").containsKey("block");
        int thief = names.get(0).equals(blockOn.get("block")) ? 1 : 0;
        local.kill(thief);
        setOnceReachable(gate);
        assertThat(run.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(expectedSum());
        assertThat(twice).as("no task finished twice").isEmpty();
        assertThat(retried).as("the thief's tasks were run again").hasPositiveValue();
    }
}
