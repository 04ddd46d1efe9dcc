package dev.blockwork.process;

import static dev.blockwork.array.DArrays.chunks;
import static dev.blockwork.array.DArrays.shape;
import static org.assertj.core.api.Assertions.assertThat;

import dev.blockwork.array.DArray;
import dev.blockwork.array.DRandom;
import dev.blockwork.delayed.Delayed;
import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.NDArray;
import dev.blockwork.process.internal.ShmRegistry;
import dev.blockwork.process.schedule.ProcessesScheduler;
import dev.blockwork.schedule.ComputeOptions;
import dev.blockwork.schedule.Scheduler;
import dev.blockwork.schedule.Schedulers;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Array graphs on scheduler=processes: blocks of megabytes travel through shared memory (not the pipes),
 * results equal scheduler=threads, and no shared-memory file outlives its task.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ProcessesArrayTest {
    static final ProcessesScheduler S = new ProcessesScheduler(2);

    @AfterAll
    static void stop() throws InterruptedException {
        S.close();
        assertNoBlockFiles(); // before the dead-owner sweep in Leaks: workers' handed-off files must be gone too
        Leaks.assertClean();
    }

    /** After each test, no block file (kind buf) of this JVM or of any JVM it started is left, and no arena segment is leased. */
    @AfterEach
    void blocksFreed() { assertNoBlockFiles(); }

    static void assertNoBlockFiles() {
        List<String> ours = new ArrayList<>();
        ours.add(ShmRegistry.PREFIX + ProcessHandle.current().pid() + "-");
        ProcessHandle.current().descendants().forEach(p -> ours.add(ShmRegistry.PREFIX + p.pid() + "-"));
        assertThat(ShmRegistry.list()).as("shared-memory block files left in " + ShmRegistry.directory())
                .noneMatch(n -> n.endsWith("-buf") && ours.stream().anyMatch(n::startsWith));
        // Recycled block segments stay, but every block in them has been released (the space came back).
        for (String n : ShmRegistry.list()) {
            if (!n.endsWith("-blk") || ours.stream().noneMatch(n::startsWith)) continue;
            long lease;
            try { lease = dev.blockwork.process.internal.BlockArena.leaseState(n); } catch (java.io.UncheckedIOException gone) { continue; }
            assertThat(lease).as("lease of block segment " + n).isZero();
        }
    }

    static ComputeOptions on(Scheduler s) { return ComputeOptions.defaults().withScheduler(s).withProgress(false); }

    static ComputeOptions threads() { return on(Schedulers.get("threads")); }

    static NDArray block(int n, long seed) {
        double[] d = new double[n * n];
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        for (int i = 0; i < d.length; i++) d[i] = r.nextDouble();
        return NDArray.fromArray(d, n, n);
    }

    static NDArray triple(NDArray a) { return a.add(a.mul(NDArray.scalar(2))); }

    static NDArray plus(NDArray a, NDArray b) { return a.add(b); }

    static double total(NDArray a) { return a.sum().item(); }

    static long pid(NDArray ignored) { return ProcessHandle.current().pid(); }

    @Test
    void delayedGraphOfMegabyteBlocksEqualsThreads() {
        Delayed<NDArray> a = Delayed.of(ProcessesArrayTest::block, 1000, 1L); // 8 MB each
        Delayed<NDArray> b = Delayed.of(ProcessesArrayTest::block, 1000, 2L);
        Delayed<NDArray> c = Delayed.of(ProcessesArrayTest::plus, Delayed.of(ProcessesArrayTest::triple, a), b);
        Delayed<Double> s = Delayed.of(ProcessesArrayTest::total, c);
        NDArray onProcesses = c.compute(on(S));
        assertThat(onProcesses).isEqualTo(c.compute(threads()));
        assertThat(s.compute(on(S))).isEqualTo(s.compute(threads()));
        assertThat(Delayed.of(ProcessesArrayTest::pid, a).compute(on(S))).isNotEqualTo(ProcessHandle.current().pid());
    }

    /**
     * DArray graphs computed on worker JVMs with {@code persist(processes)}; the persisted blocks are then
     * assembled in this JVM.
     */
    @Test
    void darrayElementwiseReductionAndMatmulEqualThreads() {
        DArray x = new DRandom(42).uniform(shape(1000, 1000), chunks(500, 500)); // 2 MB blocks
        DArray y = x.add(x.mul(2));
        NDArray yt = y.compute(threads());
        NDArray yp = y.persist(on(S)).compute(threads());
        assertThat(yp.shape()).isEqualTo(shape(1000, 1000));
        assertThat(yp).isEqualTo(yt);
        assertThat(y.sum().persist(on(S)).compute(threads()).item()).isEqualTo(y.sum().compute(threads()).item());
        DArray m = x.matmul(x.transpose());
        NDArray mp = m.persist(on(S)).compute(threads());
        NDArray mt = m.compute(threads());
        assertThat(mp.shape()).isEqualTo(shape(1000, 1000));
        for (long i = 0; i < 1000; i += 37) {
            for (long j = 0; j < 1000; j += 41) assertThat(mp.getDouble(i, j)).isCloseTo(mt.getDouble(i, j), org.assertj.core.data.Offset.offset(1e-9));
        }
        DArray ones = DArray.ones(shape(1000, 1000), chunks(500, 500));
        assertThat(ones.add(ones.mul(2)).sum().persist(on(S)).compute(threads()).item()).isEqualTo(3.0 * 1000 * 1000);
    }

    /** {@code compute(processes)} itself: blocks computed on workers are handed back and assembled here. */
    @Test
    void darrayComputeOnProcessesEqualsThreads() {
        DArray x = new DRandom(7).uniform(shape(1000, 1000), chunks(500, 500));
        DArray y = x.add(x.mul(2));
        assertThat(y.compute(on(S))).isEqualTo(y.compute(threads()));
        assertThat(y.sum().compute(on(S)).item()).isCloseTo(y.sum().compute(threads()).item(), org.assertj.core.data.Offset.offset(1e-6));
        NDArray[] both = DArray.computeAll(on(S), y, x.mean(0));
        assertThat(both[0]).isEqualTo(y.compute(threads()));
        assertThat(both[1].allClose(x.mean(0).compute(threads()), 1e-12, 1e-12)).isTrue();
    }

    static NDArray big(long n) {
        double[] d = new double[(int) n];
        for (int i = 0; i < d.length; i++) d[i] = i * 0.5;
        return NDArray.fromArray(d, n);
    }

    static long checksum(NDArray a) {
        long h = 0;
        double[] d = a.toDoubleArray();
        for (double v : d) h = 31 * h + Double.doubleToLongBits(v);
        return h;
    }

    @Test
    void a64MegabyteBlockReturnsIntactAndGoesBackAsAnArgument() {
        long n = 8L << 20; // 8 Mi doubles = 64 MiB
        Delayed<NDArray> b = Delayed.of(ProcessesArrayTest::big, n);
        NDArray got = b.compute(on(S));
        NDArray expected = big(n);
        assertThat(got.dtype()).isEqualTo(DType.FLOAT64);
        assertThat(got.shape()).isEqualTo(shape(n));
        assertThat(got).isEqualTo(expected);
        assertThat(Delayed.of(ProcessesArrayTest::checksum, Delayed.value(expected)).compute(on(S))).isEqualTo(checksum(expected));
    }

    static Object echo(Object o) { return o; }

    @Test
    void blockResultsOfWorkersThatExitRightAfterSendingArriveIntact() {
        try (ProcessPool pool = ProcessPool.create(new PoolOptions().processes(1).maxTasksPerChild(1))) {
            List<NDArray> r = pool.map(seed -> block(400, seed), List.of(1L, 2L, 3L), 1); // 1.28 MB each
            for (int i = 0; i < 3; i++) assertThat(r.get(i)).isEqualTo(block(400, i + 1));
        }
    }

    @Test
    void aBlockInputSurvivesKillMinus9OfItsWorkerAndIsFreedAfterTheRetry() throws Exception {
        NDArray input = block(700, 3); // 3.9 MB: through shared memory
        try (ProcessPool pool = ProcessPool.create(new PoolOptions().processes(1).maxRetries(2));
             ProcessQueue<Long> started = ProcessQueue.create()) {
            long first = pool.workerPids().getFirst();
            java.util.concurrent.CompletableFuture<NDArray> f = pool.applyAsync(() -> {
                try (ProcessQueue<Long> q = started) {
                    q.put(ProcessHandle.current().pid());
                }
                Thread.sleep(2_000); // killed in here on the first attempt
                return triple(input);
            });
            long victim = started.poll(30, TimeUnit.SECONDS);
            assertThat(victim).isEqualTo(first);
            new ProcessBuilder("kill", "-9", Long.toString(victim)).start().waitFor();
            assertThat(started.poll(30, TimeUnit.SECONDS)).isNotEqualTo(first);
            assertThat(f.get(30, TimeUnit.SECONDS)).isEqualTo(triple(input));
        }
    }

    @Test
    void viewsDtypesAndPrimitiveArraysRoundTripThroughTheScheduler() {
        NDArray ints = NDArray.arange(300_000).reshape(600, 500); // int64, 2.4 MB
        NDArray view = ints.transpose().slice(0, 10L, 400L, 3); // non-contiguous view
        NDArray f32 = ints.astype(DType.FLOAT32);
        NDArray bools = ints.astype(DType.BOOL);
        NDArray small = NDArray.of(1, 2, 3);
        NDArray scalar = NDArray.scalar(7.5);
        for (NDArray a : List.of(ints, view, f32, bools, small, scalar)) {
            Object back = Delayed.of(ProcessesArrayTest::echo, Delayed.value(a)).compute(on(S));
            assertThat(back).isEqualTo(a);
        }
        byte[] bytes = new byte[1 << 20];
        for (int i = 0; i < bytes.length; i++) bytes[i] = (byte) (i * 7);
        assertThat((byte[]) Delayed.of(ProcessesArrayTest::echo, Delayed.value(bytes)).compute(on(S))).isEqualTo(bytes);
        long[] longs = new long[100_000];
        for (int i = 0; i < longs.length; i++) longs[i] = i * 3L;
        assertThat((long[]) Delayed.of(ProcessesArrayTest::echo, Delayed.value(longs)).compute(on(S))).isEqualTo(longs);
    }

    /** The names of an expression, as a worker JVM builds them itself. */
    static java.util.List<String> namesOf() {
        DArray x = new dev.blockwork.array.DRandom(5).uniform(shape(300, 200), chunks(100, 50));
        return java.util.List.of(x.layerName(), x.add(1).mul(x).layerName(), x.add(1).mul(x).sum(0).layerName(),
                x.transpose().matmul(x).layerName(), DArray.arange(0, 99, 3, chunks(10), dev.blockwork.ndarray.DType.INT64).layerName());
    }

    @Test
    void anotherJvmNamesTheSameExpressionTheSame() {
        try (ProcessPool pool = ProcessPool.create(1)) {
            java.util.List<String> there = pool.apply(ProcessesArrayTest::namesOf);
            assertThat(there).as("names built in a worker JVM").isEqualTo(namesOf()).allMatch(n -> n.matches(".*-[0-9a-f]{32}"));
        }
    }

    @Test
    void theDriverSpillsWhatItHoldsForWorkersAndTheResultIsTheSame(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) {
        DArray x = new DRandom(9).uniform(shape(400, 300), chunks(50, 60));
        DArray z = x.sub(x.mean(0)).transpose().matmul(x); // every block of x is needed twice: many held at once
        NDArray expected = z.compute(threads());
        dev.blockwork.schedule.LocalMemory m = new dev.blockwork.schedule.LocalMemory(200_000, 0.5, tmp);
        NDArray got = z.compute(on(S).withMemory(m));
        assertThat(got.allClose(expected, 1e-12, 1e-12)).isTrue();
        assertThat(m.spillCount()).as("blocks the driver spilled while workers computed").isGreaterThan(0);
        assertThat(m.spillFiles()).isZero();
    }
}
