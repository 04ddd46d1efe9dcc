package dev.blockwork.async;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link AsyncSemaphore}, {@link AsyncEvent} and {@link RateLimiter}; time is injected, not slept. */
@Timeout(30)
class SyncPrimitivesTest {

    @Test
    void semaphoreBoundsConcurrency() throws Exception {
        AsyncSemaphore limit = new AsyncSemaphore(3);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        try (TaskGroup g = TaskGroup.open()) {
            for (int i = 0; i < 60; i++) {
                g.spawn(() -> limit.withPermit(() -> {
                    maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                    Thread.yield();
                    running.decrementAndGet();
                    return null;
                }));
            }
        }
        assertThat(maxRunning.get()).isBetween(1, 3);
        assertThat(limit.availablePermits()).isEqualTo(3);
    }

    @Test
    void semaphorePermitsAndTimeouts() throws Exception {
        AsyncSemaphore limit = new AsyncSemaphore(1);
        AsyncSemaphore.Permit p = limit.acquirePermit();
        assertThat(limit.tryAcquire()).isFalse();
        assertThat(limit.tryAcquire(TestWaits.SHORT)).isFalse();
        p.close();
        assertThat(limit.availablePermits()).isEqualTo(1);
        p.close();
        assertThat(limit.availablePermits()).isEqualTo(1);
        assertThatThrownBy(limit::release).isInstanceOf(IllegalStateException.class)
                .hasMessage("got release() with all 1 permits free, expected a matching acquire()");
        assertThatThrownBy(() -> new AsyncSemaphore(0)).hasMessage("got 0 permits, expected at least 1");
    }

    @Test
    void eventReleasesEveryWaiter() throws Exception {
        AsyncEvent event = new AsyncEvent();
        CountDownLatch waiting = new CountDownLatch(5);
        try (TaskGroup g = TaskGroup.open()) {
            for (int i = 0; i < 5; i++) {
                g.spawn(() -> {
                    waiting.countDown();
                    event.await();
                    return null;
                });
            }
            TestWaits.await(waiting);
            assertThat(event.isSet()).isFalse();
            event.set();
        }
        assertThat(event.await(TestWaits.SHORT)).isTrue();
        event.clear();
        assertThat(event.await(TestWaits.SHORT)).isFalse();
    }

    @Test
    void eventPulseReleasesThoseWaitingAtThatMoment() throws Exception {
        AsyncEvent event = new AsyncEvent();
        Thread waiter = Thread.ofVirtual().start(() -> {
            try {
                event.await();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        TestWaits.awaitBlocked(waiter);
        event.set();
        event.clear();
        assertThat(waiter.join(TestWaits.LONG)).isTrue();
    }

    @Test
    void rateLimiterRefillsFromTheInjectedClock() {
        AtomicLong now = new AtomicLong(1_000_000_000L);
        RateLimiter limiter = RateLimiter.create(10, 2, now::get);
        assertThat(limiter.tryAcquire()).isTrue();
        assertThat(limiter.tryAcquire()).isTrue();
        assertThat(limiter.tryAcquire()).isFalse();
        now.addAndGet(100_000_000L);
        assertThat(limiter.tryAcquire()).isTrue();
        assertThat(limiter.tryAcquire()).isFalse();
        now.addAndGet(10_000_000_000L);
        assertThat(limiter.tryAcquire(2)).isTrue();
        assertThat(limiter.tryAcquire()).isFalse();
    }

    @Test
    void rateLimiterReservationsQueueUpInOrder() {
        AtomicLong now = new AtomicLong();
        RateLimiter limiter = RateLimiter.create(10, 1, now::get);
        assertThat(limiter.reserveNanos(1)).isZero();
        assertThat(limiter.reserveNanos(1)).isEqualTo(100_000_000L);
        assertThat(limiter.reserveNanos(1)).isEqualTo(200_000_000L);
        now.addAndGet(200_000_000L);
        assertThat(limiter.reserveNanos(1)).isEqualTo(100_000_000L);
        assertThat(limiter.tryAcquire()).isFalse();
    }

    @Test
    void rateLimiterAcquireWaitsOnlyWhenDue() throws Exception {
        RateLimiter limiter = RateLimiter.create(1_000_000, 5);
        for (int i = 0; i < 5; i++) {
            limiter.acquire();
        }
        assertThatThrownBy(() -> RateLimiter.create(0, 1)).hasMessage("got 0.0 permits per second, expected a"
                + " finite rate > 0");
        assertThatThrownBy(() -> RateLimiter.create(1, 0)).hasMessage("got burst 0, expected at least 1");
        assertThatThrownBy(() -> limiter.tryAcquire(0)).hasMessage("got 0 permits, expected at least 1");
    }
}
