package dev.blockwork.process;

import static dev.blockwork.process.internal.SyncDescriptor.*;

import dev.blockwork.process.internal.Atomics;
import dev.blockwork.process.internal.PidTable;
import dev.blockwork.process.internal.ShmFile;
import java.util.concurrent.TimeUnit;

/**
 * A mutual-exclusion lock shared by processes (like Python's {@code multiprocessing.Lock}).
 *
 * <p>Contract: not reentrant; held by one thread of one process; {@link #unlock} by any other thread
 * throws {@link IllegalMonitorStateException}. Writes made while holding the lock happen-before
 * the next holder's reads (also for {@link SharedBuffer} memory). If the holding process dies, the
 * next acquirer takes the lock over (like a robust POSIX mutex) and {@link #lastAcquireRecovered()}
 * tells it so: the data the lock protected may be half-updated. Pass it to workers as an argument
 * (it is serializable); close every handle.
 *
 * <p>Implementation overview: the STATE word holds the holder's pid, set by CAS; AUX holds its
 * thread id. Waiters back off (spin, yield, park) and check the holder's liveness when parking.
 */
public final class ProcessLock extends SharedSync {
    private transient volatile boolean recovered;

    ProcessLock(ShmFile f) {
        super(f);
        checkType(words, TYPE_LOCK, f.name());
    }

    /**
     * A new lock, free, in a new shared-memory file.
     *
     * @return this process's handle; pass it to workers as an argument, and close it (the last handle deletes the
     *         shared words)
     * @throws java.io.UncheckedIOException if the shared memory cannot be created
     */
    public static ProcessLock create() { return new ProcessLock(createFile(TYPE_LOCK)); }

    /**
     * Takes the lock, waiting as long as needed (a lock whose holder process died is taken over).
     *
     * @throws InterruptedException  if interrupted while waiting
     * @throws IllegalStateException if this handle is closed
     */
    public void lock() throws InterruptedException { tryLock(Long.MAX_VALUE); }

    /**
     * Takes the lock if it is free now, without waiting (and without taking over from a dead holder).
     *
     * @return true if this thread now holds it
     * @throws IllegalStateException if this handle is closed
     */
    public boolean tryLock() {
        ensureOpen();
        return attempt();
    }

    /**
     * Takes the lock if it is free within {@code timeout} (a lock whose holder process died is taken over).
     *
     * @param timeout the longest wait, &gt;= 0, in {@code unit}
     * @param unit    the unit of {@code timeout}
     * @return true if this thread now holds it, false on timeout
     * @throws InterruptedException  if interrupted while waiting
     * @throws IllegalStateException if this handle is closed
     */
    public boolean tryLock(long timeout, TimeUnit unit) throws InterruptedException {
        return tryLock(dev.blockwork.process.internal.RingChannel.deadline(timeout, unit));
    }

    private boolean tryLock(long deadlineNs) throws InterruptedException {
        ensureOpen();
        int[] n = {0};
        return await(() -> attempt() || ((++n[0] & 255) == 0 && recoverFromDeadHolder()), deadlineNs);
    }

    private boolean attempt() {
        long me = ProcessHandle.current().pid();
        if (Atomics.casLong(words, STATE_OFFSET, 0, me)) {
            Atomics.setLongVolatile(words, AUX_OFFSET, Thread.currentThread().threadId());
            recovered = false;
            return true;
        }
        return false;
    }

    private boolean recoverFromDeadHolder() {
        long holder = Atomics.getLongVolatile(words, STATE_OFFSET);
        if (holder != 0 && !PidTable.alive(holder)
                && Atomics.casLong(words, STATE_OFFSET, holder, ProcessHandle.current().pid())) {
            Atomics.setLongVolatile(words, AUX_OFFSET, Thread.currentThread().threadId());
            recovered = true;
            return true;
        }
        return false;
    }

    /**
     * Whether the last successful acquire by this handle took the lock over from a dead process: then the data the
     * lock protects may be half-updated.
     *
     * @return true if it was taken over
     */
    public boolean lastAcquireRecovered() { return recovered; }

    /**
     * Releases the lock; the next holder sees the writes made while this thread held it.
     *
     * @throws IllegalMonitorStateException if this thread does not hold it
     * @throws IllegalStateException        if this handle is closed
     */
    public void unlock() {
        ensureOpen();
        long me = ProcessHandle.current().pid();
        if (Atomics.getLongVolatile(words, STATE_OFFSET) != me
                || Atomics.getLongVolatile(words, AUX_OFFSET) != Thread.currentThread().threadId()) {
            throw new IllegalMonitorStateException("lock " + file.name() + " is not held by this thread");
        }
        Atomics.setLongRelease(words, STATE_OFFSET, 0);
    }

    /** {@return the pid of the holding process, or 0 when free} Does not wait; for monitoring. */
    public long holderPid() { return Atomics.getLongVolatile(words, STATE_OFFSET); }
}
