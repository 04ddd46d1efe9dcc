package dev.blockwork.process;

/** The pipe or queue was closed: nothing more will arrive (after what was already sent), or nothing more may be sent. */
public class ChannelClosedException extends IllegalStateException {
    public ChannelClosedException(String message) { super(message); }
}
