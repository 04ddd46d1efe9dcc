package dev.blockwork.process.internal;

import java.util.concurrent.locks.LockSupport;

/**
 * Idle strategy for cross-process waits: spin, then yield, then park with a growing sleep.
 *
 * <p>There is no cross-process wake-up in the JVM (no futex), so a waiter polls. Spinning keeps
 * latency low while a peer is busy; parking keeps an idle waiter at a few percent of a core.
 * Not thread-safe: one instance per waiting call.
 */
public final class BackOff {
    static final int SPINS = 200;
    static final int YIELDS = 50;
    static final long MIN_PARK_NS = 1_000;
    static final long MAX_PARK_NS = 1_000_000;

    private int spins;
    private int yields;
    private long parkNs = MIN_PARK_NS;
    private final long maxParkNs;

    public BackOff() { this(MAX_PARK_NS); }

    /** A back-off whose park never exceeds {@code maxParkNs}: for waits that expect an answer soon. */
    public BackOff(long maxParkNs) { this.maxParkNs = Math.max(MIN_PARK_NS, maxParkNs); }

    /** Waits a little; each call waits as long as or longer than the previous one. */
    public void idle() {
        if (spins < SPINS) {
            spins++;
            Thread.onSpinWait();
        } else if (yields < YIELDS) {
            yields++;
            Thread.yield();
        } else {
            LockSupport.parkNanos(parkNs);
            parkNs = Math.min(maxParkNs, parkNs << 1);
        }
    }

    /** True once the strategy has moved to parking: a good moment for slow checks (peer alive?). */
    public boolean parking() { return yields >= YIELDS; }

    public void reset() { spins = 0; yields = 0; parkNs = MIN_PARK_NS; }
}
