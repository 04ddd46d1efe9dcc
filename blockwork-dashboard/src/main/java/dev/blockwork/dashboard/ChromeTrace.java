package dev.blockwork.dashboard;

import dev.blockwork.dashboard.internal.Aggregator;
import dev.blockwork.dashboard.internal.Json;
import dev.blockwork.dashboard.internal.Recorder;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Records the computes of a block of code as a profile in the Chrome trace format (the JSON "Trace Event
 * Format"), which Perfetto ({@code ui.perfetto.dev}) and {@code chrome://tracing} open: one track per worker
 * (thread, or worker process and its pid), one slice per task named by its operation, with the key, the
 * function's worker and the bytes moved as arguments; erred tasks are marked.
 *
 * <pre>{@code
 * try (var t = ChromeTrace.to(Path.of("trace.json"))) {
 *     x.sum().compute();
 * }
 * }</pre>
 *
 * <p>Every task is its own slice up to {@link #MAX_SLICES}; later ones are left out (the file says how many).
 * It listens to every compute in this JVM while open, whatever the scheduler.
 */
public final class ChromeTrace implements AutoCloseable {
    /** Slices kept at most. */
    public static final int MAX_SLICES = 1_000_000;
    private final Path file;
    private final Recorder recorder;
    private boolean closed;

    private ChromeTrace(Path file) {
        this.file = file;
        this.recorder = new Recorder(0, 0, MAX_SLICES); // no merging: a profile shows every task
    }

    /**
     * Starts recording; {@link #close()} writes the trace to {@code file}.
     *
     * @param file the JSON file to write (its folder is created if needed)
     * @return the open recording
     */
    public static ChromeTrace to(Path file) { return new ChromeTrace(file); }

    /**
     * The file this trace writes.
     *
     * @return the trace's path
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
        Recorder.write(file, json(recorder.stop()), "trace");
    }

    /** The trace of what {@code a} recorded. */
    static String json(Aggregator a) {
        List<String> workers = a.workerNames();
        List<String> ops = a.operations();
        long self = ProcessHandle.current().pid();
        long[] pidOfRow = new long[workers.size()];
        Json j = new Json(new StringBuilder(1 << 16));
        j.obj().name("traceEvents").arr();
        j.obj().field("name", "process_name").field("ph", "M").field("pid", self).name("args").obj().field("name", "blockwork (this JVM)").end().end();
        for (int row = 0; row < workers.size(); row++) {
            String w = workers.get(row);
            long pid = Aggregator.pidOf(w);
            pidOfRow[row] = pid > 0 ? pid : self;
            if (pid > 0) {
                j.obj().field("name", "process_name").field("ph", "M").field("pid", pid).name("args").obj().field("name", w).end().end();
            }
            j.obj().field("name", "thread_name").field("ph", "M").field("pid", pidOfRow[row]).field("tid", row)
                    .name("args").obj().field("name", w).end().end();
        }
        long epoch = a.epochNanos();
        for (Aggregator.Rect r : a.recorded()) {
            j.obj().field("name", ops.get(r.op())).field("cat", r.erred() ? "task,erred" : "task").field("ph", "X")
                    .field("ts", (r.startNanos() - epoch) / 1e3).field("dur", Math.max(0, r.endNanos() - r.startNanos()) / 1e3)
                    .field("pid", pidOfRow[r.row()]).field("tid", r.row());
            if (r.erred()) j.field("cname", "terrible");
            j.name("args").obj().field("key", String.valueOf(r.key())).field("tasks", r.tasks()).field("bytes", r.bytes()).end().end();
        }
        j.endArr().field("displayTimeUnit", "ms").name("otherData").obj().field("producer", "blockwork")
                .field("slicesLeftOut", a.recordedDropped()).end();
        return j.end().toString();
    }
}
