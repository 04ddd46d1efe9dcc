package dev.blockwork.schedule;

/**
 * The engine's "cancel this task" instruction to an executor: called for each task that is RUNNING
 * when its execution ends early (failure, timeout, cancel) or when its future is cancelled. The
 * executor must stop the work (interrupt it, or replace the worker that runs it) so that abandoned
 * work never holds a worker. Called from any thread; must not block for long.
 */
@FunctionalInterface
public interface TaskCanceller {
    /**
     * Stops the work of a task that is RUNNING; its result, if one still arrives, is dropped.
     *
     * @param task its task number
     */
    void cancel(int task);
}
