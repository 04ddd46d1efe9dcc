package dev.blockwork.async;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A flag that tasks can wait for: the counterpart of {@code asyncio.Event}.
 *
 * <p><b>Contract.</b> {@link #set()} wakes every waiter; while the event is set, {@link #await()} returns at
 * once. {@link #clear()} resets it. {@code await} blocks and is interruptible. {@code set} and {@code clear}
 * never block for long. Happens-before: actions before {@code set()} happen-before actions after an
 * {@code await()} that returns because of it.
 *
 * <p><b>Implementation overview.</b> A flag and a condition under one {@link ReentrantLock}. A generation
 * counter bumped by each {@code set()} lets a waiter return even if the event was cleared again before it
 * woke up (a pulse {@code set(); clear();} releases everyone waiting at that moment, as in asyncio).
 */
public final class AsyncEvent {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private boolean set;
    private long generation;

    /** Creates an event that is not set. */
    public AsyncEvent() {}

    /** Sets the event and wakes every waiter. */
    public void set() {
        lock.lock();
        try {
            if (!set) {
                set = true;
                generation++;
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Clears the event; later {@code await} calls block until the next {@link #set()}. */
    public void clear() {
        lock.lock();
        try {
            set = false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns true if the event is set.
     *
     * @return whether the event is set now
     */
    public boolean isSet() {
        lock.lock();
        try {
            return set;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Blocks until the event is set.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    public void await() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            long seen = generation;
            while (!set && generation == seen) {
                changed.await();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Blocks at most {@code timeout} until the event is set; returns false on timeout.
     *
     * @param timeout the longest to wait
     * @return true if the event was set, false on timeout
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean await(Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lockInterruptibly();
        try {
            long seen = generation;
            while (!set && generation == seen) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = changed.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }
}
