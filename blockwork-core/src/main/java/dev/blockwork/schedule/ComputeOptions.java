package dev.blockwork.schedule;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-call options for a compute. Immutable; each {@code with...} returns a copy.
 *
 * <ul>
 *   <li>{@code scheduler} — a name ({@code "sync"}, {@code "threads"}, {@code "processes"}...) or
 *       {@code null} for the current default (see {@link Schedulers#current()}).</li>
 *   <li>{@code timeout} — the compute fails with a {@link ComputeTimeoutException} after this long;
 *       {@code null} = no limit.</li>
 *   <li>{@code optimize} — cull and fuse (default true; culling always happens).</li>
 *   <li>{@code progress} — {@code null} = the configured default ({@code blockwork.progress}), else force on/off.</li>
 * </ul>
 */
public record ComputeOptions(String scheduler, Scheduler schedulerInstance, Duration timeout, boolean optimize,
                             Boolean progress, List<SchedulerListener> listeners) {
    private static final ComputeOptions DEFAULTS = new ComputeOptions(null, null, null, true, null, List.of());

    public ComputeOptions {
        listeners = List.copyOf(listeners);
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
    }

    public static ComputeOptions defaults() { return DEFAULTS; }

    public ComputeOptions withScheduler(String name) {
        return new ComputeOptions(name, null, timeout, optimize, progress, listeners);
    }

    public ComputeOptions withScheduler(Scheduler s) {
        return new ComputeOptions(null, s, timeout, optimize, progress, listeners);
    }

    public ComputeOptions withTimeout(Duration t) {
        return new ComputeOptions(scheduler, schedulerInstance, t, optimize, progress, listeners);
    }

    public ComputeOptions withOptimize(boolean on) {
        return new ComputeOptions(scheduler, schedulerInstance, timeout, on, progress, listeners);
    }

    public ComputeOptions withProgress(boolean on) {
        return new ComputeOptions(scheduler, schedulerInstance, timeout, optimize, on, listeners);
    }

    public ComputeOptions withListener(SchedulerListener l) {
        List<SchedulerListener> ls = new ArrayList<>(listeners);
        ls.add(l);
        return new ComputeOptions(scheduler, schedulerInstance, timeout, optimize, progress, ls);
    }

    /** The scheduler these options select. */
    public Scheduler resolveScheduler() {
        if (schedulerInstance != null) return schedulerInstance;
        return scheduler != null ? Schedulers.get(scheduler) : Schedulers.current();
    }
}
