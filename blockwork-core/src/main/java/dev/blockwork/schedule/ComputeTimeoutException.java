package dev.blockwork.schedule;

/** A compute ran past its timeout; tasks not started never ran, running ones were interrupted. */
public class ComputeTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with this message.
     *
     * @param message what timed out, after how long, and how far it got
     */
    public ComputeTimeoutException(String message) {
        super(message);
    }
}
