package dev.blockwork.process;

/**
 * The process at the other side of a wait has exited, so the wait can never complete.
 * Names the channel and the process id (and exit status when known).
 */
public class PeerDiedException extends IllegalStateException {
    /** The process that died, or -1 when unknown. */
    private final long pid;

    /**
     * An exception naming the channel and the dead process.
     *
     * @param message names the channel and the process (and its exit status when known)
     * @param pid     the process that died, or -1 when unknown (e.g. every other user of a queue)
     */
    public PeerDiedException(String message, long pid) {
        super(message);
        this.pid = pid;
    }

    /** {@return the process that died, or -1 when unknown} */
    public long pid() { return pid; }
}
