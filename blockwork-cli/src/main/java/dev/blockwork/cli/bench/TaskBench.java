package dev.blockwork.cli.bench;

import dev.blockwork.delayed.Delayed;
import dev.blockwork.futures.Client;
import dev.blockwork.futures.TaskFuture;
import dev.blockwork.schedule.ComputeOptions;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code blockwork bench tasks}: scheduler overhead. Each case prints {@code <case> <median> <unit>}.
 * <ul>
 *   <li>{@code tree-sum-threads}: a 100,000-leaf binary-tree sum of inc(i) (199,999 tasks) on the threads
 *       scheduler, time per task including planning; {@code tree-build} is building the Delayed graph.
 *       Reference: the same sum as a plain Java loop.</li>
 *   <li>{@code chain-10000}: a 10,000-long chain of inc (build + compute; graph building is linear).</li>
 *   <li>{@code futures-submit-gather}: submit + gather of tiny tasks, tasks per second (one submit per
 *       task), and {@code futures-map-gather} (one batched map).</li>
 * </ul>
 */
public final class TaskBench {
    private TaskBench() {}

    static long inc(long x) { return x + 1; }

    static long add(long a, long b) { return a + b; }

    /**
     * A binary-tree sum of {@code inc(i)} for {@code i < leaves}: {@code 2 * leaves - 1} tasks.
     *
     * @param leaves the number of leaf tasks, at least 1
     * @return the root, whose value is {@code leaves * (leaves + 1) / 2}
     */
    public static Delayed<Long> tree(int leaves) {
        List<Delayed<Long>> level = new ArrayList<>(leaves);
        for (int i = 0; i < leaves; i++) level.add(Delayed.of(TaskBench::inc, (long) i));
        while (level.size() > 1) {
            List<Delayed<Long>> next = new ArrayList<>((level.size() + 1) / 2);
            for (int i = 0; i + 1 < level.size(); i += 2) next.add(Delayed.of(TaskBench::add, level.get(i), level.get(i + 1)));
            if (level.size() % 2 == 1) next.add(level.getLast());
            level = next;
        }
        return level.getFirst();
    }

    /**
     * Runs every case and prints one line per case.
     *
     * @param out where the results go
     * @param runs timed runs per case (the median is printed)
     */
    public static void run(PrintStream out, int runs) {
        int leaves = 100_000;
        int tasks = 2 * leaves - 1;
        long expected = (long) leaves * (leaves + 1) / 2;
        ComputeOptions threads = ComputeOptions.defaults().withScheduler("threads").withProgress(false);
        ComputeOptions sync = ComputeOptions.defaults().withScheduler("sync").withProgress(false);

        long build = Stats.medianNanos(2, runs, () -> Stats.time(() -> tree(leaves)));
        out.printf("tree-build %.3f us/task%n", build / 1e3 / tasks);
        Delayed<Long> t = tree(leaves);
        long thr = Stats.medianNanos(3, runs, () -> Stats.time(() -> check(t.compute(threads), expected)));
        out.printf("tree-sum-threads %.3f us/task%n", thr / 1e3 / tasks);
        long syn = Stats.medianNanos(3, runs, () -> Stats.time(() -> check(t.compute(sync), expected)));
        out.printf("tree-sum-sync %.3f us/task%n", syn / 1e3 / tasks);
        long loop = Stats.medianNanos(3, runs, () -> Stats.time(() -> {
            long s = 0;
            for (int i = 0; i < leaves; i++) s += inc(i);
            check(s, expected);
        }));
        out.printf("tree-sum-plain-loop %.4f us/leaf%n", loop / 1e3 / leaves);

        int n = 10_000;
        long chain = Stats.medianNanos(3, runs, () -> Stats.time(() -> {
            Delayed<Long> d = Delayed.value(0L);
            for (int i = 0; i < n; i++) d = Delayed.of(TaskBench::inc, d);
            check(d.compute(threads), n);
        }));
        out.printf("chain-10000 %.3f ms%n", chain / 1e6);
        long chain4 = Stats.medianNanos(2, Math.max(1, runs / 2), () -> Stats.time(() -> {
            Delayed<Long> d = Delayed.value(0L);
            for (int i = 0; i < 4 * n; i++) d = Delayed.of(TaskBench::inc, d);
            check(d.compute(threads), 4L * n);
        }));
        out.printf("chain-40000 %.3f ms (4x the length: %.1fx the time; linear = 4x)%n", chain4 / 1e6, (double) chain4 / chain);

        int m = 200_000;
        try (Client client = Client.create("threads")) {
            long sub = Stats.medianNanos(3, runs, () -> Stats.time(() -> {
                List<TaskFuture<Long>> fs = new ArrayList<>(m);
                for (int i = 0; i < m; i++) fs.add(client.submit(TaskBench::inc, (long) i));
                long s = 0;
                for (long v : client.gather(fs)) s += v;
                check(s, (long) m * (m + 1) / 2);
            }));
            out.printf("futures-submit-gather %.0f tasks/s%n", m / (sub / 1e9));
            List<Long> items = new ArrayList<>(m);
            for (long i = 0; i < m; i++) items.add(i);
            long map = Stats.medianNanos(3, runs, () -> Stats.time(() -> {
                long s = 0;
                for (long v : client.gather(client.map(TaskBench::inc, items))) s += v;
                check(s, (long) m * (m + 1) / 2);
            }));
            out.printf("futures-map-gather %.0f tasks/s%n", m / (map / 1e9));
        }
    }

    private static void check(long got, long expected) {
        if (got != expected) throw new IllegalStateException("benchmark computed " + got + ", expected " + expected);
    }
}
