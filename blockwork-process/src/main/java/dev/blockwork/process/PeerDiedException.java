package dev.blockwork.process;

/**
 * The process at the other side of a wait has exited, so the wait can never complete.
 * Names the channel and the process id (and exit status when known).
 */
public class PeerDiedException extends IllegalStateException {
    private final long pid;

    public PeerDiedException(String message, long pid) {
        super(message);
        this.pid = pid;
    }

    /** The process that died, or -1 when unknown. */
    public long pid() { return pid; }
}
