package dev.blockwork.schedule;


import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs tasks on a work-stealing pool of platform threads (the default scheduler). The shared instance
 * has {@code blockwork.threads} threads (default: the number of cores); {@link #ThreadsScheduler(int)}
 * makes a private pool, shut down by {@link #close()}.
 *
 * <p>A task may block on another compute or on a future (nested submit + wait): waiting on a
 * {@link CompletableFuture} inside a pool thread goes through {@link ForkJoinPool#managedBlock}, which
 * adds a spare thread while the task waits, so the pool never deadlocks on its own tasks.
 *
 * <h2>Implementation overview</h2>
 * A {@link ForkJoinPool} in LIFO mode. The initial ready tasks (already in priority order) are one
 * {@code RangeJob} that splits itself in halves down to a grain, forking the right half, so workers
 * start on the highest-priority end and thieves take large ranges from the other end. A worker that
 * finishes a task continues inline with a task it made ready (no queueing at all along a chain or up
 * a reduction tree); when one task makes several tasks ready, the others are forked as a range. The
 * per-task cost is thus a function call plus a few atomic counter updates; fork-join tasks are created
 * per range, not per task.
 */
public final class ThreadsScheduler implements Scheduler {
    private static final AtomicInteger POOLS = new AtomicInteger();
    private final ForkJoinPool pool;
    private final boolean shared;
    private final int poolId;

    /** Registers {@code threads} (also {@code threading}). */
    public static final class Provider implements SchedulerProvider {
        /** Creates the provider (for {@link java.util.ServiceLoader}). */
        public Provider() {}

        @Override public Set<String> names() { return Set.of("threads", "threading"); }
        @Override public Scheduler create() {
            int n = dev.blockwork.config.CoreSettings.THREADS.getInt(Runtime.getRuntime().availableProcessors());
            int id = POOLS.incrementAndGet();
            return new ThreadsScheduler(newPool(n, id), true, id);
        }
    }

    /**
     * A scheduler with a private pool of {@code threads} threads; close it when done.
     *
     * @param threads the pool's parallelism, &gt;= 1 (a task that waits for others may add a spare thread)
     * @throws IllegalArgumentException if {@code threads} is below 1
     */
    public ThreadsScheduler(int threads) {
        this(threads, POOLS.incrementAndGet());
    }

    private ThreadsScheduler(int threads, int id) {
        this(newPool(threads, id), false, id);
    }

    private ThreadsScheduler(ForkJoinPool pool, boolean shared, int poolId) {
        this.pool = pool;
        this.shared = shared;
        this.poolId = poolId;
    }

    /** {@return the number in this pool's thread names ({@code blockwork-threads-<poolId>-<n>})} */
    public int poolId() { return poolId; }

    private static ForkJoinPool newPool(int threads, int poolId) {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        AtomicInteger workers = new AtomicInteger();
        return new ForkJoinPool(threads, p -> {
            ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
            t.setName("blockwork-threads-" + poolId + "-" + workers.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, null, false);
    }

    @Override public String name() { return "threads"; }

    @Override public int parallelism() { return pool.getParallelism(); }

    @Override
    public void execute(Execution exec) {
        ensureOpen();
        int[] ready = exec.initialReady();
        int grain = Math.max(1, ready.length / (pool.getParallelism() * 8));
        pool.execute(new RangeJob(exec, ready, 0, ready.length, grain));
    }

    private void ensureOpen() {
        if (pool.isShutdown()) throw new IllegalStateException("this threads scheduler is closed");
    }

    /**
     * Shuts a private pool down: no new work is accepted, work already handed to it still runs to its end
     * (so no compute or future is left hanging), and this waits up to 10 s for that. The shared pool stays.
     */
    @Override
    public void close() {
        if (shared) return;
        pool.shutdown();
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs ready tasks {@code ready[lo..hi)} and everything they make ready in turn. */
    private static final class RangeJob extends RecursiveAction {
        private static final long serialVersionUID = 1L;
        final transient Execution exec;
        final int[] ready;
        final int lo, grain;
        int hi;

        RangeJob(Execution exec, int[] ready, int lo, int hi, int grain) {
            this.exec = exec;
            this.ready = ready;
            this.lo = lo;
            this.hi = hi;
            this.grain = grain;
        }

        @Override
        protected void compute() {
            if (exec.isTerminated()) return;
            int h = hi;
            while (h - lo > grain) {
                int mid = (lo + h) >>> 1;
                new RangeJob(exec, ready, mid, h, grain).fork();
                h = mid;
            }
            exec.enter();
            try {
                IntStack made = new IntStack();
                for (int i = lo; i < h && !exec.isTerminated(); i++) {
                    int t = ready[i];
                    while (true) {
                        exec.run(t, made);
                        if (made.isEmpty()) break;
                        t = made.pop();
                        if (!made.isEmpty()) { // share the rest; keep the last-made one for ourselves
                            int[] rest = java.util.Arrays.copyOf(made.items, made.size);
                            made.size = 0;
                            new RangeJob(exec, rest, 0, rest.length, 1).fork();
                        }
                    }
                }
            } finally {
                exec.exit();
            }
        }
    }
}
