package dev.blockwork.process;

/**
 * A task threw in a worker process (or its result could not be read here). The message names the task, the
 * input, the worker and the original exception. When the original could be sent back it is the
 * {@linkplain #getCause() cause}, of its own type, with the worker's stack trace; otherwise the message carries
 * its class, message and stack trace as text. Thrown by {@link ProcessPool}'s waiting calls with the caller's
 * stack trace, so the caller's frames show where the call was made.
 */
public class RemoteTaskException extends RuntimeException {
    /**
     * An exception for a task that failed in a worker.
     *
     * @param message names the task, the input, the worker and the original exception
     * @param cause   the original exception, with the worker's stack trace, or null if it could not be sent back
     */
    public RemoteTaskException(String message, Throwable cause) { super(message, cause); }
}
