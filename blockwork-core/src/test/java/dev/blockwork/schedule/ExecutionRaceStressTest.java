package dev.blockwork.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blockwork.graph.Graph;
import dev.blockwork.graph.Key;
import dev.blockwork.graph.Keys;
import dev.blockwork.graph.Task;
import dev.blockwork.graph.TaskLayer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The engine's CAS paths under contention: many tiny fan-in DAGs whose tasks finish at the same time on
 * several threads, so dependency counters, the outputs-left counter and result releases race. Each task
 * must become ready exactly once (however its dependencies finish), run exactly once, and each result must
 * be released exactly once. Seeded: the seed is in the failure message ({@code -Dblockwork.test.seed=...}).
 *
 * <p>Why not Lincheck: an {@link Execution} is driven by a scheduler through callbacks over a whole graph,
 * not by independent operations with a sequential specification; a bounded stress loop with exact counts
 * checks the property that matters (CONTRIBUTING.md, "Concurrency stress tests").
 */
@Timeout(120)
class ExecutionRaceStressTest {

    /** Runs tasks on four threads, counts every ready() per task and keeps results in a {@link HeldResultTest.Store}. */
    static final class CountingScheduler implements Scheduler {
        final HeldResultTest.Store store = new HeldResultTest.Store();
        final ExecutorService pool = Executors.newFixedThreadPool(4);
        final Map<Integer, AtomicInteger> readies = new ConcurrentHashMap<>();

        private final Object inFlightLock = new Object();
        private int inFlight; // tasks handed to the pool and not yet back: guarded by inFlightLock

        /**
         * Waits (at most {@code timeoutMs}) until no result is held: after a cancel, the outputs are fetched and
         * released on the engine's own fetch thread, after the caller has seen the cancel.
         */
        void awaitAllReleased(long timeoutMs) throws InterruptedException {
            long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
            synchronized (store) {
                long left;
                while (store.live() > 0 && (left = deadline - System.nanoTime()) > 0) store.wait(Math.max(1, left / 1_000_000));
            }
        }

        /** Waits (at most {@code timeoutMs}) until every task handed to the pool has returned, also after a cancel. */
        void awaitQuiet(long timeoutMs) throws InterruptedException {
            long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
            synchronized (inFlightLock) {
                long left;
                while (inFlight > 0 && (left = deadline - System.nanoTime()) > 0) inFlightLock.wait(Math.max(1, left / 1_000_000));
                assertThat(inFlight).as("tasks still running after %d ms", timeoutMs).isZero();
            }
        }

        @Override public String name() { return "counting"; }
        @Override public int parallelism() { return 4; }

        @Override
        public void execute(Execution exec) {
            ReadySink sink = new ReadySink() {
                @Override public void ready(int t) {
                    readies.computeIfAbsent(t, k -> new AtomicInteger()).incrementAndGet();
                    synchronized (inFlightLock) { inFlight++; }
                    pool.execute(() -> {
                        try {
                            runOne(exec, t, this);
                        } finally {
                            synchronized (inFlightLock) { if (--inFlight == 0) inFlightLock.notifyAll(); }
                        }
                    });
                }
            };
            for (int t : exec.initialReady()) sink.ready(t);
        }

        private void runOne(Execution exec, int t, ReadySink sink) {
            TaskCall call = exec.start(t, sink);
            if (call == null) return;
            Object v;
            try {
                v = call.function().apply(call.args());
            } catch (Throwable e) {
                exec.fail(t, e, null, sink);
                return;
            }
            exec.finish(t, store.put(v), new TaskReport("counting", 0, 0, 8), sink);
        }

        @Override public void close() { pool.shutdownNow(); }
    }

    /** A fan-in DAG: {@code w} sources, then nodes on 1..4 earlier nodes (mostly sources); runs counted per node. */
    record Dag(int n, int[][] deps, AtomicIntegerArray runs) {
        static Dag random(Random r) {
            int n = 3 + r.nextInt(10);
            int w = 1 + r.nextInt(n - 1);
            int[][] deps = new int[n][];
            for (int i = 0; i < n; i++) {
                int k = i < w ? 0 : 1 + r.nextInt(4);
                deps[i] = new int[k];
                for (int j = 0; j < k; j++) deps[i][j] = r.nextInt(4) == 0 ? r.nextInt(i) : r.nextInt(w);
            }
            return new Dag(n, deps, new AtomicIntegerArray(n));
        }

        long expected(int i) {
            long s = i;
            for (int d : deps[i]) s = (s + expected(d) * 31) % 1_000_003L;
            return s;
        }

