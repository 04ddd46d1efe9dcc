package dev.blockwork.dashboard.internal;

import dev.blockwork.graph.Key;
import dev.blockwork.schedule.ComputeInfo;
import dev.blockwork.schedule.SchedulerListener;
import dev.blockwork.schedule.TaskEvent;
import dev.blockwork.schedule.WorkerEvent;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The listener behind the dashboard, the performance report and the trace export: it takes every task event
 * off the hot path and hands them to an {@link Aggregator} in batches.
 *
 * <p>Threading: the task callbacks run in the threads that run tasks: a finish appends two references to that
 * thread's own ring buffer (no lock, no allocation), a start only bumps that thread's counter, a released
 * result is not taken (results held come from polling task states); {@link #drain()} (one thread at a time: the sampler)
 * moves what the rings hold into the aggregator. Compute starts and ends, retries and worker events are rare
 * and go through a queue.
 *
 * <h2>Implementation overview</h2>
 * One single-producer ring per thread that reports task events ({@link ThreadLocal}); the producer publishes
 * with a release store of its write index, the consumer reads it with an acquire load, processes the slots and
 * publishes its read index the same way. A ring that fills up (its thread is faster than the sampler) is
 * drained by its own producer under the ring's lock, which the sampler also holds while draining: the counts
 * stay exact, and only that thread pays. The sampler reads the control queue <em>before</em> the rings: an
 * end seen in the queue was enqueued after its tasks' last events were written, so they are in the rings by
 * then and are applied first.
 */
public final class Collector implements SchedulerListener {
    private static final int RING = 1 << 15; // slots; two per event
    private static final VarHandle WRITE, READ;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            WRITE = l.findVarHandle(Ring.class, "write", long.class);
            READ = l.findVarHandle(Ring.class, "read", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final class Ring {
        final Thread owner = Thread.currentThread();
        final Object[] slots = new Object[RING];
        long write; // WRITE: written by the owner only
        long read;  // READ: written under this ring's lock only
        /** Tasks this thread started, and finished itself (local executors): their difference is what it runs. */
        int starts, localFinishes; // written by the owner only; read racily by the sampler (a display)
    }

    private final Aggregator aggregator;
    private final boolean taskEvents;
    private final CopyOnWriteArrayList<Ring> rings = new CopyOnWriteArrayList<>();
    private final ThreadLocal<Ring> mine = ThreadLocal.withInitial(this::newRing);
    private final ConcurrentLinkedQueue<Runnable> control = new ConcurrentLinkedQueue<>();

    /**
     * @param aggregator where events go
     * @param taskEvents whether to take per-task events (false: only compute starts and ends)
     */
    public Collector(Aggregator aggregator, boolean taskEvents) {
        this.aggregator = aggregator;
        this.taskEvents = taskEvents;
    }

    public Aggregator aggregator() { return aggregator; }

    private Ring newRing() {
        Ring r = new Ring();
        rings.add(r);
        return r;
    }

    @Override public boolean wantsTaskEvents() { return taskEvents; }

    /** Per-task events for computes small enough (see {@link Aggregator#wantsEvents}); bigger ones are polled. */
    @Override public boolean wantsTaskEvents(ComputeInfo compute) { return taskEvents && aggregator.wantsEvents(compute); }

    @Override public void onComputeStart(ComputeInfo compute) { control.add(() -> aggregator.computeStarted(compute)); }

    @Override public void onComputeFinish(ComputeInfo compute, Throwable error) {
        control.add(() -> aggregator.computeFinished(compute, error));
    }

    /** A start is only counted (per thread): progress and memory come from polling task states. */
    @Override public void onTaskStart(ComputeInfo compute, TaskEvent event) {
        if (event.worker() != null) mine.get().starts++;
    }

    @Override public void onTaskFinish(ComputeInfo compute, TaskEvent event) {
        Ring r = mine.get();
        if (event.worker() != null && event.worker() == r.owner.getName()) r.localFinishes++;
        put(r, compute, event);
    }

    @Override public void onSpill(ComputeInfo compute, Key key, long bytes) { control.add(() -> aggregator.spilled(bytes)); }

    @Override public void onResultLost(ComputeInfo compute, Key key) { control.add(() -> aggregator.resultLost(compute, key)); }

    @Override public void onTaskRetry(ComputeInfo compute, TaskEvent event, Throwable cause) {
        control.add(() -> aggregator.taskRetried(compute, event, cause));
    }

    @Override public void onWorkerAdded(WorkerEvent event) { control.add(() -> aggregator.workerAdded(event.worker(), event.pid())); }

    @Override public void onWorkerRemoved(WorkerEvent event) { control.add(() -> aggregator.workerRemoved(event.worker(), event.pid())); }

    /** The hot path: two slots in this thread's ring. */
    private void put(Ring r, ComputeInfo compute, Object payload) {
        long w = r.write;
        if (w + 2 - (long) READ.getAcquire(r) > RING) {
            synchronized (r) { drain(r); }
        }
        Object[] s = r.slots;
        s[(int) (w & (RING - 1))] = compute;
        s[(int) ((w + 1) & (RING - 1))] = payload;
        WRITE.setRelease(r, w + 2);
    }

    /** Moves every event reported so far into the aggregator; one caller at a time per ring (its lock). */
    public void drain() {
        List<Runnable> ctl = new ArrayList<>();
        for (Runnable c; (c = control.poll()) != null; ) ctl.add(c);
        for (Ring r : rings) {
            synchronized (r) { drain(r); }
            if (r.starts > 0) aggregator.workerRunning(r.owner.getName(), r.starts - r.localFinishes);
            if (!r.owner.isAlive() && (long) READ.getAcquire(r) == (long) WRITE.getAcquire(r)) rings.remove(r);
        }
        for (Runnable c : ctl) c.run();
    }

    /** Under {@code r}'s lock. */
    private void drain(Ring r) {
        long w = (long) WRITE.getAcquire(r);
        long i = r.read;
        Object[] s = r.slots;
        for (; i < w; i += 2) {
            int a = (int) (i & (RING - 1)), b = (int) ((i + 1) & (RING - 1));
            ComputeInfo c = (ComputeInfo) s[a];
            Object p = s[b];
            s[a] = null;
            s[b] = null;
            if (p instanceof TaskEvent e) aggregator.taskFinished(c, e);
        }
        READ.setRelease(r, w);
    }

    @Override public String toString() { return "dashboard collector (" + rings.size() + " rings)"; }
}
