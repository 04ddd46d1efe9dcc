package dev.blockwork.schedule;

import dev.blockwork.graph.Key;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * One run of a {@link Plan}: the task-state machine that every scheduler drives. A scheduler only
 * decides <em>where</em> a task runs; this class decides <em>when</em> (dependencies done), keeps the
 * results, releases them when no longer needed, and ends the compute exactly once.
 *
 * <h2>Contract for scheduler implementors</h2>
 * <ul>
 *   <li>Start with {@link #initialReady()}: those tasks are READY.</li>
 *   <li>Local schedulers call {@link #run(int, ReadySink)}. Remote ones call {@link #start(int)} (null =
 *       do not run it: the compute has ended), ship the {@link TaskCall}, then report
 *       {@link #finish(int, Object, ReadySink)} or {@link #fail(int, Throwable)} from any thread.</li>
 *   <li>Each task given to a {@link ReadySink} is READY and is handed out exactly once.</li>
 *   <li>Threads that run tasks bracket their work with {@link #enter()}/{@link #exit()} so that
 *       {@link #cancel} can interrupt them.</li>
 * </ul>
 *
 * <h2>Implementation overview</h2>
 * Per-task state lives in flat {@code int[]} arrays indexed by task number, updated with
 * {@link VarHandle} atomics (no per-task objects beyond the result): {@code state} (a {@link TaskState}
 * ordinal), {@code waiting} (dependencies not yet done; the thread that takes it to zero makes the task
 * READY) and {@code unreleased} (dependents not yet finished; the thread that takes it to zero drops the
 * result unless it is an output). Happens-before: a result is written before the atomic decrement of a
 * dependent's {@code waiting}; the thread that reads zero reads the result after its own atomic update of
 * the same counter, so every dependency's result is visible when a task starts.
 * <p>
 * The end is a {@link CompletableFuture}: completed with the outputs when the last output finishes, or
 * exceptionally by the first failure, timeout or cancel. After that, tasks not yet started move to
 * CANCELLED when a scheduler tries to start them, running tasks are interrupted, and their results are
 * dropped: dependents of a failed task never run.
 */
public final class Execution implements ComputeInfo {
    private static final AtomicLong IDS = new AtomicLong();
    private static final VarHandle INTS = MethodHandles.arrayElementVarHandle(int[].class);
    private static final System.Logger LOG = System.getLogger(Execution.class.getName());

    private final Plan plan;
    private final String schedulerName;
    private final long id = IDS.incrementAndGet();
    private final long startNanos = System.nanoTime();
    private final int[] state;
    private final int[] waiting;
    private final int[] unreleased;
    private final Object[] results;
    private final LongAdder completed = new LongAdder();
    private final AtomicInteger outputsLeft;
    private final SchedulerListener[] listeners;
    private final SchedulerListener[] taskListeners;
    private final CompletableFuture<Object[]> result = new CompletableFuture<>();
    private final HashSet<Thread> active = new HashSet<>();
    private final HashSet<Thread> interruptedByUs = new HashSet<>(); // guarded by active
    private final java.util.concurrent.atomic.AtomicBoolean ended = new java.util.concurrent.atomic.AtomicBoolean();
    private java.util.concurrent.ScheduledFuture<?> timeout;

    /**
     * @param timeoutNanos the compute ends with a {@link ComputeTimeoutException} after this long; {@code <= 0} = none
     */
    public Execution(Plan plan, String schedulerName, List<SchedulerListener> listeners, long timeoutNanos) {
        this.plan = plan;
        this.schedulerName = schedulerName;
        int n = plan.size();
        state = new int[n];
        waiting = new int[n];
        unreleased = new int[n];
        results = new Object[n];
        for (int t = 0; t < n; t++) {
            waiting[t] = plan.dependencies[t].length;
            unreleased[t] = plan.dependents[t].length;
        }
        for (int t : plan.initialReady) state[t] = TaskState.READY.ordinal();
        int distinctOutputs = 0;
        for (int t = 0; t < n; t++) if (plan.isOutput[t]) distinctOutputs++;
        outputsLeft = new AtomicInteger(distinctOutputs);
        this.listeners = listeners.toArray(new SchedulerListener[0]);
        List<SchedulerListener> tl = new ArrayList<>();
        for (SchedulerListener l : listeners) if (l.wantsTaskEvents()) tl.add(l);
        this.taskListeners = tl.toArray(new SchedulerListener[0]);
        for (SchedulerListener l : this.listeners) {
            try { l.onComputeStart(this); } catch (Throwable e) { logListener(e); }
        }
        if (timeoutNanos > 0) {
            timeout = Timeouts.TIMER.schedule(() -> cancel(new ComputeTimeoutException("compute " + id + " timed out after "
                    + java.time.Duration.ofNanos(timeoutNanos) + " with " + completedTasks() + " of "
                    + plan.size() + " tasks finished")), timeoutNanos, TimeUnit.NANOSECONDS);
        }
    }

    public Plan plan() { return plan; }

    /** Completes with the outputs' values in request order, or exceptionally with the reason the compute ended. */
    public CompletableFuture<Object[]> result() { return result; }

    /** Whether the compute has ended (successfully or not). */
    public boolean isTerminated() { return ended.get(); }

    /** Tasks that are READY at the start, highest priority first. */
    public int[] initialReady() { return plan.initialReady.clone(); }

    /** The state of {@code task} (for diagnostics and tests). */
    public TaskState state(int task) { return TaskState.VALUES[(int) INTS.getVolatile(state, task)]; }

    /** Whether the result of {@code task} is currently held (false once released). */
    public boolean holdsResult(int task) { return results[task] != null; }

    // ---- running tasks ----------------------------------------------------------------------------

    /** Runs {@code task} in the calling thread: start, call, finish or fail. */
    public void run(int task, ReadySink sink) {
        TaskCall call;
        try {
            call = start(task);
        } catch (Throwable e) { // a bug or an Error outside user code: end the compute loudly, never hang it
            cancel(e);
            return;
        }
        if (call == null) return;
        long t0 = taskListeners.length == 0 ? 0 : System.nanoTime();
        Object value;
        try {
            value = call.call();
        } catch (Throwable e) {
            fail(task, e, t0);
            return;
        }
        try {
            finish(task, value, sink, t0);
        } catch (Throwable e) {
            cancel(e);
        }
    }

    /**
     * Moves {@code task} from READY to RUNNING and returns its call with resolved arguments, or
     * {@code null} if the compute has ended (the task becomes CANCELLED).
     */
    public TaskCall start(int task) {
        if (!INTS.compareAndSet(state, task, TaskState.READY.ordinal(), TaskState.RUNNING.ordinal())) {
            TaskState now = state(task);
            if (now == TaskState.CANCELLED) return null;
            throw illegal(task, now, TaskState.RUNNING, TaskState.READY);
        }
        if (ended.get()) { // checked after the move: a task that saw "not ended" is RUNNING before end() returns
            INTS.setVolatile(state, task, TaskState.CANCELLED.ordinal());
            return null;
        }
        Object[] tpl = plan.argTemplates[task];
        Object[] args = new Object[tpl.length];
        for (int p = 0; p < tpl.length; p++) {
            Object a = tpl[p];
            if (a instanceof Plan.Ref r) {
                args[p] = results[r.task()];
            } else if (a instanceof Plan.RefList rl) {
                int[] ts = rl.tasks();
                Object[] vs = new Object[ts.length];
                for (int i = 0; i < ts.length; i++) vs[i] = results[ts[i]];
                args[p] = vs;
            } else {
                args[p] = a;
            }
        }
        for (SchedulerListener l : taskListeners) {
            try { l.onTaskStart(this, plan.keys[task], plan.labels[task]); } catch (Throwable e) { logListener(e); }
        }
        return new TaskCall(plan.keys[task], plan.labels[task], plan.functions[task], args);
    }

    /** Records the result of a RUNNING task, releases what it no longer needs and hands newly ready dependents to {@code sink}. */
    public void finish(int task, Object value, ReadySink sink) {
        finish(task, value, sink, 0);
    }

    private void finish(int task, Object value, ReadySink sink, long t0) {
        if (ended.get()) { // ended meanwhile: drop the result, start nothing
            moveIfIn(task, TaskState.RUNNING, TaskState.CANCELLED);
            completed.increment();
            return;
        }
        results[task] = value;
        move(task, TaskState.RUNNING, TaskState.DONE);
        completed.increment();
        if (taskListeners.length > 0) taskEvent(task, TaskState.DONE, t0);
        for (int d : plan.dependencies[task]) {
            if ((int) INTS.getAndAdd(unreleased, d, -1) == 1 && !plan.isOutput[d]) {
                results[d] = null;
                move(d, TaskState.DONE, TaskState.RELEASED);
            }
        }
        if (plan.isOutput[task] && outputsLeft.decrementAndGet() == 0) {
            complete();
            return;
        }
        for (int c : plan.dependents[task]) {
            if ((int) INTS.getAndAdd(waiting, c, -1) == 1) {
                move(c, TaskState.WAITING, TaskState.READY);
                sink.ready(c);
            }
        }
    }

    /** Records that a RUNNING task raised {@code error}; ends the compute with a {@link TaskFailedException}. */
    public void fail(int task, Throwable error) {
        fail(task, error, 0);
    }

    private void fail(int task, Throwable error, long t0) {
        Key key = plan.keys[task];
        String label = plan.labels[task];
        Throwable cause = error;
        if (error instanceof FusedFunction.StepFailure sf) {
            key = sf.key;
            label = sf.label;
            cause = sf.getCause();
        }
        moveIfIn(task, TaskState.RUNNING, TaskState.ERRED);
        completed.increment();
        if (taskListeners.length > 0) taskEvent(task, TaskState.ERRED, t0);
        if (ended.get()) return;
        TaskFailedException failure = cause instanceof TaskFailedException tfe && tfe.key().equals(key)
                ? tfe : new TaskFailedException(key, label, cause);
        terminate(failure);
    }

    /**
     * Ends the compute with {@code reason} (a {@link CancellationException}, a timeout...): tasks not
     * started never start, running ones are interrupted and their results dropped. No effect if ended.
     */
    public void cancel(Throwable reason) {
        terminate(reason);
    }

    private void complete() {
        int[] outs = plan.outputs;
        Object[] values = new Object[outs.length];
        for (int i = 0; i < outs.length; i++) values[i] = results[outs[i]];
        end(values, null);
    }

    private void terminate(Throwable reason) {
        end(null, reason);
    }

    /** The one way a compute ends: stop new starts, interrupt running tasks on error, tell listeners, then complete. */
    private void end(Object[] values, Throwable error) {
        if (!ended.compareAndSet(false, true)) return;
        try {
            if (timeout != null) timeout.cancel(false); // the timer must not keep this execution (and its results) alive
            if (error != null) {
                synchronized (active) {
                    for (Thread t : active) {
                        if (t != Thread.currentThread()) {
                            t.interrupt();
                            interruptedByUs.add(t);
                        }
                    }
                }
                java.util.Arrays.fill(results, null); // abandoned: keep nothing alive for whoever holds this compute
            }
            for (SchedulerListener l : listeners) {
                try { l.onComputeFinish(this, error); } catch (Throwable x) { logListener(x); }
            }
        } finally {
            if (error == null) result.complete(values);
            else result.completeExceptionally(error);
        }
    }

    /** Registers the calling thread as running tasks of this compute (so {@link #cancel} can interrupt it). */
    public void enter() {
        synchronized (active) { active.add(Thread.currentThread()); }
    }

    /** Unregisters the calling thread and clears an interrupt that this compute's {@link #cancel} sent it (only that one). */
    public void exit() {
        boolean ours;
        synchronized (active) {
            active.remove(Thread.currentThread());
            ours = interruptedByUs.remove(Thread.currentThread());
        }
        if (ours) Thread.interrupted(); // only an interrupt this compute sent; the caller's own stays
    }

    // ---- state machine ---------------------------------------------------------------------------

    private void move(int task, TaskState from, TaskState to) {
        if (!INTS.compareAndSet(state, task, from.ordinal(), to.ordinal())) throw illegal(task, state(task), to, from);
        assert from.canMoveTo(to) : from + " -> " + to;
    }

    private IllegalStateException illegal(int task, TaskState now, TaskState to, TaskState expected) {
        return new IllegalStateException("task " + plan.keys[task] + ": illegal transition " + now + " -> " + to
                + " (expected it to be " + expected + ") in compute " + id);
    }

    private void moveIfIn(int task, TaskState from, TaskState to) {
        INTS.compareAndSet(state, task, from.ordinal(), to.ordinal());
    }

    private void taskEvent(int task, TaskState s, long t0) {
        long t1 = System.nanoTime();
        for (SchedulerListener l : taskListeners) {
            try { l.onTaskFinish(this, plan.keys[task], plan.labels[task], s, t0, t1); } catch (Throwable e) { logListener(e); }
        }
    }

    private static void logListener(Throwable e) {
        LOG.log(System.Logger.Level.WARNING, "a scheduler listener failed; ignoring it", e);
    }

    // ---- ComputeInfo -----------------------------------------------------------------------------

    @Override public long id() { return id; }
    @Override public String scheduler() { return schedulerName; }
    @Override public int totalTasks() { return plan.size(); }
    @Override public long completedTasks() { return completed.sum(); }
    @Override public long startNanos() { return startNanos; }
}
