package dev.blockwork.schedule;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-call options for a compute (and for a {@link dev.blockwork.futures.Client}'s futures). Immutable;
 * each {@code with...} returns a copy.
 *
 * <ul>
 *   <li>{@code scheduler} — a name ({@code "sync"}, {@code "threads"}, {@code "processes"}...) or
 *       {@code null} for the current default (see {@link Schedulers#current()}).</li>
 *   <li>{@code timeout} — the compute fails with a {@link ComputeTimeoutException} after this long, and its
 *       running tasks are cancelled at their executor; {@code null} = no limit.</li>
 *   <li>{@code optimize} — cull and fuse (default true; culling always happens).</li>
 *   <li>{@code progress} — {@code null} = the configured default ({@code blockwork.progress}), else force on/off.</li>
 *   <li>{@code retry} — when a failed task runs again ({@link RetryPolicy#defaults()}: task errors never,
 *       lost workers up to {@code blockwork.allowedFailures} = 3 times).</li>
 *   <li>{@code story} — record every transition of every task (for debugging: {@link ComputeInfo#story});
 *       by default only retries, failures and cancels are recorded.</li>
 *   <li>{@code keepHeld} — outputs an executor holds elsewhere stay {@link HeldResult} handles instead of being
 *       fetched (what {@code persist()} uses); default false.</li>
 * </ul>
 */
public record ComputeOptions(String scheduler, Scheduler schedulerInstance, Duration timeout, boolean optimize,
                             Boolean progress, List<SchedulerListener> listeners, RetryPolicy retry, boolean story,
                             boolean keepHeld) {
    private static final ComputeOptions DEFAULTS = new ComputeOptions(null, null, null, true, null, List.of(), null, false, false);

    public ComputeOptions {
        listeners = List.copyOf(listeners);
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("got timeout " + timeout + ", expected a positive duration");
        }
    }

    public static ComputeOptions defaults() { return DEFAULTS; }

    public ComputeOptions withScheduler(String name) {
        return new ComputeOptions(name, null, timeout, optimize, progress, listeners, retry, story, keepHeld);
    }

    public ComputeOptions withScheduler(Scheduler s) {
        return new ComputeOptions(null, s, timeout, optimize, progress, listeners, retry, story, keepHeld);
    }

    public ComputeOptions withTimeout(Duration t) {
        return new ComputeOptions(scheduler, schedulerInstance, t, optimize, progress, listeners, retry, story, keepHeld);
    }

    public ComputeOptions withOptimize(boolean on) {
        return new ComputeOptions(scheduler, schedulerInstance, timeout, on, progress, listeners, retry, story, keepHeld);
    }

    public ComputeOptions withProgress(boolean on) {
        return new ComputeOptions(scheduler, schedulerInstance, timeout, optimize, on, listeners, retry, story, keepHeld);
    }

    public ComputeOptions withListener(SchedulerListener l) {
        List<SchedulerListener> ls = new ArrayList<>(listeners);
        ls.add(l);
        return new ComputeOptions(scheduler, schedulerInstance, timeout, optimize, progress, ls, retry, story, keepHeld);
    }

    /** Runs a task whose own code threw up to {@code n} more times (Dask's {@code retries=n}). */
    public ComputeOptions withRetries(int n) {
        return withRetryPolicy(retryPolicy().withRetries(n));
    }

    public ComputeOptions withRetryPolicy(RetryPolicy p) {
        return new ComputeOptions(scheduler, schedulerInstance, timeout, optimize, progress, listeners, p, story, keepHeld);
    }

    /** Records every transition of every task (costs a lock per transition: for debugging). */
    public ComputeOptions withStory(boolean on) {
        return new ComputeOptions(scheduler, schedulerInstance, timeout, optimize, progress, listeners, retry, on, keepHeld);
    }

    /**
     * Leaves outputs that an executor holds elsewhere as {@link HeldResult} handles (the caller releases them).
     *
     * @param on whether to keep handles
     * @return a copy with that setting
     */
    public ComputeOptions withKeepHeld(boolean on) {
        return new ComputeOptions(scheduler, schedulerInstance, timeout, optimize, progress, listeners, retry, story, on);
    }

    /** The retry policy in force: the one set, else {@link RetryPolicy#defaults()}. */
    public RetryPolicy retryPolicy() {
        return retry != null ? retry : RetryPolicy.defaults();
    }

    /** The scheduler these options select. */
    public Scheduler resolveScheduler() {
        if (schedulerInstance != null) return schedulerInstance;
        return scheduler != null ? Schedulers.get(scheduler) : Schedulers.current();
    }

    /** The engine options for one execution, with {@code outputs} for futures ({@code null} = a compute). */
    public Execution.Options executionOptions(OutputSink outputs) {
        return new Execution.Options(timeout == null ? 0 : timeout.toNanos(), retryPolicy(), story, outputs);
    }
}
