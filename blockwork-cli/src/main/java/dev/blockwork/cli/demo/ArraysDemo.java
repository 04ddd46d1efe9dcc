package dev.blockwork.cli.demo;

import dev.blockwork.delayed.Delayed;
import dev.blockwork.schedule.ComputeOptions;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Part (4): the seed's distributed-framework example. */
final class ArraysDemo {
    private ArraysDemo() {}

    static double[] onesBlock(int n) { double[] b = new double[n]; java.util.Arrays.fill(b, 1.0); return b; }

    static double[] timesTwoPlus(double[] x) {
        double[] z = new double[x.length];
        for (int i = 0; i < x.length; i++) z[i] = x[i] + x[i] * 2;
        return z;
    }

    static double sum(double[] x) { double s = 0; for (double v : x) s += v; return s; }

    static void run(PrintStream out) {
        out.println("   (chunked arrays come with the arrays module; meanwhile the same computation as Delayed blocks)");
        long t0 = System.nanoTime();
        List<Delayed<Double>> sums = new ArrayList<>();
        for (int b = 0; b < 100; b++) {
            Delayed<double[]> x = Delayed.of(ArraysDemo::onesBlock, 100 * 100);
            sums.add(Delayed.of(ArraysDemo::sum, Delayed.of(ArraysDemo::timesTwoPlus, x)));
        }
        List<Double> parts = Delayed.all(sums).compute(ComputeOptions.defaults());
        double total = parts.stream().mapToDouble(Double::doubleValue).sum();
        out.printf("   100 blocks of 100x100: sum(x + x*2) = %.1f (expected 3000000.0) in %.2f ms%n", total, (System.nanoTime() - t0) / 1e6);
    }
}
