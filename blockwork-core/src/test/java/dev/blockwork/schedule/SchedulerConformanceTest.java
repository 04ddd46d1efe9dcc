package dev.blockwork.schedule;

import dev.blockwork.delayed.Delayed;
import dev.blockwork.graph.Graph;
import dev.blockwork.graph.Key;
import dev.blockwork.graph.Task;
import dev.blockwork.graph.TaskLayer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The same graph tests for every scheduler (STYLE rule 13). */
@Timeout(60)
class SchedulerConformanceTest {
    static final ThreadsScheduler ONE = new ThreadsScheduler(1);
    static final ThreadsScheduler FOUR = new ThreadsScheduler(4);

    static Stream<Scheduler> schedulers() {
        return Stream.of(Schedulers.get("sync"), Schedulers.get("threads"), ONE, FOUR);
    }

    @AfterAll
    static void closePools() {
        ONE.close();
        FOUR.close();
    }

    static ComputeOptions on(Scheduler s) {
        return ComputeOptions.defaults().withScheduler(s).withProgress(false);
    }

    static int inc(int x) { return x + 1; }

    static int add(int a, int b) { return a + b; }

    @ParameterizedTest(autoCloseArguments = false) @MethodSource("schedulers")
    void computesASmallGraph(Scheduler s) {
        Delayed<Integer> a = Delayed.of(SchedulerConformanceTest::inc, 1);
        Delayed<Integer> b = Delayed.of(SchedulerConformanceTest::inc, 2);
        Delayed<Integer> c = Delayed.of(SchedulerConformanceTest::add, a, b);
        assertThat(c.compute(on(s))).isEqualTo(5);
    }

    @ParameterizedTest(autoCloseArguments = false) @MethodSource("schedulers")
    void sharedWorkRunsOnceWhenComputedTogether(Scheduler s) {
        AtomicInteger calls = new AtomicInteger();
        Delayed<Integer> shared = Delayed.of((Integer x) -> { calls.incrementAndGet(); return x * 10; }, 4);
        Delayed<Integer> p = Delayed.of(SchedulerConformanceTest::inc, shared);
        Delayed<Integer> q = Delayed.of(SchedulerConformanceTest::add, shared, shared);
        List<Object> r = Delayed.computeAll(on(s), List.of(p, q, shared));
        assertThat(r).containsExactly(41, 80, 40);
        assertThat(calls.get()).isEqualTo(1);
    }

    @ParameterizedTest(autoCloseArguments = false) @MethodSource("schedulers")
    void deepChainDoesNotOverflowAndIsFused(Scheduler s) {
        Delayed<Integer> d = Delayed.value(0);
        for (int i = 0; i < 20_000; i++) d = Delayed.of(SchedulerConformanceTest::inc, d);
        assertThat(d.compute(on(s))).isEqualTo(20_000);
        assertThat(d.compute(on(s).withOptimize(false))).isEqualTo(20_000);
    }

    @ParameterizedTest(autoCloseArguments = false) @MethodSource("schedulers")
    void failureNamesKeyFunctionAndCauseAndDependentsNeverRun(Scheduler s) {
        AtomicBoolean dependentRan = new AtomicBoolean();
        Delayed<Integer> ok = Delayed.of(SchedulerConformanceTest::inc, 1);
        Delayed<Integer> bad = Delayed.of(SchedulerConformanceTest::divideByZero, ok);
        Delayed<Integer> after = Delayed.of((Integer x) -> { dependentRan.set(true); return x; }, bad);
        Delayed<Integer> sibling = Delayed.of(SchedulerConformanceTest::inc, 5);
        Delayed<Integer> top = Delayed.of(SchedulerConformanceTest::add, after, sibling);
        assertThatThrownBy(() -> top.compute(on(s)))
                .isInstanceOf(TaskFailedException.class)
                .hasMessageContaining(bad.key().toString())
                .hasMessageContaining("divideByZero")
                .hasCauseInstanceOf(ArithmeticException.class)
                .satisfies(e -> {
                    assertThat(((TaskFailedException) e).key()).isEqualTo(bad.key());
                    assertThat(e.getCause().getStackTrace()[0].getMethodName()).isEqualTo("divideByZero");
                });
        assertThat(dependentRan).isFalse();
    }

    @ParameterizedTest(autoCloseArguments = false) @MethodSource("schedulers")
    void failureInsideAFusedChainNamesTheStep(Scheduler s) {
        Delayed<Integer> d = Delayed.value(0);
        for (int i = 0; i < 10; i++) d = Delayed.of(SchedulerConformanceTest::inc, d);
        Delayed<Integer> bad = Delayed.of(SchedulerConformanceTest::divideByZero, d);
        Delayed<Integer> tail = Delayed.of(SchedulerConformanceTest::inc, bad);
        assertThatThrownBy(() -> tail.compute(on(s)))
                .isInstanceOf(TaskFailedException.class)
                .hasMessageContaining(bad.key().toString());
    }

    static int divideByZero(int x) { return x / 0; }

