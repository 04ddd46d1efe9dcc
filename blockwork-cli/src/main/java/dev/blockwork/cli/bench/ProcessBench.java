package dev.blockwork.cli.bench;

import dev.blockwork.process.Connection;
import dev.blockwork.process.Pipe;
import dev.blockwork.process.ProcessPool;
import dev.blockwork.process.ProcessQueue;
import dev.blockwork.process.SharedBuffer;
import dev.blockwork.process.WorkerProcess;
import dev.blockwork.process.schedule.ProcessesScheduler;
import dev.blockwork.delayed.Delayed;
import dev.blockwork.ndarray.NDArray;
import dev.blockwork.schedule.ComputeOptions;
import dev.blockwork.schedule.Scheduler;
import dev.blockwork.schedule.Schedulers;
import java.io.PrintStream;
import java.io.Serializable;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * Benchmarks of the process module, between real JVMs: one line per case, {@code <case> <median> <unit>}.
 * References measured in the same run: an in-process copy and read of the 64 MiB block. The hand-off
 * sends only the block's name (zero-copy); the receiver's first read also pays the page faults of
 * mapping 64 MiB, its second read runs at plain memory-read speed.
 * Not JMH: each case runs several rounds across two processes and reports the median round.
 *
 * <p>Run: {@code java --enable-native-access=ALL-UNNAMED -cp <classpath> dev.blockwork.process.bench.ProcessBench}.
 */
public final class ProcessBench {
    static final int MESSAGES = Integer.getInteger("bench.messages", 2_000_000);
    static final int ROUNDS = Integer.getInteger("bench.rounds", 5);
    static final int TASKS = 100_000;
    static final int BLOCK = 64 << 20;
    /** A 64-byte value: Kryo writes a 60-char ASCII string in 64 bytes (tag, class id, length, chars). */
    static final String VALUE = "x".repeat(60);

    private ProcessBench() {}

    /**
     * Runs every case and prints it to standard output.
     *
     * @param args ignored
     * @throws Exception if a case fails (a worker that cannot start, a wrong result)
     */
    public static void main(String[] args) throws Exception { run(System.out); }

    /**
     * Runs every case, one line each ({@code <case> <median> <unit>}).
     *
     * @param out where the lines go
     * @throws Exception if a case fails (a worker that cannot start, a wrong result)
     */
    public static void run(PrintStream out) throws Exception {
        out.printf(Locale.ROOT, "# blockwork-process benchmarks: %d messages x %d rounds, 2 JVMs, %d cores%n",
                MESSAGES, ROUNDS, Runtime.getRuntime().availableProcessors());
        queue(out, false);
        queue(out, true);
        pipe(out, false);
        pipe(out, true);
        pool(out);
        handoff(out);
        schedulerBlock(out);
        arrays(out);
        schedulerTasks(out);
    }

    static long inc(long x) { return x + 1; }

    static long add(long a, long b) { return a + b; }

