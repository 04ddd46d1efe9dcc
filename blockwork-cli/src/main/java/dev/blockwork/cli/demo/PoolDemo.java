package dev.blockwork.cli.demo;

import dev.blockwork.futures.Client;
import dev.blockwork.futures.TaskFuture;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Part (2): a pool of parallel workers — futures on the threads scheduler. */
final class PoolDemo {
    private PoolDemo() {}

    static long square(long x) { return x * x; }

    static void run(PrintStream out) {
        long t0 = System.nanoTime();
        try (Client client = Client.create("threads")) {
            List<Long> xs = new ArrayList<>();
            for (long i = 0; i < 10; i++) xs.add(i);
            List<TaskFuture<Long>> fs = client.map(PoolDemo::square, xs);
            out.println("   client.map(square, 0..9) on " + client.scheduler().parallelism() + " threads = " + client.gather(fs));
        }
        out.printf("   took %.2f ms%n", (System.nanoTime() - t0) / 1e6);
    }
}
