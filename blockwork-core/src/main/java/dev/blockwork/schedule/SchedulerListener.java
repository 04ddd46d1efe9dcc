package dev.blockwork.schedule;

import dev.blockwork.graph.Key;

/**
 * Watches computes: the public event API that progress bars, dashboards and profilers attach to.
 * Register globally with {@link Listeners#register} or per call with {@link ComputeOptions#withListener}.
 *
 * <p>Threading: {@link #onComputeStart} runs in the thread that starts the compute before any task runs;
 * task events run in the worker thread that ran the task, so they must be quick and thread-safe;
 * {@link #onComputeFinish} is always called exactly once per compute (from a {@code finally}), with the
 * error or {@code null}. A listener that throws is logged and otherwise ignored.
 *
 * <p>Task events cost a call per task; a listener that only needs counts should poll
 * {@link ComputeInfo#completedTasks()} and return {@code false} from {@link #wantsTaskEvents()}.
 */
public interface SchedulerListener {
    default void onComputeStart(ComputeInfo compute) {}

    default void onTaskStart(ComputeInfo compute, Key key, String label) {}

    /** {@code state} is DONE or ERRED; times are {@link System#nanoTime()} values. */
    default void onTaskFinish(ComputeInfo compute, Key key, String label, TaskState state, long startNanos, long endNanos) {}

    default void onComputeFinish(ComputeInfo compute, Throwable error) {}

    /** Whether this listener wants {@link #onTaskStart}/{@link #onTaskFinish}; default true. */
    default boolean wantsTaskEvents() { return true; }
}
