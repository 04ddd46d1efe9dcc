package dev.blockwork.schedule;

/**
 * The worker running a task went away (its process died, its machine left the cluster). The engine
 * retries such a task on another worker, up to {@link RetryPolicy#allowedWorkerFailures()} times, then
 * fails it with {@link KilledWorkerException}. Executors raise this (or a subclass) for those faults only.
 */
public class WorkerLostException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception naming the task and the worker.
     *
     * @param message which worker went away, and what it was running
     */
    public WorkerLostException(String message) { super(message); }

    /**
     * An exception naming the task and the worker, with what reported the loss.
     *
     * @param message which worker went away, and what it was running
     * @param cause   the transport's or the executor's own exception
     */
    public WorkerLostException(String message, Throwable cause) { super(message, cause); }
}
