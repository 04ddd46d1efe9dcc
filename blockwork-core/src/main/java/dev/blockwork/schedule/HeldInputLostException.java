package dev.blockwork.schedule;

/**
 * A result that a compute read but did not make (a persisted block or value, held on a worker) was lost with its
 * holder while the compute ran. The engine does not retry the task: the compute that read the result cannot make it
 * again. {@code compute()} plans the collection again instead, and the new plan makes the lost value from the
 * collection's graph (at most {@value Compute#MAX_REPLANS} times).
 */
public class HeldInputLostException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception naming the lost result.
     *
     * @param message what was lost, and where it was held
     * @param cause   why it could not be read, or null
     */
    public HeldInputLostException(String message, Throwable cause) { super(message, cause); }

    /**
     * Whether {@code t} or one of its causes is a held input lost with its holder.
     *
     * @param t an exception
     * @return true if the chain holds a {@link HeldInputLostException}
     */
    public static boolean inChain(Throwable t) {
        for (int depth = 0; t != null && depth < 32; t = t.getCause(), depth++) if (t instanceof HeldInputLostException) return true;
        return false;
    }
}
