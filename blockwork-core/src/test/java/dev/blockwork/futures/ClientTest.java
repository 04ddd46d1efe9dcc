package dev.blockwork.futures;

import dev.blockwork.schedule.ComputeTimeoutException;
import dev.blockwork.schedule.Scheduler;
import dev.blockwork.schedule.Schedulers;
import dev.blockwork.schedule.TaskFailedException;
import dev.blockwork.schedule.ThreadsScheduler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(60)
class ClientTest {
    static int inc(int x) { return x + 1; }

    static int add(int a, int b) { return a + b; }

    @ParameterizedTest @ValueSource(strings = {"sync", "threads"})
    void submitMapGather(String scheduler) {
        try (Client c = Client.create(scheduler)) {
            TaskFuture<Integer> a = c.submit(ClientTest::inc, 1);
            TaskFuture<Integer> b = c.submit(ClientTest::add, a, 10);   // future as an argument
            assertThat(b.result()).isEqualTo(12);
            List<Integer> in = new ArrayList<>();
            for (int i = 0; i < 1000; i++) in.add(i);
            List<Integer> out = c.gather(c.map(ClientTest::inc, in));
            for (int i = 0; i < 1000; i++) assertThat(out.get(i)).isEqualTo(i + 1);
            assertThat(a.status()).isEqualTo("finished");
        }
    }

    @Test
    void aFailedFutureNamesItsKeyAndPropagatesToDependents() {
        try (Client c = Client.create("threads")) {
            TaskFuture<Integer> bad = c.submit((Integer x) -> x / 0, 1);
            TaskFuture<Integer> dep = c.submit(ClientTest::inc, bad);
            assertThatThrownBy(bad::result).isInstanceOf(TaskFailedException.class)
                    .hasMessageContaining(bad.key().toString()).hasCauseInstanceOf(ArithmeticException.class);
            assertThatThrownBy(dep::result).isInstanceOf(TaskFailedException.class).hasMessageContaining(bad.key().toString());
            assertThat(bad.exception()).isInstanceOf(TaskFailedException.class);
            assertThat(bad.status()).isEqualTo("error");
            assertThatThrownBy(() -> c.gather(List.of(bad))).isInstanceOf(TaskFailedException.class);
        }
    }

    @Test
    void asCompletedYieldsInFinishOrder() throws Exception {
        try (Client c = Client.create("threads")) {
            CountDownLatch release = new CountDownLatch(1);
            TaskFuture<String> slow = c.submit(() -> { release.await(); return "slow"; });
            TaskFuture<String> fast = c.submit(() -> "fast");
            List<String> order = new ArrayList<>();
            boolean first = true;
            for (TaskFuture<String> f : c.asCompleted(List.of(slow, fast), Duration.ofSeconds(30))) {
                order.add(f.result());
                if (first) { release.countDown(); first = false; }
            }
            assertThat(order).containsExactly("fast", "slow");
        }
    }

    @Test
    void asCompletedTimesOut() {
        try (Client c = Client.create("threads")) {
            CountDownLatch never = new CountDownLatch(1);
            TaskFuture<String> stuck = c.submit(() -> { never.await(30, TimeUnit.SECONDS); return "late"; });
            var it = c.asCompleted(List.of(stuck), Duration.ofMillis(100)).iterator();
            assertThatThrownBy(it::next).isInstanceOf(ComputeTimeoutException.class).hasMessageContaining("1 of 1");
            never.countDown();
        }
    }

    @Test
    void waitAllFirstAndTimeout() throws Exception {
        try (Client c = Client.create("threads")) {
            CountDownLatch gate = new CountDownLatch(1);
            TaskFuture<Integer> quick = c.submit(() -> 1);
            TaskFuture<Integer> held = c.submit(() -> { gate.await(30, TimeUnit.SECONDS); return 2; });
            WaitResult<Integer> first = c.wait(List.of(quick, held), WaitMode.FIRST_COMPLETED, Duration.ofSeconds(30));
            assertThat(first.done()).contains(quick);
            WaitResult<Integer> timedOut = c.wait(List.of(quick, held), WaitMode.ALL_COMPLETED, Duration.ofMillis(50));
            assertThat(timedOut.notDone()).containsExactly(held);
            gate.countDown();
            WaitResult<Integer> all = c.wait(List.of(quick, held), WaitMode.ALL_COMPLETED, Duration.ofSeconds(30));
            assertThat(all.notDone()).isEmpty();
            TaskFuture<Integer> bad = c.submit(() -> { throw new IllegalStateException("x"); });
            WaitResult<Integer> fe = c.wait(List.of(bad), WaitMode.FIRST_EXCEPTION, Duration.ofSeconds(30));
            assertThat(fe.done()).containsExactly(bad);
        }
    }

