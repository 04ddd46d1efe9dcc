package dev.blockwork.async;

/**
 * The life-cycle state of an {@link AsyncTask}.
 *
 * <pre>
 *   RUNNING ──► SUCCEEDED            (body returned)
 *      │   └──► FAILED               (body threw, no cancel requested)
 *      ▼
 *   CANCELLING ──► CANCELLED         (cancel requested; the body has exited)
 *            └──► FAILED            (cancel requested; the body threw something else)
 * </pre>
 *
 * <p>{@code SUCCEEDED}, {@code FAILED} and {@code CANCELLED} are terminal. A task in {@code CANCELLING}
 * has been asked to stop (its thread was interrupted) but its body is still running; it ends in
 * {@code CANCELLED} unless its body then throws an exception that is not an interrupt or cancellation
 * (for example its cleanup failed), which makes it {@code FAILED}.
 */
public enum TaskState {
    /** The body is running (or about to start). */
    RUNNING,
    /** Cancellation was requested; the body has not exited yet. */
    CANCELLING,
    /** The body returned a value. Terminal. */
    SUCCEEDED,
    /** The body threw (while cancelling: threw something other than an interrupt/cancellation). Terminal. */
    FAILED,
    /** Cancellation was requested and the body has exited. Terminal. */
    CANCELLED;

    /**
     * Returns true for the terminal states {@code SUCCEEDED}, {@code FAILED} and {@code CANCELLED}.
     *
     * @return whether this state is terminal
     */
    public boolean isDone() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
