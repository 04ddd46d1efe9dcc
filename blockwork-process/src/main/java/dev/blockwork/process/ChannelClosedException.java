package dev.blockwork.process;

/** The pipe or queue was closed: nothing more will arrive (after what was already sent), or nothing more may be sent. */
public class ChannelClosedException extends IllegalStateException {
    /**
     * An exception with this message.
     *
     * @param message names the channel and which way it was closed
     */
    public ChannelClosedException(String message) { super(message); }
}
