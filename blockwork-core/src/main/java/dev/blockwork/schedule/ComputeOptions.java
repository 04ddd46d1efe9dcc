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
 *   <li>{@code memory} — the memory manager that counts and spills this compute's held blocks; {@code null} =
 *       this JVM's ({@link LocalMemory#get()}, from the {@code memory.*} settings).</li>
 * </ul>
 *
 * @param scheduler         the scheduler's name, or null (see {@code schedulerInstance})
 * @param schedulerInstance a scheduler object, which wins over {@code scheduler}; null = by name
 * @param timeout           the compute's time limit, positive; null = none
 * @param optimize          whether to fuse (culling always happens)
 * @param progress          force the progress bar on or off; null = the configured default
 * @param listeners         this call's listeners, besides the global ones (copied)
 * @param retry             the retry policy; null = {@link RetryPolicy#defaults()}
 * @param story             whether to record every transition of every task
 * @param keepHeld          whether outputs held elsewhere stay {@link HeldResult} handles
 * @param memory            the memory manager of held blocks; null = this JVM's
 */
public record ComputeOptions(String scheduler, Scheduler schedulerInstance, Duration timeout, boolean optimize,
                             Boolean progress, List<SchedulerListener> listeners, RetryPolicy retry, boolean story,
                             boolean keepHeld, LocalMemory memory) {
    private static final ComputeOptions DEFAULTS = new ComputeOptions(null, null, null, true, null, List.of(), null, false, false, null);

    /**
     * Checks the options; prefer {@link #defaults()} and the {@code with...} methods.
     *
     * @throws IllegalArgumentException if {@code timeout} is zero or negative
     * @throws NullPointerException     if {@code listeners} is or holds null
     */
    public ComputeOptions {
        listeners = List.copyOf(listeners);
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("got timeout " + timeout + ", expected a positive duration");
        }
    }

    /** {@return the defaults: the current scheduler, no timeout, fused, default progress and retries, no listeners} */
    public static ComputeOptions defaults() { return DEFAULTS; }

    /**
     * Runs on the shared scheduler called {@code name} (looked up when the compute starts).
     *
     * @param name e.g. {@code sync}, {@code threads}, {@code processes}; null = the current default
     * @return a copy with that scheduler (and no scheduler object)
     */
    public ComputeOptions withScheduler(String name) {
        return new ComputeOptions(name, null, timeout, optimize, progress, listeners, retry, story, keepHeld, memory);
    }

    /**
     * Runs on this scheduler object (e.g. a private {@code ProcessesScheduler}, a {@code Cluster}'s).
     *
     * @param s the scheduler; null = the current default
     * @return a copy with that scheduler (and no scheduler name)
     */
    public ComputeOptions withScheduler(Scheduler s) {
        return new ComputeOptions(null, s, timeout, optimize, progress, listeners, retry, story, keepHeld, memory);
    }

    /**
     * Fails the compute with {@link ComputeTimeoutException} after {@code t}, cancelling its running tasks.
     *
     * @param t the limit, positive; null = none
     * @return a copy with that setting
     * @throws IllegalArgumentException if {@code t} is zero or negative
     */
    public ComputeOptions withTimeout(Duration t) {
        return new ComputeOptions(scheduler, schedulerInstance, t, optimize, progress, listeners, retry, story, keepHeld, memory);
    }

    /**
     * Whether the planner fuses linear chains of tasks (culling always happens).
     *
     * @param on true to fuse (the default)
     * @return a copy with that setting
     */
    public ComputeOptions withOptimize(boolean on) {
        return new ComputeOptions(scheduler, schedulerInstance, timeout, on, progress, listeners, retry, story, keepHeld, memory);
    }

    /**
     * Forces the progress bar on or off for this call, whatever {@code blockwork.progress} says.
     *
     * @param on whether to show it
     * @return a copy with that setting
     */
    public ComputeOptions withProgress(boolean on) {
        return new ComputeOptions(scheduler, schedulerInstance, timeout, optimize, on, listeners, retry, story, keepHeld, memory);
    }

    /**
     * Adds a listener for this call, besides those already set and the global ones.
     *
     * @param l the listener, not null
     * @return a copy with the listener added
     * @throws NullPointerException if {@code l} is null
     */
    public ComputeOptions withListener(SchedulerListener l) {
        List<SchedulerListener> ls = new ArrayList<>(listeners);
        ls.add(l);
        return new ComputeOptions(scheduler, schedulerInstance, timeout, optimize, progress, ls, retry, story, keepHeld, memory);
    }

    /**
     * Runs a task whose own code threw up to {@code n} more times (Dask's {@code retries=n}).
     *
     * @param n retries, &gt;= 0
     * @return a copy with that setting
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public ComputeOptions withRetries(int n) {
        return withRetryPolicy(retryPolicy().withRetries(n));
    }

    /**
     * Sets both retry counts at once.
     *
     * @param p the policy; null = {@link RetryPolicy#defaults()}
     * @return a copy with that setting
     */
    public ComputeOptions withRetryPolicy(RetryPolicy p) {
        return new ComputeOptions(scheduler, schedulerInstance, timeout, optimize, progress, listeners, p, story, keepHeld, memory);
    }

    /**
     * Records every transition of every task (costs a lock per transition: for debugging).
     *
     * @param on whether to record them all (else only retries, failures and cancels)
     * @return a copy with that setting
     */
    public ComputeOptions withStory(boolean on) {
        return new ComputeOptions(scheduler, schedulerInstance, timeout, optimize, progress, listeners, retry, on, keepHeld, memory);
    }

    /**
     * Leaves outputs that an executor holds elsewhere as {@link HeldResult} handles (the caller releases them).
     *
     * @param on whether to keep handles
     * @return a copy with that setting
     */
    public ComputeOptions withKeepHeld(boolean on) {
        return new ComputeOptions(scheduler, schedulerInstance, timeout, optimize, progress, listeners, retry, story, on, memory);
    }

    /**
     * Counts this compute's held blocks against {@code m} (its own limit and spill folder) instead of the JVM's.
     *
     * @param m the memory manager
     * @return a copy with that manager
     */
    public ComputeOptions withMemory(LocalMemory m) {
        return new ComputeOptions(scheduler, schedulerInstance, timeout, optimize, progress, listeners, retry, story, keepHeld, m);
    }

    /** {@return the retry policy in force: the one set, else {@link RetryPolicy#defaults()}} */
    public RetryPolicy retryPolicy() {
        return retry != null ? retry : RetryPolicy.defaults();
    }

    /**
     * The scheduler these options select: the object, else the shared one of that name, else the current default.
     *
     * @return the scheduler
     * @throws IllegalArgumentException if no scheduler has the name set
     */
    public Scheduler resolveScheduler() {
        if (schedulerInstance != null) return schedulerInstance;
        return scheduler != null ? Schedulers.get(scheduler) : Schedulers.current();
    }

    /**
     * The engine options for one execution.
     *
     * @param outputs where futures' outputs are reported; {@code null} = a compute
     * @return the timeout, retry policy and story of these options, with {@code outputs}
     */
    public Execution.Options executionOptions(OutputSink outputs) {
        return new Execution.Options(timeout == null ? 0 : timeout.toNanos(), retryPolicy(), story, outputs);
    }
}
