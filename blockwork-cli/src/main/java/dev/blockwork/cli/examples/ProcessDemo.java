package dev.blockwork.cli.examples;

import dev.blockwork.process.ProcessPool;
import dev.blockwork.process.ProcessQueue;
import dev.blockwork.process.WorkerProcess;
import java.io.PrintStream;
import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * Demo part (2), "a pool of parallel workers": a {@link ProcessPool} maps a function over inputs on
 * worker JVMs, and a producer worker JVM streams items to this process through a {@link ProcessQueue}.
 */
public final class ProcessDemo {
    private ProcessDemo() {}

    /**
     * Runs the demo, printing to standard output.
     *
     * @param args ignored
     * @throws Exception if a worker fails
     */
    public static void main(String[] args) throws Exception { run(System.out); }

    /** Counts the primes below {@code n} by trial division: a small CPU-bound task. */
    static int primesBelow(int n) {
        int count = 0;
        for (int i = 2; i < n; i++) {
            boolean prime = true;
            for (int d = 2; (long) d * d <= i; d++) if (i % d == 0) { prime = false; break; }
            if (prime) count++;
        }
        return count;
    }

    record Produce(ProcessQueue<String> queue, int items) implements Serializable {}

    static void produce(Produce p) {
        try (ProcessQueue<String> q = p.queue()) {
            for (int i = 0; i < p.items(); i++) q.put("item " + i + " from pid " + ProcessHandle.current().pid());
            q.shutdown(); // no more items: the consumer drains, then sees the end
        }
    }

    /**
     * A process pool and a queue between JVMs: what {@code blockwork demo} shows in its second part.
     *
     * @param out where the demo prints
     * @throws Exception if a worker fails
     */
    public static void run(PrintStream out) throws Exception {
        run(out, false);
    }

    /**
     * The same, smaller when {@code quick}: 2 workers, 4 prime limits, 10,000 squares and 10,000 queue items
     * (instead of one worker per core, 16, 100,000 and 1,000,000).
     *
     * @param out   where the demo prints
     * @param quick the smaller sizes, for a run of a few seconds
     * @throws Exception if a worker fails
     */
    public static void run(PrintStream out, boolean quick) throws Exception {
        int workers = quick ? 2 : Math.max(2, Runtime.getRuntime().availableProcessors());
        int squareInputs = quick ? 10_000 : 100_000;
        long t0 = System.nanoTime();
        try (ProcessPool pool = ProcessPool.create(workers)) {
            long t1 = System.nanoTime();
            out.printf(Locale.ROOT, "Launched a pool of %d worker JVMs (pids %s) in %.0f ms%n", workers, pool.workerPids(), ms(t0, t1));
            List<Integer> limits = IntStream.rangeClosed(1, quick ? 4 : 16).map(i -> i * 25_000).boxed().toList();
            List<Integer> counts = pool.map(ProcessDemo::primesBelow, limits, 1);
            long t2 = System.nanoTime();
            for (int i = 0; i < limits.size(); i += limits.size() / 4) {
                out.printf(Locale.ROOT, "primes below %,7d: %,6d%n", limits.get(i), counts.get(i));
            }
            out.printf(Locale.ROOT, "pool.map(primesBelow, %d limits) on %d workers: %.0f ms; last: %,d primes below %,d%n",
                    limits.size(), workers, ms(t1, t2), counts.getLast(), limits.getLast());
            List<Long> squares = pool.map(x -> (long) x * x, IntStream.range(0, squareInputs).boxed().toList());
            long t3 = System.nanoTime();
            out.printf(Locale.ROOT, "pool.map(x -> x * x, %,d inputs, automatic chunks): %.0f ms (%.2f us/task); sum %,d%n",
                    squareInputs, ms(t2, t3), ms(t2, t3) * 1000 / squareInputs, squares.stream().mapToLong(Long::longValue).sum());
        }
        int items = quick ? 10_000 : 1_000_000;
        long t4 = System.nanoTime();
        try (ProcessQueue<String> q = ProcessQueue.create();
             WorkerProcess producer = WorkerProcess.builder().name("producer").start(ProcessDemo::produce, new Produce(q, items))) {
            String first = q.take();
            long t5 = System.nanoTime();
            int received = 1;
            String last = first;
            while (true) {
                try {
                    last = q.take();
                    received++;
                } catch (dev.blockwork.process.ChannelClosedException end) {
                    break;
                }
            }
            long t6 = System.nanoTime();
            producer.join(30, TimeUnit.SECONDS);
            out.printf(Locale.ROOT, "ProcessQueue: producer JVM pid %d put %,d items; first '%s', last '%s'%n",
                    producer.pid(), received, first, last);
            out.printf(Locale.ROOT, "first item after %.0f ms (JVM start), the rest in %.1f ms: %,.0f items/s%n",
                    ms(t4, t5), ms(t5, t6), (received - 1) / ((t6 - t5) / 1e9));
        }
    }

    private static double ms(long from, long to) { return (to - from) / 1e6; }
}