    /**
     * The engine protocol's cost per task on {@code processes} (2 workers, tiny tasks): a 3,999-task tree of
     * Delayed inc/add (optimize off, so every task is a round trip), 5,000 futures submitted one by one, and
     * one map of 5,000: microseconds per task, median of the rounds.
     */
    static void schedulerTasks(PrintStream out) {
        int leaves = 2000, tasks = 2 * leaves - 1, m = 5000;
        try (ProcessesScheduler s = new ProcessesScheduler(2)) {
            ComputeOptions on = ComputeOptions.defaults().withScheduler(s).withProgress(false).withOptimize(false);
            java.util.List<Delayed<Long>> level = new java.util.ArrayList<>();
            for (int i = 0; i < leaves; i++) level.add(Delayed.of(ProcessBench::inc, (long) i));
            while (level.size() > 1) {
                java.util.List<Delayed<Long>> next = new java.util.ArrayList<>();
                for (int i = 0; i + 1 < level.size(); i += 2) next.add(Delayed.of(ProcessBench::add, level.get(i), level.get(i + 1)));
                if (level.size() % 2 == 1) next.add(level.getLast());
                level = next;
            }
            Delayed<Long> tree = level.getFirst();
            long expected = (long) leaves * (leaves + 1) / 2;
            double[] g = new double[ROUNDS], sub = new double[ROUNDS], map = new double[ROUNDS];
            try (dev.blockwork.futures.Client c = dev.blockwork.futures.Client.create(s, false)) {
                java.util.List<Long> items = new java.util.ArrayList<>();
                for (long i = 0; i < m; i++) items.add(i);
                for (int w = 0; w < 2; w++) { tree.compute(on); c.gather(c.map(ProcessBench::inc, items)); }
                for (int r = 0; r < ROUNDS; r++) {
                    long t0 = System.nanoTime();
                    if (tree.compute(on) != expected) throw new IllegalStateException("tree sum is wrong");
                    g[r] = (System.nanoTime() - t0) / 1e3 / tasks;
                    t0 = System.nanoTime();
                    java.util.List<dev.blockwork.futures.TaskFuture<Long>> fs = new java.util.ArrayList<>(m);
                    for (int i = 0; i < m; i++) fs.add(c.submit(ProcessBench::inc, (long) i));
                    long sum = 0;
                    for (long v : c.gather(fs)) sum += v;
                    if (sum != (long) m * (m + 1) / 2) throw new IllegalStateException("futures sum is wrong");
                    sub[r] = (System.nanoTime() - t0) / 1e3 / m;
                    t0 = System.nanoTime();
                    sum = 0;
                    for (long v : c.gather(c.map(ProcessBench::inc, items))) sum += v;
                    if (sum != (long) m * (m + 1) / 2) throw new IllegalStateException("map sum is wrong");
                    map[r] = (System.nanoTime() - t0) / 1e3 / m;
                }
            }
            line(out, "processes_graph_tree_" + tasks + "_tasks", median(g), "us/task");
            line(out, "processes_futures_submit_5000", median(sub), "us/task");
            line(out, "processes_futures_map_5000", median(map), "us/task");
        }
    }

    record QueueJob(ProcessQueue<Object> q, boolean raw, int messages, int rounds) implements Serializable {}

    static void produceQueue(QueueJob j) {
        try (ProcessQueue<Object> q = j.q()) {
            byte[] raw = new byte[64];
            for (int r = 0; r < j.rounds(); r++) {
                for (int i = 0; i < j.messages(); i++) {
                    if (j.raw()) q.putBytes(raw);
                    else q.put(VALUE);
                }
            }
        }
    }

    static void queue(PrintStream out, boolean raw) throws Exception {
        double[] rates = new double[ROUNDS];
        try (ProcessQueue<Object> q = ProcessQueue.create();
             WorkerProcess w = WorkerProcess.start(ProcessBench::produceQueue, new QueueJob(q, raw, MESSAGES, ROUNDS))) {
            for (int r = 0; r < ROUNDS; r++) {
                q.take();
                long t0 = System.nanoTime();
                for (int i = 1; i < MESSAGES; i++) q.take();
                rates[r] = (MESSAGES - 1) / ((System.nanoTime() - t0) / 1e9);
            }
            w.join(60, TimeUnit.SECONDS);
        }
        line(out, "queue_" + (raw ? "raw_byte[64]" : "serialized_64B") + "_throughput", median(rates) , "msg/s");
    }

    record PipeJob(Connection c, boolean raw, int messages, int rounds) implements Serializable {}

    static void producePipe(PipeJob j) {
        try (Connection c = j.c()) {
            byte[] raw = new byte[64];
            for (int r = 0; r < j.rounds(); r++) {
                for (int i = 0; i < j.messages(); i++) {
                    if (j.raw()) c.sendBytes(raw);
                    else c.send(VALUE);
                }
            }
            c.receive(); // wait for the parent's "bye" so the end stays open until drained
        }
    }

