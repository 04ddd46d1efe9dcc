package dev.blockwork.cli.demo;

import static dev.blockwork.array.DArrays.chunks;
import static dev.blockwork.array.DArrays.shape;

import dev.blockwork.array.DArray;
import dev.blockwork.cluster.LocalCluster;
import dev.blockwork.ndarray.NDArray;
import dev.blockwork.schedule.ComputeOptions;
import java.io.PrintStream;

/** Part (5): the seed example on a local cluster of 2 worker JVMs (Hazelcast members). */
final class ClusterDemo {
    private ClusterDemo() {}

    /** @param quick 2 warm-up computes and 3 timed ones instead of 10 and 9 */
    static void run(PrintStream out, boolean quick) {
        long t0 = System.nanoTime();
        try (LocalCluster local = LocalCluster.start(2)) {
            out.printf("started a local cluster of 2 worker JVMs in %.1f s: %s%n", (System.nanoTime() - t0) / 1e9, local.cluster().workers());
            ComputeOptions on = ComputeOptions.defaults().withScheduler(local.scheduler()).withProgress(false);
            DArray x = DArray.ones(shape(1000, 1000), chunks(100, 100));
            DArray z = x.add(x.mul(2));
            for (int i = 0, warmups = quick ? 2 : 10; i < warmups; i++) z.compute(on); // warm up both sides
            int runs = quick ? 3 : 9;
            long[] ns = new long[runs];
            NDArray r = null;
            for (int i = 0; i < runs; i++) {
                long s = System.nanoTime();
                r = z.compute(on);
                ns[i] = System.nanoTime() - s;
            }
            java.util.Arrays.sort(ns);
            double total = z.sum().compute(on).item();
            long[] moved = local.cluster().bytesMoved();
            out.println("z = x + x*2 on the cluster: shape " + r.shape() + ", sum = " + r.sum().item()
                    + "; z.sum() computed on the workers = " + total);
            out.printf("time (warm, median of %d): %.1f ms; bytes sent to workers %,d, results fetched %,d%n", runs, ns[runs / 2] / 1e6, moved[0], moved[2]);
        }
        out.println("workers stopped");
    }
}
