package dev.blockwork.schedule;

import dev.blockwork.graph.Key;

/**
 * A task raised an exception, so the compute failed. The message names the key and the function; the
 * original exception, with its stack trace, is the {@linkplain #getCause() cause}. Dependents of the
 * failed task never ran.
 */
public class TaskFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final Key key;
    private final String function;

    public TaskFailedException(Key key, String function, Throwable cause) {
        super("task " + key + " failed in function " + function + ": " + cause, cause);
        this.key = key;
        this.function = function;
    }

    /** The key of the task that failed. */
    public Key key() { return key; }

    /** The label of the function that failed. */
    public String function() { return function; }
}
