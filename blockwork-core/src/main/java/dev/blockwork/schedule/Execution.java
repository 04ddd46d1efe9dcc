package dev.blockwork.schedule;

import dev.blockwork.graph.Key;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * One run of a {@link Plan}: the engine's task-state machine, the same for every scheduler and for graphs
 * and futures alike. A scheduler (an executor) only decides <em>where</em> a task runs; this class decides
 * <em>when</em> (dependencies done), keeps results, releases them when no longer needed, retries, cancels,
 * and ends the compute exactly once.
 *
 * <h2>The executor protocol</h2>
 * <pre>
 *   engine → executor                          executor → engine
 *   ─────────────────                          ─────────────────
 *   ready task t (initialReady, ReadySink) ──► start(t): READY → RUNNING, returns the TaskCall
 *                                              (resolved arguments), or null: do not run it
 *                                          ◄── finish(t, value[, report], sink): RUNNING → DONE
 *                                          ◄── fail(t, error[, report], sink): RUNNING → READY (retry:
 *                                              t is handed to sink again) or ERRED
 *   cancel t (TaskCanceller, on early end) ──► stop t's work: interrupt it or replace its worker
 *   release t (local: the slot is dropped)
 * </pre>
 * A {@link TaskReport} carries the executor's worker name, its own start/end times and the bytes moved.
 * Local executors call {@link #run(int, ReadySink)}, which does start, call and finish/fail in the
 * calling thread, and bracket their threads with {@link #enter()}/{@link #exit()} so that an early end can
 * interrupt them. Each task given to a {@link ReadySink} is READY and is handed out exactly once per
 * attempt.
 *
 * <h2>Two modes</h2>
 * A <em>compute</em> (no {@link OutputSink}) ends at the first failure: the failed task is ERRED, tasks
 * not started become CANCELLED, running ones are cancelled through the executor. <em>Futures</em> (an
 * {@link OutputSink}) report each output as it ends; a failure fails that task and cancels only its
 * dependents, and a single task can be cancelled ({@link #cancelTask}): a local one by interrupting only
 * the thread that runs it (a small CAS hand-shake in {@code runners} makes sure the interrupt never
 * reaches the next task that thread runs), a remote one through the {@link TaskCanceller}.
 *
 * <h2>Implementation overview</h2>
 * Per-task state lives in flat {@code int[]} arrays indexed by task number, updated with
 * {@link VarHandle} atomics (no per-task objects beyond the result): {@code state} (a {@link TaskState}
 * ordinal), {@code waiting} (dependencies not yet done; the thread that takes it to zero makes the task
 * READY), {@code unreleased} (dependents not yet finished; the thread that takes it to zero drops the
 * result unless it is an output) and {@code runs} (attempts started, written by the thread that won the
 * READY → RUNNING race). Every move is a compare-and-set from the expected state, checked against
 * {@link TaskState#canMoveTo} at run time; an unexpected state fails loudly with the key and its story.
 * Happens-before: a result is written before the atomic decrement of a dependent's {@code waiting}; the
 * thread that reads zero reads the result after its own atomic update of the same counter, so every
 * dependency's result is visible when a task starts.
 * <p>
 * Cold paths (retry, failure, cancel, the end) take no part in the fast path: retry counters are
 * allocated on the first retry, and the bounded {@link StoryLog} records them. The end is a
 * {@link CompletableFuture}, completed once by {@link #end}; after it, no task starts, those not started
 * are moved to CANCELLED, running ones are cancelled through the {@link TaskCanceller} and local threads
 * are interrupted, and results that arrive later are dropped.
 */
public final class Execution {
    private static final AtomicLong IDS = new AtomicLong();
    private static final VarHandle INTS = MethodHandles.arrayElementVarHandle(int[].class);
    private static final VarHandle OBJECTS = MethodHandles.arrayElementVarHandle(Object[].class);
    private static final VarHandle ENDED, OUTPUTS_LEFT, COMPLETED_FEW;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            ENDED = l.findVarHandle(Execution.class, "ended", int.class);
            OUTPUTS_LEFT = l.findVarHandle(Execution.class, "outputsLeft", int.class);
            COMPLETED_FEW = l.findVarHandle(Execution.class, "completedFew", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
    /** In {@code runners}: a cancel is interrupting the runner ({@code INTERRUPTING}), or has ({@code INTERRUPTED}). */
    private static final Object INTERRUPTING = new Object(), INTERRUPTED = new Object();
    private static final System.Logger LOG = System.getLogger(Execution.class.getName());
    private static final int WAITING = TaskState.WAITING.ordinal(), READY = TaskState.READY.ordinal(),
            RUNNING = TaskState.RUNNING.ordinal(), DONE = TaskState.DONE.ordinal(), ERRED = TaskState.ERRED.ordinal(),
            RELEASED = TaskState.RELEASED.ordinal(), CANCELLED = TaskState.CANCELLED.ordinal();
    private static final SchedulerListener[] NO_LISTENERS = new SchedulerListener[0];
    /** Entries kept in each execution's story log ({@code blockwork.story.size}). */
    static final int STORY_SIZE = dev.blockwork.config.CoreSettings.STORY_SIZE.getInt();

    /**
     * How one execution behaves.
     *
     * @param timeoutNanos the compute ends with a {@link ComputeTimeoutException} after this long; {@code <= 0} = none
     * @param retry        when a failed task runs again
     * @param fullStory    record every transition in the story log, not only retries, failures and cancels
     * @param outputs      futures mode: each output is reported here as it ends; {@code null} = a compute
     */
    public record Options(long timeoutNanos, RetryPolicy retry, boolean fullStory, OutputSink outputs) {
        /** {@return a compute with no timeout, {@link RetryPolicy#defaults()} and the short story} */
        public static Options defaults() { return new Options(0, RetryPolicy.defaults(), false, null); }
    }

    private final Plan plan;
    private final String schedulerName;
    private final long id = IDS.incrementAndGet();
    private final long startNanos = System.nanoTime();
    private final int[] state;
    private final int[] waiting;
    private final int[] unreleased;
    private final int[] runs;
    private final Object[] results;
    /** Tasks finished: a LongAdder for big plans (no contended counter), a plain atomic field for small ones. */
    private final LongAdder completedMany;
    private volatile long completedFew; // COMPLETED_FEW
    private volatile int outputsLeft; // distinct outputs not yet terminal (OUTPUTS_LEFT)
    private final SchedulerListener[] listeners;
    private final SchedulerListener[] taskListeners;
    private final CompletableFuture<Object[]> result = new CompletableFuture<>();
    /**
     * Threads running tasks of this execution, and those an early end interrupted; guarded by this. The
     * first thread to enter is kept in {@code soleActive}; a set is made only when a second one enters.
     */
    private Thread soleActive;
    private HashSet<Thread> active, interruptedByUs;
    private volatile int ended; // 0 running, 1 ended: set once by end()
    private final RetryPolicy retry;
    private final boolean fullStory;
    private final OutputSink outputSink;
    private final StoryLog story = new StoryLog(STORY_SIZE);
    private final View view = new View(); // small: the listeners' and callers' handle
    /** Futures mode: the thread running each local task, so that cancelling one future interrupts only it. */
    private final Object[] runners;
    /** Results an executor reported {@linkplain #lost lost}: the slot holds this until the task has run again. */
    private static final Object LOST = new Object() {
        @Override public String toString() { return "<lost result>"; }
    };
    /** Tasks running again after a lost result (null until the first loss); guarded by this, read by finish. */
    private volatile boolean[] recomputing;
    /** For each task being recomputed, the tasks waiting for it; guarded by this. */
    private Map<Integer, List<Integer>> awaiting;
    private volatile TaskCanceller canceller;
    private int[] workerDeaths; // guarded by this; allocated on the first worker death
    private Map<Key, Integer> index; // guarded by this; built on the first lookup by key
    private ScheduledFuture<?> timeout;
    /** Counts held blocks against this JVM's memory limit and spills them; null = not counted. */
    private final LocalMemory memory;
    /** Bytes counted per task (0 = not counted); null until the first counted result. */
    private volatile long[] heldBytes;
    /** Counted tasks, oldest first: the spill order; guarded by this. */
    private java.util.ArrayDeque<Integer> spillOrder;
    /** Set under the lock when the outputs are read at the end: no spill may swap a slot after that. */
    private boolean spillClosed;
    /** Tasks ready at the start: the plan's, less those already held, plus what only they were blocking. */
    private final int[] initialReady;
    /** Whether a {@link HeldResult} was ever stored (then releases and local starts look for handles). */
    private volatile boolean holdsHandles;
    /** The executor moves held inputs itself ({@link #acceptHeldInputs()}); otherwise local starts fetch them. */
    private volatile boolean acceptsHeld;

    /**
     * A compute with default retries and {@code timeoutNanos}, counted against {@link LocalMemory#get()}; the
     * listeners' {@code onComputeStart} runs before this returns, and the timeout starts then.
     *
     * @param plan          what to run
     * @param schedulerName the scheduler's name, for events
     * @param listeners     who is told
     * @param timeoutNanos  the compute ends with a {@link ComputeTimeoutException} after this long; {@code <= 0} = none
     */
    public Execution(Plan plan, String schedulerName, List<SchedulerListener> listeners, long timeoutNanos) {
        this(plan, schedulerName, listeners, new Options(timeoutNanos, RetryPolicy.defaults(), false, null));
    }

    /**
     * An execution with these options, counted against {@link LocalMemory#get()}.
     *
     * @param plan          what to run
     * @param schedulerName the scheduler's name, for events
     * @param listeners     who is told
     * @param options       timeout, retries, story, futures
     */
    public Execution(Plan plan, String schedulerName, List<SchedulerListener> listeners, Options options) {
        this(plan, schedulerName, listeners, options, LocalMemory.get());
    }

    /**
     * An execution whose held blocks count against {@code memory} (null: none counted, nothing spilled).
     *
     * @param plan          what to run
     * @param schedulerName the scheduler's name, for events
     * @param listeners     who is told
     * @param options       timeout, retries, story, futures
     * @param memory        the memory manager, or null
     */
    public Execution(Plan plan, String schedulerName, List<SchedulerListener> listeners, Options options, LocalMemory memory) {
        this.memory = memory;
        this.plan = plan;
        this.schedulerName = schedulerName;
        this.retry = options.retry();
        this.fullStory = options.fullStory();
        this.outputSink = options.outputs();
        int n = plan.size();
        state = new int[n];
        waiting = new int[n];
        unreleased = new int[n];
        runs = new int[n];
        results = new Object[n];
        completedMany = n >= 64 ? new LongAdder() : null;
        runners = outputSink != null ? new Object[n] : null;
        for (int t = 0; t < n; t++) {
            waiting[t] = plan.dependencies[t].length;
            unreleased[t] = plan.dependents[t].length;
        }
        int distinctOutputs = 0;
        for (int t = 0; t < n; t++) if (plan.isOutput[t]) distinctOutputs++;
        outputsLeft = distinctOutputs;
        initialReady = held(plan) ? startHeld() : plan.initialReady;
        for (int t : initialReady) state[t] = READY;
        if (listeners.isEmpty()) {
            this.listeners = this.taskListeners = NO_LISTENERS;
        } else {
            this.listeners = listeners.toArray(new SchedulerListener[0]);
            List<SchedulerListener> tl = new ArrayList<>();
            for (SchedulerListener l : listeners) if (l.wantsTaskEvents(view)) tl.add(l);
            this.taskListeners = tl.toArray(new SchedulerListener[0]);
        }
        for (SchedulerListener l : this.listeners) {
            try { l.onComputeStart(view); } catch (Throwable e) { logListener(e); }
        }
        if (outputsLeft == 0 && distinctOutputs > 0) { // every output was already held: nothing to run
            complete();
            return;
        }
        long timeoutNanos = options.timeoutNanos();
        if (timeoutNanos > 0) {
            timeout = Timeouts.TIMER.schedule(() -> cancel(new ComputeTimeoutException("compute " + id + " timed out after "
                    + dev.blockwork.config.Durations.human(java.time.Duration.ofNanos(timeoutNanos)) + " with " + completedTasks() + " of "
                    + plan.size() + " tasks finished")), timeoutNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** {@return the plan this execution runs} */
    public Plan plan() { return plan; }

    /** {@return the read-only view listeners and callers get (never the engine itself)} */
    public ComputeInfo info() { return view; }

    /**
     * The end of the compute, completed exactly once.
     *
     * @return a future of the outputs' values in request order, or failed with the reason the compute ended
     *         ({@link TaskFailedException}, {@link ComputeTimeoutException}, a cancellation...)
     */
    public CompletableFuture<Object[]> result() { return result; }

    /** {@return whether the compute has ended (successfully or not)} */
    public boolean isTerminated() { return ended != 0; }

    /** {@return a copy of the task numbers READY at the start, highest priority first} */
    public int[] initialReady() { return initialReady.clone(); }

    private static boolean held(Plan plan) {
        for (int t : plan.initialReady) if (plan.functions[t] instanceof HeldValue) return true;
        return false;
    }

    /**
     * Tasks whose results already exist ({@link HeldValue}: persisted where they were made) start DONE with their
     * handle, as if they had just run; returns the tasks ready at the start. Their dependents with nothing else
     * to wait for are ready too, in priority order; an execution whose outputs are all held ends at once.
     */
    private int[] startHeld() {
        IntStack ready = new IntStack();
        boolean[] isReady = new boolean[plan.size()];
        for (int t : plan.initialReady) {
            if (!(plan.functions[t] instanceof HeldValue hv)) {
                isReady[t] = true;
                continue;
            }
            state[t] = DONE;
            results[t] = hv.handle();
            holdsHandles = true;
            if (completedMany != null) completedMany.increment();
            else completedFew++; // before any thread sees this execution
            if (plan.isOutput[t]) outputsLeft--;
            for (int c : plan.dependents[t]) if (--waiting[c] == 0) isReady[c] = true;
        }
        int k = 0;
        for (int t = 0; t < plan.size(); t++) if (isReady[t]) k++;
        int[] r = new int[k];
        k = 0;
        for (int t = 0; t < plan.size(); t++) if (isReady[t]) r[k++] = t; // task numbers follow priority
        return r;
    }

    /**
     * The state of {@code task} now (for diagnostics and tests).
     *
     * @param task the task's number in the plan
     * @return its state; it may change as soon as this returns
     */
    public TaskState state(int task) { return TaskState.VALUES[stateOf(task)]; }

    private int stateOf(int task) { return (int) INTS.getVolatile(state, task); }

    /**
     * Whether the result of {@code task} is currently held.
     *
     * @param task the task's number in the plan
     * @return true while held, false before it finished and once released
     */
    public boolean holdsResult(int task) { return results[task] != null; }

    /**
     * How many times {@code task} has been started.
     *
     * @param task the task's number in the plan
     * @return attempts so far, retries included
     */
    public int attempts(int task) { return runs[task]; }

    /**
     * Registers the executor's "cancel this running task" instruction (see {@link TaskCanceller}). Set it
     * before handing out tasks; local executors need none (their threads are interrupted).
     *
     * @param c the executor's canceller; it may be called from any thread
     */
    public void onCancel(TaskCanceller c) { canceller = c; }

    /**
     * The executor takes {@link HeldResult} handles as task inputs and moves the data itself (a task runs where
     * its inputs are). Without this, the engine fetches held inputs before a task starts. Call it at the start
     * of {@code execute}.
     */
    public void acceptHeldInputs() { acceptsHeld = true; }

    /**
     * Whether a result of this compute is (or was) a {@link HeldResult} handle.
     *
     * @return true once an executor has reported a handle
     */
    public boolean holdsHandles() { return holdsHandles; }

    // ---- running tasks ----------------------------------------------------------------------------

    /**
     * Runs {@code task} in the calling thread: start, call, finish or fail. What the task throws is its failure; an
     * error of the engine itself ends the compute loudly instead of hanging it.
     *
     * @param task a READY task's number in the plan
     * @param sink where newly ready dependents and retries go (may be called before this returns)
     */
    public void run(int task, ReadySink sink) {
        if (memory != null && memory.paused()) memory.throttle(); // held blocks above memory.pause: wait a little
        TaskCall call;
        try {
            call = begin(task, true, sink);
        } catch (Throwable e) { // a bug or an Error outside user code: end the compute loudly, never hang it
            cancel(e);
            return;
        }
        if (call == null) return;
        long t0 = taskListeners.length == 0 ? 0 : System.nanoTime();
        if (runners != null) OBJECTS.setVolatile(runners, task, Thread.currentThread());
        Object value;
        try {
            value = call.call();
        } catch (Throwable e) {
            if (runners != null) leave(task);
            fail(task, e, null, sink, t0, Thread.currentThread().getName());
            return;
        }
        if (runners != null) leave(task);
        try {
            finish(task, value, null, sink, t0);
        } catch (Throwable e) {
            cancel(e);
        }
    }

    /**
     * Moves {@code task} from READY to RUNNING and returns its call with resolved arguments, or
     * {@code null} if it must not run (the compute has ended, or the task was cancelled).
     *
     * @param task a READY task's number in the plan
     * @return the call to run, or {@code null}
     * @throws IllegalStateException if {@code task} is neither READY nor cancelled: an executor bug
     */
    public TaskCall start(int task) {
        return begin(task, false, null);
    }

    /**
     * As {@link #start(int)}; if one of the task's inputs was {@linkplain #lost lost}, the task goes back to
     * WAITING, what it needs is recomputed (handed to {@code sink}), and this returns {@code null}.
     *
     * @param task a READY task's number in the plan
     * @param sink where the tasks to recompute go
     * @return the call to run, or {@code null}
     * @throws IllegalStateException if {@code task} is neither READY nor cancelled: an executor bug
     */
    public TaskCall start(int task, ReadySink sink) {
        return begin(task, false, sink);
    }

    private TaskCall begin(int task, boolean local, ReadySink sink) {
        if (!INTS.compareAndSet(state, task, READY, RUNNING)) {
            if (stateOf(task) == CANCELLED) return null;
            throw illegal(task, TaskState.RUNNING, TaskState.READY);
        }
        if (ended != 0) { // checked after the move: a task that saw "not ended" is RUNNING before end() sweeps
            INTS.compareAndSet(state, task, RUNNING, CANCELLED);
            return null;
        }
        Object[] tpl = plan.argTemplates[task];
        Object[] args = plan.literalArgs ? tpl : resolve(tpl);
        if (args == null) { // an input was lost: recompute it first (cold path)
            waitForLostInputs(task, sink);
            return null;
        }
        if ((holdsHandles || heldBytes != null) && !acceptsHeld && !fetchHeldInputs(task, tpl, args, sink)) return null;
        int attempt = ++runs[task]; // only the thread that won READY -> RUNNING writes it
        if (fullStory) record(task, TaskState.READY, TaskState.RUNNING, null, local ? Thread.currentThread().getName() : null);
        if (taskListeners.length > 0) {
            TaskEvent ev = new TaskEvent(plan.keys[task], plan.labels[task], TaskState.RUNNING, attempt,
                    local ? Thread.currentThread().getName() : null, System.nanoTime(), 0, -1);
            for (SchedulerListener l : taskListeners) {
                try { l.onTaskStart(view, ev); } catch (Throwable e) { logListener(e); }
            }
        }
        return new TaskCall(plan.keys[task], plan.labels[task], plan.functions[task], args);
    }

    /**
     * The arguments of a task: its template with each {@link Plan.Ref} replaced by that task's result; null if
     * one of those results was lost.
     */
    private Object[] resolve(Object[] tpl) {
        Object[] args = new Object[tpl.length];
        for (int p = 0; p < tpl.length; p++) {
            Object a = tpl[p];
            if (a instanceof Plan.Ref r) {
                if ((args[p] = results[r.task()]) == LOST) return null;
            } else if (a instanceof Plan.RefList rl) {
                int[] ts = rl.tasks();
                Object[] vs = new Object[ts.length];
                for (int i = 0; i < ts.length; i++) if ((vs[i] = results[ts[i]]) == LOST) return null;
                args[p] = vs;
            } else {
                args[p] = a;
            }
        }
        return args;
    }

    /**
     * A local start of a task whose inputs may be held elsewhere: each handle is replaced by its value. Returns
     * false if the task must not run now: an input's holder is gone (the input is {@linkplain #lost lost} and
     * recomputed first) or a fetch failed (the task fails with that error).
     */
    private boolean fetchHeldInputs(int task, Object[] tpl, Object[] args, ReadySink sink) {
        for (int p = 0; p < tpl.length; p++) {
            Object a = tpl[p];
            try {
                if (a instanceof Plan.Ref r && args[p] instanceof HeldResult h) {
                    args[p] = fetchOrLose(r.task(), h);
                } else if (a instanceof Plan.RefList rl) {
                    Object[] vs = (Object[]) args[p];
                    for (int i = 0; i < vs.length; i++) {
                        if (vs[i] instanceof HeldResult h) vs[i] = fetchOrLose(rl.tasks()[i], h);
                    }
                }
            } catch (InputLost e) {
                waitForLostInputs(task, sink);
                return false;
            } catch (Throwable e) {
                fail(task, e, null, sink, 0, Thread.currentThread().getName());
                return false;
            }
        }
        return true;
    }

    private Object fetchOrLose(int input, HeldResult h) throws Exception {
        try {
            return h.fetch();
        } catch (WorkerLostException e) {
            if (plan.functions[input] instanceof HeldValue) { // made by an earlier compute: not this one's to make again
                throw new HeldInputLostException("persisted result " + plan.keys[input] + " was lost with " + h.location()
                        + "; a compute of a persisted collection is planned again to make it from the collection's graph", e);
            }
            lost(input);
            throw new InputLost();
        }
    }

    /** An input's holder is gone while a task started (control flow only, no stack). */
    private static final class InputLost extends Exception {
        InputLost() { super(null, null, false, false); }
    }

    // ---- memory: counted blocks and spill ---------------------------------------------------------

    /** Counts a finished task's block against the memory limit (it may spill, in this thread). */
    private void count(int task, Object value) {
        long b = memory.sizeOf(value);
        if (b <= 0) return;
        synchronized (this) {
            if (spillClosed || ended != 0) return;
            long[] hb = heldBytes;
            if (hb == null) {
                hb = new long[plan.size()];
                spillOrder = new java.util.ArrayDeque<>();
                heldBytes = hb; // before the dependents start (they look at it to fetch spilled inputs)
            }
            if (hb[task] != 0) return;
            hb[task] = b;
            spillOrder.add(task);
        }
        memory.added(this, b);
    }

    /** {@code task}'s result is no longer held here. */
    private void uncount(int task) {
        long b;
        synchronized (this) {
            b = heldBytes[task];
            if (b == 0) return;
            heldBytes[task] = 0;
        }
        memory.removed(b);
    }

    private void uncountAll() {
        long total = 0;
        synchronized (this) {
            long[] hb = heldBytes;
            for (int t = 0; t < hb.length; t++) { total += hb[t]; hb[t] = 0; }
            spillOrder.clear();
            spillClosed = true;
        }
        if (total != 0) memory.removed(total);
        memory.forget(this);
    }

    /**
     * Spills this compute's oldest counted result to disk: the slot then holds a handle that reads it back.
     * Returns false if it has nothing left to spill or the spill failed (the result stays in memory).
     */
    boolean spillOldest(LocalMemory m) {
        int t;
        Object v;
        long b;
        synchronized (this) {
            while (true) {
                if (spillClosed || ended != 0 || spillOrder == null) return false;
                Integer next = spillOrder.poll();
                if (next == null) return false;
                t = next;
                b = heldBytes[t];
                v = results[t];
                if (b == 0 || v == null || v == LOST || v instanceof HeldResult) continue;
                heldBytes[t] = 0;
                break;
            }
        }
        m.removed(b); // gone from memory as far as the limit is concerned, whatever happens next
        HeldResult h;
        try {
            h = m.write(plan.keys[t], v, b);
        } catch (Exception e) {
            m.spillFailed(plan.keys[t], e);
            return false;
        }
        holdsHandles = true;
        boolean swapped;
        synchronized (this) {
            swapped = !spillClosed && ended == 0 && OBJECTS.compareAndSet(results, t, v, h);
        }
        if (!swapped) { // released, lost or the compute ended meanwhile
            h.release();
            return true;
        }
        m.spilled(b);
        if (fullStory) record(t, TaskState.DONE, TaskState.DONE, "spilled " + b + " bytes", null);
        for (SchedulerListener l : taskListeners) {
            try { l.onSpill(view, plan.keys[t], b); } catch (Throwable e) { logListener(e); }
        }
        return true;
    }

    // ---- lost results ----------------------------------------------------------------------------

    /**
     * The executor lost the result of DONE task {@code task} (the worker holding it died, its store dropped
     * it). Nothing happens at once: a dependent that still needs it sends it back to WAITING when it starts
     * (DONE → WAITING), and it runs again, with whatever it needs recomputed in turn (RELEASED → WAITING).
     * Outputs are held by the engine and cannot be lost.
     *
     * @param task the task's number in the plan
     * @return whether it took effect: {@code task} was DONE, held and not an output, and the compute is running
     */
    public boolean lost(int task) {
        if (ended != 0 || plan.isOutput[task]) return false;
        synchronized (this) {
            if (stateOf(task) != DONE || results[task] == LOST) return false;
            HeldResults.releaseIfHeld(results[task]); // its holder may still be there (a dropped spill, a test)
            results[task] = LOST;
            story.add(new Transition(plan.keys[task], TaskState.DONE, TaskState.DONE, "result lost", null, runs[task], System.nanoTime()));
        }
        for (SchedulerListener l : taskListeners) {
            try { l.onResultLost(view, plan.keys[task]); } catch (Throwable e) { logListener(e); }
        }
        return true;
    }

    /**
     * {@code task} won READY → RUNNING but an input is lost: back to WAITING on those inputs, each of which
     * (and, transitively, what it needs that is no longer held) runs again. Under the lock: a cold path only.
     */
    private void waitForLostInputs(int task, ReadySink sink) {
        if (sink == null) {
            fail(task, new IllegalStateException("an input of task " + plan.keys[task] + " was lost and the executor"
                    + " gave no ReadySink to recompute it (use start(task, sink))"));
            return;
        }
        synchronized (this) {
            if (recomputing == null) {
                recomputing = new boolean[plan.size()];
                awaiting = new HashMap<>();
            }
            move(task, RUNNING, WAITING);
            record(task, TaskState.RUNNING, TaskState.WAITING, "an input was lost", null);
            IntStack todo = new IntStack(); // pairs (needed, needer), so a long chain needs no deep recursion
            int missing = 0;
            for (int d : plan.dependencies[task]) {
                if (results[d] == LOST) {
                    missing++;
                    todo.push(d);
                    todo.push(task);
                }
            }
            INTS.setVolatile(waiting, task, missing);
            if (missing == 0) { // what it read as lost has been made again meanwhile (we waited for the lock)
                move(task, WAITING, READY);
                sink.ready(task);
                return;
            }
            while (!todo.isEmpty()) {
                int needer = todo.pop(), d = todo.pop();
                awaiting.computeIfAbsent(d, k -> new ArrayList<>()).add(needer);
                if (recomputing[d]) continue; // already on its way
                int s = stateOf(d);
                if (s != DONE && s != RELEASED) throw illegal(d, TaskState.WAITING, TaskState.DONE);
                recomputing[d] = true;
                HeldResults.releaseIfHeld(results[d]); // a DONE one is made again: drop its old copy
                results[d] = LOST; // until it is made again, whoever reads it must wait for it
                move(d, s, WAITING);
                record(d, TaskState.VALUES[s], TaskState.WAITING, "recompute: " + plan.keys[needer] + " needs it", null);
                int need = 0;
                for (int x : plan.dependencies[d]) {
                    INTS.getAndAdd(unreleased, x, 1); // d will consume x once more
                    if (stateOf(x) != DONE || results[x] == LOST) {
                        need++;
                        todo.push(x);
                        todo.push(d);
                    }
                }
                INTS.setVolatile(waiting, d, need);
                if (need == 0) {
                    move(d, WAITING, READY);
                    sink.ready(d);
                }
            }
        }
    }

    /** A recomputed task finished again: the tasks waiting for it (only those) may now be ready. */
    private void recomputed(int task, ReadySink sink) {
        List<Integer> needers;
        synchronized (this) {
            recomputing[task] = false;
            needers = awaiting.remove(task);
        }
        if (needers == null) return;
        for (int c : needers) {
            if ((int) INTS.getAndAdd(waiting, c, -1) == 1 && INTS.compareAndSet(state, c, WAITING, READY)) {
                if (fullStory) record(c, TaskState.WAITING, TaskState.READY, null, null);
                sink.ready(c);
            }
        }
    }

    /**
     * Records the result of a RUNNING task, releases what it no longer needs and hands newly ready dependents to
     * {@code sink}. After the end the result is dropped (a {@link HeldResult} released).
     *
     * @param task  a RUNNING task's number in the plan
     * @param value what it returned (may be null, or a {@link HeldResult} handle)
     * @param sink  where newly ready dependents go, on this thread
     * @throws IllegalStateException if {@code task} is not RUNNING (nor cancelled meanwhile): an executor bug
     */
    public void finish(int task, Object value, ReadySink sink) {
        finish(task, value, null, sink, 0);
    }

    /**
     * As {@link #finish(int, Object, ReadySink)}, with what the executor reported (worker, its times, bytes).
     *
     * @param task   a RUNNING task's number in the plan
     * @param value  what it returned (may be null, or a {@link HeldResult} handle)
     * @param report the executor's report, or null
     * @param sink   where newly ready dependents go, on this thread
     * @throws IllegalStateException if {@code task} is not RUNNING (nor cancelled meanwhile): an executor bug
     */
    public void finish(int task, Object value, TaskReport report, ReadySink sink) {
        finish(task, value, report, sink, 0);
    }

    private void finish(int task, Object value, TaskReport report, ReadySink sink, long t0) {
        if (value instanceof HeldResult) holdsHandles = true; // before the result is published to dependents
        if (ended != 0) { // ended meanwhile: drop the result, start nothing
            if (INTS.compareAndSet(state, task, RUNNING, CANCELLED)) countCompleted();
            HeldResults.releaseIfHeld(value);
            return;
        }
        OBJECTS.setVolatile(results, task, value); // before the second look at `ended` below (abandon() is the mirror)
        if (!INTS.compareAndSet(state, task, RUNNING, DONE)) {
            HeldResults.releaseIfHeld(OBJECTS.getAndSet(results, task, null)); // unless abandon() took it already
            if (stateOf(task) == CANCELLED) return; // its future was cancelled while it ran
            throw illegal(task, TaskState.DONE, TaskState.RUNNING);
        }
        if (ended != 0) { // ended since the first look: abandon() may have swept the results before ours was in
            countCompleted();
            HeldResults.releaseIfHeld(OBJECTS.getAndSet(results, task, null)); // whoever takes it out releases it
            return;
        }
        if (memory != null && !(value instanceof HeldResult)) count(task, value);
        boolean[] again = recomputing;
        if (again != null && again[task]) { // it ran again after a lost result: wake only who waits for it
            record(task, TaskState.RUNNING, TaskState.DONE, "recomputed", report == null ? null : report.worker());
            if (taskListeners.length > 0) taskEvent(task, TaskState.DONE, t0, report);
            releaseInputs(task);
            recomputed(task, sink);
            return;
        }
        countCompleted();
        if (fullStory) record(task, TaskState.RUNNING, TaskState.DONE, null, report == null ? null : report.worker());
        if (taskListeners.length > 0) taskEvent(task, TaskState.DONE, t0, report);
        releaseInputs(task);
        if (plan.isOutput[task]) {
            if (outputSink != null) {
                outputSink.done(task, value);
                if (plan.dependents[task].length == 0) results[task] = null; // the future holds it now
            }
            if ((int) OUTPUTS_LEFT.getAndAdd(this, -1) == 1) {
                complete();
                return;
            }
        }
        for (int c : plan.dependents[task]) {
            if ((int) INTS.getAndAdd(waiting, c, -1) == 1 && INTS.compareAndSet(state, c, WAITING, READY)) {
                if (fullStory) record(c, TaskState.WAITING, TaskState.READY, null, null);
                sink.ready(c);
            }
        }
    }

    /**
     * Records that a RUNNING task raised {@code error}, without a retry (no sink to hand it back to).
     *
     * @param task  a RUNNING task's number in the plan
     * @param error what it threw (a task that was cancelled meanwhile stays cancelled)
     */
    public void fail(int task, Throwable error) {
        fail(task, error, null, null, 0, null);
    }

    /**
     * Records that a RUNNING task raised {@code error}. If the {@link RetryPolicy} allows it, the task moves
     * back to READY and is handed to {@code sink} again; otherwise it is ERRED and the compute ends with a
     * {@link TaskFailedException} (futures: that task's future fails and its dependents are cancelled).
     *
     * @param task   a RUNNING task's number in the plan
     * @param error  what it threw
     * @param report the executor's report, or null
     * @param sink   where a retry goes, or null for none
     */
    public void fail(int task, Throwable error, TaskReport report, ReadySink sink) {
        fail(task, error, report, sink, 0, null);
    }

    /** {@code localWorker}: the thread that ran it here, or null when an executor reports it. */
    private void fail(int task, Throwable error, TaskReport report, ReadySink sink, long t0, String localWorker) {
        if (ended != 0) { // a cancel's own echo, or a failure after the end: the task was abandoned
            if (INTS.compareAndSet(state, task, RUNNING, CANCELLED)) countCompleted();
            return;
        }
        Key key = plan.keys[task];
        String label = plan.labels[task];
        Throwable cause = error;
        TaskFailure remote = null;
        if (error instanceof FusedFunction.StepFailure sf) {
            key = sf.key;
            label = sf.label;
            cause = sf.getCause();
        }
        RemoteTask.Failure rf = RemoteTask.failureOf(error);
        if (rf != null) {
            remote = rf.failure();
            key = remote.key();
            label = remote.function();
            cause = rf.getCause() != null ? rf.getCause() : rf;
            if (report == null) report = rf.report();
        }
        String worker = report != null ? report.worker() : localWorker;
        if (sink != null && stateOf(task) == RUNNING && tryRetry(task, key, cause, worker, sink)) return;
        int attempt = runs[task];
        TaskFailure record = remote != null ? remote.at(worker, attempt) : TaskFailure.of(key, label, worker, attempt, cause);
        int deaths = cause instanceof WorkerLostException ? workerDeaths(task) : 0;
        TaskFailedException failure;
        if (deaths > retry.allowedWorkerFailures()) {
            failure = new KilledWorkerException(key, label, deaths, record, cause);
        } else if (cause instanceof TaskFailedException tfe && tfe.key().equals(key)) {
            failure = tfe;
        } else {
            failure = new TaskFailedException(key, label, record, cause);
        }
        if (!INTS.compareAndSet(state, task, RUNNING, ERRED)) return; // cancelled meanwhile
        countCompleted();
        record(task, TaskState.RUNNING, TaskState.ERRED, String.valueOf(cause), worker);
        if (taskListeners.length > 0) taskEvent(task, TaskState.ERRED, t0, report);
        if (outputSink == null) {
            terminate(failure);
        } else {
            if (plan.isOutput[task]) outputSink.failed(task, failure);
            settled(task);
            cancelDependents(task, failure);
        }
    }

    /** RUNNING → READY if the policy allows another attempt; the task goes back to {@code sink}. */
    private boolean tryRetry(int task, Key key, Throwable cause, String worker, ReadySink sink) {
        if (cause instanceof HeldInputLostException) return false; // this compute cannot make it: it is planned again
        boolean lostWorker = cause instanceof WorkerLostException;
        synchronized (this) {
            if (lostWorker) {
                if (workerDeaths == null) workerDeaths = new int[plan.size()];
                if (++workerDeaths[task] > retry.allowedWorkerFailures()) return false;
            } else {
                int deaths = workerDeaths == null ? 0 : workerDeaths[task];
                if (runs[task] - 1 - deaths >= retry.retries()) return false;
            }
        }
        if (!INTS.compareAndSet(state, task, RUNNING, READY)) return true; // cancelled meanwhile: nothing to retry
        String why = (lostWorker ? "worker lost: " : "retry after: ") + cause;
        record(task, TaskState.RUNNING, TaskState.READY, why, worker);
        if (taskListeners.length > 0) {
            TaskEvent ev = new TaskEvent(plan.keys[task], plan.labels[task], TaskState.READY, runs[task], worker, 0, System.nanoTime(), -1);
            for (SchedulerListener l : taskListeners) {
                try { l.onTaskRetry(view, ev, cause); } catch (Throwable e) { logListener(e); }
            }
        }
        if (ended != 0) { // ended while we moved it: it will never be handed out
            INTS.compareAndSet(state, task, READY, CANCELLED);
            return true;
        }
        sink.ready(task);
        return true;
    }

    private synchronized int workerDeaths(int task) {
        return workerDeaths == null ? 0 : workerDeaths[task];
    }

    /**
     * The running thread is done with {@code task}: unless a cancel is interrupting it, which then must
     * finish (so the interrupt cannot hit the thread's next task) and is cleared here.
     */
    private void leave(int task) {
        Thread me = Thread.currentThread();
        if (OBJECTS.compareAndSet(runners, task, me, null)) return;
        while (OBJECTS.getVolatile(runners, task) != INTERRUPTED) Thread.onSpinWait();
        Thread.interrupted(); // the cancel's interrupt, meant for the task that has just ended
    }

    /** Interrupts the local thread running {@code task}, if one is (futures mode). */
    private void interruptRunner(int task) {
        if (runners == null) return;
        Object r = OBJECTS.getVolatile(runners, task);
        if (r instanceof Thread t && OBJECTS.compareAndSet(runners, task, t, INTERRUPTING)) {
            t.interrupt();
            OBJECTS.setVolatile(runners, task, INTERRUPTED);
        }
    }

    /**
     * Cancels one task (futures): not started → CANCELLED; running → CANCELLED and its executor is told to
     * stop it; its dependents are cancelled.
     *
     * @param task the task's number in the plan
     * @return true if it was cancelled, false if it had already ended
     */
    public boolean cancelTask(int task) {
        while (true) {
            int s = stateOf(task);
            if (s != WAITING && s != READY && s != RUNNING) return false;
            if (INTS.compareAndSet(state, task, s, CANCELLED)) {
                record(task, TaskState.VALUES[s], TaskState.CANCELLED, "cancelled", null);
                if (s == RUNNING) {
                    countCompleted();
                    interruptRunner(task);
                    TaskCanceller c = canceller;
                    if (c != null) c.cancel(task);
                }
                CancellationException why = new CancellationException("task " + plan.keys[task] + " was cancelled");
                if (outputSink != null && plan.isOutput[task]) outputSink.failed(task, why);
                settled(task);
                cancelDependents(task, why);
                return true;
            }
        }
    }

    /** Futures mode: an output reached a terminal state other than DONE. */
    private void settled(int task) {
        if (plan.isOutput[task] && (int) OUTPUTS_LEFT.getAndAdd(this, -1) == 1) complete();
    }

    /** WAITING dependents of {@code task} (transitively) → CANCELLED, their futures failed with {@code why}. */
    private void cancelDependents(int task, Throwable why) {
        IntStack todo = new IntStack();
        for (int c : plan.dependents[task]) todo.push(c);
        while (!todo.isEmpty()) {
            int c = todo.pop();
            if (!INTS.compareAndSet(state, c, WAITING, CANCELLED)) continue;
            record(c, TaskState.WAITING, TaskState.CANCELLED, "dependency " + plan.keys[task] + " did not finish", null);
            if (outputSink != null && plan.isOutput[c]) outputSink.failed(c, why);
            settled(c);
            for (int d : plan.dependents[c]) todo.push(d);
        }
    }

    /**
     * Ends the compute with {@code reason} (a {@link CancellationException}, a timeout...): tasks not
     * started never start, running ones are cancelled and their results dropped. No effect if ended.
     *
     * @param reason what {@link #result()} fails with
     */
    public void cancel(Throwable reason) {
        terminate(reason);
    }

    private void complete() {
        int[] outs = plan.outputs;
        Object[] values = new Object[outs.length];
        if (heldBytes != null) {
            synchronized (this) { // a spill swaps slots under this lock: read the outputs as they finally are
                spillClosed = true;
                if (outputSink == null) for (int i = 0; i < outs.length; i++) values[i] = results[outs[i]];
            }
        } else if (outputSink == null) {
            for (int i = 0; i < outs.length; i++) values[i] = results[outs[i]];
        }
        end(values, null);
    }

    private void terminate(Throwable reason) {
        end(null, reason);
    }

    /** The one way a compute ends: stop new starts, cancel what runs on error, tell listeners, then complete. */
    private void end(Object[] values, Throwable error) {
        if (!ENDED.compareAndSet(this, 0, 1)) return;
        if (heldBytes != null) uncountAll();
        try {
            if (timeout != null) timeout.cancel(false); // the timer must not keep this execution (and its results) alive
            if (error != null) abandon(error);
            for (SchedulerListener l : listeners) {
                try { l.onComputeFinish(view, error); } catch (Throwable x) { logListener(x); }
            }
        } finally {
            if (error == null) result.complete(values);
            else result.completeExceptionally(error);
        }
    }

    /** After an early end: WAITING/READY → CANCELLED, running tasks cancelled at their executor, results dropped. */
    private void abandon(Throwable error) {
        synchronized (this) {
            List<Thread> running = new ArrayList<>();
            if (soleActive != null) running.add(soleActive);
            if (active != null) running.addAll(active);
            for (Thread t : running) {
                if (t != Thread.currentThread()) {
                    t.interrupt();
                    if (interruptedByUs == null) interruptedByUs = new HashSet<>();
                    interruptedByUs.add(t);
                }
            }
        }
        TaskCanceller c = canceller;
        for (int t = 0; t < state.length; t++) {
            int s = stateOf(t);
            if ((s == WAITING || s == READY) && INTS.compareAndSet(state, t, s, CANCELLED)) {
                if (fullStory) record(t, TaskState.VALUES[s], TaskState.CANCELLED, "compute ended: " + error, null);
                if (outputSink != null && plan.isOutput[t]) outputSink.failed(t, error);
            } else if (s == RUNNING) {
                if (c != null) {
                    try { c.cancel(t); } catch (RuntimeException e) { LOG.log(System.Logger.Level.WARNING, "cancelling a task failed", e); }
                }
                if (outputSink != null && plan.isOutput[t]) outputSink.failed(t, error);
            }
        }
        // Abandoned: keep nothing alive for whoever holds this compute. Each slot is taken out atomically, so a
        // finish() or releaseInputs() racing this end releases a result only if this loop did not (once in all).
        for (int t = 0; t < results.length; t++) HeldResults.releaseIfHeld(OBJECTS.getAndSet(results, t, null));
    }

    /** Registers the calling thread as running tasks of this compute (so an early end can interrupt it). */
    public void enter() {
        Thread me = Thread.currentThread();
        synchronized (this) {
            if (soleActive == null && (active == null || active.isEmpty())) {
                soleActive = me;
            } else {
                if (active == null) active = new HashSet<>();
                active.add(me);
            }
        }
    }

    /** Unregisters the calling thread and clears an interrupt that this compute's end sent it (only that one). */
    public void exit() {
        boolean ours;
        Thread me = Thread.currentThread();
        synchronized (this) {
            if (soleActive == me) soleActive = null;
            else if (active != null) active.remove(me);
            ours = interruptedByUs != null && interruptedByUs.remove(me);
        }
        if (ours) Thread.interrupted(); // only an interrupt this compute sent; the caller's own stays
    }

    // ---- state machine ---------------------------------------------------------------------------

    private void move(int task, int from, int to) {
        if (!INTS.compareAndSet(state, task, from, to)) throw illegal(task, TaskState.VALUES[to], TaskState.VALUES[from]);
        if (fullStory) record(task, TaskState.VALUES[from], TaskState.VALUES[to], null, null);
    }

    private IllegalStateException illegal(int task, TaskState to, TaskState expected) {
        TaskState now = state(task);
        String legal = expected.canMoveTo(to) ? "" : " (" + expected + " -> " + to + " is not a transition at all)";
        return new IllegalStateException("task " + plan.keys[task] + ": illegal transition " + now + " -> " + to
                + " (expected it to be " + expected + ")" + legal + " in compute " + id + "; story: " + story.story(plan.keys[task]));
    }

    private void record(int task, TaskState from, TaskState to, String reason, String worker) {
        if (!from.canMoveTo(to)) throw new IllegalStateException("task " + plan.keys[task] + ": " + from + " -> " + to + " is not a transition");
        story.add(new Transition(plan.keys[task], from, to, reason, worker, runs[task], System.nanoTime()));
    }

    private void taskEvent(int task, TaskState s, long t0, TaskReport report) {
        TaskEvent ev = report != null
                ? new TaskEvent(plan.keys[task], plan.labels[task], s, runs[task], report.worker(), report.startNanos(), report.endNanos(), report.bytes())
                : new TaskEvent(plan.keys[task], plan.labels[task], s, runs[task], t0 != 0 ? Thread.currentThread().getName() : null,
                        t0, System.nanoTime(), -1);
        for (SchedulerListener l : taskListeners) {
            try { l.onTaskFinish(view, ev); } catch (Throwable e) { logListener(e); }
        }
    }

    /** {@code task} has run: its inputs lose a consumer, and those with none left are released. */
    private void releaseInputs(int task) {
        for (int d : plan.dependencies[task]) {
            if ((int) INTS.getAndAdd(unreleased, d, -1) == 1 && !plan.isOutput[d]) {
                if (heldBytes != null) { // a spill may swap the slot for a handle at any moment: take it atomically
                    HeldResults.releaseIfHeld(OBJECTS.getAndSet(results, d, null));
                    uncount(d);
                } else {
                    if (holdsHandles) HeldResults.releaseIfHeld(OBJECTS.getAndSet(results, d, null)); // abandon() may race
                    else results[d] = null;
                }
                move(d, DONE, RELEASED);
                if (taskListeners.length > 0) released(d);
            }
        }
    }

    private void countCompleted() {
        if (completedMany != null) completedMany.increment();
        else COMPLETED_FEW.getAndAdd(this, 1L);
    }

    private void released(int task) {
        for (SchedulerListener l : taskListeners) {
            try { l.onTaskReleased(view, plan.keys[task]); } catch (Throwable e) { logListener(e); }
        }
    }

    private static void logListener(Throwable e) {
        LOG.log(System.Logger.Level.WARNING, "a scheduler listener failed; ignoring it", e);
    }

    // ---- checks ----------------------------------------------------------------------------------

    /**
     * Checks the engine's invariants and throws an {@link IllegalStateException} listing every violation
     * (with the tasks' stories). For tests and debugging: call it when no task is in flight (before the
     * first start, or after the end once the executor is quiet). Checked: a WAITING task's counter equals
     * its dependencies not yet done, a READY one has every input, RELEASED tasks are not outputs and have no
     * unfinished dependents; after a successful end every task is DONE or RELEASED and outputs are held; after
     * an early end no task is WAITING or READY.
     */
    public void validate() {
        List<String> problems = new ArrayList<>();
        boolean over = ended != 0;
        boolean failed = over && result.isCompletedExceptionally();
        for (int t = 0; t < state.length; t++) {
            int s = stateOf(t);
            String k = String.valueOf(plan.keys[t]);
            if (!over) {
                if (s == WAITING || s == READY) {
                    int notDone = 0;
                    for (int d : plan.dependencies[t]) {
                        int ds = stateOf(d);
                        if (ds != DONE) notDone++;
                    }
                    if (s == WAITING && notDone != waiting[t]) problems.add(k + " is WAITING on " + waiting[t] + " but " + notDone + " inputs are not done");
                    if (s == READY && notDone != 0) problems.add(k + " is READY but " + notDone + " inputs are not done");
                }
            } else if (!failed) {
                if (s != DONE && s != RELEASED) problems.add(k + " is " + TaskState.VALUES[s] + " after a successful end");
                if (s == DONE && plan.isOutput[t] && outputSink == null && results[t] == null && !outputIsNull(t)) {
                    problems.add(k + " is an output but its result is not held");
                }
            } else if (s == WAITING || s == READY) {
                problems.add(k + " is " + TaskState.VALUES[s] + " after the compute ended early (expected CANCELLED)");
            }
            if (s == RELEASED && plan.isOutput[t]) problems.add(k + " is an output but was RELEASED");
            if (s == RELEASED && unreleased[t] != 0) problems.add(k + " was RELEASED with " + unreleased[t] + " dependents left");
            if (s == DONE && !plan.isOutput[t] && unreleased[t] == 0 && !failed && results[t] != null) {
                problems.add(k + " is DONE with no dependents left but was not released");
            }
        }
        if (!problems.isEmpty()) {
            StringBuilder b = new StringBuilder("compute " + id + " is inconsistent:");
            for (String p : problems.subList(0, Math.min(20, problems.size()))) b.append("\n  ").append(p);
            if (problems.size() > 20) b.append("\n  ... ").append(problems.size() - 20).append(" more");
            b.append("\nrecent transitions: ").append(story.recent(20));
            throw new IllegalStateException(b.toString());
        }
    }

    private boolean outputIsNull(int task) {
        Object[] r = result.getNow(null);
        if (r == null) return false;
        for (int i = 0; i < plan.outputs.length; i++) if (plan.outputs[i] == task && r[i] != null) return false;
        return true;
    }

    private synchronized int indexOf(Key key) {
        if (index == null) {
            index = new HashMap<>(plan.size() * 2);
            for (int t = 0; t < plan.size(); t++) index.put(plan.keys[t], t);
        }
        Integer t = index.get(key);
        return t == null ? -1 : t;
    }

    /** {@return this execution's id, unique in this JVM (what events and messages name)} */
    public long id() { return id; }

    /** {@return how many tasks have finished so far: done, erred, or cancelled while running} */
    public long completedTasks() { return completedMany != null ? completedMany.sum() : completedFew; }

    /** The read-only view of this execution (what listeners get: never the engine itself). */
    private final class View implements ComputeInfo {
        @Override public long id() { return id; }
        @Override public String scheduler() { return schedulerName; }
        @Override public int totalTasks() { return plan.size(); }
        @Override public long completedTasks() { return Execution.this.completedTasks(); }
        @Override public long startNanos() { return startNanos; }
        @Override public boolean isFutures() { return outputSink != null; }
        @Override public Plan plan() { return plan; }
        @Override public TaskState state(int task) { return Execution.this.state(task); }

        @Override public TaskState state(Key key) {
            int t = indexOf(key);
            return t < 0 ? null : Execution.this.state(t);
        }

        @Override public List<Transition> story(Key key) { return story.story(key); }

        @Override public void validate() { Execution.this.validate(); }

        @Override public int heldResults() {
            int held = 0;
            for (Object r : results) if (r != null) held++;
            return held;
        }

        @Override public int attempts(Key key) {
            int t = indexOf(key);
            return t < 0 ? 0 : runs[t];
        }

        @Override public String toString() {
            return "<compute " + id + " on " + schedulerName + ": " + completedTasks() + "/" + plan.size() + " tasks>";
        }
    }
}
