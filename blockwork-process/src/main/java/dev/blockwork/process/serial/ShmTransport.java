package dev.blockwork.process.serial;

import dev.blockwork.process.internal.BlockArena;
import dev.blockwork.process.internal.ShmDescriptor;
import dev.blockwork.process.internal.ShmFile;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Lets the serializer move large blocks ({@code NDArray}s and primitive arrays of at least
 * {@link #THRESHOLD_BYTES}) through shared memory while a message is serialized: each such value is
 * written into shared memory (a recycled arena segment, or a file of its own) and only a small handle goes
 * into the serialized bytes.
 *
 * <p>Contract: {@link #serialize} installs this transport on the calling thread for one serialization;
 * without an installed transport every value is written inline. Who frees a file depends on the mode:
 * <ul>
 *   <li>{@link #ownedBySender()}: the sender keeps one reference per file and drops them with
 *       {@link #release()} once every receiver is done (the same bytes may be read any number of times
 *       before that, e.g. by a retry on a fresh worker); each read maps, copies and closes.
 *   <li>{@link #handedToReceiver(long)}: after the message is sent, {@link #release()} unmaps the sender's
 *       files but leaves their references to the receiver, whose single read copies the data and deletes
 *       the file. A message that is never read is freed when the sender exits (or by the dead-owner sweep).
 * </ul>
 * With a {@link BlockArena} (the factories that take one; {@link dev.blockwork.process.ProcessPool} uses them), a
 * block goes into a recycled segment of the arena instead of a file of its own (a file of its own when the
 * arena cannot hold it): owned, {@link #release()} frees the lease; handed off, the receiver's read frees it.
 * {@link #abort()} deletes all files at once (the message was not sent). Receivers get a heap copy:
 * exactly one copy out of shared memory per read, no mapping outlives the read. Serialize on one
 * thread; {@link #release()} and {@link #abort()} may then run on any thread.
 *
 * <p>Implementation overview: a thread-local stack slot read by {@link BlockSerializers}; the files
 * are {@link ShmFile}s of kind {@link ShmDescriptor#KIND_BUFFER}. Happens-before: the sender's writes
 * to a file precede sending the message that names it (ring publication is a release store).
 */
public final class ShmTransport {
    /** Smallest block (bytes) sent through shared memory: {@code blockwork.serialization.shmThresholdBytes}, default 64 KiB. */
    public static final long THRESHOLD_BYTES = dev.blockwork.process.ProcessSettings.SHM_THRESHOLD_BYTES.getLong();

    private static final ThreadLocal<ShmTransport> CURRENT = new ThreadLocal<>();

    private final boolean handOff;
    private final long receiverPid;
    private final BlockArena arena;
    private final List<Target> files = new ArrayList<>(2);
    private final List<Runnable> onRelease = new ArrayList<>(0);
    private boolean released;

    private ShmTransport(boolean handOff, long receiverPid, BlockArena arena) {
        this.handOff = handOff;
        this.receiverPid = receiverPid;
        this.arena = arena;
    }

    /**
     * A transport whose files stay alive until the sender calls {@link #release()}; receivers may read them
     * repeatedly.
     *
     * @return a new transport, not installed; use it for one message
     */
    public static ShmTransport ownedBySender() { return new ShmTransport(false, -1, null); }

    /**
     * As {@link #ownedBySender()}, with blocks in {@code arena}'s recycled segments; {@link #release()} frees them.
     *
     * @param arena the sender's arena; a block it cannot hold gets a file of its own
     * @return a new transport, not installed; use it for one message
     */
    @SuppressWarnings("exports") // internal: the pool's and workers' own transports (BlockArena is not API)
    public static ShmTransport ownedBySender(BlockArena arena) { return new ShmTransport(false, -1, arena); }

    /**
     * As {@link #handedToReceiver(long)}, with blocks in {@code arena}'s recycled segments: the receiver's one read
     * frees each (the sender may then reuse it for its next block).
     *
     * @param receiverPid the receiving process, or -1 if unknown
     * @param arena       the sender's arena; a block it cannot hold gets a file of its own
     * @return a new transport, not installed; use it for one message
     */
    @SuppressWarnings("exports") // internal, as above
    public static ShmTransport handedToReceiver(long receiverPid, BlockArena arena) { return new ShmTransport(true, receiverPid, arena); }

    /**
     * Each file is read once by the receiver (process {@code receiverPid}, or -1 if unknown), which frees it;
     * call {@link #release()} after a successful send. The receiver is named in each file's user table at the
     * hand-off, so no dead-owner sweep deletes a file that is on its way to a live receiver.
     *
     * @param receiverPid the receiving process, or -1 if unknown
     * @return a new transport, not installed; use it for one message
     */
    public static ShmTransport handedToReceiver(long receiverPid) { return new ShmTransport(true, receiverPid, null); }

    /**
     * Runs {@code serialization} with this transport installed on the calling thread (the previous one is restored
     * after, so serializations may nest).
     *
     * @param serialization the code that serializes one message, on this thread
     * @param <T>           what it returns
     * @return what {@code serialization} returned
     * @throws TransferException if a block could not be written to shared memory
     */
    public <T> T serialize(Supplier<T> serialization) {
        ShmTransport previous = CURRENT.get();
        CURRENT.set(this);
        try {
            return serialization.get();
        } finally {
            if (previous == null) CURRENT.remove(); else CURRENT.set(previous);
        }
    }

    /** The transport installed on this thread, or null (values are then written inline). */
    static ShmTransport current() { return CURRENT.get(); }

    /**
     * Where one block goes: a lease in the arena, or a file of its own ({@code file}) when there is no arena or it
     * cannot hold the block.
     */
    record Target(ShmFile file, BlockArena.Lease lease) {
        String name() { return lease != null ? lease.name() : file.name(); }

        /** The mapped data area (the block's bytes and beyond for a file of its own). */
        MemorySegment data() { return lease != null ? lease.data() : file.data(); }

        /** Copies {@code src} to the start of the data area (see {@link ShmFile#write}, {@link BlockArena.Lease#write}). */
        void write(MemorySegment src) {
            if (lease != null) lease.write(src); else file.write(0, src);
        }

        /** The sender gives up the block now (freed, or deleted). */
        void discard() {
            if (lease != null) lease.free(); else file.close();
        }
    }

    /** Space for a block of {@code bytes} data bytes, recorded for {@link #release()} / {@link #abort()}. */
    synchronized Target allocate(long bytes) {
        if (released) throw new IllegalStateException("shared-memory transport already released");
        Target f;
        try {
            BlockArena.Lease lease = arena == null ? null : arena.acquire(bytes, handOff ? receiverPid : -1);
            f = lease != null ? new Target(null, lease) : new Target(ShmFile.create(ShmDescriptor.KIND_BUFFER, bytes), null);
        } catch (RuntimeException e) {
            throw new TransferException("cannot create a shared-memory block of " + bytes + " bytes: " + e.getMessage(), e);
        }
        files.add(f);
        return f;
    }

    boolean handOff() { return handOff; }

    /** Files created so far (for {@link #discardFrom} after a failed serialization attempt). */
    int mark() { return files.size(); }

    /** Deletes the files created after {@code mark}. */
    void discardFrom(int mark) {
        while (files.size() > mark) files.removeLast().discard();
    }

    /** {@return whether the message put nothing in shared memory and registered no release action} */
    public boolean isEmpty() { return files.isEmpty() && onRelease.isEmpty(); }

    /**
     * For a serializer hook that must know whether its message may be re-read (e.g. re-sent to a fresh worker).
     *
     * @return the transport installed on this thread if it is one whose sender keeps the message until done, else null
     */
    public static ShmTransport currentOwnedBySender() {
        ShmTransport t = CURRENT.get();
        return t != null && !t.handOff ? t : null;
    }

    /**
     * Runs {@code action} when the sender releases (or aborts) this message: e.g. a queue handle no longer in
     * transit. A {@code RuntimeException} it throws is ignored.
     *
     * @param action what to run, once, on the thread that releases
     * @throws IllegalStateException if this transport is already released
     */
    public synchronized void onRelease(Runnable action) {
        if (released) throw new IllegalStateException("shared-memory transport already released");
        onRelease.add(action);
    }

    private void runReleaseActions() {
        for (Runnable r : onRelease) {
            try { r.run(); } catch (RuntimeException ignored) { /* a queue already gone */ }
        }
        onRelease.clear();
    }

    /** Writing a block to shared memory failed: never hidden by the serializer's Java fallback. */
    public static final class TransferException extends IllegalStateException {
        TransferException(String message, Throwable cause) { super(message, cause); }
    }

    /** {@return how many shared-memory blocks (arena segments or files) this message uses} */
    public int fileCount() { return files.size(); }

    /** Owned: drops the sender's references. Handed off: unmaps, leaving the references to the receiver. Idempotent. */
    public synchronized void release() {
        if (released) return;
        released = true;
        for (Target f : files) {
            if (f.lease() != null) {
                if (!handOff) f.lease().free(); // handed off: the receiver's read frees it
            } else if (handOff) {
                f.file().handOff(receiverPid);
            } else {
                f.file().close();
            }
        }
        runReleaseActions();
    }

    /** Deletes every file now (the message was not sent). Idempotent. */
    public synchronized void abort() {
        released = true;
        for (Target f : files) f.discard();
        runReleaseActions();
    }
}
