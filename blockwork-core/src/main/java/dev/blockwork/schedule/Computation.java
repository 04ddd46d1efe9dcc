package dev.blockwork.schedule;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

/**
 * The future of a running compute. {@link #cancel(boolean)} stops the compute itself: tasks not yet
 * started never start and running ones are stopped at their executor.
 */
public final class Computation<T> extends CompletableFuture<T> {
    private final Execution execution;

    Computation(Execution execution) {
        this.execution = execution;
    }

    Execution execution() { return execution; }

    /** The live compute (task counts, state per task). */
    public ComputeInfo info() { return execution.info(); }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        execution.cancel(new CancellationException("compute " + execution.id() + " was cancelled"));
        // the engine has told the executor to stop the running tasks (threads: interrupt; processes: worker replaced)
        return super.cancel(mayInterruptIfRunning);
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
