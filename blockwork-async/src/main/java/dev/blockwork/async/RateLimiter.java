package dev.blockwork.async;

import java.util.function.LongSupplier;

/**
 * A token bucket: at most {@code burst} permits at once, refilled at {@code permitsPerSecond}. Use it to keep
 * a crowd of tasks under a request rate:
 *
 * <pre>{@code
 * RateLimiter limiter = RateLimiter.create(500, 50);    // 500/s, bursts of up to 50
 * limiter.acquire();                                  // blocks until a permit is due
 * }</pre>
 *
 * <p><b>Contract.</b> {@link #tryAcquire()} never blocks. {@link #acquire()} reserves a permit (possibly
 * going into debt, so that waiters are served in the order they arrived) and then sleeps until it is due;
 * the sleep is interruptible, and an interrupted acquire keeps its reservation (the debt is not refunded).
 * {@link #reserveNanos} is the non-blocking core: it reserves and says how long the caller must wait.
 * Thread-safe; the critical section is a few arithmetic operations.
 *
 * <p><b>Implementation overview.</b> State is {@code tokens} (may go negative: outstanding reservations) and
 * the clock reading of the last refill; each call first adds {@code elapsed × rate} tokens, capped at
 * {@code burst}. The clock is injected (a {@link LongSupplier} of nanoseconds, {@link System#nanoTime} by
 * default) so tests drive time by hand instead of sleeping.
 */
public final class RateLimiter {
    private static final double NANOS_PER_SECOND = 1e9;

    private final double permitsPerSecond;
    private final int burst;
    private final LongSupplier nanoClock;
    private double tokens;      // guarded by this
    private long lastRefillNs;  // guarded by this

    private RateLimiter(double permitsPerSecond, int burst, LongSupplier nanoClock) {
        if (!(permitsPerSecond > 0) || Double.isInfinite(permitsPerSecond)) {
            throw new IllegalArgumentException("got " + permitsPerSecond
                    + " permits per second, expected a finite rate > 0");
        }
        if (burst < 1) {
            throw new IllegalArgumentException("got burst " + burst + ", expected at least 1");
        }
        this.permitsPerSecond = permitsPerSecond;
        this.burst = burst;
        this.nanoClock = nanoClock;
        this.tokens = burst;
        this.lastRefillNs = nanoClock.getAsLong();
    }

    /**
     * Creates a limiter that starts full ({@code burst} permits available) and uses {@link System#nanoTime}.
     *
     * @param permitsPerSecond the refill rate, finite and {@code > 0}
     * @param burst the bucket size: the most permits available at once, at least 1
     * @return the limiter
     * @throws IllegalArgumentException if a parameter is out of range
     */
    public static RateLimiter create(double permitsPerSecond, int burst) {
        return new RateLimiter(permitsPerSecond, burst, System::nanoTime);
    }

    /**
     * Creates a limiter reading time from {@code nanoClock} (nanoseconds, monotonic). For tests.
     *
     * @param permitsPerSecond the refill rate, finite and {@code > 0}
     * @param burst the bucket size: the most permits available at once, at least 1
     * @param nanoClock the time source
     * @return the limiter
     * @throws IllegalArgumentException if a parameter is out of range
     */
    public static RateLimiter create(double permitsPerSecond, int burst, LongSupplier nanoClock) {
        if (nanoClock == null) {
            throw new NullPointerException("got a null nanoClock, expected a nanosecond time source");
        }
        return new RateLimiter(permitsPerSecond, burst, nanoClock);
    }

    /**
     * Takes one permit if one is available now. Never blocks.
     *
     * @return true if a permit was taken
     */
    public boolean tryAcquire() {
        return tryAcquire(1);
    }

    /**
     * Takes {@code permits} permits if that many are available now. Never blocks.
     *
     * @param permits how many, at least 1
     * @return true if they were taken
     */
    public synchronized boolean tryAcquire(int permits) {
        checkPermits(permits);
        refill();
        if (tokens < permits) {
            return false;
        }
        tokens -= permits;
        return true;
    }

    /**
     * Reserves {@code permits} permits and returns how many nanoseconds the caller must wait before using
     * them (0 if available now). Never blocks.
     *
     * @param permits how many, at least 1
     * @return nanoseconds to wait before using them, {@code >= 0}
     */
    public synchronized long reserveNanos(int permits) {
        checkPermits(permits);
        refill();
        tokens -= permits;
        return tokens >= 0 ? 0 : (long) Math.ceil(-tokens / permitsPerSecond * NANOS_PER_SECOND);
    }

    /**
     * Takes one permit, sleeping until it is due.
     *
     * @throws InterruptedException if interrupted while sleeping (the reserved permit is spent)
     */
    public void acquire() throws InterruptedException {
        acquire(1);
    }

    /**
     * Takes {@code permits} permits, sleeping until they are due.
     *
     * @param permits how many, at least 1
     * @throws InterruptedException if interrupted while sleeping (the reserved permits are spent)
     */
    public void acquire(int permits) throws InterruptedException {
        long waitNs = reserveNanos(permits);
        if (waitNs > 0) {
            Thread.sleep(waitNs / 1_000_000, (int) (waitNs % 1_000_000));
        }
    }

    /**
     * Returns the refill rate given at construction.
     *
     * @return permits added per second
     */
    public double permitsPerSecond() {
        return permitsPerSecond;
    }

    /**
     * Returns the bucket size given at construction.
     *
     * @return the most permits available at once
     */
    public int burst() {
        return burst;
    }

    private void refill() {
        long now = nanoClock.getAsLong();
        long elapsed = now - lastRefillNs;
        if (elapsed > 0) {
            tokens = Math.min(burst, tokens + elapsed * permitsPerSecond / NANOS_PER_SECOND);
            lastRefillNs = now;
        }
    }

    private void checkPermits(int permits) {
        if (permits < 1) {
            throw new IllegalArgumentException("got " + permits + " permits, expected at least 1");
        }
    }
}
