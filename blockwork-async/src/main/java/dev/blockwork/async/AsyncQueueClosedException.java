package dev.blockwork.async;

/**
 * Thrown by {@link AsyncQueue} when an item is put into a closed queue, or taken from a closed queue that
 * has been drained: the counterpart of Python's {@code asyncio.QueueShutDown}.
 */
public final class AsyncQueueClosedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a message saying what was attempted.
     *
     * @param message what was attempted on the closed queue
     */
    public AsyncQueueClosedException(String message) {
        super(message);
    }
}
