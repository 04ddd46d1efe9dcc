package dev.blockwork.process;

import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link ProcessSemaphore}'s non-blocking paths (the CAS loop of {@code tryAcquire}, the fetch-and-add of
 * {@code release}) are linearizable against a plain permit counter. One semaphore in shared memory serves
 * every invocation (a file per invocation would cost more than the check); each invocation resets it to one
 * permit before the threads start.
 */
@Tag("lincheck")
public class ProcessSemaphoreLincheckTest {
    private static final ProcessSemaphore SEMAPHORE = ProcessSemaphore.create(0);

    public ProcessSemaphoreLincheckTest() {
        while (SEMAPHORE.tryAcquire()) { /* drain what the previous invocation left */ }
        SEMAPHORE.release();
    }

    @Operation public boolean tryAcquire() { return SEMAPHORE.tryAcquire(); }

    @Operation public void release() { SEMAPHORE.release(); }

    @Operation public long availablePermits() { return SEMAPHORE.availablePermits(); }

    /** The sequential specification: a counter that starts at one permit. */
    public static class Spec {
        private long permits = 1;

        public boolean tryAcquire() {
            if (permits <= 0) return false;
            permits--;
            return true;
        }

        public void release() { permits++; }

        public long availablePermits() { return permits; }
    }

    @Test
    void modelChecking() {
        new ModelCheckingOptions().sequentialSpecification(Spec.class).iterations(6).invocationsPerIteration(500)
                .threads(3).actorsPerThread(3).check(getClass());
    }

    @Test
    void stress() {
        new StressOptions().sequentialSpecification(Spec.class).iterations(3).invocationsPerIteration(1000)
                .threads(3).actorsPerThread(3).check(getClass());
    }

    @AfterAll
    static void closeAndCheckLeaks() throws InterruptedException {
        SEMAPHORE.close();
        Leaks.assertClean();
    }
}
