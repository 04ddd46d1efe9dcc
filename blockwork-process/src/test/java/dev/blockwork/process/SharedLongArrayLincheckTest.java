package dev.blockwork.process;

import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link SharedLongArray}'s atomic counters ({@code getAndAdd}, {@code compareAndSet}) are linearizable
 * against a plain {@code long[]}. One array in shared memory serves every invocation; each invocation zeroes it.
 */
@Tag("lincheck")
@Param(name = "i", gen = IntGen.class, conf = "0:1")
@Param(name = "v", gen = IntGen.class, conf = "0:2")
public class SharedLongArrayLincheckTest {
    private static final SharedLongArray ARRAY = SharedLongArray.allocate(2);

    public SharedLongArrayLincheckTest() {
        ARRAY.set(0, 0);
        ARRAY.set(1, 0);
    }

    @Operation
    public long getAndAdd(@Param(name = "i") int i, @Param(name = "v") int delta) { return ARRAY.getAndAdd(i, delta); }

    @Operation
    public boolean compareAndSet(@Param(name = "i") int i, @Param(name = "v") int expect, @Param(name = "v") int update) {
        return ARRAY.compareAndSet(i, expect, update);
    }

    @Operation
    public long get(@Param(name = "i") int i) { return ARRAY.get(i); }

    /** The sequential specification. */
    public static class Spec {
        private final long[] a = new long[2];

        public long getAndAdd(int i, int delta) {
            long old = a[i];
            a[i] += delta;
            return old;
        }

        public boolean compareAndSet(int i, int expect, int update) {
            if (a[i] != expect) return false;
            a[i] = update;
            return true;
        }

        public long get(int i) { return a[i]; }
    }

    @Test
    void modelChecking() {
        new ModelCheckingOptions().sequentialSpecification(Spec.class).iterations(4).invocationsPerIteration(500)
                .threads(3).actorsPerThread(3).check(getClass());
    }

    @Test
    void stress() {
        new StressOptions().sequentialSpecification(Spec.class).iterations(2).invocationsPerIteration(1000)
                .threads(3).actorsPerThread(3).check(getClass());
    }

    @AfterAll
    static void closeAndCheckLeaks() throws InterruptedException {
        ARRAY.close();
        Leaks.assertClean();
    }
}
