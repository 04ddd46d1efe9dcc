package dev.blockwork.futures;

import dev.blockwork.graph.Key;
import dev.blockwork.schedule.ComputeTimeoutException;
import dev.blockwork.schedule.ComputeOptions;
import dev.blockwork.schedule.HeldResult;
import dev.blockwork.schedule.Publishable;
import dev.blockwork.schedule.TaskFailedException;
import dev.blockwork.schedule.WorkerLostException;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The eager result of {@link Client#submit}: like a Dask {@code Future}. Pass it as an argument to another
 * submit to chain work without waiting; call {@link #result()} to wait for the value.
 *
 * <p>Waiting inside a task of the threads scheduler is safe: the pool adds a spare thread while the
 * task waits (see {@link dev.blockwork.schedule.ThreadsScheduler}).
 *
 * @param <T> the value type
 */
public final class TaskFuture<T> implements Future<T>, Publishable {
    private final Key key;
    private final CompletableFuture<T> future;

    TaskFuture(Key key, CompletableFuture<T> future) {
        this.key = key;
        this.future = future;
    }

    /** {@return the key of the task, which error messages name} */
    public Key key() { return key; }

    /**
     * Waits for the value. A failed task raises its {@link dev.blockwork.schedule.TaskFailedException}
     * (key, function, original cause); a cancelled one raises {@link CancellationException}.
     *
     * @return the value (fetched here if an executor keeps it elsewhere)
     * @throws dev.blockwork.schedule.TaskFailedException if the task failed, or its value could not be fetched
     * @throws CancellationException if the task was cancelled, or this thread is interrupted (its flag is set again)
     */
    public T result() {
        try {
            return fetched(future.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for " + key);
        } catch (ExecutionException e) {
            throw unwrap(e.getCause());
        }
    }

    /**
     * The value itself: a result an executor keeps where it was made (a {@link HeldResult} on a cluster worker)
     * is fetched here; the future keeps its handle, so a later fetch or a dependent task can still use it.
     */
    @SuppressWarnings("unchecked")
    private T fetched(T v) throws ExecutionException {
        if (!(v instanceof HeldResult h)) return v;
        for (int attempt = 0; ; attempt++) {
            try {
                return (T) h.fetch();
            } catch (WorkerLostException lost) { // its worker is gone: made again from its recipe, as Dask does
                Client.Recipe r = Client.recipeOf(future);
                if (r == null || attempt >= Client.REMAKES) throw new ExecutionException(new TaskFailedException(key, "fetch from " + h.location(), lost));
                Object again;
                try {
                    again = r.current().join(); // made again: this future keeps it (Recipe.current)
                } catch (Exception e) {
                    Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
                    throw new ExecutionException(cause instanceof TaskFailedException ? cause
                            : new TaskFailedException(key, "making it again after " + h.location() + " was lost", cause));
                }
                if (!(again instanceof HeldResult next)) return (T) again;
                h = next;
            } catch (Exception e) {
                throw new ExecutionException(new TaskFailedException(key, "fetch from " + h.location(), e));
            }
        }
    }

    /**
     * As {@link #result()}, giving up after {@code timeout} (the task goes on).
     *
     * @param timeout the longest wait
     * @return the value
     * @throws ComputeTimeoutException if the task did not finish within {@code timeout}
     * @throws dev.blockwork.schedule.TaskFailedException if the task failed, or its value could not be fetched
     * @throws CancellationException if the task was cancelled, or this thread is interrupted
     */
    public T result(Duration timeout) {
        try {
            return fetched(future.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for " + key);
        } catch (ExecutionException e) {
            throw unwrap(e.getCause());
        } catch (TimeoutException e) {
            throw new ComputeTimeoutException("task " + key + " did not finish within " + dev.blockwork.config.Durations.human(timeout));
        }
    }

    /**
     * Waits for the task to end, without raising its failure.
     *
     * @return the exception it failed with (a {@link CancellationException} if cancelled), or null if it succeeded
     */
    public Throwable exception() {
        try {
            future.join();
            return null;
        } catch (CompletionException e) {
            return e.getCause();
        } catch (CancellationException e) {
            return e;
        }
    }

    /**
     * A CompletableFuture view (for async code: {@code computeAsync()} in other collections). On an executor that
     * keeps results where they were made (a cluster), it completes with the {@link HeldResult} handle: use
     * {@link #computeAsync()} for the value.
     *
     * @return the underlying future itself (cancelling it cancels the task)
     */
    public CompletableFuture<T> toCompletableFuture() { return future; }

    /**
     * The async bridge every collection offers: completes with the value (fetched if an executor keeps it
     * elsewhere); cancelling it cancels the task.
     *
     * @return a new future of the value
     */
    public CompletableFuture<T> computeAsync() {
        CompletableFuture<T> v = future.thenApply(x -> {
            try {
                return fetched(x);
            } catch (ExecutionException e) {
                throw new CompletionException(e.getCause());
            }
        });
        v.whenComplete((r, e) -> { if (v.isCancelled()) future.cancel(false); });
        return v;
    }

    @Override public boolean cancel(boolean mayInterruptIfRunning) { return future.cancel(mayInterruptIfRunning); }
    @Override public boolean isCancelled() { return future.isCancelled(); }
    @Override public boolean isDone() { return future.isDone(); }
    @Override public T get() throws InterruptedException, ExecutionException { return fetched(future.get()); }
    @Override public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        return fetched(future.get(timeout, unit));
    }

    /**
     * For a cluster to publish this future (Dask publishes futures too): waits for it, then gives its result (the
     * handle where it is held) and how a reader rebuilds a finished future of the same key over it. A failed
     * future cannot be published: its failure is raised. {@code options} are unused (the task already ran).
     */
    @Override
    public Publication publication(ComputeOptions options) {
        Object v;
        try {
            v = future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for " + key + " to publish it");
        } catch (ExecutionException e) {
            throw unwrap(e.getCause());
        }
        return new Publication(new Object[] {v instanceof HeldResult h ? h.owner() : v}, new Republished(key), this);
    }

    /**
     * A published future, rebuilt by a reader as a finished future over its handle (or the value itself).
     *
     * @param key the published future's key, which the rebuilt one keeps
     */
    private record Republished(Key key) implements Publishable.Rebuild {
        @Override
        public Object from(Object[] results) {
            Object r = results[0];
            return new TaskFuture<>(key, CompletableFuture.completedFuture(r instanceof HeldResult h ? h.borrowed() : r));
        }
    }

    /** {@return the status, like Dask's: {@code pending}, {@code finished}, {@code error} or {@code cancelled}} */
    public String status() {
        if (!future.isDone()) return "pending";
        if (future.isCancelled()) return "cancelled";
        return future.isCompletedExceptionally() ? "error" : "finished";
    }

    @Override
    public String toString() { return "<Future: " + status() + ", key=" + key + ">"; }

    static RuntimeException unwrap(Throwable t) {
        return dev.blockwork.schedule.Compute.rethrow(t);
    }
}
