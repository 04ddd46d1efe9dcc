package dev.blockwork.dashboard.internal;

import dev.blockwork.schedule.Listeners;

/**
 * Records every compute in this JVM between its creation and {@link #stop()}: a {@link Collector} registered
 * as a global listener, feeding an {@link Aggregator} that keeps every rectangle (up to a limit). What the
 * performance report and the trace export are made from.
 */
public final class Recorder {
    private final Aggregator aggregator;
    private final Collector collector;
    private final AutoCloseable registration;
    private final Probes probes = new Probes();
    private final java.util.concurrent.ScheduledExecutorService ticker;
    private boolean stopped;

    /**
     * Starts recording.
     *
     * @param mergeGapNanos neighbouring tasks of one operation on one worker closer than this are one rectangle
     * @param minRectNanos  tasks of any operation starting within this of a rectangle's start join it; 0 = never
     * @param recordLimit   rectangles kept at most
     */
    public Recorder(long mergeGapNanos, long minRectNanos, int recordLimit) {
        // a recording takes every task's events, whatever the compute's size: the user asked for a profile
        aggregator = new Aggregator(System.nanoTime(), mergeGapNanos, minRectNanos, recordLimit, Integer.MAX_VALUE);
        collector = new Collector(aggregator, true);
        registration = Listeners.register(collector);
        ticker = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "blockwork-recorder");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleWithFixedDelay(this::tick, DashboardServer.TICK_MS, DashboardServer.TICK_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Drains and samples (memory and CPU over time), as the dashboard's sampler does. */
    private synchronized void tick() {
        if (stopped) return;
        try {
            collector.drain();
            aggregator.sample(System.nanoTime(), probes.measure(aggregator.workerPids()));
        } catch (RuntimeException e) {
            System.getLogger(Recorder.class.getName()).log(System.Logger.Level.WARNING, "recording a tick failed", e);
        }
    }

    /** Stops listening and applies every event received; idempotent. */
    public synchronized Aggregator stop() {
        if (!stopped) {
            ticker.shutdownNow();
            try { registration.close(); } catch (Exception e) { throw new IllegalStateException(e); }
            collector.drain();
            aggregator.sample(System.nanoTime(), probes.measure(aggregator.workerPids()));
            stopped = true;
        }
        return aggregator;
    }

    /**
     * Writes {@code content} to {@code file}, creating its folder.
     *
     * @throws java.io.UncheckedIOException naming {@code what} and the file if it cannot be written
     */
    public static void write(java.nio.file.Path file, String content, String what) {
        try {
            java.nio.file.Path parent = file.toAbsolutePath().getParent();
            if (parent != null) java.nio.file.Files.createDirectories(parent);
            java.nio.file.Files.writeString(file, content);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("could not write the " + what + " to " + file + ": " + e.getMessage(), e);
        }
    }

    /** A full snapshot for a page, after {@link #stop()}. */
    public String snapshot() {
        Aggregator a = stop();
        return a.snapshot(System.nanoTime(), probes.measure(a.workerPids()));
    }
}
