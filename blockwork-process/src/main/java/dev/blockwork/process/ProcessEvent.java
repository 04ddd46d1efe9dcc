package dev.blockwork.process;

import static dev.blockwork.process.internal.SyncDescriptor.*;

import dev.blockwork.process.internal.Atomics;
import dev.blockwork.process.internal.RingChannel;
import dev.blockwork.process.internal.ShmFile;
import java.util.concurrent.TimeUnit;

/**
 * A flag processes can set, clear and wait for (Python's {@code multiprocessing.Event}).
 * {@link #set} happens-before every {@link #await} that returns because of it.
 */
public final class ProcessEvent extends SharedSync {
    ProcessEvent(ShmFile f) {
        super(f);
        checkType(words, TYPE_EVENT, f.name());
    }

    /**
     * A new event, not set, in a new shared-memory file.
     *
     * @return this process's handle; pass it to workers as an argument, and close it (the last handle deletes the
     *         shared words)
     * @throws java.io.UncheckedIOException if the shared memory cannot be created
     */
    public static ProcessEvent create() { return new ProcessEvent(createFile(TYPE_EVENT)); }

    /**
     * Sets the flag: every waiter, in any process, returns.
     *
     * @throws IllegalStateException if this handle is closed
     */
    public void set() { ensureOpen(); Atomics.setLongVolatile(words, STATE_OFFSET, 1); }

    /**
     * Clears the flag; later {@link #await} calls wait again.
     *
     * @throws IllegalStateException if this handle is closed
     */
    public void clear() { ensureOpen(); Atomics.setLongVolatile(words, STATE_OFFSET, 0); }

    /** {@return whether the flag is set now} Does not wait. */
    public boolean isSet() { return Atomics.getLongAcquire(words, STATE_OFFSET) != 0; }

    /**
     * Waits, without a bound, until the flag is set (returns at once if it is).
     *
     * @throws InterruptedException  if interrupted while waiting
     * @throws IllegalStateException  if this handle is closed
     */
    public void await() throws InterruptedException { ensureOpen(); SharedSync.await(this::isSet, Long.MAX_VALUE); }

    /**
     * Waits until the flag is set, at most {@code timeout}.
     *
     * @param timeout the longest wait, &gt;= 0, in {@code unit}
     * @param unit    the unit of {@code timeout}
     * @return true if it is set, false on timeout
     * @throws InterruptedException  if interrupted while waiting
     * @throws IllegalStateException if this handle is closed
     */
    public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        ensureOpen();
        return SharedSync.await(this::isSet, RingChannel.deadline(timeout, unit));
    }
}