    static void pipe(PrintStream out, boolean raw) throws Exception {
        double[] rates = new double[ROUNDS];
        try (Pipe p = Pipe.open(); WorkerProcess w = WorkerProcess.start(ProcessBench::producePipe, new PipeJob(p.second(), raw, MESSAGES, ROUNDS))) {
            Connection c = p.first();
            for (int r = 0; r < ROUNDS; r++) {
                c.receive();
                long t0 = System.nanoTime();
                for (int i = 1; i < MESSAGES; i++) c.receive();
                rates[r] = (MESSAGES - 1) / ((System.nanoTime() - t0) / 1e9);
            }
            c.send("bye");
            w.join(60, TimeUnit.SECONDS);
        }
        line(out, "pipe_" + (raw ? "raw_byte[64]" : "serialized_64B") + "_throughput", median(rates), "msg/s");
    }

    static void pool(PrintStream out) {
        List<Integer> inputs = IntStream.range(0, TASKS).boxed().toList();
        try (ProcessPool pool = ProcessPool.create(2)) {
            // The first maps of a fresh pool: both workers up, the JIT of driver and workers still warming.
            double[] cold = new double[5];
            for (int r = 0; r < cold.length; r++) {
                long t0 = System.nanoTime();
                pool.<Integer, Integer>map(x -> x + 1, inputs);
                cold[r] = (System.nanoTime() - t0) / 1e3 / TASKS;
            }
            line(out, "pool_map_100k_tiny_tasks_auto_chunks_first_5_maps", median(cold), "us/task");
            // Steady state, as a long-lived pool runs: the workers' JIT needs about 50 maps of 100,000 to settle.
            for (int r = 0; r < 75; r++) pool.<Integer, Integer>map(x -> x + 1, inputs);
            double[] auto = new double[Math.max(ROUNDS, 9)];
            for (int r = 0; r < auto.length; r++) {
                long t0 = System.nanoTime();
                pool.<Integer, Integer>map(x -> x + 1, inputs);
                auto[r] = (System.nanoTime() - t0) / 1e3 / TASKS;
            }
            line(out, "pool_map_100k_tiny_tasks_auto_chunks", median(auto), "us/task");
            pool.<Integer, Integer>map(x -> x + 1, inputs.subList(0, 20_000), 1);
            double[] one = new double[3];
            for (int r = 0; r < one.length; r++) {
                long t0 = System.nanoTime();
                pool.<Integer, Integer>map(x -> x + 1, inputs, 1);
                one[r] = (System.nanoTime() - t0) / 1e3 / TASKS;
            }
            line(out, "pool_map_100k_tiny_tasks_chunksize_1", median(one), "us/task");
            pythonPool(out, median(auto), median(one));
        }
    }

    /** Python's multiprocessing.Pool (2 processes) on the same tiny tasks, in the same run, where python3 is present. */
    static final String PYTHON_POOL = """
            import multiprocessing as mp, statistics, sys, time
            def inc(x): return x + 1
            if __name__ == '__main__':
                n, n1 = int(sys.argv[1]), int(sys.argv[2])
                with mp.Pool(2) as p:
                    for _ in range(3): p.map(inc, range(n))
                    auto, one = [], []
                    for _ in range(9):
                        t = time.perf_counter(); p.map(inc, range(n)); auto.append((time.perf_counter() - t) / n * 1e6)
                    for _ in range(3):
                        t = time.perf_counter(); p.map(inc, range(n1), chunksize=1); one.append((time.perf_counter() - t) / n1 * 1e6)
                print(statistics.median(auto), statistics.median(one))
            """;

    static void pythonPool(PrintStream out, double javaAuto, double javaOne) {
        String[] got;
        try {
            Process p = new ProcessBuilder("python3", "-c", PYTHON_POOL, Integer.toString(TASKS), "20000").redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
            if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
                out.println("# python_pool_map: not measured (python3 failed: " + text.lines().reduce((a, b) -> b).orElse("") + ")");
                return;
            }
            got = text.lines().reduce((a, b) -> b).orElse("").split(" ");
        } catch (java.io.IOException e) {
            out.println("# python_pool_map: not measured (no python3 on the PATH)");
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        double auto = Double.parseDouble(got[0]), one = Double.parseDouble(got[1]);
        out.printf(Locale.ROOT, "python_pool_map_100k_tiny_tasks_auto_chunks %.3f us/task (Blockwork %.1fx faster)%n", auto, auto / javaAuto);
        out.printf(Locale.ROOT, "python_pool_map_tiny_tasks_chunksize_1 %.3f us/task (Blockwork %.1fx faster)%n", one, one / javaOne);
        out.flush();
    }

