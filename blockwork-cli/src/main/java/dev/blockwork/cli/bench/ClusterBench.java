package dev.blockwork.cli.bench;

import static dev.blockwork.array.DArrays.chunks;
import static dev.blockwork.array.DArrays.shape;

import dev.blockwork.array.DArray;
import dev.blockwork.cluster.Cluster;
import dev.blockwork.cluster.LocalCluster;
import dev.blockwork.delayed.Delayed;
import dev.blockwork.futures.Client;
import dev.blockwork.futures.TaskFuture;
import dev.blockwork.process.schedule.ProcessesScheduler;
import dev.blockwork.schedule.ComputeOptions;
import java.io.PrintStream;

/**
 * {@code blockwork bench cluster}: the cluster scheduler on a 2-worker {@link LocalCluster}, with {@code threads}
 * (and {@code processes} for the seed example) measured in the same run. Each line is {@code <case> <median> <unit>};
 * cases that move data also print the bytes that moved between the client and the workers.
 * <ul>
 *   <li>{@code tree-sum-cluster}: a 100,000-leaf binary-tree sum (199,999 tasks), time per task, planning included.</li>
 *   <li>{@code future-round-trip-cluster}: one {@code submit} of a tiny task and its {@code result()}, in sequence;
 *       {@code hazelcast-call-round-trip}: one bare Hazelcast executor call of a no-op, the transport's floor.</li>
 *   <li>{@code seed-*}: the seed example {@code z = x + x*2} on {@code ones((1000,1000), chunks=(100,100))}.</li>
 *   <li>{@code sum-16000^2-*}: {@code (ones((16000,16000), chunks=(1000,1000)) + 1).sum()}: blocks made and reduced
 *       on the workers; only partial sums move.</li>
 *   <li>{@code imbalance-cluster}: 200 tasks of 10 ms (a sleep standing for work) that all read one 128 KiB block,
 *       so locality queues them all on the worker holding it: 2000 ms on that worker alone, 1000 ms if the other
 *       worker steals its half.</li>
 * </ul>
 */
public final class ClusterBench {
    private ClusterBench() {}

    static long inc(long x) { return x + 1; }

    /** A no-op call: what one Hazelcast executor round trip costs by itself. */
    static final class Ping implements java.util.concurrent.Callable<Long>, java.io.Serializable {
        private static final long serialVersionUID = 1L;

        @Override public Long call() { return 1L; }
    }

    private static final int IMBALANCE_TASKS = 200;

    static double[] block(int n) { return new double[n]; }

    /** 10 ms of "work" (a sleep: the case measures placement, not arithmetic) on a block. */
    static long slowPart(double[] block, int i) throws InterruptedException {
        Thread.sleep(10);
        return i + block.length;
    }

    static long sumLongs(Object[] xs) {
        long s = 0;
        for (Object x : xs) s += (Long) x;
        return s;
    }

