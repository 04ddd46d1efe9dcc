package dev.blockwork.async;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A scope that owns the tasks spawned in it: the JVM counterpart of asyncio's {@code TaskGroup} and Trio's
 * nursery. Use it with try-with-resources:
 *
 * <pre>{@code
 * try (TaskGroup g = TaskGroup.open()) {
 *     AsyncTask<String> a = g.spawn(() -> fetch(x));
 *     AsyncTask<String> b = g.spawn(() -> fetch(y));
 * }   // here both have finished, and their threads have terminated
 * }</pre>
 *
 * <p><b>Contract.</b>
 * <ul>
 *   <li>{@link #spawn} starts the body at once on a new virtual thread; it never blocks. Any thread may spawn
 *       (children may spawn siblings) until the group is closed; afterwards spawn throws
 *       {@link IllegalStateException}. A child spawned into a cancelled group starts cancelled and its body
 *       never runs.
 *   <li>{@link #close()} blocks until every child has finished and its thread has terminated.
 *   <li>When a child <em>fails</em> (ends {@link TaskState#FAILED}: it threw, and if it was being cancelled,
 *       threw something other than an interrupt or cancellation), every other child is cancelled
 *       at once, and {@code close()} throws that first failure with the failures of other children attached
 *       as {@linkplain Throwable#getSuppressed() suppressed} exceptions. Unchecked exceptions and Errors are
 *       thrown as they are; a checked exception arrives as the cause of a {@link CompletionException}
 *       ({@code close()} cannot declare checked exceptions). Cancelled children are not failures.
 *   <li>If the thread in {@code close()} is interrupted, every child is cancelled, close still waits for all
 *       of them, sets the interrupt flag again and throws {@link CancellationException} (or the first child
 *       failure if there was one).
 *   <li>Groups nest: a group opened inside a task's body is cancelled when that task is cancelled, so
 *       cancellation reaches every descendant.
 *   <li>If the try block itself throws, children are <em>not</em> cancelled automatically (Java's
 *       try-with-resources does not tell {@code close()}); call {@link #cancel()} in a catch block if you want
 *       that, or use {@link Async#gather} which does it for you.
 * </ul>
 *
 * <p><b>Implementation overview.</b> The hot path (spawn, child done) takes no lock: a live-children counter
 * and a lock-free queue of children. A child's last action on its own thread is {@link #childDone}, which
 * decrements the counter and unparks the closer when it reaches zero, so "counter zero" means every body has
 * exited; close then joins the threads still listed so that no child thread is alive when it returns. The
 * queue is swept of children whose thread has terminated as it grows (amortised), so a long-lived group does
 * not retain one entry per child ever spawned. Races between spawn and cancel/close are settled Dekker-style
 * with volatile fields: spawn publishes the child (queue insert, counter increment) and then reads
 * {@code cancelled}/{@code closed}; cancel and close write their flag and then read the queue/counter, so at
 * least one side sees the other. The first failure and the later ones are kept under a small lock taken only
 * when a child fails. Tasks are cancelled outside any lock: cancelling a task cancels the groups nested in it,
 * and that only ever goes parent-to-child.
 */
public final class TaskGroup implements AutoCloseable {
    private static final int SWEEP_AT = 4096;

    private final String name;
    private final boolean failFast;
    private final AsyncTask<?> parent;
    private final ConcurrentLinkedQueue<AsyncTask<?>> children = new ConcurrentLinkedQueue<>();
    private final AtomicInteger live = new AtomicInteger();
    private final AtomicBoolean sweeping = new AtomicBoolean();
    private final List<Throwable> laterFailures = new ArrayList<>(); // guarded by itself
    private int sweepAt = SWEEP_AT;      // racy on purpose: a sweep heuristic, written only by the sweeper
    private int spawnsSinceSweep;        // racy on purpose: lost increments only delay a sweep
    private volatile boolean closed;
    private volatile boolean cancelled;
    private volatile Thread closer;
    private Throwable firstFailure;   // guarded by laterFailures
    private boolean failureReported;  // guarded by laterFailures

    private TaskGroup(String name, boolean failFast) {
        this.name = name;
        this.failFast = failFast;
        AsyncTask<?> p = AsyncTask.current();
        if (p != null && !p.addChildGroup(this)) {
            cancelled = true;
        }
        this.parent = p;
    }

    /**
     * Opens a fail-fast group. If called inside a task, the group is cancelled when that task is.
     *
     * @return the new group; close it (try-with-resources) to wait for its children
     */
    public static TaskGroup open() {
        return new TaskGroup(null, true);
    }

    /**
     * Opens a fail-fast group with a name used in error messages.
     *
     * @param name the group's name, or null
     * @return the new group; close it (try-with-resources) to wait for its children
     */
    public static TaskGroup open(String name) {
        return new TaskGroup(name, true);
    }

    /** A group whose child failures do not cancel siblings (used by gatherSettled, firstCompleted, ...). */
    static TaskGroup openTolerant(String name) {
        return new TaskGroup(name, false);
    }

    /**
     * Spawns {@code body} on a new virtual thread as a child of this group. Never blocks.
     *
     * @param <T> the result type
     * @param body what the child runs
     * @return the child task
     * @throws IllegalStateException if the group is closed
     */
    public <T> AsyncTask<T> spawn(Callable<? extends T> body) {
        return spawn(null, body);
    }

    /**
     * Spawns {@code body} on a new virtual thread named {@code name} (may be null) as a child of this group.
     *
     * @param <T> the result type
     * @param name the thread's name, or null
     * @param body what the child runs
     * @return the child task
     * @throws IllegalStateException if the group is closed
     * @throws NullPointerException  if {@code body} is null
     */
    public <T> AsyncTask<T> spawn(String name, Callable<? extends T> body) {
        if (body == null) {
            throw new NullPointerException("got a null body, expected a Callable to run");
        }
        AsyncTask<T> task = AsyncTask.unstarted(name, this);
        live.incrementAndGet();
        if (closed) {
            childGone();
            throw new IllegalStateException("got spawn(" + task + ") on closed " + this
                    + ", expected an open group (spawn inside the try-with-resources block)");
        }
        children.add(task);
        if (cancelled) {
            task.cancel();
        }
        if (++spawnsSinceSweep >= sweepAt) {
            sweep();
        }
        try {
            task.start(body);
        } catch (RuntimeException | Error e) { // e.g. OutOfMemoryError: unable to create a thread
            children.remove(task);
            childGone();
            throw e;
        }
        return task;
    }

    /** Drops children whose thread has terminated; one sweeper at a time, amortised over spawns. */
    private void sweep() {
        if (!sweeping.compareAndSet(false, true)) {
            return;
        }
        try {
            int kept = 0;
            for (Iterator<AsyncTask<?>> it = children.iterator(); it.hasNext(); ) {
                if (it.next().hasTerminated()) {
                    it.remove();
                } else {
                    kept++;
                }
            }
            sweepAt = Math.max(SWEEP_AT, 2 * kept);
            spawnsSinceSweep = 0;
        } finally {
            sweeping.set(false);
        }
    }

    /** Called by a child on its own thread as its last action. */
    void childDone(AsyncTask<?> task) {
        if (failFast && task.state() == TaskState.FAILED) {
            recordFailure(task);
        }
        childGone();
    }

    private void childGone() {
        if (live.decrementAndGet() == 0) {
            Thread t = closer;
            if (t != null) {
                LockSupport.unpark(t);
            }
        }
    }

    private void recordFailure(AsyncTask<?> task) {
        Throwable error = task.outcomeNow() instanceof Outcome.Failure<?> f ? f.error() : null;
        boolean cancelSiblings = false;
        synchronized (laterFailures) {
            if (firstFailure == null) {
                firstFailure = error;
                cancelSiblings = true;
            } else {
                laterFailures.add(error);
            }
        }
        if (cancelSiblings) {
            cancel();
        }
    }

    /**
     * Cancels every child that is still running, and makes later spawns start cancelled. Never blocks; does not
     * close the group. Cancelled children are not failures: close() then throws nothing for them.
     */
    public void cancel() {
        cancelled = true;
        for (AsyncTask<?> t : children) {
            t.cancel();
        }
    }

    /**
     * Returns true if {@link #cancel()} was called, a child failed, or the enclosing task was cancelled.
     *
     * @return whether the group is cancelled
     */
    public boolean isCancelled() {
        return cancelled;
    }

    /**
     * Returns the number of children whose body has not exited yet.
     *
     * @return the children still running
     */
    public int liveCount() {
        return live.get();
    }

    /**
     * Waits for every child to finish and its thread to terminate, then closes the group and throws the first
     * child failure (others suppressed), if any. See the class comment for interruption. Idempotent.
     */
    @Override
    public void close() {
        boolean interrupted = closeQuietly();
        Throwable failure = failure();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw Failures.asUnchecked(failure);
        }
        if (interrupted) {
            throw new CancellationException(this + " was closed by an interrupted thread; its children were"
                    + " cancelled and have finished");
        }
    }

    /**
     * Waits for all children (cancelling them all if interrupted), closes the group; returns true if the caller
     * was interrupted (the flag is then cleared). Never throws.
     */
    boolean closeQuietly() {
        boolean interrupted = awaitNoLiveChildren();
        closed = true;
        interrupted |= awaitNoLiveChildren();  // spawns that raced with closing and did not see the flag
        for (AsyncTask<?> t : children) {
            interrupted |= t.joinThreadUninterruptibly();
        }
        children.clear();
        if (parent != null) {
            parent.removeChildGroup(this);
        }
        return interrupted;
    }

    /** Parks until the live counter is zero; cancels every child on interrupt. Returns true if interrupted. */
    private boolean awaitNoLiveChildren() {
        boolean interrupted = false;
        closer = Thread.currentThread();
        try {
            while (live.get() != 0) {
                LockSupport.park(this);
                if (Thread.interrupted()) {
                    interrupted = true;
                    cancel();
                }
            }
        } finally {
            closer = null;
        }
        return interrupted;
    }

    /** The first child failure with later ones attached as suppressed, or null. Call after closeQuietly. */
    Throwable failure() {
        synchronized (laterFailures) {
            if (firstFailure != null && !failureReported) {
                failureReported = true;
                for (Throwable t : laterFailures) {
                    if (t != firstFailure) {
                        firstFailure.addSuppressed(t);
                    }
                }
            }
            return firstFailure;
        }
    }

    @Override
    public String toString() {
        return "task group '" + (name != null ? name : "#" + Integer.toHexString(System.identityHashCode(this)))
                + "'";
    }
}