    record HandoffJob(ProcessQueue<Object> q, ProcessQueue<Object> acks, int rounds) implements Serializable {}

    static void produceBlocks(HandoffJob j) {
        try (ProcessQueue<Object> q = j.q(); ProcessQueue<Object> acks = j.acks()) {
            for (int r = 0; r < j.rounds(); r++) {
                try (SharedBuffer b = SharedBuffer.allocate(BLOCK)) {
                    b.segment().fill((byte) r);
                    q.put(b);
                    acks.take(); // the receiver has opened its own handle
                }
            }
        }
    }

    static void handoff(PrintStream out) throws Exception {
        double[] takeMs = new double[ROUNDS], readGbs = new double[ROUNDS], again = new double[ROUNDS];
        try (ProcessQueue<Object> q = ProcessQueue.create(); ProcessQueue<Object> acks = ProcessQueue.create();
             WorkerProcess w = WorkerProcess.start(ProcessBench::produceBlocks, new HandoffJob(q, acks, ROUNDS))) {
            for (int r = 0; r < ROUNDS; r++) {
                while (q.isEmpty()) Thread.onSpinWait();
                long t0 = System.nanoTime();
                try (SharedBuffer b = (SharedBuffer) q.take()) {
                    long t1 = System.nanoTime();
                    long sum = sum(b.segment());
                    long t2 = System.nanoTime();
                    if (sum != (long) r * 0x0101010101010101L * (BLOCK / 8)) {
                        throw new AssertionError("got sum " + sum + " in round " + r + ": the block was not shared");
                    }
                    sum(b.segment());
                    long t3 = System.nanoTime();
                    takeMs[r] = (t1 - t0) / 1e6;
                    readGbs[r] = BLOCK / ((t2 - t0) / 1e9) / 1e9;
                    again[r] = BLOCK / ((t3 - t2) / 1e9) / 1e9;
                }
                acks.put("ok");
            }
            w.join(60, TimeUnit.SECONDS);
        }
        line(out, "handoff_64MiB_take_latency", median(takeMs), "ms");
        line(out, "handoff_64MiB_take_and_read_all", median(readGbs), "GB/s");
        line(out, "handoff_64MiB_second_read_in_receiver", median(again), "GB/s");
        // References in this process: read and copy of a 64 MiB block that is already resident.
        MemorySegment a = MemorySegment.ofArray(new long[BLOCK / 8]), b = MemorySegment.ofArray(new long[BLOCK / 8]);
        a.fill((byte) 1);
        double[] read = new double[ROUNDS], copy = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            long t0 = System.nanoTime();
            sum(a);
            long t1 = System.nanoTime();
            MemorySegment.copy(a, 0, b, 0, BLOCK);
            long t2 = System.nanoTime();
            read[r] = BLOCK / ((t1 - t0) / 1e9) / 1e9;
            copy[r] = BLOCK / ((t2 - t1) / 1e9) / 1e9;
        }
        line(out, "reference_in_process_read_64MiB", median(read), "GB/s");
        line(out, "reference_in_process_copy_64MiB", median(copy), "GB/s");
    }

    static NDArray echo(NDArray block) { return block; }

    /**
     * A 32 MB block (2000 x 2000 float64) sent to a task and returned ({@code echo}): on {@code processes} it
     * crosses shared memory both ways (4 copies of 32 MB: into shm, out in the worker, into shm, out in the
     * parent); on {@code threads} it is passed by reference. Milliseconds per compute() of the two-task graph.
     */
    static void schedulerBlock(PrintStream out) {
        double[] d = new double[2000 * 2000];
        for (int i = 0; i < d.length; i++) d[i] = i;
        NDArray block = NDArray.fromArray(d, 2000, 2000);
        try (ProcessesScheduler processes = new ProcessesScheduler(2); Scheduler threads = Schedulers.get("threads")) {
            for (Scheduler s : List.of(processes, threads)) {
                ComputeOptions on = ComputeOptions.defaults().withScheduler(s).withProgress(false);
                Delayed<NDArray> g = Delayed.of(ProcessBench::echo, Delayed.value(block));
                double[] ms = new double[ROUNDS];
                for (int r = -2; r < ROUNDS; r++) { // two warm-up rounds: workers started, JIT warm
                    long t0 = System.nanoTime();
                    NDArray back = g.compute(on);
                    long t1 = System.nanoTime();
                    if (back.size() != block.size() || back.getDouble(1999, 1999) != d[d.length - 1]) {
                        throw new AssertionError("got a different block back on " + s.name());
                    }
                    if (r >= 0) ms[r] = (t1 - t0) / 1e6;
                }
                line(out, "scheduler_32MB_block_round_trip_" + s.name(), median(ms), "ms");
            }
        }
    }

    /**
     * Issue 10's array cases on {@code processes} (2 workers) next to {@code threads} in the same run: the seed
     * example ({@code z = x + x*2} on ones(1000²), chunks 100², to memory) and {@code x + x*2} on a random 8000²
     * array in 1000² chunks (64 blocks of 8 MB; the random input keeps the array layer from folding it into a
     * constant), to memory. Median milliseconds per compute after warm-up computes.
     */
    static void arrays(PrintStream out) {
        dev.blockwork.array.DArray ones = dev.blockwork.array.DArray.ones(dev.blockwork.array.DArrays.shape(1000, 1000),
                dev.blockwork.array.DArrays.chunks(100, 100));
        dev.blockwork.array.DArray seed = ones.add(ones.mul(2));
        dev.blockwork.array.DArray u = new dev.blockwork.array.DRandom(1).uniform(dev.blockwork.array.DArrays.shape(8000, 8000),
                dev.blockwork.array.DArrays.chunks(1000, 1000));
        dev.blockwork.array.DArray big = u.add(u.mul(2));
        java.util.Map<String, Double> seedMs = new java.util.LinkedHashMap<>(), bigMs = new java.util.LinkedHashMap<>();
        try (ProcessesScheduler processes = new ProcessesScheduler(2); Scheduler threads = Schedulers.get("threads")) {
            for (Scheduler s : List.of(threads, processes)) {
                ComputeOptions on = ComputeOptions.defaults().withScheduler(s).withProgress(false);
                seedMs.put(s.name(), timeMs(() -> seed.compute(on), 3, 9));
                bigMs.put(s.name(), timeMs(() -> big.compute(on), 1, 3));
            }
        }
        for (String name : seedMs.keySet()) line(out, "seed_1000sq_chunks100_" + name, seedMs.get(name), "ms");
        out.printf(Locale.ROOT, "# seed on processes: %.1fx threads (issue 10's goal: <= 2x)%n", seedMs.get("processes") / seedMs.get("threads"));
        for (String name : bigMs.keySet()) line(out, "x_plus_2x_8000sq_to_memory_" + name, bigMs.get(name), "ms");
        out.printf(Locale.ROOT, "# 8000^2 on processes: %.2fx threads (issue 10's goal: <= 1.3x)%n", bigMs.get("processes") / bigMs.get("threads"));
        out.flush();
    }

    private static double timeMs(Runnable r, int warmUp, int rounds) {
        for (int i = 0; i < warmUp; i++) r.run();
        double[] ms = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            r.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        return median(ms);
    }

    static long sum(MemorySegment s) {
        long n = s.byteSize() / 8, acc = 0;
        for (long i = 0; i < n; i++) acc += s.getAtIndex(ValueLayout.JAVA_LONG, i);
        return acc;
    }

    static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
    }

    static void line(PrintStream out, String name, double value, String unit) {
        String v = value >= 1000 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.3f", value);
        out.println(name + " " + v + " " + unit);
        out.flush();
    }
}
