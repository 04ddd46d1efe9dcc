package dev.blockwork.async;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded random races between spawning, failing, cancelling and closing. Each repetition prints nothing unless
 * it fails; the seed is in the assertion message so that a failing seed can become a fixed case.
 */
@Timeout(60)
class TaskGroupRaceTest {

    private static void raceOnce(long seed) throws InterruptedException {
        Random random = new Random(seed);
        int children = 1 + random.nextInt(207);
        int failing = random.nextInt(children + 1); // == children: nobody fails
        boolean cancelEarly = random.nextInt(4) == 0;
        ConcurrentLinkedQueue<Thread> threads = new ConcurrentLinkedQueue<>();
        CountDownLatch go = new CountDownLatch(1);
        RuntimeException boom = new RuntimeException("child " + failing + " failed (seed " + seed + ")");
        TaskGroup g = TaskGroup.open("race-" + seed);
        for (int i = 0; i < children; i++) {
            int n = i;
            int spins = random.nextInt(1000);
            g.spawn(() -> {
                threads.add(Thread.currentThread());
                go.await();
                for (int s = 0; s < spins; s++) {
                    Thread.onSpinWait();
                }
                if (n == failing) {
                    throw boom;
                }
                if (n % 3 == 0) {
                    Async.sleep(TestWaits.LONG);  // only a cancellation ends this in time
                }
                return n;
            });
        }
        if (cancelEarly) {
            g.cancel();
        }
        go.countDown();
        if (failing < children && !cancelEarly) {
            assertThatThrownBy(g::close).as("seed %d", seed).isSameAs(boom);
        } else if (failing < children) {
            try {
                g.close();
            } catch (RuntimeException e) {
                assertThat(e).as("seed %d", seed).isSameAs(boom);
            }
        } else {
            boolean sleeper = children > 0;
            if (sleeper) {
                g.cancel();
            }
            g.close();
        }
        assertThat(g.liveCount()).as("seed %d", seed).isZero();
        assertThat(List.copyOf(threads)).as("seed %d", seed).allSatisfy(t -> assertThat(t.isAlive()).isFalse());
    }

    @RepeatedTest(20)
    void randomRacesLeaveNoThreadRunning(RepetitionInfo info) throws InterruptedException {
        raceOnce(0x5eedL * 31 + info.getCurrentRepetition());
    }

    @Test
    @Tag("slow")
    void manyRandomRaces() throws InterruptedException {
        long base = System.nanoTime();
        for (int i = 0; i < 2000; i++) {
            raceOnce(base + i);
        }
    }
}
