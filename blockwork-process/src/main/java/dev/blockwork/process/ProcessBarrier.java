package dev.blockwork.process;

import static dev.blockwork.process.internal.SyncDescriptor.*;

import dev.blockwork.process.internal.Atomics;
import dev.blockwork.process.internal.RingChannel;
import dev.blockwork.process.internal.ShmFile;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A cyclic barrier for {@code parties} processes (or threads). Writes before {@link #await}
 * happen-before the return of every party's {@code await} in the same generation. A timed-out
 * wait breaks the barrier for everyone (as {@link java.util.concurrent.CyclicBarrier} does); a party
 * that dies leaves the others waiting until their timeouts: use the timed form across processes.
 *
 * <p>Implementation overview: one CAS word packs generation (high 32 bits) and arrivals (low 32);
 * the last arrival starts the next generation, which releases the waiters.
 */
public final class ProcessBarrier extends SharedSync {
    ProcessBarrier(ShmFile f) {
        super(f);
        checkType(words, TYPE_BARRIER, f.name());
    }

    /**
     * A new barrier for {@code parties} parties, in a new shared-memory file.
     *
     * @param parties how many {@link #await} calls release a generation, &gt;= 1
     * @return this process's handle; pass it to workers as an argument, and close it (the last handle deletes the
     *         shared words)
     * @throws java.io.UncheckedIOException if the shared memory cannot be created
     * @throws IllegalArgumentException if {@code parties} is below 1
     */
    public static ProcessBarrier create(int parties) {
        if (parties < 1) throw new IllegalArgumentException("got parties " + parties + ", expected >= 1");
        ShmFile f = createFile(TYPE_BARRIER);
        f.data().set(ValueLayout.JAVA_LONG, AUX_OFFSET, parties);
        return new ProcessBarrier(f);
    }

    /** {@return how many parties the barrier waits for} */
    public int parties() { return (int) words.get(ValueLayout.JAVA_LONG, AUX_OFFSET); }

    /** {@return whether a party timed out or was interrupted: every wait then fails} A broken barrier stays broken. */
    public boolean isBroken() { return Atomics.getLongVolatile(words, FLAGS_OFFSET) != 0; }

    /**
     * Waits, without a bound, for all parties of this generation to arrive.
     *
     * @return the arrival index: {@code parties - 1} for the first, 0 for the last
     * @throws InterruptedException   if interrupted while waiting (the barrier is then broken)
     * @throws BrokenBarrierException if the barrier is or becomes broken
     * @throws IllegalStateException  if this handle is closed
     */
    public int await() throws InterruptedException, BrokenBarrierException {
        try {
            return await(Long.MAX_VALUE);
        } catch (TimeoutException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Waits at most {@code timeout} for all parties of this generation to arrive.
     *
     * @param timeout the longest wait, &gt;= 0, in {@code unit}
     * @param unit    the unit of {@code timeout}
     * @return the arrival index: {@code parties - 1} for the first, 0 for the last
     * @throws InterruptedException   if interrupted while waiting (the barrier is then broken)
     * @throws BrokenBarrierException if the barrier is or becomes broken
     * @throws TimeoutException       if not all parties arrived in time (the barrier is then broken)
     * @throws IllegalStateException  if this handle is closed
     */
    public int await(long timeout, TimeUnit unit) throws InterruptedException, BrokenBarrierException, TimeoutException {
        return await(RingChannel.deadline(timeout, unit));
    }

    private int await(long deadlineNs) throws InterruptedException, BrokenBarrierException, TimeoutException {
        ensureOpen();
        int parties = parties();
        long gen;
        int index;
        while (true) {
            if (isBroken()) throw new BrokenBarrierException();
            long v = Atomics.getLongVolatile(words, STATE_OFFSET);
            gen = v >>> 32;
            int arrived = (int) v;
            if (arrived + 1 == parties) {
                if (Atomics.casLong(words, STATE_OFFSET, v, (gen + 1) << 32)) return 0;
            } else if (Atomics.casLong(words, STATE_OFFSET, v, (gen << 32) | (arrived + 1))) {
                index = parties - 1 - arrived;
                break;
            }
        }
        final long g = gen;
        boolean done;
        try {
            done = SharedSync.await(() -> isBroken() || (Atomics.getLongVolatile(words, STATE_OFFSET) >>> 32) != g, deadlineNs);
        } catch (InterruptedException e) {
            Atomics.setLongVolatile(words, FLAGS_OFFSET, 1);
            throw e;
        }
        if ((Atomics.getLongVolatile(words, STATE_OFFSET) >>> 32) != g) return index;
        if (!done) {
            Atomics.setLongVolatile(words, FLAGS_OFFSET, 1);
            throw new TimeoutException("barrier " + file.name() + ": not all " + parties + " parties arrived in time; now broken");
        }
        throw new BrokenBarrierException();
    }
}
