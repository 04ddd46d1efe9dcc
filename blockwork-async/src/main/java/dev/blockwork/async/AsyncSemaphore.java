package dev.blockwork.async;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Bounds how many tasks do something at once: the counterpart of {@code asyncio.BoundedSemaphore}.
 *
 * <pre>{@code
 * AsyncSemaphore limit = new AsyncSemaphore(100);
 * try (AsyncSemaphore.Permit p = limit.acquirePermit()) { fetch(url); }
 * // or: limit.withPermit(() -> fetch(url));
 * }</pre>
 *
 * <p><b>Contract.</b> {@link #acquire()} blocks until a permit is free and is interruptible; waiters are
 * served first-in-first-out. {@link #tryAcquire()} never blocks. Releasing more permits than were acquired
 * throws {@link IllegalStateException} (it is a bug, as in Python's {@code BoundedSemaphore}). Happens-before:
 * actions before {@code release()} happen-before actions after an {@code acquire()} that takes that permit.
 *
 * <p><b>Implementation overview.</b> A fair {@link Semaphore} (FIFO, no barging, so no task starves under
 * load) plus an acquired-permits count checked on release to catch over-release.
 */
public final class AsyncSemaphore {
    private final int permits;
    private final Semaphore semaphore;

    /**
     * Creates a semaphore with {@code permits} permits.
     *
     * @param permits the number of permits, at least 1
     * @throws IllegalArgumentException if {@code permits < 1}
     */
    public AsyncSemaphore(int permits) {
        if (permits < 1) {
            throw new IllegalArgumentException("got " + permits + " permits, expected at least 1");
        }
        this.permits = permits;
        this.semaphore = new Semaphore(permits, true);
    }

    /**
     * Takes a permit, blocking until one is free.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    public void acquire() throws InterruptedException {
        semaphore.acquire();
    }

    /**
     * Takes a permit if one is free now. Never blocks.
     *
     * @return true if a permit was taken
     */
    public boolean tryAcquire() {
        return semaphore.tryAcquire();
    }

    /**
     * Takes a permit, waiting at most {@code timeout}; returns false on timeout.
     *
     * @param timeout the longest to wait
     * @return true if a permit was taken, false on timeout
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean tryAcquire(Duration timeout) throws InterruptedException {
        return semaphore.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Returns a permit.
     *
     * @throws IllegalStateException if every permit is already free
     */
    public void release() {
        synchronized (semaphore) {
            if (semaphore.availablePermits() >= permits) {
                throw new IllegalStateException("got release() with all " + permits
                        + " permits free, expected a matching acquire()");
            }
            semaphore.release();
        }
    }

    /**
     * Takes a permit (blocking) and returns it as a resource that releases it once on close.
     *
     * @return the permit; close it (try-with-resources) to release it
     * @throws InterruptedException if interrupted while waiting
     */
    public Permit acquirePermit() throws InterruptedException {
        acquire();
        return new Permit(this);
    }

    /**
     * Runs {@code body} holding a permit, releasing it afterwards; rethrows what the body threw.
     *
     * @param <T> the result type
     * @param body what to run while holding the permit
     * @return what {@code body} returned
     * @throws Exception what {@code body} threw, or InterruptedException while waiting for the permit
     */
    public <T> T withPermit(Callable<? extends T> body) throws Exception {
        acquire();
        try {
            return body.call();
        } finally {
            release();
        }
    }

    /**
     * Returns the number of permits free now.
     *
     * @return the permits free now
     */
    public int availablePermits() {
        return semaphore.availablePermits();
    }

    /**
     * Returns the number of permits given at construction.
     *
     * @return the permits given at construction
     */
    public int permits() {
        return permits;
    }

    /** A held permit; {@link #close()} releases it (only the first close has an effect). */
    public static final class Permit implements AutoCloseable {
        private final AsyncSemaphore owner;
        private final AtomicBoolean released = new AtomicBoolean();

        private Permit(AsyncSemaphore owner) {
            this.owner = owner;
        }

        @Override
        public void close() {
            if (released.compareAndSet(false, true)) {
                owner.release();
            }
        }
    }
}
