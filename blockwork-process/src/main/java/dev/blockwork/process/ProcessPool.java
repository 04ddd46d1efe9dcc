package dev.blockwork.process;

import dev.blockwork.process.internal.ShmRegistry;
import dev.blockwork.process.internal.TaskFrameDescriptor;
import dev.blockwork.process.serial.ClassAllowList;
import dev.blockwork.process.serial.Serialization;
import dev.blockwork.process.serial.ShmTransport;
import dev.blockwork.process.serial.UnserializableException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A pool of worker JVMs running functions over inputs (Python's {@code multiprocessing.Pool}).
 *
 * <pre>{@code
 * try (ProcessPool pool = ProcessPool.create(4)) {
 *     List<Integer> squares = pool.map(x -> x * x, List.of(1, 2, 3));
 * }
 * }</pre>
 *
 * <p>Contract: functions and inputs are serialized in the calling thread at submission, so an
 * unserializable one fails at once with {@link UnserializableException} naming its class and the
 * task. {@link #map} returns results in input order; {@link #imap} streams them in order and
 * {@link #imapUnordered} as they finish, both keeping a bounded number of chunks in flight
 * (back-pressure: inputs are read lazily). A task that throws fails the call with a
 * {@link RemoteTaskException} naming the task, the input, the worker and the original exception; its stack
 * trace is the caller's (where {@code map}, {@code apply} or the iterator's {@code next} was called, like the
 * engine's {@code TaskFailedException}) and its {@linkplain Throwable#getCause() cause} is the original
 * exception, of its own type, with the worker's stack trace. A {@link WorkerDiedException} likewise carries the
 * caller's stack. A worker that dies (System.exit, OutOfMemoryError, kill -9) fails
 * only the chunk it was running: that chunk is retried on a fresh worker up to
 * {@link PoolOptions#maxRetries} times, then fails with {@link WorkerDiedException}. Never a hang:
 * a pool whose workers die at start-up repeatedly fails every pending task.
 * {@link #close} (and try-with-resources) finishes queued work, stops the workers and waits;
 * {@link #terminate} kills them at once and cancels pending tasks. Thread-safe.
 *
 * <p>Implementation overview: one shared deque of chunks; one driver thread per worker slot
 * ({@code PoolWorkerDriver}) keeps up to {@code prefetch} chunks in flight on that worker's
 * {@link Pipe} and replaces the worker when it dies or reaches {@code maxTasksPerChild}. A chunk
 * is one raw frame ({@link TaskFrameDescriptor}); each worker receives a function's bytes once.
 * Automatic chunk size follows CPython: {@code ceil(n / (4 * processes))}. Array blocks in inputs
 * ({@code NDArray}, large primitive arrays) are written to this pool's recycled shared-memory segments at
 * submission ({@link ShmTransport#ownedBySender(dev.blockwork.process.internal.BlockArena)}) and freed when the
 * chunk's future completes, so retries on a fresh worker re-read them; blocks in results go into the worker's
 * own recycled segments, handed off, and the driver's read frees them (docs/design/processes.md).
 */
public final class ProcessPool implements AutoCloseable {
    final PoolOptions options;
    final LinkedBlockingDeque<PoolChunk> queue = new LinkedBlockingDeque<>();
    volatile boolean closing;
    volatile boolean terminated;
    private volatile Throwable broken;
    private final List<PoolWorkerDriver> drivers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong chunkIds = new AtomicLong();
    private final AtomicInteger fnIds = new AtomicInteger();
    /** Pids of every worker this pool started (for the sweep at {@link #terminate}). */
    final java.util.Set<Long> workersStarted = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Recycled shared memory for the array blocks in inputs; deleted at {@link #terminate}. */
    private final dev.blockwork.process.internal.BlockArena blockArena =
            new dev.blockwork.process.internal.BlockArena(dev.blockwork.process.internal.BlockArena.CAPACITY_BYTES, false);

    private ProcessPool(PoolOptions options) {
        this.options = options.conclude();
        try {
            for (int i = 0; i < options.processes; i++) {
                PoolWorkerDriver d = new PoolWorkerDriver(this, i);
                d.startWorker();
                drivers.add(d);
            }
        } catch (RuntimeException e) {
            terminated = true;
            for (PoolWorkerDriver d : drivers) d.run(); // retires (kills) what started
            throw e;
        }
        for (PoolWorkerDriver d : drivers) {
            Thread t = Thread.ofPlatform().daemon().name(options.name + "-driver-" + threads.size()).start(d);
            threads.add(t);
        }
    }

    /**
     * A pool of {@code processes} workers with default options; the worker JVMs are started before it returns.
     *
     * @param processes worker JVMs, &gt;= 1 (0: the setting {@code blockwork.pool.processes}, else the cores)
     * @return the running pool; close it to stop the workers
     * @throws IllegalArgumentException if {@code processes} is negative
     * @throws java.io.UncheckedIOException if a worker JVM cannot be launched
     */
    public static ProcessPool create(int processes) { return new ProcessPool(new PoolOptions().processes(processes)); }

    /**
     * A pool with these options, checked first ({@link PoolOptions} lists the rules); the worker JVMs are started
     * before it returns, and those already started are killed if one cannot be.
     *
     * @param options the options; they should not be changed afterwards
     * @return the running pool; close it to stop the workers
     * @throws IllegalArgumentException if an option is out of range
     * @throws java.io.UncheckedIOException if a worker JVM cannot be launched
     */
    public static ProcessPool create(PoolOptions options) { return new ProcessPool(options); }

    /** {@return the number of worker JVMs (each replaced when it dies)} */
    public int processes() { return options.processes; }

    /**
     * Applies {@code fn} to every input on the workers and waits; automatic chunk size.
     *
     * @param fn     the function, serializable
     * @param inputs the inputs, serializable, read at once
     * @param <T>    the input type
     * @param <R>    the result type
     * @return the results, in input order
     * @throws RemoteTaskException  if a task threw (its cause is the original exception)
     * @throws WorkerDiedException  if a chunk's worker died more than {@code maxRetries} times
     * @throws UnserializableException if {@code fn} or an input cannot be serialized (queued chunks are withdrawn)
     * @throws IllegalStateException if the pool is closed or broken
     * @throws java.util.concurrent.CancellationException if this thread is interrupted while waiting (its interrupt status is set)
     */
    public <T, R> List<R> map(SerializableFunction<T, R> fn, Iterable<? extends T> inputs) { return map(fn, inputs, 0); }

    /**
     * As {@link #map(SerializableFunction, Iterable)} with {@code chunksize} inputs per task.
     *
     * @param fn        the function, serializable
     * @param inputs    the inputs, serializable, read at once
     * @param chunksize inputs per task; 0 = automatic ({@code ceil(n / (4 * processes))})
     * @param <T>       the input type
     * @param <R>       the result type
     * @return the results, in input order
     * @throws RemoteTaskException  if a task threw (its cause is the original exception)
     * @throws WorkerDiedException  if a chunk's worker died more than {@code maxRetries} times
     * @throws UnserializableException if {@code fn} or an input cannot be serialized (queued chunks are withdrawn)
     * @throws IllegalStateException if the pool is closed or broken
     * @throws java.util.concurrent.CancellationException if this thread is interrupted while waiting (its interrupt status is set)
     */
    public <T, R> List<R> map(SerializableFunction<T, R> fn, Iterable<? extends T> inputs, int chunksize) {
        return join(mapAsync(fn, inputs, chunksize));
    }

    /**
     * Starts a map and returns at once; use {@code get(timeout)} on the future to bound the wait.
     *
     * @param fn        the function, serializable
     * @param inputs    the inputs, serializable, all serialized in this thread before it returns
     * @param chunksize inputs per task; 0 = automatic
     * @param <T>       the input type
     * @param <R>       the result type
     * @return a future of the results in input order; it fails with the first failing chunk's exception
     * @throws UnserializableException if {@code fn} or an input cannot be serialized (nothing stays queued)
     * @throws IllegalStateException   if the pool is closed or broken
     */
    public <T, R> CompletableFuture<List<R>> mapAsync(SerializableFunction<T, R> fn, Iterable<? extends T> inputs, int chunksize) {
        List<? extends T> list = toList(inputs);
        int cs = chunksize > 0 ? chunksize : autoChunk(list.size());
        List<PoolChunk> chunks = submitAll(TaskFrameDescriptor.MODE_MAP, fn, list, cs);
        return gather(chunks, list.size());
    }

    /**
     * Calls {@code fn(a, b)} on the workers for each pair and waits (Python's {@code Pool.starmap}).
     *
     * @param fn        the function, serializable
     * @param pairs     the argument pairs, serializable, read at once
     * @param chunksize pairs per task; 0 = automatic
     * @param <A>       the first argument's type
     * @param <B>       the second argument's type
     * @param <R>       the result type
     * @return the results, in the order of the pairs
     * @throws RemoteTaskException  if a task threw (its cause is the original exception)
     * @throws WorkerDiedException  if a chunk's worker died more than {@code maxRetries} times
     * @throws UnserializableException if {@code fn} or an input cannot be serialized (queued chunks are withdrawn)
     * @throws IllegalStateException if the pool is closed or broken
     * @throws java.util.concurrent.CancellationException if this thread is interrupted while waiting (its interrupt status is set)
     */
    public <A, B, R> List<R> starmap(SerializableBiFunction<A, B, R> fn, Iterable<? extends Map.Entry<A, B>> pairs, int chunksize) {
        List<Map.Entry<A, B>> list = new ArrayList<>();
        for (Map.Entry<A, B> e : pairs) list.add(new java.util.AbstractMap.SimpleImmutableEntry<>(e.getKey(), e.getValue()));
        int cs = chunksize > 0 ? chunksize : autoChunk(list.size());
        return join(gather(submitAll(TaskFrameDescriptor.MODE_STAR, fn, list, cs), list.size()));
    }

    /**
     * Runs {@code task} on a worker and waits for its result.
     *
     * @param task the task, serializable
     * @param <R>  the result type
     * @return what the task returned
     * @throws RemoteTaskException  if a task threw (its cause is the original exception)
     * @throws WorkerDiedException  if a chunk's worker died more than {@code maxRetries} times
     * @throws UnserializableException if {@code task} cannot be serialized (before anything runs)
     * @throws IllegalStateException if the pool is closed or broken
     * @throws java.util.concurrent.CancellationException if this thread is interrupted while waiting (its interrupt status is set)
     */
    public <R> R apply(SerializableCallable<R> task) { return join(applyAsync(task)); }

    /**
     * Runs {@code task} on a worker; the future completes with its result. Cancelling the future stops the
     * task: not yet sent, it never runs; running, its worker is killed and replaced (other tasks that were
     * queued on that worker go back to the queue, uncharged).
     *
     * @param task the task, serializable
     * @param <R>  the result type
     * @return a future of what the task returned; it fails with {@link RemoteTaskException} or
     *         {@link WorkerDiedException}
     * @throws UnserializableException if {@code task} cannot be serialized
     * @throws IllegalStateException   if the pool is closed or broken
     */
    @SuppressWarnings("unchecked")
    public <R> CompletableFuture<R> applyAsync(SerializableCallable<R> task) {
        Objects.requireNonNull(task, "task");
        PoolChunk c = chunk(TaskFrameDescriptor.MODE_CALL, -1, null, java.util.Set.of(), List.of(task), task, -1);
        enqueue(c);
        CompletableFuture<R> out = c.done.thenApply(r -> (R) r[0]);
        out.whenComplete((r, e) -> { if (out.isCancelled()) c.future.cancel(true); }); // reaches the worker running it
        return out;
    }

    /**
     * Streams results in input order; inputs are read lazily, at most a few chunks per worker ahead. The iterator
     * is for one thread; its {@code next} throws what {@link #map} throws for the chunk it waits for.
     *
     * @param fn        the function, serializable
     * @param inputs    the inputs, serializable, read as results are consumed
     * @param chunksize inputs per task; values below 1 mean 1
     * @param <T>       the input type
     * @param <R>       the result type
     * @return an iterator over the results, in input order
     * @throws UnserializableException if {@code fn} or an input of the first chunks cannot be serialized
     * @throws IllegalStateException   if the pool is closed or broken
     */
    public <T, R> Iterator<R> imap(SerializableFunction<T, R> fn, Iterable<? extends T> inputs, int chunksize) {
        return new Streamer<T, R>(fn, inputs.iterator(), Math.max(1, chunksize), true);
    }

    /**
     * Streams results as they finish (any order), with the same back-pressure and failures as {@link #imap}.
     *
     * @param fn        the function, serializable
     * @param inputs    the inputs, serializable, read as results are consumed
     * @param chunksize inputs per task; values below 1 mean 1
     * @param <T>       the input type
     * @param <R>       the result type
     * @return an iterator over the results, in the order they finish (within a chunk, in input order)
     * @throws UnserializableException if {@code fn} or an input of the first chunks cannot be serialized
     * @throws IllegalStateException   if the pool is closed or broken
     */
    public <T, R> Iterator<R> imapUnordered(SerializableFunction<T, R> fn, Iterable<? extends T> inputs, int chunksize) {
        return new Streamer<T, R>(fn, inputs.iterator(), Math.max(1, chunksize), false);
    }

    int autoChunk(int n) {
        int per = options.processes * 4;
        int cs = n / per;
        if (n % per != 0) cs++;
        return Math.max(1, cs);
    }

    private static <T> List<T> toList(Iterable<T> it) {
        if (it instanceof List<T> l) return l;
        List<T> out = new ArrayList<>();
        it.forEach(out::add);
        return out;
    }

    /** Serializes a function; the application classes it holds are added to {@code trust} (they go to workers). */
    private byte[] serializeFunction(Object fn, java.util.Set<String> trust) {
        Objects.requireNonNull(fn, "function");
        try {
            return ClassAllowList.collecting(trust, () -> Serialization.get().serialize(fn).copy());
        } catch (UnserializableException e) {
            throw new UnserializableException(e.offendingClass(), "the function " + fn + " submitted to " + options.name, e);
        }
    }

    private PoolChunk chunk(int mode, int fnId, byte[] fnBytes, java.util.Set<String> fnTrust, List<?> inputs, Object what, long first) {
        byte[] in;
        ShmTransport blocks = ShmTransport.ownedBySender(blockArena); // large blocks: shared memory, kept until the chunk is done
        Object packed = dev.blockwork.process.internal.Packing.pack(inputs.toArray());
        java.util.Set<String> trust = new java.util.HashSet<>(fnTrust);
        try {
            in = blocks.serialize(() -> ClassAllowList.collecting(trust, () -> Serialization.get().serialize(packed).copy()));
        } catch (UnserializableException e) {
            blocks.abort();
            String d = first < 0 ? String.valueOf(what) : what + " on inputs [" + first + ", " + (first + inputs.size()) + ")";
            throw new UnserializableException(e.offendingClass(), "the inputs of task " + d, e);
        } catch (RuntimeException | Error e) {
            blocks.abort();
            throw e;
        }
        PoolChunk c = new PoolChunk(chunkIds.incrementAndGet(), fnId, mode, fnBytes, in, inputs.size(), what, first);
        c.trust = trust.toArray(String[]::new); // the application classes the worker must accept to read it
        if (!blocks.isEmpty()) c.done = c.future.whenComplete((r, t) -> blocks.release()); // retries re-read the same files
        return c;
    }

    private List<PoolChunk> submitAll(int mode, Object fn, List<?> list, int cs) {
        ensureOpen();
        java.util.Set<String> fnTrust = new java.util.HashSet<>();
        byte[] fnBytes = serializeFunction(fn, fnTrust);
        int fnId = fnIds.incrementAndGet();
        List<PoolChunk> chunks = new ArrayList<>((list.size() + cs - 1) / cs);
        try {
            for (int i = 0; i < list.size(); i += cs) {
                List<?> part = list.subList(i, Math.min(list.size(), i + cs));
                PoolChunk c = chunk(mode, fnId, fnBytes, fnTrust, part, fn, i);
                chunks.add(c);
                enqueue(c); // workers start while later chunks are still being serialized
            }
        } catch (RuntimeException e) { // e.g. an unserializable input: withdraw what was queued
            for (PoolChunk c : chunks) c.future.cancel(false);
            throw e;
        }
        return chunks;
    }

    private void enqueue(PoolChunk c) {
        ensureOpen();
        queue.addLast(c);
        Throwable b = broken;
        if (b != null) c.future.completeExceptionally(b);
    }

    @SuppressWarnings("unchecked")
    private static <R> CompletableFuture<List<R>> gather(List<PoolChunk> chunks, int n) {
        CompletableFuture<?>[] all = chunks.stream().map(c -> c.done).toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(all).thenApply(v -> {
            List<R> out = new ArrayList<>(n);
            for (PoolChunk c : chunks) for (Object o : c.done.join()) out.add((R) o);
            return out;
        });
    }

    static <R> R join(CompletableFuture<R> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for pool results");
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        }
    }

    /**
     * Throws a failure to the caller waiting for it. A task's failure and a worker's death were made on a driver
     * thread: the caller gets a copy made here, with the caller's stack (the frames that show where the caller
     * waited; the worker's own trace stays the cause), as the engine does for {@code TaskFailedException}. A copy,
     * not the stored exception with its trace filled in again: a broken pool fails every waiting call with one
     * instance, and two callers must not rewrite each other's trace.
     */
    static RuntimeException rethrow(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) t = t.getCause();
        if (t instanceof RemoteTaskException r) throw new RemoteTaskException(r.getMessage(), r.getCause());
        if (t instanceof WorkerDiedException w) {
            WorkerDiedException copy = new WorkerDiedException(w.getMessage(), w.pid(), w.exitStatus());
            if (w.getCause() != null) copy.initCause(w.getCause());
            for (Throwable s : w.getSuppressed()) copy.addSuppressed(s);
            throw copy;
        }
        if (t instanceof RuntimeException r) throw r;
        if (t instanceof Error e) throw e;
        throw new RemoteTaskException(String.valueOf(t), t);
    }

    void broken(Throwable cause) {
        broken = cause;
        PoolChunk c;
        while ((c = queue.poll()) != null) c.future.completeExceptionally(cause);
    }

    private void ensureOpen() {
        if (closing || terminated) throw new IllegalStateException("pool " + options.name + " is closed");
        Throwable b = broken;
        if (b != null) throw new IllegalStateException("pool " + options.name + " is broken: " + b.getMessage(), b);
    }

    /** Like Dask's reprs: {@code <ProcessPool pool: 4 workers, open>} ({@code 1 worker} for one). */
    @Override
    public String toString() {
        String st = terminated ? "terminated" : closing ? "closing" : broken != null ? "broken" : "open";
        int n = options.processes;
        return "<ProcessPool " + options.name + ": " + n + (n == 1 ? " worker, " : " workers, ") + st + ">";
    }

    /** {@return the pids of the current workers, one per slot (a worker that replaced a dead one has a new pid)} */
    public List<Long> workerPids() { return drivers.stream().map(PoolWorkerDriver::pid).toList(); }

    /** No new tasks; queued ones still run. Workers exit when the queue is drained. */
    public void shutdown() { closing = true; }

    /**
     * Waits for the workers to exit after {@link #shutdown}.
     *
     * @param timeout the longest wait, in {@code unit}
     * @param unit    the unit of {@code timeout}
     * @return true if every worker exited, false on timeout
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean join(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        for (Thread t : threads) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !t.join(java.time.Duration.ofNanos(left))) return false;
        }
        return true;
    }

    /** Kills the workers now; pending tasks fail with {@link CancellationException}. */
    public void terminate() {
        closing = true;
        terminated = true;
        PoolChunk c;
        while ((c = queue.poll()) != null) c.future.completeExceptionally(new CancellationException("pool terminated"));
        for (Thread t : threads) {
            try { t.join(15_000); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
        }
        blockArena.close(); // the workers that read our input blocks have stopped
        ShmRegistry.sweepCreatedBy(workersStarted); // result blocks our dead workers handed us that nobody will read now
        ShmRegistry.sweepDeadOwners();
    }

    /** {@link #shutdown}, wait (up to 60 s) for queued work and worker exit, then {@link #terminate} what is left. */
    @Override
    public void close() {
        shutdown();
        try {
            join(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        terminate();
    }

    /** Lazily submits chunks, keeping at most {@code window} in flight. */
    private final class Streamer<T, R> implements Iterator<R> {
        private final int mode = TaskFrameDescriptor.MODE_MAP;
        private final Object fn;
        private final byte[] fnBytes;
        private final java.util.Set<String> fnTrust = new java.util.HashSet<>();
        private final int fnId = fnIds.incrementAndGet();
        private final Iterator<? extends T> inputs;
        private final int chunksize;
        private final boolean ordered;
        private final int window = Math.max(2, options.processes * (options.prefetch + 1));
        private final ArrayDeque<PoolChunk> pending = new ArrayDeque<>();
        private final LinkedBlockingQueue<PoolChunk> finished = new LinkedBlockingQueue<>();
        private final java.util.LinkedList<Object> ready = new java.util.LinkedList<>();
        private int outstanding;
        private long next;

        Streamer(Object fn, Iterator<? extends T> inputs, int chunksize, boolean ordered) {
            this.fn = fn;
            this.fnBytes = serializeFunction(fn, fnTrust);
            this.inputs = inputs;
            this.chunksize = chunksize;
            this.ordered = ordered;
            fill();
        }

        private void fill() {
            while (outstanding < window && inputs.hasNext()) {
                List<Object> part = new ArrayList<>(chunksize);
                while (part.size() < chunksize && inputs.hasNext()) part.add(inputs.next());
                PoolChunk c = chunk(mode, fnId, fnBytes, fnTrust, part, fn, next);
                next += part.size();
                outstanding++;
                if (ordered) pending.addLast(c);
                else c.done.whenComplete((r, t) -> finished.add(c));
                enqueue(c);
            }
        }

        @Override
        public boolean hasNext() { return !ready.isEmpty() || outstanding > 0 || inputs.hasNext(); }

        @Override
        @SuppressWarnings("unchecked")
        public R next() {
            if (ready.isEmpty()) {
                if (!hasNext()) throw new NoSuchElementException();
                PoolChunk c;
                if (ordered) {
                    c = pending.pollFirst();
                } else {
                    try {
                        c = finished.take();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new CancellationException("interrupted");
                    }
                }
                Object[] r;
                try {
                    r = join(c.done);
                } finally {
                    outstanding--; // a failed chunk is consumed too: hasNext() must not wait for it again
                }
                for (Object o : r) ready.addLast(o);
                fill();
            }
            return (R) ready.pollFirst();
        }
    }
}
