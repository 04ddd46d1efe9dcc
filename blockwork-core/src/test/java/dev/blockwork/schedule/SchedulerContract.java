package dev.blockwork.schedule;

import dev.blockwork.delayed.Delayed;
import dev.blockwork.futures.Client;
import dev.blockwork.futures.TaskFuture;
import dev.blockwork.graph.Graph;
import dev.blockwork.graph.Key;
import dev.blockwork.graph.Task;
import dev.blockwork.graph.TaskLayer;
import dev.blockwork.testing.Signals;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The engine's contract, which every scheduler passes (STYLE rule 13; Dask's {@code GetFunctionTestMixin}):
 * graphs and futures, success, shared work, long chains, failures naming key and step, dependents
 * cancelled, retries, timeouts and cancels that reach the executor, release of intermediates, listener
 * events, and random DAGs against a sequential reference. Subclasses say which scheduler:
 * {@code SyncSchedulerContractTest}, {@code ThreadsSchedulerContractTest}, and in blockwork-process
 * {@code ProcessesSchedulerContractTest} (it takes this class from core's test-jar).
 *
 * <p>Tasks signal the test through {@link Signals} (loopback sockets), so every check works when tasks
 * run in other JVMs; no in-JVM latch or counter is shared with a task. Every wait is bounded.
 */
@Timeout(180)
public abstract class SchedulerContract {
    /** Bound on every wait for a signal ({@code blockwork.test.waitSeconds}, default 60). */
    protected static final Duration WAIT = Duration.ofSeconds(Long.getLong("blockwork.test.waitSeconds", 60));
    /** Clocks of another JVM are converted to ours; allow for the conversion's own jitter. */
    static final long CLOCK_SLACK_NANOS = 20_000_000;

    protected Signals signals;

    /** The scheduler under test. */
    protected abstract Scheduler scheduler();

    /** Whether a compute can be cancelled from another thread while it runs (sync runs in the caller's thread). */
    protected boolean cancellableFromOutside() { return true; }

    @BeforeEach
    void openSignals() { signals = new Signals(); }

    @AfterEach
    void closeSignals() { signals.close(); }

    protected ComputeOptions on() {
        return ComputeOptions.defaults().withScheduler(scheduler()).withProgress(false);
    }

    static int inc(int x) { return x + 1; }

    static int add(int a, int b) { return a + b; }

    static int divideByZero(int x) { return x / 0; }

    /** Holds a signal open and sleeps until interrupted or killed; returns {@code x} if it ever wakes. */
    static int runaway(Signals.Handle h, int x) throws Exception {
        try (AutoCloseable hold = h.hold()) {
            Thread.sleep(600_000);
        }
        return x;
    }

    /** Fails until it has run {@code okOn} times (the count lives in the test JVM), then returns that count. */
    static int flaky(Signals.Handle h, int okOn) {
        int n = h.fire();
        if (n < okOn) throw new IllegalStateException("attempt " + n + " fails on purpose");
        return n;
    }

    // ---- graphs ----------------------------------------------------------------------------------

    @Test
    void computesASmallGraph() {
        Delayed<Integer> a = Delayed.of(SchedulerContract::inc, 1);
        Delayed<Integer> b = Delayed.of(SchedulerContract::inc, 2);
        Delayed<Integer> c = Delayed.of(SchedulerContract::add, a, b);
        Computation<Integer> run = c.computeAsync(on());
        assertThat(Compute.await(run)).isEqualTo(5);
        run.info().validate();
        assertThat(run.info().state(c.key())).isEqualTo(TaskState.DONE);
    }

    @Test
    void sharedWorkRunsOnceWhenComputedTogether() {
        Signals.Handle calls = signals.handle("shared");
        Delayed<Integer> shared = Delayed.of((Integer x) -> { calls.fire(); return x * 10; }, 4);
        Delayed<Integer> p = Delayed.of(SchedulerContract::inc, shared);
        Delayed<Integer> q = Delayed.of(SchedulerContract::add, shared, shared);
        List<Object> r = Delayed.computeAll(on(), List.of(p, q, shared));
        assertThat(r).containsExactly(41, 80, 40);
        assertThat(signals.count("shared")).isEqualTo(1);
    }

    @Test
    void deepChainDoesNotOverflowFusedOrNot() {
        Delayed<Integer> d = Delayed.value(0);
        for (int i = 0; i < 20_000; i++) d = Delayed.of(SchedulerContract::inc, d);
        assertThat(d.compute(on())).isEqualTo(20_000);
        assertThat(d.compute(on().withOptimize(false))).isEqualTo(20_000);
    }

    @Test
    void failureNamesKeyFunctionWorkerAndCauseAndDependentsAreCancelled() {
        Signals.Handle ran = signals.handle("dependent");
        Delayed<Integer> ok = Delayed.of(SchedulerContract::inc, 1);
        Delayed<Integer> bad = Delayed.of(SchedulerContract::divideByZero, ok);
        Delayed<Integer> after = Delayed.of((Integer x) -> { ran.fire(); return x; }, bad);
        Delayed<Integer> sibling = Delayed.of(SchedulerContract::inc, 5);
        Delayed<Integer> top = Delayed.of(SchedulerContract::add, after, sibling);
        Computation<Integer> run = top.computeAsync(on());
        assertThatThrownBy(() -> Compute.await(run))
                .isInstanceOf(TaskFailedException.class)
                .hasMessageContaining(bad.key().toString())
                .hasMessageContaining("divideByZero")
                .hasCauseInstanceOf(ArithmeticException.class)
                .satisfies(e -> {
                    TaskFailedException f = (TaskFailedException) e;
                    assertThat(f.key()).isEqualTo(bad.key());
                    assertThat(e.getCause().getStackTrace()[0].getMethodName()).isEqualTo("divideByZero");
                    assertThat(f.failure().key()).isEqualTo(bad.key());
                    assertThat(f.failure().exceptionClass()).isEqualTo(ArithmeticException.class.getName());
                    assertThat(f.failure().stackTrace()).contains("divideByZero");
                    assertThat(f.failure().worker()).isNotBlank();
                    assertThat(f.failure().attempt()).isEqualTo(1);
                });
        assertThat(signals.count("dependent")).isZero();
        assertThat(run.info().state(top.key())).isEqualTo(TaskState.CANCELLED);
        run.info().validate();
    }

    @Test
    void failureInsideAFusedChainNamesTheStep() {
        Delayed<Integer> d = Delayed.value(0);
        for (int i = 0; i < 10; i++) d = Delayed.of(SchedulerContract::inc, d);
        Delayed<Integer> bad = Delayed.of(SchedulerContract::divideByZero, d);
        Delayed<Integer> tail = Delayed.of(SchedulerContract::inc, bad);
        assertThatThrownBy(() -> tail.compute(on()))
                .isInstanceOf(TaskFailedException.class)
                .satisfies(e -> {
                    assertThat(((TaskFailedException) e).key()).isEqualTo(bad.key());
                    assertThat(((TaskFailedException) e).function()).contains("divideByZero");
                });
    }

    @Test
    void aTimeoutStopsTheRunningWorkAndTheNextComputeIsNotStarved() {
        Delayed.of(SchedulerContract::inc, 0).compute(on()); // workers up, so the runaways start at once
        int n = scheduler().parallelism();
        Signals.Handle h = signals.handle("runaway");
        List<Delayed<Integer>> runaways = new ArrayList<>();
        for (int i = 0; i < n; i++) runaways.add(Delayed.of((Integer x) -> runaway(h, x), i));
        assertThatThrownBy(() -> Delayed.computeAll(on().withTimeout(Duration.ofSeconds(3)), runaways))
                .isInstanceOf(ComputeTimeoutException.class)
                .hasMessageContaining("timed out after 3 s");
        // Usually all n started (a worker still being replaced after an earlier test may not have been ready).
        int started = signals.count("held:runaway");
        assertThat(started).as("runaway tasks that started").isBetween(1, n);
        assertThat(signals.awaitReleased("runaway", started, WAIT)).as("every runaway task that started stopped").isTrue();
        assertThat(Delayed.of(SchedulerContract::inc, 1).compute(on().withTimeout(WAIT))).isEqualTo(2);
    }

    @Test
    void cancelStopsTheRunningWorkAndDependentsNeverRun() {
        if (!cancellableFromOutside()) return;
        Signals.Handle h = signals.handle("blocker");
        Signals.Handle ran = signals.handle("dependent");
        Delayed<Integer> blocker = Delayed.of((Integer x) -> runaway(h, x), 1);
        Delayed<Integer> after = Delayed.of((Integer x) -> { ran.fire(); return x; }, blocker);
        Computation<Integer> run = after.computeAsync(on().withOptimize(false));
        assertThat(signals.awaitHeld("blocker", 1, WAIT)).isTrue();
        run.cancel(true);
        assertThatThrownBy(() -> Compute.await(run)).isInstanceOf(CancellationException.class);
        assertThat(signals.awaitReleased("blocker", 1, WAIT)).as("the cancelled task stopped").isTrue();
        assertThat(signals.count("dependent")).isZero();
        assertThat(run.info().state(after.key())).isEqualTo(TaskState.CANCELLED);
        run.info().validate();
    }

    @Test
    void retriesRunAFailingTaskAgainAndListenersSeeEachAttempt() {
        Signals.Handle h = signals.handle("flaky");
        Delayed<Integer> flaky = Delayed.of((Integer okOn) -> flaky(h, okOn), 3);
        ConcurrentLinkedQueue<TaskEvent> retried = new ConcurrentLinkedQueue<>();
        SchedulerListener l = new SchedulerListener() {
            @Override public void onTaskRetry(ComputeInfo c, TaskEvent e, Throwable cause) {
                assertThat(cause).hasMessageContaining("fails on purpose");
                retried.add(e);
            }
        };
        Computation<Integer> run = flaky.computeAsync(on().withRetries(2).withListener(l));
        assertThat(Compute.await(run)).isEqualTo(3);
        assertThat(retried).extracting(TaskEvent::attempt).containsExactly(1, 2);
        assertThat(run.info().attempts(flaky.key())).isEqualTo(3);
        assertThat(run.info().story(flaky.key())).filteredOn(t -> t.to() == TaskState.READY).hasSize(2);
        run.info().validate();

        Signals.Handle h2 = signals.handle("flaky-too-often");
        Delayed<Integer> tooFlaky = Delayed.of((Integer okOn) -> flaky(h2, okOn), 5);
        assertThatThrownBy(() -> tooFlaky.compute(on().withRetries(1)))
                .isInstanceOf(TaskFailedException.class)
                .hasMessageContaining("attempt 2 fails on purpose")
                .satisfies(e -> assertThat(((TaskFailedException) e).failure().attempt()).isEqualTo(2));
        assertThat(signals.count("flaky-too-often")).isEqualTo(2);
    }

    @Test
    void intermediateResultsAreReleasedAfterTheirLastDependent() {
        Delayed<byte[]> big = Delayed.of(() -> new byte[1 << 20]);
        Delayed<Integer> len = Delayed.of((byte[] b) -> b.length, big);
        Delayed<Integer> later = Delayed.of((Integer n) -> n, len);
        AtomicReference<TaskState> bigWhenLaterStarts = new AtomicReference<>();
        ConcurrentLinkedQueue<Key> released = new ConcurrentLinkedQueue<>();
        SchedulerListener l = new SchedulerListener() {
            @Override public void onTaskStart(ComputeInfo c, TaskEvent e) {
                if (e.key().equals(later.key())) bigWhenLaterStarts.set(c.state(big.key()));
            }
            @Override public void onTaskReleased(ComputeInfo c, Key key) { released.add(key); }
        };
        // optimize=false keeps three separate tasks (fusion would make it one task holding nothing).
        assertThat(later.compute(on().withOptimize(false).withListener(l))).isEqualTo(1 << 20);
        assertThat(bigWhenLaterStarts.get()).isEqualTo(TaskState.RELEASED);
        assertThat(released).containsExactly(big.key(), len.key()); // the output `later` is never released
    }

    @Test
    void outputsAreNeverReleased() {
        Delayed<int[]> a = Delayed.of(() -> new int[] {7});
        Delayed<Integer> b = Delayed.of((int[] x) -> x[0] + 1, a);
        List<Object> r = Delayed.computeAll(on().withOptimize(false), List.of(a, b));
        assertThat((int[]) r.get(0)).containsExactly(7);
        assertThat(r.get(1)).isEqualTo(8);
    }

    @Test
    void graphOfLayersComputesAndCullsUnneededTasks() {
        Signals.Handle unneeded = signals.handle("unneeded");
        List<Task> src = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int v = i;
            src.add(new Task(Key.of("src", i), "src", a -> v, new Object[0]));
        }
        List<Task> dbl = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            dbl.add(new Task(Key.of("dbl", i), "dbl", a -> {
                if ((int) a[0] == 3) unneeded.fire();
                return (int) a[0] * 2;
            }, new Object[] {Key.of("src", i)}));
        }
        Graph g = Graph.of(new TaskLayer("src", src, Set.of()), new TaskLayer("dbl", dbl, Set.of("src")));
        Object[] r = Compute.compute(g, List.of(Key.of("dbl", 1), Key.of("dbl", 2)), on());
        assertThat(r).containsExactly(2, 4);
        assertThat(signals.count("unneeded")).isZero();
    }

    @Test
    void listenersSeeEachTaskStartThenFinishWithWorkerAndTimes() {
        AtomicInteger starts = new AtomicInteger(), finishes = new AtomicInteger();
        ConcurrentLinkedQueue<TaskEvent> events = new ConcurrentLinkedQueue<>();
        SchedulerListener l = new SchedulerListener() {
            @Override public void onComputeStart(ComputeInfo c) { starts.incrementAndGet(); }
            @Override public void onTaskStart(ComputeInfo c, TaskEvent e) { events.add(e); }
            @Override public void onTaskFinish(ComputeInfo c, TaskEvent e) { events.add(e); }
            @Override public void onComputeFinish(ComputeInfo c, Throwable e) { finishes.incrementAndGet(); }
        };
        Delayed<Integer> a = Delayed.of(SchedulerContract::inc, 1);
        Delayed<Integer> b = Delayed.of(SchedulerContract::inc, 3);
        Delayed<Integer> c = Delayed.of(SchedulerContract::add, a, b);
        long before = System.nanoTime();
        assertThat(c.compute(on().withOptimize(false).withListener(l))).isEqualTo(6);
        long after = System.nanoTime();
        List<TaskEvent> seen = List.copyOf(events);
        for (Delayed<Integer> d : List.of(a, b, c)) {
            List<TaskEvent> mine = seen.stream().filter(e -> e.key().equals(d.key())).toList();
            assertThat(mine).extracting(TaskEvent::state).containsExactly(TaskState.RUNNING, TaskState.DONE);
            TaskEvent done = mine.get(1);
            assertThat(done.attempt()).isEqualTo(1);
            assertThat(done.worker()).isNotBlank();
            assertThat(done.startNanos()).isBetween(before - CLOCK_SLACK_NANOS, done.endNanos());
            assertThat(done.endNanos()).isLessThanOrEqualTo(after + CLOCK_SLACK_NANOS);
        }
        Delayed<Integer> bad = Delayed.of(SchedulerContract::divideByZero, 1);
        assertThatThrownBy(() -> bad.compute(on().withListener(l))).isInstanceOf(TaskFailedException.class);
        assertThat(events).filteredOn(e -> e.key().equals(bad.key())).extracting(TaskEvent::state)
                .containsExactly(TaskState.RUNNING, TaskState.ERRED);
        assertThat(starts.get()).isEqualTo(2);
        assertThat(finishes.get()).isEqualTo(2);
    }

    @Test
    void randomDagsMatchTheSequentialReference() {
        long base = Long.getLong("blockwork.test.seed", 20261125L);
        for (long seed = base; seed < base + 25; seed++) {
            Random r = new Random(seed);
            RandomDagPropertyTest.Dag d = RandomDagPropertyTest.randomDag(r);
            long[] expected = RandomDagPropertyTest.reference(d);
            Graph g = RandomDagPropertyTest.graph(d);
            List<Key> outs = new ArrayList<>();
            int nOut = 1 + r.nextInt(Math.min(d.n(), 5));
            for (int i = 0; i < nOut; i++) outs.add(Key.of("n", r.nextInt(d.n())));
            outs.add(Key.of("n", d.n() - 1));
            for (boolean fuse : new boolean[] {true, false}) {
                Object[] got = Compute.compute(g, outs, on().withOptimize(fuse));
                for (int i = 0; i < outs.size(); i++) {
                    assertThat((Long) got[i])
                            .as("seed %d (rerun with -Dblockwork.test.seed=%d), fuse %s, output %s", seed, seed, fuse, outs.get(i))
                            .isEqualTo(expected[outs.get(i).index(0)]);
                }
            }
        }
    }

    // ---- futures ---------------------------------------------------------------------------------

    @Test
    void futuresRunOnTheEngineWithEventsAndTheSameFailureType() {
        ConcurrentLinkedQueue<TaskEvent> finished = new ConcurrentLinkedQueue<>();
        AtomicInteger futureComputes = new AtomicInteger();
        SchedulerListener l = new SchedulerListener() {
            @Override public void onComputeStart(ComputeInfo c) { if (c.isFutures()) futureComputes.incrementAndGet(); }
            @Override public void onTaskFinish(ComputeInfo c, TaskEvent e) { finished.add(e); }
        };
        try (Client client = Client.create(on().withListener(l))) {
            TaskFuture<Integer> a = client.submit(SchedulerContract::inc, 1);
            TaskFuture<Integer> b = client.submit(SchedulerContract::add, a, 10);
            List<TaskFuture<Integer>> fs = client.map(SchedulerContract::inc, List.of(1, 2, 3));
            assertThat(b.result()).isEqualTo(12);
            assertThat(client.gather(fs)).containsExactly(2, 3, 4);
            TaskFuture<Integer> bad = client.submit(SchedulerContract::divideByZero, 1);
            assertThatThrownBy(bad::result).isInstanceOf(TaskFailedException.class)
                    .hasCauseInstanceOf(ArithmeticException.class)
                    .satisfies(e -> assertThat(((TaskFailedException) e).key()).isEqualTo(bad.key()));
            TaskFuture<Integer> afterBad = client.submit(SchedulerContract::inc, bad);
            assertThatThrownBy(afterBad::result).isInstanceOf(TaskFailedException.class)
                    .satisfies(e -> assertThat(((TaskFailedException) e).key()).isEqualTo(bad.key()));
            assertThat(afterBad.status()).isEqualTo("error");
        }
        assertThat(finished).extracting(TaskEvent::state).hasSize(6).containsOnlyOnce(TaskState.ERRED);
        assertThat(futureComputes.get()).isEqualTo(4); // a, b, the map batch, bad
    }

    @Test
    void futuresRetryLikeGraphs() {
        Signals.Handle h = signals.handle("flaky-future");
        try (Client client = Client.create(on().withRetries(2))) {
            TaskFuture<Integer> f = client.submit((Integer okOn) -> flaky(h, okOn), 3);
            assertThat(f.result(WAIT)).isEqualTo(3);
        }
    }

    @Test
    void cancellingARunningFutureStopsItsWorkAndOthersGoOn() {
        if (!cancellableFromOutside()) return;
        Signals.Handle h = signals.handle("future-runaway");
        try (Client client = Client.create(on())) {
            TaskFuture<Integer> f = client.submit((Integer x) -> runaway(h, x), 1);
            assertThat(signals.awaitHeld("future-runaway", 1, WAIT)).isTrue();
            assertThat(f.cancel(true)).isTrue();
            assertThat(signals.awaitReleased("future-runaway", 1, WAIT)).as("the cancelled future's task stopped").isTrue();
            assertThat(f.status()).isEqualTo("cancelled");
            assertThat(client.submit(SchedulerContract::inc, 41).result(WAIT)).isEqualTo(42);
        }
    }
}