        Graph graph(boolean viaKeys) {
            List<Task> tasks = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int node = i;
                List<Key> ks = new ArrayList<>();
                for (int d : deps[i]) ks.add(Key.of("n", d));
                Object[] args = viaKeys ? new Object[] {new Keys(ks)} : ks.toArray();
                tasks.add(new Task(Key.of("n", i), "node", a -> {
                    runs.incrementAndGet(node);
                    Object[] vs = viaKeys ? (Object[]) a[0] : a;
                    long s = node;
                    for (Object v : vs) s = (s + (Long) v * 31) % 1_000_003L;
                    return s;
                }, args));
            }
            return Graph.of(new TaskLayer("n", tasks, Set.of()));
        }
    }

    @Test
    void eachTaskIsReadyOnceRunsOnceAndEachResultIsReleasedOnce() { run(1000); }

    /** {@code ./build -o -Pslow -pl blockwork-core test -Dtest=ExecutionRaceStressTest -Dsurefire.failIfNoSpecifiedTests=false}. */
    @Test @Tag("slow")
    void eachTaskIsReadyOnceRunsOnceAndEachResultIsReleasedOnceLong() { run(30_000); }

    /**
     * Cancels each compute while its tasks run (from a task, or from the caller right after the start): every
     * result, also one that arrives while the end sweeps the results, is released exactly once; nothing runs twice.
     */
    @Test
    void aCancelRacingTheTasksReleasesEveryResultOnce() throws InterruptedException { cancelRun(400); }

    /** {@code ./build -o -Pslow -pl blockwork-core test -Dtest=ExecutionRaceStressTest -Dsurefire.failIfNoSpecifiedTests=false}. */
    @Test @Tag("slow")
    void aCancelRacingTheTasksReleasesEveryResultOnceLong() throws InterruptedException { cancelRun(20_000); }

    private static void cancelRun(int dags) throws InterruptedException {
        long base = Long.getLong("blockwork.test.seed", 20261201L);
        int cancelled = 0;
        try (CountingScheduler counting = new CountingScheduler()) {
            for (long seed = base; seed < base + dags; seed++) {
                Random r = new Random(seed);
                Dag d = Dag.random(r);
                int cancelAt = r.nextInt(d.n() + 1); // == n: the caller cancels
                java.util.concurrent.atomic.AtomicReference<Computation<Object[]>> ref = new java.util.concurrent.atomic.AtomicReference<>();
                Dag fresh = new Dag(d.n(), d.deps(), new AtomicIntegerArray(d.n()));
                Graph g = fresh.graph(r.nextBoolean());
                java.util.function.Function<Key, Task> lookup = k -> {
                    Task t = g.task(k);
                    if (k.index(0) != cancelAt) return t;
                    return new Task(t.key(), t.label(), a -> {
                        Object v = t.function().apply(a);
                        Computation<Object[]> c = ref.get();
                        if (c != null) c.cancel(true);
                        return v;
                    }, t.args());
                };
                counting.readies.clear();
                Computation<Object[]> c = Compute.computeAsync(lookup, List.of(Key.of("n", d.n() - 1)),
                        ComputeOptions.defaults().withScheduler(counting).withProgress(false).withOptimize(false));
                ref.set(c);
                if (cancelAt == d.n()) c.cancel(true);
                try {
                    Compute.await(c);
                } catch (java.util.concurrent.CancellationException expected) {
                    cancelled++; // the cancel won the race
                }
                counting.awaitQuiet(30_000);
                counting.awaitAllReleased(30_000);
                String where = "seed " + seed + " (rerun with -Dblockwork.test.seed=" + seed + ")";
                for (int i = 0; i < d.n(); i++) assertThat(fresh.runs().get(i)).as("%s, runs of node %d", where, i).isLessThanOrEqualTo(1);
                // no ready() count here: a task that starts while the end sweeps the results may find a released
                // input, and the engine then makes that input ready again (it never runs: the compute has ended)
                assertThat(counting.store.releasedTwice()).as("%s, results released twice", where).isEmpty();
                assertThat(counting.store.live()).as("%s, results never released", where).isZero();
            }
        }
        assertThat(cancelled).as("computes that a cancel ended, of %d", dags).isGreaterThan(dags / 10);
    }

    private static void run(int dags) {
        long base = Long.getLong("blockwork.test.seed", 20261201L);
        try (CountingScheduler counting = new CountingScheduler(); ThreadsScheduler threads = new ThreadsScheduler(4)) {
            for (long seed = base; seed < base + dags; seed++) {
                Random r = new Random(seed);
                Dag d = Dag.random(r);
                List<Key> outs = List.of(Key.of("n", d.n() - 1), Key.of("n", r.nextInt(d.n())));
                for (Scheduler s : List.of(counting, threads)) {
                    Dag fresh = new Dag(d.n(), d.deps(), new AtomicIntegerArray(d.n()));
                    counting.readies.clear();
                    ComputeOptions o = ComputeOptions.defaults().withScheduler(s).withProgress(false).withOptimize(false);
                    Object[] got = Compute.compute(fresh.graph(r.nextBoolean()), outs, o);
                    String where = "seed " + seed + " (rerun with -Dblockwork.test.seed=" + seed + "), scheduler " + s.name();
                    for (int i = 0; i < outs.size(); i++) {
                        assertThat(got[i]).as("%s, output %s", where, outs.get(i)).isEqualTo(fresh.expected(outs.get(i).index(0)));
                    }
                    // culling may leave nodes out: every node that ran, ran once; every needed node ran
                    for (int i = 0; i < d.n(); i++) assertThat(fresh.runs().get(i)).as("%s, runs of node %d", where, i).isLessThanOrEqualTo(1);
                    for (Key k : outs) assertThat(fresh.runs().get(k.index(0))).as("%s, runs of output %s", where, k).isEqualTo(1);
                    if (s == counting) {
                        counting.readies.forEach((t, n) -> assertThat(n.get()).as("%s, ready() calls for task #%d", where, t).isEqualTo(1));
                        int ran = 0;
                        for (int i = 0; i < d.n(); i++) ran += fresh.runs().get(i);
                        assertThat(counting.readies).as("%s, tasks made ready vs tasks run", where).hasSize(ran);
                        assertThat(counting.store.releasedTwice()).as("%s, results released twice", where).isEmpty();
                        assertThat(counting.store.live()).as("%s, results never released", where).isZero();
                    }
                }
            }
        }
    }
}
