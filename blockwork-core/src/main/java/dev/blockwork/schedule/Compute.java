package dev.blockwork.schedule;

import dev.blockwork.graph.Graph;
import dev.blockwork.graph.Key;
import dev.blockwork.graph.Task;
import dev.blockwork.progress.ProgressBar;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * The entry point every collection uses to run a graph: plan (cull, fuse, order), pick the scheduler,
 * attach listeners (global ones, the call's, and the progress bar when enabled), run, and return the
 * outputs in request order.
 *
 * <p>Errors: a failed task raises {@link TaskFailedException} (key, function, original cause); a timeout
 * raises {@link ComputeTimeoutException}; an interrupt of the waiting thread cancels the compute and
 * raises {@link CancellationException} with the thread's interrupt flag set again.
 */
public final class Compute {
    private Compute() {}

    /**
     * Computes {@code outputs} of {@code graph} and waits for them.
     *
     * @param graph   the graph
     * @param outputs the keys wanted (a key may repeat)
     * @param options scheduler, timeout, listeners...
     * @return the outputs' values, in the order of {@code outputs}
     * @throws TaskFailedException     if a task failed (key, function, original cause)
     * @throws ComputeTimeoutException if the options' timeout passed
     * @throws CancellationException   if the waiting thread was interrupted (the compute is cancelled)
     */
    public static Object[] compute(Graph graph, List<Key> outputs, ComputeOptions options) {
        return compute(graph::task, outputs, options);
    }

    /**
     * Computes {@code outputs}, looking tasks up with {@code lookup}, and waits for them.
     *
     * @param lookup  the task of each key the outputs need
     * @param outputs the keys wanted (a key may repeat)
     * @param options scheduler, timeout, listeners...
     * @return the outputs' values, in the order of {@code outputs}
     * @throws TaskFailedException     if a task failed (key, function, original cause)
     * @throws ComputeTimeoutException if the options' timeout passed
     * @throws CancellationException   if the waiting thread was interrupted (the compute is cancelled)
     */
    public static Object[] compute(Function<Key, Task> lookup, List<Key> outputs, ComputeOptions options) {
        return await(computeAsync(lookup, outputs, options));
    }

    /**
     * How often one {@code compute()} is planned again because a persisted result it read was lost with its worker
     * ({@link HeldInputLostException}); each new plan makes the lost values from their collection's graph.
     */
    public static final int MAX_REPLANS = 3;

    /**
     * Starts computing {@code outputs} and returns at once (except on {@code sync}, which runs in this thread).
     *
     * @param lookup  the task of each key the outputs need
     * @param outputs the keys wanted (a key may repeat)
     * @param options scheduler, timeout, listeners...
     * @return the running computation; cancelling it cancels the compute
     */
    public static Computation<Object[]> computeAsync(Function<Key, Task> lookup, List<Key> outputs, ComputeOptions options) {
        boolean fuse = options.optimize();
        return run(() -> Planner.plan(lookup, outputs, fuse), options);
    }

    /**
     * Starts running an already-made plan and returns at once (except on {@code sync}).
     *
     * @param plan    the plan
     * @param options scheduler, timeout, listeners...
     * @return the running computation; cancelling it cancels the compute
     */
    public static Computation<Object[]> run(Plan plan, ComputeOptions options) {
        return start(plan, options, null, null, 0, 0);
    }

    /**
     * Runs what {@code planner} plans; if a persisted result the compute reads is lost with its worker meanwhile,
     * plans again (the new plan makes it from its graph) and runs that, up to {@link #MAX_REPLANS} times. The
     * returned future follows the newest compute.
     *
     * @param planner makes the plan (called again for each replan, on a virtual thread)
     * @param options scheduler, timeout (shared by every replan), listeners...
     * @return the running computation
     */
    public static Computation<Object[]> run(java.util.function.Supplier<Plan> planner, ComputeOptions options) {
        long deadline = options.timeout() == null ? 0 : System.nanoTime() + options.timeout().toNanos();
        return start(planner.get(), options, null, planner, 0, deadline);
    }

    /**
     * Starts one execution of {@code plan} into {@code into} (null: a new computation). With {@code replan}, a loss
     * of a persisted input plans again, on a virtual thread (planning may block: never on the thread that reported
     * the loss, a transport's); a new execution gets what is left of the first one's timeout ({@code deadline}, from
     * {@link System#nanoTime}; 0: none).
     */
    private static Computation<Object[]> start(Plan plan, ComputeOptions options, Computation<Object[]> into,
                                               java.util.function.Supplier<Plan> replan, int replans, long deadline) {
        Scheduler scheduler = options.resolveScheduler();
        List<SchedulerListener> ls = new ArrayList<>(List.of(Listeners.global()));
        ls.addAll(options.listeners());
        if (ProgressBar.enabled(options.progress())) ls.add(ProgressBar.shared());
        Execution exec = new Execution(plan, scheduler.name(), ls, options.executionOptions(null),
                options.memory() != null ? options.memory() : LocalMemory.get());
        Computation<Object[]> c = into != null ? into : new Computation<>(exec);
        if (into != null) into.follow(exec);
        boolean keep = options.keepHeld();
        java.util.function.Consumer<Throwable> failed = e -> {
            long left = deadline == 0 ? Long.MAX_VALUE : deadline - System.nanoTime();
            if (replan != null && replans < MAX_REPLANS && left > 0 && !c.isDone() && HeldInputLostException.inChain(e)) {
                Thread.ofVirtual().name("blockwork-replan-" + exec.info().id()).start(() -> {
                    try {
                        ComputeOptions o = deadline == 0 ? options : options.withTimeout(java.time.Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
                        start(replan.get(), o, c, replan, replans + 1, deadline);
                    } catch (Throwable x) {
                        c.completeExceptionally(x);
                    }
                });
            } else {
                c.completeExceptionally(e);
            }
        };
        exec.result().whenComplete((r, e) -> {
            if (e != null) failed.accept(e);
            else if (keep || !exec.holdsHandles()) c.complete(r);
            else Thread.ofVirtual().name("blockwork-fetch-" + exec.info().id()).start(() -> fetchOutputs(exec, r, c, failed));
        });
        try {
            scheduler.execute(exec);
        } catch (Throwable e) { // never leave a started compute without an end
            exec.cancel(e);
            if (into == null) throw e;
            c.completeExceptionally(e);
        }
        return c;
    }

    /**
     * Brings held outputs here for the caller: off the executor's threads (the last task's finish may run on a
     * transport's thread, which must not block on another transfer). A handle is released once fetched; if one
     * cannot be fetched, the compute fails naming the output and where it was held, and the rest are released.
     */
    private static void fetchOutputs(Execution exec, Object[] r, Computation<Object[]> c, java.util.function.Consumer<Throwable> failed) {
        Object[] values = r.clone();
        Throwable error = null;
        java.util.IdentityHashMap<HeldResult, Object> fetched = new java.util.IdentityHashMap<>(); // an output may repeat
        for (int i = 0; i < values.length; i++) {
            if (!(values[i] instanceof HeldResult h)) continue;
            if (fetched.containsKey(h)) {
                values[i] = fetched.get(h);
                continue;
            }
            if (error == null) {
                try {
                    values[i] = h.fetch();
                    fetched.put(h, values[i]);
                } catch (Throwable e) {
                    Key k = exec.plan().keys[exec.plan().outputs[i]];
                    error = e instanceof WorkerLostException && h instanceof HeldResult.Borrowed // a persisted value: plan again
                            ? new HeldInputLostException("persisted output " + k + " was lost with " + h.location(), e)
                            : e instanceof WorkerLostException
                            ? new WorkerLostException("output " + k + " was lost with " + h.location() + " before it could be fetched", e)
                            : new TaskFailedException(k, "fetch from " + h.location(), e);
                }
            }
            h.release();
        }
        if (error == null) c.complete(values);
        else failed.accept(error); // a persisted output lost: planned again, like a lost input
    }

    /**
     * A computation of {@code f} applied to {@code c}'s value; cancelling it cancels {@code c}'s compute.
     *
     * @param c   the computation
     * @param f   what to apply, on the thread that completes {@code c}; what it throws fails the result
     * @param <T> {@code c}'s value type
     * @param <R> the result type
     * @return the mapped computation; it fails as {@code c} does
     */
    public static <T, R> Computation<R> map(Computation<T> c, Function<? super T, ? extends R> f) {
        Computation<R> m = new Computation<>(c);
        c.whenComplete((r, e) -> {
            if (e != null) m.completeExceptionally(e instanceof CompletionException ce && ce.getCause() != null ? ce.getCause() : e);
            else {
                try { m.complete(f.apply(r)); } catch (RuntimeException x) { m.completeExceptionally(x); }
            }
        });
        return m;
    }

    /**
     * Waits for a compute and returns its value, raising the compute's own exception (not wrapped).
     * Interrupting the waiting thread cancels the compute.
     *
     * @param c   the computation
     * @param <T> its value type
     * @return its value
     * @throws TaskFailedException     if a task failed (key, function, original cause)
     * @throws ComputeTimeoutException if the options' timeout passed
     * @throws CancellationException   if the waiting thread was interrupted (the compute is cancelled)
     */
    public static <T> T await(Computation<T> c) {
        try {
            return c.get();
        } catch (InterruptedException e) {
            c.cancel(true);
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for compute " + c.info().id());
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        }
    }

    /**
     * What a waiting caller throws for a compute's or a future's failure: the original exception, not
     * wrapped. A {@link TaskFailedException} gets the caller's stack (its frames show where the caller
     * waited; the task's own trace, from wherever it ran, stays its cause).
     *
     * @param t the failure (a {@link CompletionException} is unwrapped)
     * @return the exception to throw: {@code t} itself if unchecked, else a {@link CompletionException} of it
     * @throws Error {@code t}, if it is one
     */
    public static RuntimeException rethrow(Throwable t) {
        if (t instanceof CompletionException ce && ce.getCause() != null) t = ce.getCause();
        if (t instanceof TaskFailedException tfe) {
            tfe.fillInStackTrace();
            return tfe;
        }
        if (t instanceof RuntimeException re) return re;
        if (t instanceof Error err) throw err;
        return new CompletionException(t);
    }
}
