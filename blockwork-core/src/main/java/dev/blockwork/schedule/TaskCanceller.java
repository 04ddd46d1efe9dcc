package dev.blockwork.schedule;

/**
 * The engine's "cancel this task" instruction to an executor: called for each task that is RUNNING
 * when its execution ends early (failure, timeout, cancel) or when its future is cancelled. The
 * executor must stop the work (interrupt it, or replace the worker that runs it) so that abandoned
 * work never holds a worker. Called from any thread; must not block for long.
 */
@FunctionalInterface
public interface TaskCanceller {
    void cancel(int task);
}
