package dev.blockwork.async;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

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
 *   <li>When a child <em>fails</em> (throws, without having been cancelled), every other child is cancelled
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
 * <p><b>Implementation overview.</b> One lock guards the set of live children, the first failure and the
 * later ones, and the open/closed flags; a condition is signalled when the live set becomes empty. A child's
 * last action on its own thread is {@link #childDone}, so "live set empty" means every body has exited; close
 * then joins the threads of the children that finished recently (kept in a list pruned of terminated threads
 * as it grows, so a long-lived group does not retain one entry per child ever spawned) so that no child
 * thread is still alive when close returns. Tasks are cancelled outside the lock: cancelling a task cancels
 * the groups nested in it, and locks are only ever taken parent-before-child.
 */
public final class TaskGroup implements AutoCloseable {
    private static final int PRUNE_AT = 4096;

    private final String name;
    private final boolean failFast;
    private final AsyncTask<?> parent;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private final HashSet<AsyncTask<?>> live = new HashSet<>();
    private final ArrayList<Thread> finishedThreads = new ArrayList<>();
    private final List<Throwable> laterFailures = new ArrayList<>();
    private int pruneAt = PRUNE_AT;
    private boolean closed;
    private boolean cancelled;
    private Throwable firstFailure;
    private boolean failureReported;

    private TaskGroup(String name, boolean failFast) {
        this.name = name;
        this.failFast = failFast;
        AsyncTask<?> p = AsyncTask.CURRENT.isBound() ? AsyncTask.CURRENT.get() : null;
        if (p != null && !p.addChildGroup(this)) {
            cancelled = true;
        }
        this.parent = p;
    }

    /** Opens a fail-fast group. If called inside a task, the group is cancelled when that task is. */
    public static TaskGroup open() {
        return new TaskGroup(null, true);
    }

    /** Opens a fail-fast group with a name used in error messages. */
    public static TaskGroup open(String name) {
        return new TaskGroup(name, true);
    }

    /** A group whose child failures do not cancel siblings (used by gatherSettled, firstCompleted, ...). */
    static TaskGroup openTolerant(String name) {
        return new TaskGroup(name, false);
    }

    /** Spawns {@code body} on a new virtual thread as a child of this group. Never blocks. */
    public <T> AsyncTask<T> spawn(Callable<? extends T> body) {
        return spawn(null, body);
    }

    /**
     * Spawns {@code body} on a new virtual thread named {@code name} (may be null) as a child of this group.
     *
     * @throws IllegalStateException if the group is closed
     * @throws NullPointerException  if {@code body} is null
     */
    public <T> AsyncTask<T> spawn(String name, Callable<? extends T> body) {
        if (body == null) {
            throw new NullPointerException("got a null body, expected a Callable to run");
        }
        AsyncTask<T> task = AsyncTask.unstarted(name, this);
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("got spawn(" + task + ") on closed " + this
                        + ", expected an open group (spawn inside the try-with-resources block)");
            }
            if (cancelled) {
                task.cancel();
            }
            live.add(task);
            if (finishedThreads.size() >= pruneAt) {
                finishedThreads.removeIf(t -> !t.isAlive());
                pruneAt = Math.max(PRUNE_AT, 2 * finishedThreads.size());
            }
        } finally {
            lock.unlock();
        }
        task.start(body);
        return task;
    }

    /** Called by a child on its own thread as its last action. */
    void childDone(AsyncTask<?> task) {
        List<AsyncTask<?>> toCancel = null;
        lock.lock();
        try {
            live.remove(task);
            finishedThreads.add(Thread.currentThread());
            if (failFast && task.state() == TaskState.FAILED) {
                Throwable error = task.outcomeNow() instanceof Outcome.Failure<?> f ? f.error() : null;
                if (firstFailure == null) {
                    firstFailure = error;
                    if (!cancelled) {
                        cancelled = true;
                        toCancel = new ArrayList<>(live);
                    }
                } else {
                    laterFailures.add(error);
                }
            }
            if (live.isEmpty()) {
                idle.signalAll();
            }
        } finally {
            lock.unlock();
        }
        if (toCancel != null) {
            toCancel.forEach(AsyncTask::cancel);
        }
    }

    /**
     * Cancels every child that is still running, and makes later spawns start cancelled. Never blocks; does not
     * close the group. Cancelled children are not failures: close() then throws nothing for them.
     */
    public void cancel() {
        List<AsyncTask<?>> toCancel;
        lock.lock();
        try {
            cancelled = true;
            toCancel = new ArrayList<>(live);
        } finally {
            lock.unlock();
        }
        toCancel.forEach(AsyncTask::cancel);
    }

    /** Returns true if {@link #cancel()} was called, a child failed, or the enclosing task was cancelled. */
    public boolean isCancelled() {
        lock.lock();
        try {
            return cancelled;
        } finally {
            lock.unlock();
        }
    }

    /** Returns the number of children whose body has not exited yet. */
    public int liveCount() {
        lock.lock();
        try {
            return live.size();
        } finally {
            lock.unlock();
        }
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
        boolean interrupted = false;
        List<Thread> toJoin;
        lock.lock();
        try {
            while (!live.isEmpty()) {
                try {
                    idle.await();
                } catch (InterruptedException e) {
                    interrupted = true;
                    lock.unlock();
                    try {
                        cancel();
                    } finally {
                        lock.lock();
                    }
                }
            }
            closed = true;
            toJoin = new ArrayList<>(finishedThreads);
            finishedThreads.clear();
        } finally {
            lock.unlock();
        }
        for (Thread t : toJoin) {
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (parent != null) {
            parent.removeChildGroup(this);
        }
        return interrupted;
    }

    /** The first child failure with later ones attached as suppressed, or null. Call after closeQuietly. */
    Throwable failure() {
        lock.lock();
        try {
            if (firstFailure != null && !failureReported) {
                failureReported = true;
                for (Throwable t : laterFailures) {
                    if (t != firstFailure) {
                        firstFailure.addSuppressed(t);
                    }
                }
            }
            return firstFailure;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "task group '" + (name != null ? name : "#" + Integer.toHexString(System.identityHashCode(this)))
                + "'";
    }
}
