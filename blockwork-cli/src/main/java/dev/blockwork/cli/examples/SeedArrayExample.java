package dev.blockwork.cli.examples;

import static dev.blockwork.array.DArrays.chunks;
import static dev.blockwork.array.DArrays.shape;

import dev.blockwork.array.DArray;
import dev.blockwork.ndarray.NDArray;
import java.io.PrintStream;

/**
 * The seed's distributed-array example in Java:
 * <pre>{@code
 * x = da.ones((1000, 1000), chunks=(100, 100)); y = x * 2; z = x + y; z.compute()
 * }</pre>
 * Prints the result's shape, its top-left corner and its sum, and the warm time of {@code z.compute()}.
 */
public final class SeedArrayExample {
    private SeedArrayExample() {}

    /**
     * The seed example ({@code z = x + 2x} over a 1000² array of ones in 100² blocks), with its summary and time.
     *
     * @param out where it prints
     */
    public static void run(PrintStream out) {
        run(out, 150, 30);
    }

    /**
     * The seed example with fewer (or more) computes: {@code warmups} untimed, then the median of {@code runs}.
     *
     * @param out     where it prints
     * @param warmups computes before the timed ones (JIT and the scheduler's threads)
     * @param runs    timed computes, at least 1
     */
    public static void run(PrintStream out, int warmups, int runs) {
        if (runs < 1) throw new IllegalArgumentException("got " + runs + " runs, expected at least 1");
        DArray x = DArray.ones(shape(1000, 1000), chunks(100, 100));
        DArray y = x.mul(2);
        DArray z = x.add(y);
        for (int i = 0; i < warmups; i++) z.compute(); // warm up the JIT and the scheduler's threads
        long[] ns = new long[runs];
        NDArray r = null;
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            r = z.compute();
            ns[i] = System.nanoTime() - t0;
        }
        java.util.Arrays.sort(ns);
        out.println("x = DArray.ones(shape(1000, 1000), chunks(100, 100)); y = x.mul(2); z = x.add(y)");
        out.println("z: " + z);
        out.println("z.compute(): shape " + r.shape() + ", dtype " + r.dtype().numpyName());
        out.println("corner z[:3, :3] = " + r.get(dev.blockwork.ndarray.Index.range(0L, 3L), dev.blockwork.ndarray.Index.range(0L, 3L)));
        out.println("sum = " + r.sum().item());
        out.printf("time (warm, median of %d): %.3f ms%n", runs, ns[runs / 2] / 1e6);
    }

    /**
     * Runs the example, printing to standard output.
     *
     * @param args ignored
     */
    public static void main(String[] args) { run(System.out); }
}
