package dev.blockwork.cli.bench;

import dev.blockwork.dashboard.Dashboard;
import dev.blockwork.delayed.Delayed;
import dev.blockwork.schedule.ComputeOptions;

import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code blockwork bench dashboard}: what the live dashboard costs. The {@code tasks} suite's tree sum
 * (199,999 tasks on the threads scheduler) without a dashboard, and with one running and a page connected (an
 * in-process reader of its event stream, as a browser would be), listening or not in alternate runs; then
 * a 1,000,000-task compute (three times) with the page open, reporting what the page received (aggregated
 * panels, not every task) and the longest wait between two of its messages.
 */
public final class DashboardBench {
    private DashboardBench() {}

    /**
     * Runs the cases and prints one line per case.
     *
     * @param out  where the results go
     * @param runs timed runs per case (the median is printed)
     * @throws Exception if the dashboard or its page cannot be reached
     */
    public static void run(PrintStream out, int runs) throws Exception {
        int leaves = 100_000, tasks = 2 * leaves - 1;
        long expected = (long) leaves * (leaves + 1) / 2;
        ComputeOptions threads = ComputeOptions.defaults().withScheduler("threads").withProgress(false);
        Delayed<Long> t = TaskBench.tree(leaves);
        Runnable one = () -> check(t.compute(threads), expected);
        for (int i = 0; i < 3; i++) one.run();
        List<Long> without = new ArrayList<>(), with = new ArrayList<>();
        // One dashboard with a page connected throughout; run after run it listens or not, so that the load of
        // a shared machine hits both alike. Its first compute (warm-up) is not counted.
        try (Dashboard d = Dashboard.start("127.0.0.1", 0); Page page = new Page(d.url())) {
            page.awaitConnected(d);
            one.run();
            for (int i = 0; i < 3 * runs; i++) {
                d.listen(false);
                without.add(Stats.time(one));
                d.listen(true);
                with.add(Stats.time(one));
            }
        }
        long a = median(without), b = median(with);
        out.printf("tree-sum-threads %.3f us/task%n", a / 1e3 / tasks);
        out.printf("tree-sum-threads-dashboard %.3f us/task (%.2fx without; page connected)%n", b / 1e3 / tasks, (double) b / a);

        int big = 500_000, times = 3; // leaves: 999,999 tasks, computed three times in a row
        Delayed<Long> m = TaskBench.tree(big);
        try (Dashboard d = Dashboard.start("127.0.0.1", 0); Page page = new Page(d.url())) {
            page.awaitConnected(d);
            long before = page.bytes.get(), msgs = page.messages.get();
            page.maxGapNanos.set(0);
            long ns = Stats.time(() -> {
                for (int i = 0; i < times; i++) check(m.compute(threads), (long) big * (big + 1) / 2);
            });
            long sent = page.bytes.get() - before, n = page.messages.get() - msgs;
            out.printf("million-task-compute-dashboard %.3f us/task; the page got %d messages in %.2f s (%.1f KiB/s, largest %.1f KiB,"
                    + " longest gap %.0f ms)%n", ns / 1e3 / times / (2 * big - 1), n, ns / 1e9, sent / 1024.0 / (ns / 1e9),
                    page.largest.get() / 1024.0, page.maxGapNanos.get() / 1e6);
        }
    }

    /** A page: reads the dashboard's event stream in a virtual thread, counting messages and bytes. */
    private static final class Page implements AutoCloseable {
        final AtomicLong bytes = new AtomicLong(), messages = new AtomicLong(), largest = new AtomicLong(), maxGapNanos = new AtomicLong();
        private volatile long lastMessageNanos;
        private final Thread reader;
        private volatile InputStream stream;

        Page(URI url) {
            HttpClient http = HttpClient.newHttpClient();
            URI events = url.resolve("/events" + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()));
            reader = Thread.ofVirtual().start(() -> {
                try {
                    stream = http.send(HttpRequest.newBuilder(events).build(), HttpResponse.BodyHandlers.ofInputStream()).body();
                    byte[] buf = new byte[1 << 16];
                    long current = 0;
                    for (int r; (r = stream.read(buf)) > 0; ) {
                        bytes.addAndGet(r);
                        for (int i = 0; i < r; i++) {
                            current++;
                            if (buf[i] == '\n' && i > 0 && buf[i - 1] == '\n') { // an event ends with a blank line
                                messages.incrementAndGet();
                                long now = System.nanoTime(), last = lastMessageNanos;
                                if (last != 0) maxGapNanos.accumulateAndGet(now - last, Math::max);
                                lastMessageNanos = now;
                                largest.accumulateAndGet(current, Math::max);
                                current = 0;
                            }
                        }
                    }
                } catch (Exception e) {
                    // closed
                }
            });
        }

        void awaitConnected(Dashboard d) throws InterruptedException {
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (d.pages() == 0 || messages.get() == 0) {
                if (System.nanoTime() > deadline) throw new IllegalStateException("the benchmark's page never connected to " + d.url());
                Thread.sleep(5);
            }
        }

        @Override public void close() throws Exception {
            InputStream s = stream;
            if (s != null) s.close();
            reader.interrupt();
            reader.join(10_000);
        }
    }

    private static long median(List<Long> xs) {
        List<Long> s = new ArrayList<>(xs);
        s.sort(null);
        return s.get(s.size() / 2);
    }

    private static void check(long got, long expected) {
        if (got != expected) throw new IllegalStateException("benchmark computed " + got + ", expected " + expected);
    }
}
