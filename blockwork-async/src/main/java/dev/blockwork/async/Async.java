package dev.blockwork.async;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * Entry points in the style of Python's {@code asyncio} module: {@link #run}, {@link #gather},
 * {@link #gatherSettled}, {@link #firstCompleted}, {@link #asCompleted}, {@link #withTimeout},
 * {@link #sleep} and {@link #await(CompletionStage)}.
 *
 * <p><b>Contract.</b> Every method that runs callables runs each on its own virtual thread inside a private
 * {@link TaskGroup}, so when it returns (or throws) every task it started has finished and its thread has
 * terminated. Blocking here is cheap on a virtual thread (it unmounts from its carrier). Failures are the
 * original exceptions the callables threw (type preserved; others attached as suppressed where several
 * failed). If the calling thread is interrupted while waiting, the tasks are cancelled, awaited, and
 * {@link InterruptedException} is thrown. Called inside a task, these methods are cancelled with that task.
 *
 * <p><b>Implementation overview.</b> Each method is a few lines over {@link TaskGroup} (fail-fast for
 * {@code gather}, tolerant for the others) and {@link AsyncTask}; there is no event loop and no scheduler of
 * our own: the JDK's virtual-thread scheduler is the loop, and interruption is the cancellation signal.
 */
public final class Async {
    private Async() {}

    /**
     * Runs {@code body} as a root task on a new virtual thread, waits for it and returns its result: the
     * counterpart of {@code asyncio.run(main())}. Rethrows what the body threw.
     *
     * @param <T> the result type
     * @param body the root task
     * @return what {@code body} returned
     * @throws InterruptedException if the caller is interrupted (the task is then cancelled and awaited)
     * @throws Exception what {@code body} threw
     */
    public static <T> T run(Callable<? extends T> body) throws Exception {
        TaskGroup g = TaskGroup.openTolerant("run");
        AsyncTask<T> task = g.spawn("async-run", body);
        if (g.closeQuietly()) {
            throw interrupted("run");
        }
        return task.report();
    }

    /**
     * Suspends the current thread for {@code duration}: the counterpart of {@code asyncio.sleep}. On a virtual
     * thread this holds no platform thread.
     *
     * <p>It parks with {@link LockSupport#parkNanos} in a loop rather than calling {@link Thread#sleep}: a
     * sleeping virtual thread keeps its whole stack in a heap stack chunk, and {@code Thread.sleep} puts two
     * more frames under the park (about 80 to 130 bytes per sleeping task while the JIT has not yet compiled
     * them; docs/PERFORMANCE.md), and its own frame is small enough to be inlined into its caller by the JIT's
     * first tier (another 120 bytes). Like {@code Thread.sleep} on a virtual thread, it leaves the thread's park
     * permit set when it ends, so an unpark that arrived while it slept is not lost for the next park (on a
     * platform thread too, where {@code Thread.sleep} leaves the permit alone: the next park may then return at
     * once, which {@link LockSupport#park} allows).
     *
     * @param duration how long; zero yields to other tasks and returns
     * @throws InterruptedException if interrupted, which is how a cancelled task's sleep ends
     * @throws IllegalArgumentException if {@code duration} is negative
     */
    public static void sleep(Duration duration) throws InterruptedException {
        // Small enough (under 35 bytes of bytecode) for the JIT's first tier to inline into the caller: one frame
        // fewer in the stack chunk of every task that parks here before the optimising compiler has run.
        long start = System.nanoTime();
        for (long left = sleepNanos(duration); left > 0; left = sleepLeft(duration, start)) {
            LockSupport.parkNanos(left);
        }
    }

    /** {@code duration} in nanoseconds (saturated), after the checks; 0 once a zero sleep has yielded. */
    private static long sleepNanos(Duration duration) throws InterruptedException {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("got sleep(" + duration + "), expected a duration >= 0");
        }
        long nanos = TimeUnit.NANOSECONDS.convert(duration); // saturates, as Thread.sleep does
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted before sleep(" + duration + ")");
        }
        if (nanos == 0) {
            Thread.yield(); // asyncio.sleep(0), Thread.sleep(0) on a virtual thread: let others run
        }
        return nanos;
    }

    /** After a park: throws if interrupted, else the time left (at most 0 once done, with the permit set again). */
    private static long sleepLeft(Duration duration, long start) throws InterruptedException {
        if (Thread.interrupted()) {
            LockSupport.unpark(Thread.currentThread());
            throw new InterruptedException("interrupted in sleep(" + duration + ")");
        }
        long left = TimeUnit.NANOSECONDS.convert(duration) - (System.nanoTime() - start);
        if (left <= 0) {
            LockSupport.unpark(Thread.currentThread());
        }
        return left;
    }

    /**
     * Runs every callable concurrently and returns their results in the order given. Fail-fast: the first
     * failure cancels the others and is rethrown (with later failures suppressed) once all have finished.
     *
     * @param <T> the result type
     * @param bodies the callables, each run on its own virtual thread
     * @return their results, in the order of {@code bodies}
     * @throws Exception the first failure (later ones suppressed on it)
     * @throws InterruptedException if the caller is interrupted (the tasks are then cancelled and awaited)
     */
    public static <T> List<T> gather(Collection<? extends Callable<? extends T>> bodies) throws Exception {
        TaskGroup g = TaskGroup.open("gather");
        List<AsyncTask<T>> tasks = spawnAll(g, bodies);
        if (g.closeQuietly()) {
            throw interrupted("gather");
        }
        Throwable failure = g.failure();
        if (failure != null) {
            throw Failures.asException(failure);
        }
        List<T> results = new ArrayList<>(tasks.size());
        for (AsyncTask<T> t : tasks) {
            results.add(t.report());
        }
        return results;
    }

    /**
     * Varargs form of {@link #gather(Collection)}.
     *
     * @param <T> the result type
     * @param bodies the callables
     * @return their results, in the order given
     * @throws Exception as {@link #gather(Collection)}
     */
    @SafeVarargs
    public static <T> List<T> gather(Callable<? extends T>... bodies) throws Exception {
        List<Callable<? extends T>> list = new ArrayList<>(bodies.length);
        for (Callable<? extends T> b : bodies) {
            list.add(b);
        }
        return gather(list);
    }

    /**
     * Runs every callable concurrently, waits for all of them and returns each one's {@link Outcome} in the
     * order given. One failing does not cancel the others. Throws only if the caller is interrupted.
     *
     * @param <T> the result type
     * @param bodies the callables, each run on its own virtual thread
     * @return one outcome per callable, in the order of {@code bodies}
     * @throws InterruptedException if the caller is interrupted (the tasks are then cancelled and awaited)
     */
    public static <T> List<Outcome<T>> gatherSettled(Collection<? extends Callable<? extends T>> bodies)
            throws InterruptedException {
        TaskGroup g = TaskGroup.openTolerant("gatherSettled");
        List<AsyncTask<T>> tasks = spawnAll(g, bodies);
        if (g.closeQuietly()) {
            throw interrupted("gatherSettled");
        }
        List<Outcome<T>> outcomes = new ArrayList<>(tasks.size());
        for (AsyncTask<T> t : tasks) {
            outcomes.add(t.outcomeNow());
        }
        return outcomes;
    }

    /**
     * Runs every callable concurrently; as soon as one finishes, cancels the rest, waits for them and returns
     * the first one's result, or rethrows its failure. (A "race", or {@code asyncio.wait(FIRST_COMPLETED)}
     * reduced to its winner.)
     *
     * @param <T> the result type
     * @param bodies the callables racing, at least one
     * @return the result of the first to finish
     * @throws IllegalArgumentException if {@code bodies} is empty
     * @throws Exception the failure of the first to finish, if it failed
     * @throws InterruptedException if the caller is interrupted (the tasks are then cancelled and awaited)
     */
    public static <T> T firstCompleted(Collection<? extends Callable<? extends T>> bodies) throws Exception {
        if (bodies.isEmpty()) {
            throw new IllegalArgumentException("got 0 callables, expected at least 1");
        }
        TaskGroup g = TaskGroup.openTolerant("firstCompleted");
        CompletableFuture<AsyncTask<T>> first = new CompletableFuture<>();
        AsyncTask<T> winner = null;
        boolean interrupted = false;
        try {
            for (AsyncTask<T> t : spawnAll(g, bodies)) {
                t.onDone(() -> first.complete(t));
            }
            winner = first.get();
        } catch (InterruptedException e) {
            interrupted = true;
        } catch (ExecutionException e) {
            throw new AssertionError("first is only ever completed normally", e);
        } finally {
            g.cancel();
            interrupted |= g.closeQuietly();
        }
        if (interrupted) {
            throw interrupted("firstCompleted");
        }
        return winner.report();
    }

    /**
     * Varargs form of {@link #firstCompleted(Collection)}.
     *
     * @param <T> the result type
     * @param bodies the callables racing, at least one
     * @return the result of the first to finish
     * @throws Exception as {@link #firstCompleted(Collection)}
     */
    @SafeVarargs
    public static <T> T firstCompleted(Callable<? extends T>... bodies) throws Exception {
        List<Callable<? extends T>> list = new ArrayList<>(bodies.length);
        for (Callable<? extends T> b : bodies) {
            list.add(b);
        }
        return firstCompleted(list);
    }

    /**
     * Returns the given tasks in the order they complete, as a blocking iterable: the counterpart of
     * {@code asyncio.as_completed}. It does not own the tasks; spawn them in a {@link TaskGroup}.
     *
     * @param <T> the result type
     * @param tasks tasks already spawned
     * @return an iterable over {@code tasks} in completion order
     */
    public static <T> AsCompleted<T> asCompleted(Collection<? extends AsyncTask<T>> tasks) {
        return new AsCompleted<>(tasks);
    }

    /**
     * Runs {@code body} on a child virtual thread and returns its result if it finishes within
     * {@code timeout}; otherwise cancels it, waits for it to exit and throws {@link TimeoutException}:
     * the counterpart of {@code asyncio.timeout} / {@code wait_for}. Rethrows what the body threw.
     *
     * @param <T> the result type
     * @param timeout the longest the body may run, {@code >= 0}
     * @param body what to run
     * @return what {@code body} returned
     * @throws TimeoutException     if the body did not finish in time (it has been cancelled and has exited)
     * @throws InterruptedException if the caller is interrupted (the body is then cancelled and awaited)
     * @throws Exception what {@code body} threw
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public static <T> T withTimeout(Duration timeout, Callable<? extends T> body) throws Exception {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("got timeout " + timeout + ", expected a duration >= 0");
        }
        TaskGroup g = TaskGroup.openTolerant("withTimeout");
        AsyncTask<T> task = g.spawn(body);
        boolean interrupted = false;
        boolean timedOut = false;
        try {
            timedOut = !task.awaitDone(timeout);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (timedOut || interrupted) {
            timedOut = task.cancel();
        }
        if (g.closeQuietly() || interrupted) {
            throw interrupted("withTimeout");
        }
        if (timedOut) {
            TimeoutException e = new TimeoutException("got no result within " + timeout.toMillis()
                    + " ms, expected the task to finish within its timeout; it was cancelled");
            try {
                task.report();
            } catch (CancellationException c) {
                e.initCause(c);
            }
            throw e;
        }
        return task.report();
    }

    /**
     * Waits for {@code stage} to complete and returns its value or rethrows its failure (unwrapped from
     * {@link ExecutionException}/{@code CompletionException}); a cancelled stage throws
     * {@link CancellationException}. On a virtual thread this holds no platform thread, so async code can
     * await a Blockwork graph's {@code computeAsync()} cheaply. Interrupting the waiter does not cancel the stage.
     *
     * @param <T> the value type
     * @param stage the stage to wait for
     * @return its value
     * @throws InterruptedException if the calling thread is interrupted while waiting
     * @throws Exception its failure, unwrapped
     */
    public static <T> T await(CompletionStage<? extends T> stage) throws Exception {
        try {
            return toFuture(stage).get();
        } catch (ExecutionException e) {
            throw Failures.asException(e.getCause());
        }
    }

    /**
     * Like {@link #await(CompletionStage)} but waits at most {@code timeout}.
     *
     * @param <T> the value type
     * @param stage the stage to wait for
     * @param timeout the longest to wait
     * @return its value
     * @throws TimeoutException if the stage is not complete within {@code timeout} (it is not cancelled)
     * @throws Exception its failure, unwrapped
     * @throws InterruptedException if the calling thread is interrupted while waiting
     */
    public static <T> T await(CompletionStage<? extends T> stage, Duration timeout) throws Exception {
        try {
            return toFuture(stage).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw Failures.asException(e.getCause());
        }
    }

    /**
     * Returns the task whose body is running on the current thread, if any.
     *
     * @return the current task, or empty on a thread that is not running a task body
     */
    public static Optional<AsyncTask<?>> currentTask() {
        return Optional.ofNullable(AsyncTask.current());
    }

    /**
     * Throws {@link CancellationException} if the current task has been cancelled: a cancellation check point
     * for CPU-bound loops that never block (blocking calls notice cancellation through the interrupt).
     */
    public static void checkCancelled() {
        AsyncTask<?> current = AsyncTask.current();
        if (current != null && current.isCancelled()) {
            throw new CancellationException(current + " was cancelled");
        }
    }

    private static <T> List<AsyncTask<T>> spawnAll(TaskGroup g, Collection<? extends Callable<? extends T>> bodies) {
        List<AsyncTask<T>> tasks = new ArrayList<>(bodies.size());
        try {
            for (Callable<? extends T> body : bodies) {
                tasks.add(g.spawn(body));
            }
        } catch (RuntimeException | Error e) {
            g.cancel();
            if (g.closeQuietly()) {
                Thread.currentThread().interrupt();
            }
            throw e;
        }
        return tasks;
    }

    @SuppressWarnings("unchecked")
    private static <T> CompletableFuture<T> toFuture(CompletionStage<? extends T> stage) {
        if (stage instanceof CompletableFuture<?> f) {
            return (CompletableFuture<T>) f;
        }
        CompletableFuture<T> f = new CompletableFuture<>();
        stage.whenComplete((v, e) -> {
            if (e != null) {
                f.completeExceptionally(e);
            } else {
                f.complete(v);
            }
        });
        return f;
    }

    private static InterruptedException interrupted(String where) {
        return new InterruptedException(where + " was interrupted; its tasks were cancelled and have finished");
    }
}