    /**
     * Starts a local cluster of 2 worker JVMs, runs every case and prints one line per case.
     *
     * @param out  where the results go
     * @param runs timed runs per case (the median is printed)
     */
    public static void run(PrintStream out, int runs) {
        ComputeOptions threads = ComputeOptions.defaults().withScheduler("threads").withProgress(false);
        out.println("# load before: " + loadavg());
        try (LocalCluster local = LocalCluster.start(2);
             ProcessesScheduler processes = new ProcessesScheduler(2)) {
            Cluster c = local.cluster();
            ComputeOptions cluster = ComputeOptions.defaults().withScheduler(local.scheduler()).withProgress(false);
            ComputeOptions procs = ComputeOptions.defaults().withScheduler(processes).withProgress(false);

            int leaves = 100_000, tasks = 2 * leaves - 1;
            long expected = (long) leaves * (leaves + 1) / 2;
            Delayed<Long> tree = TaskBench.tree(leaves);
            long thr = Stats.medianNanos(2, runs, () -> Stats.time(() -> check(tree.compute(threads), expected)));
            long[] before = c.bytesMoved();
            long cl = Stats.medianNanos(1, Math.max(1, runs / 2), () -> Stats.time(() -> check(tree.compute(cluster), expected)));
            out.printf("tree-sum-threads %.3f us/task%n", thr / 1e3 / tasks);
            out.printf("tree-sum-cluster %.3f us/task (%.0fx threads)%s%n", cl / 1e3 / tasks, (double) cl / thr, moved(c, before, 1 + Math.max(1, runs / 2)));

            try (Client ct = Client.create("threads"); Client cc = c.client()) {
                long rtT = Stats.medianNanos(200, 20 * runs, () -> Stats.time(() -> check(ct.submit(ClusterBench::inc, 1L).result(), 2)));
                long rtC = Stats.medianNanos(200, 20 * runs, () -> Stats.time(() -> check(cc.submit(ClusterBench::inc, 1L).result(), 2)));
                // the transport's own floor, in the same run: one Hazelcast executor call of a no-op, waited for
                var hz = com.hazelcast.client.HazelcastClient.getAllHazelcastClients().iterator().next(); // the one connection
                var member = hz.getCluster().getMembers().iterator().next();
                var executor = hz.getExecutorService("blockwork");
                long rtH = Stats.medianNanos(200, 20 * runs, () -> Stats.time(() -> {
                    try {
                        check(executor.submitToMember(new Ping(), member).get(), 1);
                    } catch (Exception e) {
                        throw new IllegalStateException("a Hazelcast call failed", e);
                    }
                }));
                out.printf("future-round-trip-threads %.1f us%n", rtT / 1e3);
                out.printf("future-round-trip-cluster %.1f us (%.2fx one bare Hazelcast call)%n", rtC / 1e3, (double) rtC / rtH);
                out.printf("hazelcast-call-round-trip %.1f us (a no-op Callable: submitToMember(...).get())%n", rtH / 1e3);
            }

            DArray x = DArray.ones(shape(1000, 1000), chunks(100, 100));
            DArray z = x.add(x.mul(2));
            long seedT = Stats.medianNanos(20, runs, () -> Stats.time(() -> z.compute(threads)));
            long seedP = Stats.medianNanos(3, runs, () -> Stats.time(() -> z.compute(procs)));
            before = c.bytesMoved();
            long seedC = Stats.medianNanos(3, runs, () -> Stats.time(() -> z.compute(cluster)));
            out.printf("seed-threads %.2f ms%n", seedT / 1e6);
            out.printf("seed-processes %.2f ms%n", seedP / 1e6);
            out.printf("seed-cluster %.2f ms%s (the 8 MB result is fetched to the client)%n", seedC / 1e6, moved(c, before, 3 + runs));

            DArray big = DArray.ones(shape(16000, 16000), chunks(1000, 1000)).add(1);
            double want = 2.0 * 16000 * 16000;
            long sumT = Stats.medianNanos(1, Math.max(1, runs / 2), () -> Stats.time(() -> checkD(big.sum().compute(threads).item(), want)));
            before = c.bytesMoved();
            long sumC = Stats.medianNanos(1, Math.max(1, runs / 2), () -> Stats.time(() -> checkD(big.sum().compute(cluster).item(), want)));
            out.printf("sum-16000^2-threads %.1f ms%n", sumT / 1e6);
            out.printf("sum-16000^2-cluster %.1f ms%s%n", sumC / 1e6, moved(c, before, 1 + Math.max(1, runs / 2)));

            Delayed<double[]> block = Delayed.of(ClusterBench::block, 16 << 10);
            java.util.List<Delayed<Long>> parts = new java.util.ArrayList<>();
            for (int i = 0; i < IMBALANCE_TASKS; i++) parts.add(Delayed.of(ClusterBench::slowPart, block, i));
            Delayed<Long> imbalance = Delayed.ofN("sum", ClusterBench::sumLongs, parts.toArray());
            long wantImbalance = (long) IMBALANCE_TASKS * (IMBALANCE_TASKS - 1) / 2 + (long) IMBALANCE_TASKS * (16 << 10);
            before = c.bytesMoved();
            long imb = Stats.medianNanos(1, runs, () -> Stats.time(() -> check(imbalance.compute(cluster), wantImbalance)));
            out.printf("imbalance-cluster %.0f ms (one worker alone: %d ms; both: %d ms)%s%n", imb / 1e6, IMBALANCE_TASKS * 10,
                    IMBALANCE_TASKS * 10 / 2, moved(c, before, 1 + runs));
        }
        out.println("# load after: " + loadavg());
    }

    private static String moved(Cluster c, long[] before, int computes) {
        long[] now = c.bytesMoved();
        return String.format("; per compute: %,d B sent, %,d B of reports, %,d B fetched",
                (now[0] - before[0]) / computes, (now[1] - before[1]) / computes, (now[2] - before[2]) / computes);
    }

    private static String loadavg() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static void check(long got, long expected) {
        if (got != expected) throw new IllegalStateException("benchmark computed " + got + ", expected " + expected);
    }

    private static void checkD(double got, double expected) {
        if (got != expected) throw new IllegalStateException("benchmark computed " + got + ", expected " + expected);
    }
}
