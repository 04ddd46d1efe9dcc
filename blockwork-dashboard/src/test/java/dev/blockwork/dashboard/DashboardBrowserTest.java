package dev.blockwork.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.blockwork.dashboard.testing.Chromium;
import dev.blockwork.delayed.Delayed;
import dev.blockwork.process.schedule.ProcessesScheduler;
import dev.blockwork.schedule.Computation;
import dev.blockwork.schedule.ComputeOptions;
import dev.blockwork.schedule.TaskFailedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The dashboard in a real headless browser (Debian's chromium, driven over the DevTools protocol): the page
 * is loaded while real computes run, on threads and on worker processes, and must show them. Screenshots go
 * to {@code target/dashboard-screenshots/} (a build artifact). Skipped, saying so, where no chromium is
 * installed; CI ({@code .ci/run}) installs it.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DashboardBrowserTest {
    static final Path SHOTS = Path.of("target", "dashboard-screenshots");
    static final CountDownLatch GATE = new CountDownLatch(1);

    @BeforeEach // per test, so that each is reported skipped with the reason
    void needsChromium() {
        assumeTrue(Chromium.find().isPresent(), "SKIPPED: no chromium on the PATH (or $BLOCKWORK_CHROMIUM): the dashboard's "
                + "browser tests need one (Debian: apt-get install -y --no-install-recommends chromium; .ci/run installs it)");
    }

    /** A leaf that holds its worker until the test opens the gate (a signal, bounded by the browser's wait). */
    static long gatedOne(long i) throws InterruptedException {
        if (!GATE.await(Chromium.WAIT.toMillis(), TimeUnit.MILLISECONDS)) throw new IllegalStateException("the test never opened the gate");
        return 1;
    }

    static long add(long a, long b) { return a + b; }

    static long inc(long a) { return a + 1; }

    static long sum(List<Long> xs) {
        long s = 0;
        for (long x : xs) s += x;
        return s;
    }

    static long boom(long x) { throw new IllegalStateException("boom " + x + " from the dashboard test"); }

    static int count(Object v) { return v == null ? 0 : ((Double) v).intValue(); }

    /** ones (12, gated) → add (6) → total (1). */
    static Delayed<Long> gatedGraph() {
        List<Delayed<Long>> ones = new ArrayList<>();
        for (int i = 0; i < 12; i++) ones.add(Delayed.of(DashboardBrowserTest::gatedOne, (long) i).named("ones"));
        List<Delayed<Long>> adds = new ArrayList<>();
        for (int i = 0; i < 12; i += 2) adds.add(Delayed.of(DashboardBrowserTest::add, ones.get(i), ones.get(i + 1)).named("add"));
        return Delayed.all(adds).then(DashboardBrowserTest::sum).named("total");
    }

    static String op(String name, String field) {
        return "(function(){var e=document.querySelector('#progress .op[data-op=\"" + name + "\"]');return e?Number(e.getAttribute('data-"
                + field + "')):-1})()";
    }

    static final String RECTS = "Number(document.getElementById('stream').getAttribute('data-rects'))";
    static final String GRAPH_OPS = "Array.from(document.querySelectorAll('#graph svg.ops g.node')).map(function(n){return n.getAttribute('data-op')}).join(',')";
    static final String ERRORS = "Array.from(document.querySelectorAll('#errors details.error')).map(function(d){return d.textContent}).join('\\n----\\n')";

    @Test
    void theLivePageFollowsAComputeOnThreadsAndShowsAnErredTasksStackTrace() throws Exception {
        Path exe = Chromium.find().orElseThrow();
        try (Dashboard d = Dashboard.start("127.0.0.1", 0); Chromium browser = Chromium.launch(exe)) {
            browser.navigate(d.url());
            browser.waitFor("the live status", "document.getElementById('status').textContent", "live"::equals);
            assertThat(count(browser.eval(RECTS))).isZero();

            ComputeOptions threads = ComputeOptions.defaults().withScheduler("threads").withProgress(false).withStory(true);
            Computation<Long> c = gatedGraph().computeAsync(threads);
            // While the leaves hold their workers: progress shows them running, 12 in all, nothing done.
            browser.waitFor("ones running", op("ones", "running"), v -> count(v) > 0);
            assertThat(count(browser.eval(op("ones", "total")))).isEqualTo(12);
            assertThat(count(browser.eval(op("ones", "done")))).isZero();
            assertThat(count(browser.eval(op("add", "waiting")))).isEqualTo(6);
            browser.waitFor("the operations in the graph view", GRAPH_OPS,
                    v -> String.valueOf(v).contains("ones") && String.valueOf(v).contains("add") && String.valueOf(v).contains("total"));

            GATE.countDown();
            assertThat(c.get(Chromium.WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(12L);
            browser.waitFor("every op done", op("total", "done"), v -> count(v) == 1);
            assertThat(count(browser.eval(op("ones", "done")))).isEqualTo(12);
            assertThat(count(browser.eval(op("add", "done")))).isEqualTo(6);
            browser.waitFor("task-stream rectangles", RECTS, v -> count(v) > 0);
            Object rows = browser.eval("document.querySelectorAll('#workers tbody tr').length");
            assertThat(count(rows)).isPositive();

            Delayed<Long> bad = Delayed.of(DashboardBrowserTest::inc, Delayed.of(DashboardBrowserTest::boom, 7L).named("explode"));
            assertThatThrownBy(() -> bad.compute(threads)).isInstanceOf(TaskFailedException.class);
            Object errors = browser.waitFor("the erred task", ERRORS, v -> String.valueOf(v).contains("boom 7"));
            assertThat(String.valueOf(errors))
                    .contains("explode")                                     // the key
                    .contains("java.lang.IllegalStateException: boom 7 from the dashboard test")
                    .contains("DashboardBrowserTest.boom")                   // a frame of the task's own stack
                    .contains("RUNNING")                                     // its story
                    .contains("attempt 1");
            // explode -> inc is a linear chain, fused into one task named by its last key: progress counts it under inc
            browser.waitFor("the erred task in progress", op("inc", "erred"), v -> count(v) == 1);
            browser.screenshot(SHOTS.resolve("dashboard-threads.png"));
            assertThat(Files.size(SHOTS.resolve("dashboard-threads.png"))).isGreaterThan(10_000);
        }
    }

    @Test
    void theSamePageOnWorkerProcesses() throws Exception {
        Path exe = Chromium.find().orElseThrow();
        try (Dashboard d = Dashboard.start("127.0.0.1", 0); Chromium browser = Chromium.launch(exe);
             ProcessesScheduler processes = new ProcessesScheduler(2)) {
            browser.navigate(d.url());
            browser.waitFor("the live status", "document.getElementById('status').textContent", "live"::equals);
            ComputeOptions on = ComputeOptions.defaults().withScheduler(processes).withProgress(false);
            List<Delayed<Long>> incs = new ArrayList<>();
            for (int i = 0; i < 40; i++) incs.add(Delayed.of(DashboardBrowserTest::inc, (long) i).named("inc"));
            assertThat(Delayed.all(incs).then(DashboardBrowserTest::sum).named("total").compute(on)).isEqualTo(40L * 41 / 2);
            browser.waitFor("inc done", op("inc", "done"), v -> count(v) == 40);
            Object workers = browser.waitFor("worker processes in the workers table",
                    "Array.from(document.querySelectorAll('#workers tbody tr')).map(function(r){return r.getAttribute('data-worker')}).join('|')",
                    v -> String.valueOf(v).contains("(pid "));
            assertThat(String.valueOf(workers)).doesNotContain(String.valueOf(ProcessHandle.current().pid()) + ")");
            // the pool's worker events and the tasks' reports name the same rows (one per worker process)
            assertThat(String.valueOf(workers).split("\\|")).allMatch(w -> w.contains("(pid "));
            browser.waitFor("task-stream rectangles", RECTS, v -> count(v) > 0);

            Delayed<Long> bad = Delayed.of(DashboardBrowserTest::boom, 9L).named("explode");
            assertThatThrownBy(() -> bad.compute(on)).isInstanceOf(TaskFailedException.class);
            Object errors = browser.waitFor("the remote erred task", ERRORS, v -> String.valueOf(v).contains("boom 9"));
            assertThat(String.valueOf(errors)).contains("DashboardBrowserTest.boom").contains("(pid ");
            browser.screenshot(SHOTS.resolve("dashboard-processes.png"));
        }
    }

    @Test
    void aPerformanceReportOpensOfflineAndShowsTheCompute() throws Exception {
        Path exe = Chromium.find().orElseThrow();
        Path file = Path.of("target", "reports-test", "performance-report.html").toAbsolutePath();
        try (PerformanceReport r = PerformanceReport.to(file)) {
            List<Delayed<Long>> incs = new ArrayList<>();
            for (int i = 0; i < 30; i++) incs.add(Delayed.of(DashboardBrowserTest::inc, (long) i).named("inc"));
            Delayed.all(incs).then(DashboardBrowserTest::sum).named("total").compute(ComputeOptions.defaults().withProgress(false));
        }
        String html = Files.readString(file);
        assertThat(html).doesNotContain("<script src=").doesNotContain("<link rel=\"stylesheet\" href=").contains("BLOCKWORK_SNAPSHOT");
        try (Chromium browser = Chromium.launch(exe)) {
            browser.navigate(file.toUri());
            browser.waitFor("the report status", "document.getElementById('status').textContent", "report"::equals);
            assertThat(count(browser.eval(RECTS))).isPositive();
            assertThat(count(browser.eval(op("inc", "done")))).isEqualTo(30);
            Object opsRow = browser.eval("document.querySelector('#ops tr[data-op=\"inc\"]').textContent");
            assertThat(String.valueOf(opsRow)).startsWith("inc30");
            assertThat(count(browser.eval("document.querySelectorAll('#chart-memory canvas').length"))).isPositive();
            browser.screenshot(SHOTS.resolve("performance-report.png"));
        }
    }
}
