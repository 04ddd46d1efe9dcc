package dev.blockwork.async;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Named, scalable test timeouts (-Dblockwork.test.timeoutScale=N on slow machines) and wait helpers. */
final class TestWaits {
    /** How long any single wait in a test may take before the test fails. */
    static final Duration LONG = Duration.ofSeconds(10L * Long.getLong("blockwork.test.timeoutScale", 1));
    /** A timeout that is expected to expire (the code under test must notice it). */
    static final Duration SHORT = Duration.ofMillis(20);

    private TestWaits() {}

    /** Waits for the latch or fails the test. */
    static void await(CountDownLatch latch) throws InterruptedException {
        if (!latch.await(LONG.toNanos(), TimeUnit.NANOSECONDS)) {
            throw new AssertionError("latch still at " + latch.getCount() + " after " + LONG);
        }
    }

    /** Waits until {@code t} is parked (WAITING or TIMED_WAITING), i.e. blocked in the call under test. */
    static void awaitBlocked(Thread t) {
        long deadline = System.nanoTime() + LONG.toNanos();
        while (t.getState() != Thread.State.WAITING && t.getState() != Thread.State.TIMED_WAITING) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(t + " did not block within " + LONG + "; state " + t.getState());
            }
            Thread.yield();
        }
    }
}