    @ParameterizedTest(autoCloseArguments = false) @MethodSource("schedulers")
    void timeoutEndsTheComputeAndInterruptsRunningTasks(Scheduler s) throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        Delayed<Integer> slow = Delayed.of(() -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
            return 1;
        });
        assertThatThrownBy(() -> slow.compute(on(s).withTimeout(Duration.ofMillis(200))))
                .isInstanceOf(ComputeTimeoutException.class)
                .hasMessageContaining("timed out");
        assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @ParameterizedTest(autoCloseArguments = false) @MethodSource("schedulers")
    void cancelStopsTheComputeAndDependentsNeverRun(Scheduler s) throws Exception {
        if (s instanceof SyncScheduler) return; // sync runs in the caller: nothing to cancel from outside while it runs
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean dependentRan = new AtomicBoolean();
        Delayed<Integer> blocker = Delayed.of(() -> {
            started.countDown();
            Thread.sleep(60_000);
            return 1;
        });
        Delayed<Integer> after = Delayed.of((Integer x) -> { dependentRan.set(true); return x; }, blocker);
        Computation<Integer> c = after.computeAsync(on(s));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        c.cancel(true);
        assertThatThrownBy(() -> Compute.await(c)).isInstanceOf(CancellationException.class);
        assertThat(dependentRan).isFalse();
    }

    @ParameterizedTest(autoCloseArguments = false) @MethodSource("schedulers")
    void intermediateResultsAreReleasedAfterTheirLastDependent(Scheduler s) {
        List<WeakReference<Object>> refs = new ArrayList<>();
        Delayed<byte[]> big = Delayed.of(() -> {
            byte[] b = new byte[1 << 20];
            synchronized (refs) { refs.add(new WeakReference<>(b)); }
            return b;
        });
        Delayed<Integer> len = Delayed.of((byte[] b) -> b.length, big);
        Delayed<Integer> later = Delayed.of((Integer n) -> {
            // `big` has no dependent left once `len` ran: its result must be gone by now.
            for (int i = 0; i < 50 && refs.getFirst().get() != null; i++) {
                System.gc();
                Thread.sleep(20);
            }
            return refs.getFirst().get() == null ? n : -1;
        }, len);
        // optimize=false keeps three separate tasks (fusion would make it one task holding nothing).
        assertThat(later.compute(on(s).withOptimize(false))).isEqualTo(1 << 20);
    }

    @ParameterizedTest(autoCloseArguments = false) @MethodSource("schedulers")
    void outputsAreNeverReleased(Scheduler s) {
        Delayed<int[]> a = Delayed.of(() -> new int[] {7});
        Delayed<Integer> b = Delayed.of((int[] x) -> x[0] + 1, a);
        List<Object> r = Delayed.computeAll(on(s).withOptimize(false), List.of(a, b));
        assertThat((int[]) r.get(0)).containsExactly(7);
        assertThat(r.get(1)).isEqualTo(8);
    }

    @ParameterizedTest(autoCloseArguments = false) @MethodSource("schedulers")
    void graphOfLayersComputesAndCullsUnneededTasks(Scheduler s) {
        AtomicInteger unneededRuns = new AtomicInteger();
        List<Task> src = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int v = i;
            src.add(new Task(Key.of("src", i), "src", a -> v, new Object[0]));
        }
        List<Task> dbl = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            dbl.add(new Task(Key.of("dbl", i), "dbl", a -> {
                if ((int) a[0] == 3) unneededRuns.incrementAndGet();
                return (int) a[0] * 2;
            }, new Object[] {Key.of("src", i)}));
        }
        Graph g = Graph.of(new TaskLayer("src", src, Set.of()), new TaskLayer("dbl", dbl, Set.of("src")));
        Object[] r = Compute.compute(g, List.of(Key.of("dbl", 1), Key.of("dbl", 2)), on(s));
        assertThat(r).containsExactly(2, 4);
        assertThat(unneededRuns.get()).isZero();
    }

    @ParameterizedTest(autoCloseArguments = false) @MethodSource("schedulers")
    void everyComputeEmitsStartAndFinishOnce(Scheduler s) {
        AtomicInteger starts = new AtomicInteger(), finishes = new AtomicInteger(), taskEvents = new AtomicInteger();
        SchedulerListener l = new SchedulerListener() {
            @Override public void onComputeStart(ComputeInfo c) { starts.incrementAndGet(); }
            @Override public void onTaskFinish(ComputeInfo c, Key k, String label, TaskState st, long t0, long t1) { taskEvents.incrementAndGet(); }
            @Override public void onComputeFinish(ComputeInfo c, Throwable e) { finishes.incrementAndGet(); }
        };
        Delayed<Integer> a = Delayed.of(SchedulerConformanceTest::inc, 1);
        Delayed<Integer> b = Delayed.of(SchedulerConformanceTest::add, a, Delayed.of(SchedulerConformanceTest::inc, 3));
        assertThat(b.compute(on(s).withListener(l))).isEqualTo(6);
        Delayed<Integer> bad = Delayed.of(SchedulerConformanceTest::divideByZero, 1);
        assertThatThrownBy(() -> bad.compute(on(s).withListener(l))).isInstanceOf(TaskFailedException.class);
        assertThat(starts.get()).isEqualTo(2);
        assertThat(finishes.get()).isEqualTo(2);
        assertThat(taskEvents.get()).isEqualTo(4);
    }
}
