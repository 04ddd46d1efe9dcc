package dev.blockwork.async;

import java.time.Duration;
import java.util.Collection;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The tasks given to {@link Async#asCompleted} in the order they complete, the counterpart of
 * {@code asyncio.as_completed}:
 *
 * <pre>{@code
 * for (AsyncTask<String> done : Async.asCompleted(tasks)) {
 *     System.out.println(done.await());   // never blocks: done is done
 * }
 * }</pre>
 *
 * <p><b>Contract.</b> {@link #next()} blocks until the next task completes and throws
 * {@link InterruptedException} if interrupted. The {@link Iterable} view blocks the same way; when
 * interrupted it sets the interrupt flag again and throws {@link CancellationException}. Every task is
 * returned exactly once. Meant for one consuming thread. It does not own or cancel the tasks.
 *
 * <p><b>Implementation overview.</b> Each task's completion callback appends it to a
 * {@link LinkedBlockingQueue}; the callback's enqueue happens-before the dequeue that returns it.
 *
 * @param <T> the tasks' result type
 */
public final class AsCompleted<T> implements Iterable<AsyncTask<T>> {
    private final LinkedBlockingQueue<AsyncTask<T>> done = new LinkedBlockingQueue<>();
    private int remaining;

    AsCompleted(Collection<? extends AsyncTask<T>> tasks) {
        remaining = tasks.size();
        for (AsyncTask<T> t : tasks) {
            t.onDone(() -> done.add(t));
        }
    }

    /**
     * Returns true while some task has not been returned yet.
     *
     * @return whether {@link #next()} has a task to return
     */
    public boolean hasNext() {
        return remaining > 0;
    }

    /**
     * Blocks until the next task completes and returns it.
     *
     * @return the next task to complete (done: its result or failure is ready)
     * @throws NoSuchElementException if every task has already been returned
     * @throws InterruptedException   if interrupted while waiting
     */
    public AsyncTask<T> next() throws InterruptedException {
        checkRemaining();
        AsyncTask<T> t = done.take();
        remaining--;
        return t;
    }

    /**
     * Like {@link #next()} but waits at most {@code timeout}; returns null if no task completed in time.
     *
     * @param timeout the longest to wait
     * @return the next task to complete, or null on timeout
     * @throws NoSuchElementException if every task has already been returned
     * @throws InterruptedException if interrupted while waiting
     */
    public AsyncTask<T> next(Duration timeout) throws InterruptedException {
        checkRemaining();
        AsyncTask<T> t = done.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (t != null) {
            remaining--;
        }
        return t;
    }

    private void checkRemaining() {
        if (remaining == 0) {
            throw new NoSuchElementException("got next() after every task was returned, expected hasNext() first");
        }
    }

    @Override
    public Iterator<AsyncTask<T>> iterator() {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return AsCompleted.this.hasNext();
            }

            @Override
            public AsyncTask<T> next() {
                try {
                    return AsCompleted.this.next();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    CancellationException c = new CancellationException("interrupted while waiting for the next"
                            + " completed task");
                    c.initCause(e);
                    throw c;
                }
            }
        };
    }
}
