package dev.blockwork.schedule;

/**
 * Watches computes and futures: the public event API that progress bars, dashboards and profilers attach
 * to. Register globally with {@link Listeners#register} or per call with {@link ComputeOptions#withListener}.
 *
 * <p>Events per task: {@link #onTaskStart} (state RUNNING), then {@link #onTaskFinish} (DONE or ERRED),
 * with {@link #onTaskRetry} (state READY) between attempts; each {@link TaskEvent} carries the attempt, the
 * worker, and start/end times (for tasks run in another JVM, the executor's own times).
 *
 * <p>Threading: {@link #onComputeStart} runs in the thread that starts the compute before any task runs;
 * task events run in the thread that ran (or, for remote executors, received) the task, so they must be
 * quick and thread-safe; {@link #onComputeFinish} is always called exactly once per compute (from a
 * {@code finally}), with the error or {@code null}. A listener that throws is logged and otherwise ignored.
 * Listeners get a read-only {@link ComputeInfo}, never the engine.
 *
 * <p>Task events cost a call per task; a listener that only needs counts should poll
 * {@link ComputeInfo#completedTasks()} and return {@code false} from {@link #wantsTaskEvents()}.
 */
public interface SchedulerListener {
    /**
     * A compute (or futures batch) starts, before any of its tasks runs, in the thread that starts it.
     *
     * @param compute the compute
     */
    default void onComputeStart(ComputeInfo compute) {}

    /**
     * A task started (state RUNNING); {@code endNanos} is 0.
     *
     * @param compute the compute (or futures batch) it belongs to
     * @param event   the task, its attempt, worker and times
     */
    default void onTaskStart(ComputeInfo compute, TaskEvent event) {}

    /**
     * A task ended: state DONE or ERRED.
     *
     * @param compute the compute (or futures batch) it belongs to
     * @param event   the task, its attempt, worker and times
     */
    default void onTaskFinish(ComputeInfo compute, TaskEvent event) {}

    /**
     * A task's result was dropped because its last dependent has run (RELEASED): what a memory view
     * counts down. Called in the thread that ran that dependent.
     *
     * @param compute the compute (or futures batch) it belongs to
     * @param key     the task's key
     */
    default void onTaskReleased(ComputeInfo compute, dev.blockwork.graph.Key key) {}

    /**
     * The executor lost a task's result; a dependent that needs it will make it run again.
     *
     * @param compute the compute (or futures batch) it belongs to
     * @param key     the task's key
     */
    default void onResultLost(ComputeInfo compute, dev.blockwork.graph.Key key) {}

    /**
     * A task failed and will run again (state READY).
     *
     * @param compute the compute (or futures batch) it belongs to
     * @param event   the task, its attempt, worker and times
     * @param cause   why: its error, or a lost worker
     */
    default void onTaskRetry(ComputeInfo compute, TaskEvent event, Throwable cause) {}

    /**
     * A compute ended; called exactly once per compute, from a {@code finally}, after its last task event.
     *
     * @param compute the compute
     * @param error   why it failed ({@link TaskFailedException}, a timeout, a cancellation...), or null on success
     */
    default void onComputeFinish(ComputeInfo compute, Throwable error) {}

    /**
     * A worker started (global listeners only; from the thread that manages the worker).
     *
     * @param event the worker, its pool and process
     */
    default void onWorkerAdded(WorkerEvent event) {}

    /**
     * A worker left: exited, died, or was replaced ({@link WorkerEvent#reason()} says which).
     *
     * @param event the worker, its pool and process, and the reason
     */
    default void onWorkerRemoved(WorkerEvent event) {}

    /** {@return whether this listener wants task events; default true} */
    default boolean wantsTaskEvents() { return true; }

    /**
     * Whether this listener wants the task events of {@code compute} (asked once per compute, before
     * {@link #onComputeStart}); by default {@link #wantsTaskEvents()}. A listener that samples can take
     * events for small computes and poll big ones ({@link ComputeInfo#state(int)}), so that a compute of
     * many tiny tasks pays nothing per task.
     *
     * @param compute the compute about to start
     * @return true to receive its task events
     */
    default boolean wantsTaskEvents(ComputeInfo compute) { return wantsTaskEvents(); }


    /**
     * A held result was written to disk to stay under the memory limit ({@link LocalMemory}); it is read back
     * when a task needs it.
     *
     * @param compute the compute
     * @param key     the task whose result was spilled
     * @param bytes   its size
     */
    default void onSpill(ComputeInfo compute, dev.blockwork.graph.Key key, long bytes) {}
}
