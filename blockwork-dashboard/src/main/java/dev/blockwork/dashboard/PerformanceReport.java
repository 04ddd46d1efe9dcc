package dev.blockwork.dashboard;

import dev.blockwork.dashboard.internal.Page;
import dev.blockwork.dashboard.internal.Recorder;

import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Records the computes of a block of code and writes one self-contained HTML file of it, like Dask's
 * {@code performance_report}: the task stream, time and bytes per operation, progress, workers' memory and
 * CPU over time, erred tasks and the graph. Everything (scripts, styles, data) is inside the file: it opens
 * offline, in any browser, and can be mailed.
 *
 * <pre>{@code
 * try (var r = PerformanceReport.to(Path.of("report.html"))) {
 *     x.sum().compute();
 * }
 * }</pre>
 *
 * <p>It listens to every compute in this JVM while open (a global listener), whatever the scheduler. Tasks of
 * one operation that follow each other closely on one worker are drawn as one rectangle (at most
 * {@link #MAX_RECTANGLES} are kept); time and bytes per operation count every task.
 */
public final class PerformanceReport implements AutoCloseable {
    /** Task-stream rectangles kept at most. */
    public static final int MAX_RECTANGLES = 200_000;
    private final Path file;
    private final Recorder recorder;
    private boolean closed;

    private PerformanceReport(Path file) {
        this.file = file;
        this.recorder = new Recorder(100_000, 1_000_000, MAX_RECTANGLES);
    }

    /**
     * Starts recording; {@link #close()} writes the report to {@code file}.
     *
     * @param file the HTML file to write (its folder is created if needed)
     * @return the open report
     */
    public static PerformanceReport to(Path file) { return new PerformanceReport(file); }

    /**
     * The file this report writes.
     *
     * @return the report's path
     */
    public Path file() { return file; }

    /**
     * Stops recording and writes the file. Idempotent.
     *
     * @throws UncheckedIOException if the file cannot be written
     */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        String html = Page.report("Blockwork performance report (" + java.time.LocalDateTime.now().withNano(0) + ")", recorder.snapshot());
        Recorder.write(file, html, "performance report");
    }
}
