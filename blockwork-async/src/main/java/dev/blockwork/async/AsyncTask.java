package dev.blockwork.async;

import java.io.InterruptedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.channels.ClosedByInterruptException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A handle to a running piece of work: the JVM counterpart of an asyncio {@code Task}. Tasks are created by
 * {@link TaskGroup#spawn}, which runs the body on its own virtual thread, or by {@link #from(CompletionStage)},
 * which wraps any {@link CompletableFuture} (for example a Blockwork graph's {@code computeAsync()}).
 *
 * <p><b>Contract.</b>
 * <ul>
 *   <li>{@link #await()} blocks the calling thread until the task is done (cheap on a virtual thread: it
 *       unmounts), then returns the value or rethrows the <em>original</em> exception the body threw (type
 *       preserved), or a {@link CancellationException} if the task was cancelled. It throws
 *       {@link InterruptedException} if the <em>caller</em> is interrupted while waiting; the task keeps running.
 *   <li>{@link #join()} is the unchecked variant (like {@link CompletableFuture#join()}): checked failures
 *       arrive wrapped in {@link CompletionException}.
 *   <li>{@link #cancel()} never blocks: it marks the task {@link TaskState#CANCELLING}, interrupts its thread
 *       and cancels every task group opened inside it (so cancellation reaches all descendants). The task
 *       becomes {@link TaskState#CANCELLED} once its body has exited by returning (the value is discarded) or
 *       by throwing an interrupt or cancellation exception ({@link InterruptedException},
 *       {@link CancellationException}, {@link InterruptedIOException}, {@link ClosedByInterruptException},
 *       possibly as a cause). If the body instead throws some other exception while being cancelled (say its
 *       cleanup failed), the task ends {@link TaskState#FAILED} with it, as an asyncio task whose
 *       {@code CancelledError} is replaced by another exception does.
 *   <li>When {@code await()} returns, the body's thread has terminated and all its writes are visible.
 * </ul>
 *
 * <p><b>Implementation overview.</b> One {@code int} state driven by CAS through the machine drawn in
 * {@link TaskState}: {@code RUNNING → CANCEL_REQUESTED} only by {@link #cancel()}; every move into a terminal
 * state only by {@link #finish}, which runs on the task's own thread as its last action (or, for tasks made by
 * {@code from}, on the stage's completion or on cancel, which take turns on the task's monitor so that they
 * cannot interleave their writes). The value/failure fields are plain: they are written before the state CAS and read after a
 * volatile read of the state (or a thread join) sees it terminal. Waiting for a threaded task is
 * {@link Thread#join()} on its thread (no extra object per task); a {@link CompletableFuture} is created only
 * when someone registers a completion callback ({@code asCompleted}, {@code firstCompleted},
 * {@link #toCompletableFuture()}) or for tasks made by {@code from}. Interruption is the only way to wake a blocked virtual thread, so it is
 * the cancellation signal; the race of a late interrupt landing after the body returned is harmless because
 * the thread only runs completion bookkeeping afterwards (the same trade-off {@code FutureTask} makes).
 * The current task is found in a map from task thread to task, filled for the duration of the body, which is
 * how a nested {@link TaskGroup} finds its parent. It is a map rather than a {@link ScopedValue} for memory: a
 * parked virtual thread keeps its whole stack in a heap stack chunk, and binding a scoped value puts five
 * frames under the body ({@code Carrier.call}, {@code runWith}, two {@code ScopedValueContainer} frames, the
 * {@code CallableOp} adapter), plus a carrier and a snapshot object; with the start lambda's two frames and
 * {@code runBody}'s (now the one {@code Body.run}) that doubled the stack chunk of 100,000 sleeping tasks in a fresh JVM (2.1 KB instead of 1.2 KB each, interpreted
 * frames). The map costs one node per running body. The thread's {@code Runnable} is the nested {@code Body},
 * whose {@code run} is the one library frame under the user's code.
 *
 * @param <T> the result type
 */
public final class AsyncTask<T> {
    /**
     * The task whose body runs on each task thread, while it runs (see the overview: a map, not a
     * {@link ScopedValue}, so that no binding frames sit under every parked body).
     */
    private static final ConcurrentHashMap<Thread, AsyncTask<?>> BODY_THREADS = new ConcurrentHashMap<>();
    /** Shared, thread-safe factory for unnamed virtual threads (saves a builder per spawn). */
    private static final ThreadFactory UNNAMED_THREADS = Thread.ofVirtual().factory();

    private static final int RUNNING = 0;
    private static final int CANCEL_REQUESTED = 1;
    private static final int SUCCEEDED = 2;
    private static final int FAILED = 3;
    private static final int CANCELLED = 4;
    private static final VarHandle STATE;
    private static final VarHandle COMPLETION;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(AsyncTask.class, "state", int.class);
            COMPLETION = MethodHandles.lookup().findVarHandle(AsyncTask.class, "completion", CompletableFuture.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile int state;
    private final String name;
    private final TaskGroup group;
    private final CompletionStage<? extends T> source;
    private volatile CompletableFuture<Void> completion; // created on first need (callbacks, from-tasks)
    private volatile Thread runner;
    private T value;
    private Throwable failure;
    private List<TaskGroup> childGroups; // guarded by this

    private AsyncTask(String name, TaskGroup group, CompletionStage<? extends T> source) {
        this.name = name;
        this.group = group;
        this.source = source;
        if (source != null) {
            completion = new CompletableFuture<>();
        }
    }

    /** A task of {@code group} whose body has not started; {@link #start} runs it. */
    static <T> AsyncTask<T> unstarted(String name, TaskGroup group) {
        return new AsyncTask<>(name, group, null);
    }

    /**
     * Returns a task that completes when {@code stage} completes: with its value, with its failure
     * ({@link CompletionException} unwrapped), or cancelled if the stage was cancelled. Cancelling the
     * returned task completes it as cancelled at once and cancels the stage's CompletableFuture (if the stage
     * supports {@code toCompletableFuture()}). No thread is used.
     *
     * @param <T> the value type
     * @param stage the stage to follow
     * @return a task that completes with the stage
     * @throws NullPointerException if {@code stage} is null
     */
    public static <T> AsyncTask<T> from(CompletionStage<? extends T> stage) {
        if (stage == null) {
            throw new NullPointerException("got a null stage, expected a CompletionStage to wrap");
        }
        AsyncTask<T> task = new AsyncTask<>(null, null, stage);
        stage.whenComplete((v, e) -> {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof CancellationException) {
                STATE.compareAndSet(task, RUNNING, CANCEL_REQUESTED);
            }
            task.finishFromOutside(v, cause);
        });
        return task;
    }

    /** Starts the body on a new virtual thread. Called once, by the owning group, after registration. */
    void start(Callable<? extends T> body) {
        Runnable run = new Body<>(this, body);
        Thread thread = name == null ? UNNAMED_THREADS.newThread(run) : Thread.ofVirtual().name(name).unstarted(run);
        runner = thread;
        thread.start();
    }

    /** The task running on the current thread, or null if the current thread is not running a task body. */
    static AsyncTask<?> current() {
        return BODY_THREADS.get(Thread.currentThread());
    }

    /** True while this task's body runs on its thread (for tests: the thread map must not keep ended bodies). */
    boolean isBodyRunning() {
        Thread thread = runner;
        return thread != null && BODY_THREADS.get(thread) == this;
    }

    /**
     * A task thread's {@code Runnable}: the body's only frame below the user's code. A parked virtual thread
     * keeps every frame of its stack in a heap stack chunk, so each frame here is paid once per sleeping task
     * (about 100 bytes each while interpreted); see the overview.
     */
    private static final class Body<T> implements Runnable {
        private final AsyncTask<T> task;
        private final Callable<? extends T> body;

        Body(AsyncTask<T> task, Callable<? extends T> body) {
            this.task = task;
            this.body = body;
        }

        @Override
        public void run() {
            AsyncTask<T> t = task;
            Thread self = Thread.currentThread();
            T result = null;
            Throwable error = null;
            if (t.state == RUNNING) {
                BODY_THREADS.put(self, t);
                try {
                    result = body.call();
                } catch (Throwable e) {
                    error = e;
                } finally {
                    BODY_THREADS.remove(self);
                }
            }
            t.finish(result, error);
            if (t.group != null) {
                t.group.childDone(t);
            }
        }
    }

    /** finish() for tasks made by from(): the stage's callback and cancel() may race, so they take turns. */
    private synchronized void finishFromOutside(T result, Throwable error) {
        finish(result, error);
    }

    /** Moves to the terminal state that matches the body's end; returns false if already terminal. */
    private boolean finish(T result, Throwable error) {
        for (;;) {
            int s = state;
            int to;
            if (s == RUNNING) {
                to = error == null ? SUCCEEDED : FAILED;
            } else if (s == CANCEL_REQUESTED) {
                to = error == null || isCancellationSignal(error) ? CANCELLED : FAILED;
            } else {
                return false;
            }
            if (to == SUCCEEDED) {
                value = result;
            } else {
                failure = error;
            }
            if (STATE.compareAndSet(this, s, to)) {
                CompletableFuture<Void> c = completion;
                if (c != null) {
                    c.complete(null);
                }
                return true;
            }
        }
    }

    /**
     * True if {@code error} is how a body reports that it noticed cancellation (an interrupt or a cancellation,
     * possibly wrapped), as opposed to a new failure raised while it was being cancelled.
     */
    private static boolean isCancellationSignal(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InterruptedException || t instanceof CancellationException
                    || t instanceof InterruptedIOException || t instanceof ClosedByInterruptException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Requests cancellation: marks the task {@link TaskState#CANCELLING}, interrupts its thread and cancels
     * every task group opened inside it. Never blocks. Returns true if this call requested cancellation, false
     * if the task was already done or already being cancelled.
     *
     * @return true if this call requested cancellation
     */
    public boolean cancel() {
        if (!STATE.compareAndSet(this, RUNNING, CANCEL_REQUESTED)) {
            return false;
        }
        Thread thread = runner;
        if (thread != null) {
            thread.interrupt();
        }
        if (source != null) {
            finishFromOutside(null, null);
            try {
                source.toCompletableFuture().cancel(true);
            } catch (UnsupportedOperationException e) {
                // a stage that cannot be viewed as a CompletableFuture cannot be cancelled from here
            }
        }
        List<TaskGroup> groups;
        synchronized (this) {
            groups = childGroups == null ? List.of() : List.copyOf(childGroups);
        }
        for (TaskGroup g : groups) {
            g.cancel();
        }
        return true;
    }

    /** Registers a group opened inside this task's body; false (not registered) if cancellation was requested. */
    synchronized boolean addChildGroup(TaskGroup g) {
        if (state != RUNNING) {
            return false;
        }
        if (childGroups == null) {
            childGroups = new ArrayList<>(2);
        }
        childGroups.add(g);
        return true;
    }

    synchronized void removeChildGroup(TaskGroup g) {
        if (childGroups != null) {
            childGroups.remove(g);
        }
    }

    /**
     * Waits until the task is done, then returns its value, or rethrows the original exception its body threw,
     * or throws a {@link CancellationException} if it was cancelled.
     *
     * @return the task's value
     * @throws InterruptedException if the calling thread is interrupted while waiting (the task is not cancelled)
     * @throws Exception what the body threw, or {@link CancellationException} if the task was cancelled
     */
    public T await() throws Exception {
        awaitDone();
        return report();
    }

    /**
     * Like {@link #await()} but waits at most {@code timeout}.
     *
     * @param timeout the longest to wait
     * @return the task's value
     * @throws TimeoutException if the task is not done within {@code timeout} (the task is not cancelled)
     * @throws InterruptedException if the calling thread is interrupted while waiting (the task is not cancelled)
     * @throws Exception what the body threw, or {@link CancellationException} if the task was cancelled
     */
    public T await(Duration timeout) throws Exception {
        if (!awaitDone(timeout)) {
            throw new TimeoutException("got no result from " + this + " within " + timeout
                    + ", expected it to finish within the timeout");
        }
        return report();
    }

    /**
     * Unchecked {@link #await()}: returns the value; rethrows unchecked failures and Errors as they are, wraps
     * checked ones in {@link CompletionException}; throws {@link CancellationException} if the task was
     * cancelled or if the caller is interrupted while waiting (then the interrupt flag is set again).
     *
     * @return the task's value
     */
    public T join() {
        try {
            awaitDone();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            CancellationException c = new CancellationException("interrupted while joining " + this);
            c.initCause(e);
            throw c;
        }
        try {
            return report();
        } catch (Exception e) {
            throw Failures.asUnchecked(e);
        }
    }

    /** Blocks until the task is done and its thread has terminated. */
    void awaitDone() throws InterruptedException {
        Thread thread = runner;
        if (thread != null) {
            checkNotSelf(thread);
            thread.join();
            return;
        }
        try {
            completion().get();
        } catch (ExecutionException e) {
            throw new AssertionError("completion is only ever completed normally", e);
        }
    }

    private void checkNotSelf(Thread thread) {
        if (thread == Thread.currentThread()) {
            throw new IllegalStateException("got a wait for " + this + " from its own thread, expected another"
                    + " thread (it would wait for itself forever)");
        }
    }

    /** Blocks at most {@code timeout} until done; returns false on timeout. */
    boolean awaitDone(Duration timeout) throws InterruptedException {
        Thread thread = runner;
        if (thread != null) {
            checkNotSelf(thread);
            return thread.join(timeout.isNegative() ? Duration.ZERO : timeout);
        }
        try {
            completion().get(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new AssertionError("completion is only ever completed normally", e);
        }
    }

    /** True once the body has finished and its thread has terminated (false for tasks without a thread). */
    boolean hasTerminated() {
        Thread thread = runner;
        return thread != null && isDone() && !thread.isAlive();
    }

    /** Joins this task's thread, if any, ignoring interrupts; returns true if the caller was interrupted. */
    boolean joinThreadUninterruptibly() {
        Thread thread = runner;
        boolean interrupted = false;
        while (thread != null) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        return interrupted;
    }

    /** Reports the terminal outcome. Only called once done. */
    T report() throws Exception {
        return switch (state) {
            case SUCCEEDED -> value;
            case FAILED -> throw Failures.asException(failure);
            case CANCELLED -> throw cancellation();
            default -> throw new IllegalStateException("got state " + state() + " for " + this
                    + ", expected a terminal state");
        };
    }

    private CancellationException cancellation() {
        CancellationException c = new CancellationException(this + " was cancelled");
        if (failure != null) {
            c.initCause(failure);
        }
        return c;
    }

    /**
     * Returns the current state; never blocks.
     *
     * @return the state now
     */
    public TaskState state() {
        return switch (state) {
            case RUNNING -> TaskState.RUNNING;
            case CANCEL_REQUESTED -> TaskState.CANCELLING;
            case SUCCEEDED -> TaskState.SUCCEEDED;
            case FAILED -> TaskState.FAILED;
            default -> TaskState.CANCELLED;
        };
    }

    /**
     * Returns true once the task is in a terminal state.
     *
     * @return whether the task is done (succeeded, failed or cancelled)
     */
    public boolean isDone() {
        return state >= SUCCEEDED;
    }

    /**
     * Returns true if cancellation was requested (state CANCELLING or CANCELLED).
     *
     * @return whether cancellation was requested
     */
    public boolean isCancelled() {
        int s = state;
        return s == CANCEL_REQUESTED || s == CANCELLED;
    }

    /**
     * The name given at spawn time, or null.
     *
     * @return the name, or null
     */
    public String name() {
        return name;
    }

    /**
     * Returns how the task ended, without blocking.
     *
     * @return the outcome: success, failure or cancelled
     * @throws IllegalStateException if the task is not done yet
     */
    public Outcome<T> outcomeNow() {
        return switch (state) {
            case SUCCEEDED -> new Outcome.Success<>(value);
            case FAILED -> new Outcome.Failure<>(failure);
            case CANCELLED -> new Outcome.Cancelled<>(cancellation());
            default -> throw new IllegalStateException("got state " + state() + " for " + this
                    + ", expected a done task (await it first)");
        };
    }

    /**
     * Returns the value of a task that succeeded, without blocking.
     *
     * @return the value
     * @throws IllegalStateException if the task is not done or did not succeed
     */
    public T resultNow() {
        if (state != SUCCEEDED) {
            throw new IllegalStateException("got state " + state() + " for " + this + ", expected SUCCEEDED");
        }
        return value;
    }

    /**
     * Returns a new CompletableFuture that completes like this task (value, original failure, or
     * {@link CancellationException}). Completing or cancelling the returned future does not affect the task.
     *
     * @return a new future that follows this task
     */
    public CompletableFuture<T> toCompletableFuture() {
        CompletableFuture<T> f = new CompletableFuture<>();
        onDone(() -> {
            switch (state) {
                case SUCCEEDED -> f.complete(value);
                case FAILED -> f.completeExceptionally(failure);
                default -> f.completeExceptionally(cancellation());
            }
        });
        return f;
    }

    /** Runs {@code action} once the task is done (at once if it already is), on the completing thread. */
    void onDone(Runnable action) {
        completion().thenRun(action);
    }

    /**
     * The completion signal, created on first need. Installing it and then re-checking the state pairs with
     * finish's state CAS and then reading this field (both volatile), so one of the two completes it.
     */
    private CompletableFuture<Void> completion() {
        CompletableFuture<Void> c = completion;
        if (c == null) {
            CompletableFuture<Void> fresh = new CompletableFuture<>();
            c = COMPLETION.compareAndExchange(this, null, fresh) instanceof CompletableFuture<?> won
                    ? castCompletion(won) : fresh;
            if (isDone()) {
                c.complete(null);
            }
        }
        return c;
    }

    @SuppressWarnings("unchecked")
    private static CompletableFuture<Void> castCompletion(CompletableFuture<?> f) {
        return (CompletableFuture<Void>) f;
    }

    @Override
    public String toString() {
        return "task '" + (name != null ? name : "#" + Integer.toHexString(System.identityHashCode(this))) + "'";
    }
}
