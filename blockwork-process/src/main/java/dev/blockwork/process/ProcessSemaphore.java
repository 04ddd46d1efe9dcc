package dev.blockwork.process;

import static dev.blockwork.process.internal.SyncDescriptor.*;

import dev.blockwork.process.internal.Atomics;
import dev.blockwork.process.internal.RingChannel;
import dev.blockwork.process.internal.ShmFile;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.TimeUnit;

/**
 * A counting semaphore shared by processes. Permits are not owned: any process may release.
 * A release happens-before the acquire that takes its permit. A process that dies holding permits
 * does not give them back: use timed acquires where that matters.
 */
public final class ProcessSemaphore extends SharedSync {
    ProcessSemaphore(ShmFile f) {
        super(f);
        checkType(words, TYPE_SEMAPHORE, f.name());
    }

    /**
     * A new semaphore with {@code permits} free permits, in a new shared-memory file.
     *
     * @param permits the initial permits, &gt;= 0
     * @return this process's handle; pass it to workers as an argument, and close it (the last handle deletes the
     *         shared words)
     * @throws java.io.UncheckedIOException if the shared memory cannot be created
     * @throws IllegalArgumentException if {@code permits} is negative
     */
    public static ProcessSemaphore create(long permits) {
        if (permits < 0) throw new IllegalArgumentException("got permits " + permits + ", expected >= 0");
        ShmFile f = createFile(TYPE_SEMAPHORE);
        f.data().set(ValueLayout.JAVA_LONG, STATE_OFFSET, permits);
        return new ProcessSemaphore(f);
    }

    /**
     * Takes a permit, waiting as long as needed.
     *
     * @throws InterruptedException  if interrupted while waiting
     * @throws IllegalStateException if this handle is closed
     */
    public void acquire() throws InterruptedException { await(this::tryAcquire, Long.MAX_VALUE); }

    /**
     * Takes a permit if one is free within {@code timeout}.
     *
     * @param timeout the longest wait, &gt;= 0, in {@code unit}
     * @param unit    the unit of {@code timeout}
     * @return true if a permit was taken, false on timeout
     * @throws InterruptedException  if interrupted while waiting
     * @throws IllegalStateException if this handle is closed
     */
    public boolean tryAcquire(long timeout, TimeUnit unit) throws InterruptedException {
        return await(this::tryAcquire, RingChannel.deadline(timeout, unit));
    }

    /**
     * Takes a permit if one is free now, without waiting.
     *
     * @return true if a permit was taken
     * @throws IllegalStateException if this handle is closed
     */
    public boolean tryAcquire() {
        ensureOpen();
        while (true) {
            long p = Atomics.getLongVolatile(words, STATE_OFFSET);
            if (p <= 0) return false;
            if (Atomics.casLong(words, STATE_OFFSET, p, p - 1)) return true;
        }
    }

    /**
     * Gives a permit back (any process may, whether or not it acquired one: there is no upper bound).
     *
     * @throws IllegalStateException if this handle is closed
     */
    public void release() {
        ensureOpen();
        Atomics.getAndAddLong(words, STATE_OFFSET, 1);
    }

    /** {@return the permits free now} Does not wait; the answer may be stale as soon as it returns. */
    public long availablePermits() { return Atomics.getLongVolatile(words, STATE_OFFSET); }
}
