package dev.blockwork.process;

/**
 * A task threw in a worker process. When the original exception could be sent back, it is the
 * cause (with its remote stack trace) — or, for unchecked exceptions, it is rethrown itself with
 * this exception attached as suppressed context. Otherwise the message carries its class, message and
 * stack trace as text.
 */
public class RemoteTaskException extends RuntimeException {
    public RemoteTaskException(String message, Throwable cause) { super(message, cause); }
}