    @Test
    void cancelledFuturesNeverRun() throws Exception {
        try (ThreadsScheduler one = new ThreadsScheduler(1); Client c = Client.create(one, false)) {
            CountDownLatch gate = new CountDownLatch(1);
            TaskFuture<Integer> blocker = c.submit(() -> { gate.await(30, TimeUnit.SECONDS); return 0; });
            AtomicBoolean ran = new AtomicBoolean();
            TaskFuture<Integer> queued = c.submit(() -> { ran.set(true); return 1; });
            c.cancel(List.of(queued));
            gate.countDown();
            assertThat(blocker.result()).isZero();
            assertThatThrownBy(queued::result).isInstanceOf(CancellationException.class);
            assertThat(queued.status()).isEqualTo("cancelled");
            c.submit(() -> 2).result(); // the single worker has passed the cancelled task
            assertThat(ran).isFalse();
        }
    }

    @Test
    void tasksThatSubmitAndWaitDoNotDeadlockASmallPool() {
        try (ThreadsScheduler two = new ThreadsScheduler(2); Client c = Client.create(two, false)) {
            // Each level waits on two children: 2^6 - 1 blocked waiters on a 2-thread pool.
            TaskFuture<Integer> root = c.submit((Integer d) -> fib(c, d), 6);
            assertThat(root.result(Duration.ofSeconds(60))).isEqualTo(64);
        }
    }

    static int fib(Client c, int depth) {
        if (depth == 0) return 1;
        TaskFuture<Integer> l = c.submit((Integer d) -> fib(c, d), depth - 1);
        TaskFuture<Integer> r = c.submit((Integer d) -> fib(c, d), depth - 1);
        return l.result() + r.result();
    }

    @Test
    void closeCancelsPendingFuturesAndRefusesNewOnes() throws Exception {
        // The first task holds the pool's only thread by spinning: a blocking wait (a latch) would let the
        // fork-join pool add a compensating thread, which could run `pending` before close() (a race under load).
        java.util.concurrent.atomic.AtomicBoolean open = new java.util.concurrent.atomic.AtomicBoolean();
        TaskFuture<Integer> pending;
        Client c = Client.create("threads");
        try (ThreadsScheduler one = new ThreadsScheduler(1); Client owned = Client.create(one, false)) {
            CountDownLatch started = new CountDownLatch(1);
            owned.submit(() -> {
                started.countDown();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!open.get() && System.nanoTime() < deadline) Thread.onSpinWait();
                return 0;
            });
            // the pool is LIFO: submitted before the first task has started, `pending` could run first
            assertThat(started.await(30, TimeUnit.SECONDS)).as("the first task started").isTrue();
            pending = owned.submit(() -> 1);
            owned.close(); // explicitly, before the end of the try: the test checks the closed client
            assertThatThrownBy(() -> owned.submit(() -> 2)).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
            open.set(true);
        }
        assertThat(pending.isCancelled()).isTrue();
        c.close();
    }

    @Test
    void ownedSchedulerIsClosedWithTheClient() {
        Scheduler pool = new ThreadsScheduler(1);
        Client c = Client.create(pool, true);
        assertThat(c.submit(() -> 5).result()).isEqualTo(5);
        c.close();
        assertThatThrownBy(() -> Client.create(pool, false).submit(() -> 1))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        try (Client shared = Client.create(Schedulers.get("threads"), true)) { // closing never stops the shared pool
            assertThat(shared.submit(() -> 1).result()).isEqualTo(1);
        }
        try (Client again = Client.create("threads")) {
            assertThat(again.submit(() -> 2).result()).isEqualTo(2);
        }
    }

    @Test
    void reprsReadLikeDasks() {
        try (Client c = Client.create("threads")) {
            TaskFuture<Integer> f = c.submit(() -> 41 + 1);
            assertThat(f.result()).isEqualTo(42);
            assertThat(f.toString()).startsWith("<Future: finished, key=").endsWith(">");
            assertThat(c.toString()).matches("<Client: threads, \\d+ workers>");
        }
        dev.blockwork.schedule.Computation<Integer> run = dev.blockwork.delayed.Delayed.of(() -> 1)
                .computeAsync(dev.blockwork.schedule.ComputeOptions.defaults().withScheduler("sync"));
        assertThat(run.toString()).matches("<Computation \\d+ on sync: 1/1 tasks, done>");
    }

    static int divideByZero(int x) { return x / 0; }

    @Test
    void aFailureShowsTheCallersFrameFirstAndTheTasksTraceAsItsCause() {
        try (Client c = Client.create("threads")) {
            TaskFuture<Integer> f = c.submit(ClientTest::divideByZero, 1);
            Throwable e = null;
            try {
                f.result();
            } catch (RuntimeException x) {
                e = x;
            }
            assertThat(e).isInstanceOf(dev.blockwork.schedule.TaskFailedException.class);
            assertThat(java.util.Arrays.stream(e.getStackTrace()).limit(4).map(StackTraceElement::getMethodName))
                    .contains("aFailureShowsTheCallersFrameFirstAndTheTasksTraceAsItsCause");
            assertThat(e.getCause().getStackTrace()[0].getMethodName()).isEqualTo("divideByZero");
        }
    }
}
