package dev.blockwork.schedule;

/**
 * A result that an executor keeps where it was made (a worker's memory, a cluster member, a spill file): the
 * engine holds this handle in place of the value, and the value moves only when someone asks for it.
 *
 * <p>The protocol, as {@link Execution} follows it:
 * <ul>
 *   <li>An executor passes a handle as the value to {@link Execution#finish(int, Object, TaskReport, ReadySink)}.
 *   <li>When the result is no longer needed (its last consumer ran and it is not an output; the compute failed or
 *       was cancelled; a late result arrived after the end) the engine calls {@link #release()}, once.
 *   <li>An executor that moves data itself (locality: a task runs where its inputs are) declares it with
 *       {@link Execution#acceptHeldInputs()}; the task inputs it is given may then be handles. For any other
 *       executor the engine {@linkplain #fetch() fetches} held inputs before the task runs, in the thread that
 *       runs it. If a fetch throws {@link WorkerLostException}, the input is {@linkplain Execution#lost lost} and
 *       recomputed from the graph.
 *   <li>{@code compute()} fetches held outputs for the caller (off the executor's threads);
 *       {@link ComputeOptions#withKeepHeld(boolean)} leaves them as handles, which is how {@code persist()} keeps
 *       results on the workers (see {@link HeldResults#releaseWhenUnreachable}). Whoever keeps a handle releases it.
 * </ul>
 * Local executors ({@code sync}, {@code threads}) never make handles: their values are the results themselves,
 * and the protocol costs them one type check per finished task.
 */
public interface HeldResult {

    /**
     * Where the result lives, for diagnostics and locality (a worker or member name, {@code "disk"}).
     *
     * @return the holder's name
     */
    String location();

    /**
     * The result's size where it is held.
     *
     * @return its size in bytes, or -1 if unknown
     */
    long sizeBytes();

    /**
     * Brings the value here. May be called more than once and from any thread; the handle stays valid until
     * released.
     *
     * @return the value
     * @throws WorkerLostException if the holder is gone (the result must be recomputed)
     * @throws Exception           if it could not be read for another reason (a corrupt spill file, ...)
     */
    Object fetch() throws Exception;

    /** The engine (or the owner of a kept handle) no longer needs the result: idempotent, never throws, may be asynchronous. */
    void release();

    /**
     * Whether the value is known to be gone (its holder left, or the handle was released): a compute planned now
     * makes it again from its collection's graph instead of reading it ({@code persist()} keeps that graph for this).
     *
     * @return true once the holder is known gone; false by default
     */
    default boolean isLost() { return false; }

    /**
     * A view of this handle that does not own it: releasing the view does nothing. A collection that keeps
     * handles ({@code persist()}) hands out views to the computes that read it, so that those computes cannot
     * release what the collection still holds.
     *
     * @return a non-owning view
     */
    default HeldResult borrowed() { return this instanceof Borrowed ? this : new Borrowed(this); }

    /**
     * The handle this one stands for: itself, or for a {@linkplain #borrowed() borrowed} view the owning handle
     * (an executor looks at it to find where the data is).
     *
     * @return the owning handle
     */
    default HeldResult owner() { return this; }

    /**
     * A non-owning view of a handle (see {@link #borrowed()}).
     *
     * @param owner the handle it stands for
     */
    record Borrowed(HeldResult owner) implements HeldResult {
        @Override public String location() { return owner.location(); }
        @Override public long sizeBytes() { return owner.sizeBytes(); }
        @Override public Object fetch() throws Exception { return owner.fetch(); }
        @Override public void release() {}
        @Override public boolean isLost() { return owner.isLost(); }
        @Override public String toString() { return "borrowed " + owner; }
    }
}
