package dev.blockwork.cli.bench;

import java.util.stream.IntStream;

/**
 * A STREAM-like measurement of this machine's memory bandwidth in Java: copy ({@code c = a}, 16 bytes moved per
 * element) and triad ({@code a = b + s*c}, 24 bytes per element) over arrays far larger than the caches,
 * split over all cores. Best of several runs, as STREAM reports.
 */
public final class MemoryBandwidth {
    private MemoryBandwidth() {}

    /**
     * Measures this machine's memory bandwidth, the reference for element-wise benchmarks.
     *
     * @param elements doubles per array
     * @return {copy GB/s, triad GB/s}
     */
    public static double[] measure(int elements) {
        double[] a = new double[elements], b = new double[elements], c = new double[elements];
        java.util.Arrays.fill(a, 1);
        java.util.Arrays.fill(b, 2);
        java.util.Arrays.fill(c, 3);
        int parts = Runtime.getRuntime().availableProcessors();
        double bestCopy = Double.MAX_VALUE, bestTriad = Double.MAX_VALUE;
        for (int rep = 0; rep < 6; rep++) {
            long t0 = System.nanoTime();
            IntStream.range(0, parts).parallel().forEach(p -> {
                int lo = (int) ((long) elements * p / parts), hi = (int) ((long) elements * (p + 1) / parts);
                System.arraycopy(a, lo, c, lo, hi - lo);
            });
            long t1 = System.nanoTime();
            IntStream.range(0, parts).parallel().forEach(p -> {
                int lo = (int) ((long) elements * p / parts), hi = (int) ((long) elements * (p + 1) / parts);
                for (int i = lo; i < hi; i++) a[i] = b[i] + 3.0 * c[i];
            });
            long t2 = System.nanoTime();
            bestCopy = Math.min(bestCopy, (t1 - t0) / 1e9);
            bestTriad = Math.min(bestTriad, (t2 - t1) / 1e9);
        }
        return new double[] {16.0 * elements / bestCopy / 1e9, 24.0 * elements / bestTriad / 1e9};
    }
}
