package dev.blockwork.cli.demo;

import java.io.PrintStream;
import java.util.List;

/** The parts of {@code blockwork demo}; each prints a heading, what it computed and how long it took. */
public final class Demo {
    private Demo() {}

    /**
     * Runs the given parts in order.
     *
     * @param out where the parts print
     * @param parts part numbers, 1 to 5
     * @throws Exception what a part throws
     */
    public static void run(PrintStream out, List<Integer> parts) throws Exception {
        for (int p : parts) {
            long t0 = System.nanoTime();
            switch (p) {
                case 1 -> { heading(out, 1, "threads: Hello five times, then a lock shared by several threads"); ThreadsDemo.run(out); }
                case 2 -> { heading(out, 2, "a pool of parallel workers (worker JVMs) and a Queue between processes"); PoolDemo.run(out); }
                case 3 -> { heading(out, 3, "async tasks (asyncio-style, on virtual threads)"); dev.blockwork.cli.examples.HelloAsync.run(out); }
                case 4 -> { heading(out, 4, "the chunked-array example: x = ones((1000, 1000), chunks=(100, 100)); z = x + x*2; z.compute()"); ArraysDemo.run(out); }
                case 5 -> { heading(out, 5, "the same example on a local cluster of 2 worker JVMs"); ClusterDemo.run(out); }
                default -> throw new IllegalArgumentException("no demo part " + p + ", expected 1-5");
            }
            out.printf("   part %d took %.1f ms%n%n", p, (System.nanoTime() - t0) / 1e6);
        }
    }

    private static void heading(PrintStream out, int part, String title) {
        out.println("== (" + part + ") " + title + " ==");
    }
}
