package dev.blockwork.schedule;

import dev.blockwork.graph.Key;

/**
 * A task raised an exception, so its compute (or its future) failed. The same type on every scheduler,
 * for graphs and futures alike. The message names the key, the function, the worker and the attempt; the
 * original exception, with its stack trace, is the {@linkplain #getCause() cause} when it could be
 * brought here, and {@link #failure()} always has the remote stack trace as text. Inside a fused chain
 * the key is the failing step's own key. Dependents of the failed task never ran (they are CANCELLED).
 */
public class TaskFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** The failed task's key (inside a fused chain: the failing step's). */
    private final Key key;
    /** The label of the function that failed. */
    private final String function;
    /** Worker, attempt and remote stack trace, as a serializable value. */
    private final TaskFailure failure;

    /**
     * A failure of a task that ran here, on its first attempt.
     *
     * @param key      the failed task's key
     * @param function the label of its function
     * @param cause    the original exception
     */
    public TaskFailedException(Key key, String function, Throwable cause) {
        this(key, function, TaskFailure.of(key, function, null, 1, cause), cause);
    }

    /**
     * A failure with what the executor recorded; the message names the key, the function, the worker and the attempt.
     *
     * @param key      the failed task's key
     * @param function the label of its function
     * @param failure  worker, attempt and stack trace as text
     * @param cause    the original exception, or null if it could not be brought here
     */
    public TaskFailedException(Key key, String function, TaskFailure failure, Throwable cause) {
        this("task " + key + " failed in function " + function + where(failure) + ": "
                + (cause != null ? cause.toString() : failure.exceptionClass() + ": " + failure.message()), key, function, failure, cause);
    }

    /**
     * For subclasses that write their own message.
     *
     * @param message  the whole message
     * @param key      the failed task's key
     * @param function the label of its function
     * @param failure  worker, attempt and stack trace as text
     * @param cause    the original exception, or null
     */
    protected TaskFailedException(String message, Key key, String function, TaskFailure failure, Throwable cause) {
        super(message, cause);
        this.key = key;
        this.function = function;
        this.failure = failure;
    }

    private static String where(TaskFailure f) {
        if (f == null) return "";
        String s = f.worker() != null ? " on " + f.worker() : "";
        return f.attempt() > 1 ? s + " (attempt " + f.attempt() + ")" : s;
    }

    /** {@return the key of the task that failed (inside a fused chain: the failing step's key)} */
    public Key key() { return key; }

    /** {@return the label of the function that failed} */
    public String function() { return function; }

    /** {@return the failure as a serializable value: worker, attempt, remote stack trace} */
    public TaskFailure failure() { return failure; }
}
