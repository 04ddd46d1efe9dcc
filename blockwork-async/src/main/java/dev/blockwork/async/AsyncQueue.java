package dev.blockwork.async;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded first-in-first-out queue between tasks: the counterpart of {@code asyncio.Queue(maxsize)} with
 * Python 3.13's {@code shutdown()} as {@link #close()}. Any number of producers and consumers.
 *
 * <p><b>Contract.</b>
 * <ul>
 *   <li>{@link #put} blocks while the queue is full; {@link #get} blocks while it is empty. Both are
 *       interruptible (so a cancelled task blocked in them ends) and throw {@link InterruptedException}.
 *   <li>{@link #offer(Object)} and {@link #poll()} never block; the {@link Duration} overloads block at most
 *       that long and return false / null on timeout.
 *   <li>After {@link #close()}: puts and offers throw {@link AsyncQueueClosedException}; gets and polls still
 *       return the remaining items, then throw {@link AsyncQueueClosedException}; every blocked thread wakes.
 *   <li>Null items are rejected with {@link NullPointerException}.
 *   <li>Happens-before: actions before {@code put(x)} happen-before actions after the {@code get()} that
 *       returns {@code x}.
 * </ul>
 *
 * <p><b>Implementation overview.</b> The classic two-condition bounded buffer of
 * {@link java.util.concurrent.ArrayBlockingQueue} (one {@link ReentrantLock}, {@code notFull} and
 * {@code notEmpty}) over an {@link ArrayDeque}, plus a closed flag checked under the lock; close signals both
 * conditions so that waiters re-check it. Virtual threads park on the lock's conditions without pinning.
 *
 * @param <T> the item type
 */
public final class AsyncQueue<T> implements AutoCloseable {
    private final int capacity;
    private final ArrayDeque<T> items;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notFull = lock.newCondition();
    private final Condition notEmpty = lock.newCondition();
    private boolean closed;

    /**
     * Creates a queue that holds at most {@code capacity} items.
     *
     * @param capacity the most items it holds, at least 1
     * @throws IllegalArgumentException if {@code capacity < 1}
     */
    public AsyncQueue(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("got capacity " + capacity + ", expected at least 1");
        }
        this.capacity = capacity;
        this.items = new ArrayDeque<>(Math.min(capacity, 1024));
    }

    /**
     * Adds {@code item}, blocking while the queue is full.
     *
     * @param item the item, not null
     * @throws InterruptedException if interrupted while waiting for room
     * @throws AsyncQueueClosedException if the queue is closed
     */
    public void put(T item) throws InterruptedException {
        checkItem(item);
        lock.lockInterruptibly();
        try {
            while (true) {
                ensureOpen("put");
                if (items.size() < capacity) {
                    break;
                }
                notFull.await();
            }
            enqueue(item);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Adds {@code item} if there is room now; returns false if the queue is full. Never blocks.
     *
     * @param item the item, not null
     * @return true if it was added
     * @throws AsyncQueueClosedException if the queue is closed
     */
    public boolean offer(T item) {
        checkItem(item);
        lock.lock();
        try {
            ensureOpen("offer");
            if (items.size() == capacity) {
                return false;
            }
            enqueue(item);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Adds {@code item}, waiting at most {@code timeout} for room; returns false on timeout.
     *
     * @param item the item, not null
     * @param timeout the longest to wait for room
     * @return true if it was added, false on timeout
     * @throws InterruptedException if interrupted while waiting
     * @throws AsyncQueueClosedException if the queue is closed
     */
    public boolean offer(T item, Duration timeout) throws InterruptedException {
        checkItem(item);
        long nanos = timeout.toNanos();
        lock.lockInterruptibly();
        try {
            while (true) {
                ensureOpen("offer");
                if (items.size() < capacity) {
                    break;
                }
                if (nanos <= 0) {
                    return false;
                }
                nanos = notFull.awaitNanos(nanos);
            }
            enqueue(item);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes and returns the oldest item, blocking while the queue is empty.
     *
     * @return the oldest item
     * @throws InterruptedException if interrupted while waiting
     * @throws AsyncQueueClosedException if the queue is closed and empty
     */
    public T get() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (items.isEmpty()) {
                ensureOpen("get");
                notEmpty.await();
            }
            return dequeue();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes and returns the oldest item, or null if the queue is empty. Never blocks.
     *
     * @return the oldest item, or null
     * @throws AsyncQueueClosedException if the queue is closed and empty
     */
    public T poll() {
        lock.lock();
        try {
            if (items.isEmpty()) {
                ensureOpen("poll");
                return null;
            }
            return dequeue();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes and returns the oldest item, waiting at most {@code timeout}; returns null on timeout.
     *
     * @param timeout the longest to wait
     * @return the oldest item, or null on timeout
     * @throws InterruptedException if interrupted while waiting
     * @throws AsyncQueueClosedException if the queue is closed and empty
     */
    public T poll(Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lockInterruptibly();
        try {
            while (items.isEmpty()) {
                ensureOpen("poll");
                if (nanos <= 0) {
                    return null;
                }
                nanos = notEmpty.awaitNanos(nanos);
            }
            return dequeue();
        } finally {
            lock.unlock();
        }
    }

    /** Closes the queue (idempotent) and wakes every blocked producer and consumer. Never blocks for long. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            notFull.signalAll();
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns true once {@link #close()} was called.
     *
     * @return whether the queue is closed
     */
    public boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns the number of items in the queue now.
     *
     * @return the number of items queued
     */
    public int size() {
        lock.lock();
        try {
            return items.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns the capacity given at construction.
     *
     * @return the most items the queue holds
     */
    public int capacity() {
        return capacity;
    }

    private void enqueue(T item) {
        items.addLast(item);
        notEmpty.signal();
    }

    private T dequeue() {
        T item = items.removeFirst();
        notFull.signal();
        return item;
    }

    private void ensureOpen(String op) {
        if (closed) {
            throw new AsyncQueueClosedException("got " + op + "() on a closed queue"
                    + (op.equals("get") || op.equals("poll") ? " with no items left" : "")
                    + ", expected an open queue");
        }
    }

    private static void checkItem(Object item) {
        if (item == null) {
            throw new NullPointerException("got a null item, expected a non-null item");
        }
    }
}
