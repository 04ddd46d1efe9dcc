package dev.blockwork.schedule;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

/**
 * The future of a running compute. {@link #cancel(boolean)} stops the compute itself: tasks not yet
 * started never start and running ones are stopped at their executor.
 *
 * @param <T> the value type
 */
public final class Computation<T> extends CompletableFuture<T> {
    private volatile Execution execution; // the compute running now (a new one after a replan)
    private final Computation<?> source; // for a mapped computation: the one whose compute it follows

    Computation(Execution execution) {
        this.execution = execution;
        this.source = null;
    }

    /** A computation of a value derived from {@code source}'s: it follows (and cancels) {@code source}'s compute. */
    Computation(Computation<?> source) {
        this.execution = null;
        this.source = source;
    }

    Execution execution() { return source != null ? source.execution() : execution; }

    /** The compute was planned again ({@link Compute#MAX_REPLANS}): this future now follows {@code next}. */
    void follow(Execution next) {
        execution = next;
        if (isCancelled()) next.cancel(new CancellationException("compute " + next.id() + " was cancelled"));
    }

    /** {@return the live compute (task counts, state per task); after a replan, the newest one} */
    public ComputeInfo info() { return execution().info(); }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        if (source != null) source.cancel(mayInterruptIfRunning);
        // this future first, then the compute it follows now: a replan's follow() either sees it cancelled or
        // has already set the execution read here, so its new execution never runs on unseen
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        Execution execution = execution();
        execution.cancel(new CancellationException("compute " + execution.id() + " was cancelled"));
        // the engine has told the executor to stop the running tasks (threads: interrupt; processes: worker replaced)
        return cancelled;
    }

    /** Like Dask's reprs: {@code <Computation 12 on threads: 40/100 tasks, running>}. */
    @Override
    public String toString() {
        ComputeInfo i = info();
        String st = !isDone() ? "running" : isCancelled() ? "cancelled" : isCompletedExceptionally() ? "failed" : "done";
        return "<Computation " + i.id() + " on " + i.scheduler() + ": " + i.completedTasks() + "/" + i.totalTasks() + " tasks, " + st + ">";
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new CompletableFuture<>();
    }
}
