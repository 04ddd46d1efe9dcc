package dev.blockwork.async;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class AsyncTest {

    /** A body that blocks until cancelled and counts the interrupts it saw. */
    private static Callable<String> blockUntilCancelled(AtomicInteger interrupted, CountDownLatch started) {
        return () -> {
            started.countDown();
            try {
                new CountDownLatch(1).await();
                return "unreachable";
            } catch (InterruptedException e) {
                interrupted.incrementAndGet();
                throw e;
            }
        };
    }

    @Test
    void runReturnsTheResultFromAVirtualThread() throws Exception {
        assertThat(Async.run(() -> Thread.currentThread().isVirtual())).isTrue();
        assertThat(Async.run(() -> Async.currentTask().isPresent())).isTrue();
        assertThat(Async.currentTask()).isEmpty();
    }

    @Test
    void runRethrowsTheOriginalCheckedException() {
        IOException io = new IOException("no route");
        assertThatThrownBy(() -> Async.run(() -> {
            throw io;
        })).isSameAs(io);
    }

    @Test
    void gatherReturnsResultsInTheOrderGiven() throws Exception {
        List<Callable<Integer>> bodies = new ArrayList<>();
        for (int i = 0; i < 13; i++) {
            int n = i;
            bodies.add(() -> n * n);
        }
        assertThat(Async.gather(bodies)).containsExactly(0, 1, 4, 9, 16, 25, 36, 49, 64, 81, 100, 121, 144);
        assertThat(Async.<String>gather(() -> "a", () -> "b")).containsExactly("a", "b");
    }

    @Test
    void gatherIsFailFast() {
        AtomicInteger interrupted = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(2);
        IOException io = new IOException("fetch failed");
        assertThatThrownBy(() -> Async.gather(List.<Callable<String>>of(
                blockUntilCancelled(interrupted, started),
                blockUntilCancelled(interrupted, started),
                () -> {
                    TestWaits.await(started);
                    throw io;
                }))).isSameAs(io);
        assertThat(interrupted).hasValue(2);
    }

    @Test
    void gatherSettledReportsEveryOutcome() throws Exception {
        IllegalStateException bad = new IllegalStateException("bad");
        List<Outcome<String>> outcomes = Async.gatherSettled(List.<Callable<String>>of(
                () -> "ok",
                () -> {
                    throw bad;
                },
                () -> {
                    Async.currentTask().orElseThrow().cancel();
                    Async.sleep(TestWaits.LONG);
                    return "unreachable";
                }));
        assertThat(outcomes.get(0)).isEqualTo(new Outcome.Success<>("ok"));
        assertThat(outcomes.get(1)).isEqualTo(new Outcome.Failure<String>(bad));
        assertThat(outcomes.get(2)).isInstanceOf(Outcome.Cancelled.class);
        assertThatThrownBy(() -> outcomes.get(1).getOrThrow()).isSameAs(bad);
        assertThatThrownBy(() -> outcomes.get(2).getOrThrow()).isInstanceOf(CancellationException.class);
    }

    @Test
    void firstCompletedReturnsTheWinnerAndCancelsTheRest() throws Exception {
        AtomicInteger interrupted = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(2);
        String winner = Async.firstCompleted(
                blockUntilCancelled(interrupted, started),
                blockUntilCancelled(interrupted, started),
                () -> {
                    TestWaits.await(started);
                    return "fast";
                });
        assertThat(winner).isEqualTo("fast");
        assertThat(interrupted).hasValue(2);
    }

    @Test
    void firstCompletedRethrowsAWinningFailure() {
        AtomicInteger interrupted = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(1);
        IOException io = new IOException("first to finish failed");
        assertThatThrownBy(() -> Async.firstCompleted(
                blockUntilCancelled(interrupted, started),
                () -> {
                    TestWaits.await(started);
                    throw io;
                })).isSameAs(io);
        assertThat(interrupted).hasValue(1);
        assertThatThrownBy(() -> Async.firstCompleted(List.<Callable<String>>of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("got 0 callables, expected at least 1");
    }

    @Test
    void asCompletedYieldsTasksInCompletionOrder() throws Exception {
        int[] order = {2, 0, 3, 1};
        CountDownLatch[] gates = new CountDownLatch[order.length];
        List<AsyncTask<Integer>> tasks = new ArrayList<>();
        try (TaskGroup g = TaskGroup.open()) {
            for (int i = 0; i < order.length; i++) {
                int n = i;
                gates[i] = new CountDownLatch(1);
                tasks.add(g.spawn(() -> {
                    TestWaits.await(gates[n]);
                    return n;
                }));
            }
            AsCompleted<Integer> completed = Async.asCompleted(tasks);
            for (int n : order) {
                gates[n].countDown();
                AsyncTask<Integer> next = completed.next(TestWaits.LONG);
                assertThat(next).isSameAs(tasks.get(n));
                assertThat(next.await()).isEqualTo(n);
            }
            assertThat(completed.hasNext()).isFalse();
        }
    }

    @Test
    void asCompletedIteratesEveryTaskOnce() throws Exception {
        List<AsyncTask<Integer>> tasks = new ArrayList<>();
        List<Integer> seen = new ArrayList<>();
        try (TaskGroup g = TaskGroup.open()) {
            for (int i = 0; i < 6; i++) {
                int n = i;
                tasks.add(g.spawn(() -> n));
            }
            for (AsyncTask<Integer> t : Async.asCompleted(tasks)) {
                seen.add(t.await());
            }
        }
        assertThat(seen).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5);
    }

    @Test
    void withTimeoutCancelsABodyThatTakesTooLong() {
        AtomicInteger interrupted = new AtomicInteger();
        AtomicReference<Thread> thread = new AtomicReference<>();
        CountDownLatch started = new CountDownLatch(1);
        Callable<String> slow = blockUntilCancelled(interrupted, started);
        assertThatThrownBy(() -> Async.withTimeout(TestWaits.SHORT, () -> {
            thread.set(Thread.currentThread());
            return slow.call();
        })).isInstanceOf(TimeoutException.class)
                .hasMessageContaining("got no result within 20 ms")
                .hasCauseInstanceOf(CancellationException.class);
        assertThat(interrupted).hasValue(1);
        assertThat(thread.get().isAlive()).isFalse();
    }

    @Test
    void withTimeoutReturnsAValueInTime() throws Exception {
        assertThat(Async.withTimeout(TestWaits.LONG, () -> "quick")).isEqualTo("quick");
        IOException io = new IOException("failed in time");
        assertThatThrownBy(() -> Async.withTimeout(TestWaits.LONG, () -> {
            throw io;
        })).isSameAs(io);
    }

    @Test
    void interruptingTheCallerOfGatherCancelsItsTasks() throws Exception {
        AtomicInteger interrupted = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(3);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                Async.gather(List.of(blockUntilCancelled(interrupted, started),
                        blockUntilCancelled(interrupted, started), blockUntilCancelled(interrupted, started)));
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        TestWaits.await(started);
        caller.interrupt();
        caller.join(TestWaits.LONG);
        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
        assertThat(interrupted).hasValue(3);
    }

    @Test
    void awaitsACompletableFutureFromAVirtualThread() throws Exception {
        CompletableFuture<String> f = new CompletableFuture<>();
        CountDownLatch waiting = new CountDownLatch(1);
        try (TaskGroup g = TaskGroup.open()) {
            AsyncTask<String> t = g.spawn(() -> {
                waiting.countDown();
                return Async.await(f) + "!";
            });
            TestWaits.await(waiting);
            f.complete("graph result");
            assertThat(t.await()).isEqualTo("graph result!");
        }
        IOException io = new IOException("remote");
        assertThatThrownBy(() -> Async.await(CompletableFuture.failedFuture(io))).isSameAs(io);
        assertThatThrownBy(() -> Async.await(new CompletableFuture<String>(), TestWaits.SHORT))
                .isInstanceOf(TimeoutException.class);
    }

    @Test
    void taskFromACompletionStage() throws Exception {
        CompletableFuture<Integer> f = new CompletableFuture<>();
        AsyncTask<Integer> t = AsyncTask.from(f);
        assertThat(t.state()).isEqualTo(TaskState.RUNNING);
        f.complete(42);
        assertThat(t.await()).isEqualTo(42);
        assertThat(t.toCompletableFuture().join()).isEqualTo(42);

        CompletableFuture<Integer> g = new CompletableFuture<>();
        AsyncTask<Integer> c = AsyncTask.from(g);
        assertThat(c.cancel()).isTrue();
        assertThat(c.state()).isEqualTo(TaskState.CANCELLED);
        assertThat(g.isCancelled()).isTrue();
        assertThatThrownBy(c::join).isInstanceOf(CancellationException.class);

        IOException io = new IOException("x");
        AsyncTask<Integer> failed = AsyncTask.from(CompletableFuture.<Integer>failedFuture(io).thenApply(x -> x));
        assertThatThrownBy(failed::await).isSameAs(io);
    }

    @Test
    void checkCancelledThrowsInACancelledTask() {
        assertThatThrownBy(() -> Async.run(() -> {
            Async.checkCancelled();
            Async.currentTask().orElseThrow().cancel();
            Thread.interrupted();
            Async.checkCancelled();
            return "unreachable";
        })).isInstanceOf(CancellationException.class);
        Async.checkCancelled();
    }

    @Test
    void sleepRejectsANegativeDuration() {
        assertThatThrownBy(() -> Async.sleep(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("got sleep(PT-0.001S), expected a duration >= 0");
    }

    @Test
    void sleepLastsItsWholeDurationThoughItsThreadIsUnparked() throws Exception {
        for (Thread.Builder builder : List.of(Thread.ofVirtual(), Thread.ofPlatform())) {
            Duration d = Duration.ofMillis(150);
            AtomicReference<Long> slept = new AtomicReference<>();
            Thread sleeper = builder.unstarted(() -> {
                long t0 = System.nanoTime();
                try {
                    Async.sleep(d);
                } catch (InterruptedException e) {
                    throw new AssertionError("an unpark is not an interrupt", e);
                }
                slept.set(System.nanoTime() - t0);
            });
            sleeper.start();
            while (sleeper.isAlive()) {            // spurious wake-ups: the sleep must go back to sleep
                LockSupport.unpark(sleeper);
                sleeper.join(Duration.ofMillis(1));
            }
            assertThat(slept.get()).as("on " + builder).isGreaterThanOrEqualTo(d.toNanos());
        }
    }

    @Test
    void sleepKeepsAnUnparkGivenWhileItSleptForTheNextPark() throws Exception {
        for (int attempt = 0; ; attempt++) {
            CountDownLatch unparked = new CountDownLatch(1);
            AtomicReference<Long> sleepEnded = new AtomicReference<>();
            AtomicReference<Long> parkNanos = new AtomicReference<>();
            Thread sleeper = Thread.ofVirtual().start(() -> {
                try {
                    Async.sleep(Duration.ofMillis(300));
                    sleepEnded.set(System.nanoTime());
                    TestWaits.await(unparked);
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                long t0 = System.nanoTime();
                LockSupport.parkNanos(TestWaits.LONG.toNanos()); // returns at once if the permit was kept
                parkNanos.set(System.nanoTime() - t0);
            });
            TestWaits.awaitBlocked(sleeper);
            long unparkedAt = System.nanoTime();
            LockSupport.unpark(sleeper);
            unparked.countDown();
            sleeper.join();
            if (unparkedAt > sleepEnded.get() && attempt < 5) {
                continue; // this machine was too slow: the unpark came after the sleep; try again
            }
            assertThat(unparkedAt).isLessThan(sleepEnded.get());
            assertThat(parkNanos.get()).isLessThan(TestWaits.LONG.toNanos());
            return;
        }
    }

    @Test
    void sleepEndsWithInterruptedExceptionAndClearsTheFlag() throws Exception {
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> Async.sleep(Duration.ofMillis(1)))
                .isInstanceOf(InterruptedException.class)
                .hasMessage("interrupted before sleep(PT0.001S)");
        assertThat(Thread.interrupted()).isFalse();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> flagAfter = new AtomicReference<>();
        Thread sleeper = Thread.ofVirtual().start(() -> {
            try {
                Async.sleep(Duration.ofSeconds(Long.MAX_VALUE)); // saturates; only the interrupt ends it
            } catch (Throwable e) {
                thrown.set(e);
                flagAfter.set(Thread.currentThread().isInterrupted());
            }
        });
        TestWaits.awaitBlocked(sleeper);
        sleeper.interrupt();
        sleeper.join();
        assertThat(thrown.get()).isInstanceOf(InterruptedException.class)
                .hasMessageStartingWith("interrupted in sleep(PT");
        assertThat(flagAfter.get()).isFalse();
        Async.sleep(Duration.ZERO);
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> Async.sleep(Duration.ZERO)).isInstanceOf(InterruptedException.class);
        assertThat(Thread.interrupted()).isFalse();
    }
}
