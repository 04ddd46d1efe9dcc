package dev.blockwork.schedule;

import java.util.concurrent.CopyOnWriteArrayList;

/** Listeners that watch every compute in this JVM. */
public final class Listeners {
    private static final CopyOnWriteArrayList<SchedulerListener> GLOBAL = new CopyOnWriteArrayList<>();
    private static final System.Logger LOG = System.getLogger(Listeners.class.getName());

    private Listeners() {}

    /** Registers {@code listener} for every compute; close the returned handle to remove it. */
    public static AutoCloseable register(SchedulerListener listener) {
        GLOBAL.add(listener);
        return () -> GLOBAL.remove(listener);
    }

    /** The global listeners followed by {@code extra} (no copy when none is registered). */
    public static java.util.List<SchedulerListener> withGlobal(java.util.List<SchedulerListener> extra) {
        if (GLOBAL.isEmpty()) return extra;
        java.util.List<SchedulerListener> all = new java.util.ArrayList<>(GLOBAL);
        all.addAll(extra);
        return all;
    }

    /** Tells the global listeners that {@code worker} of {@code pool} started (for executors). */
    public static void workerAdded(String pool, String worker, long pid) {
        if (GLOBAL.isEmpty()) return;
        WorkerEvent e = new WorkerEvent(pool, worker, pid, null, System.nanoTime());
        for (SchedulerListener l : GLOBAL) {
            try { l.onWorkerAdded(e); } catch (Throwable x) { LOG.log(System.Logger.Level.WARNING, "a listener failed; ignoring it", x); }
        }
    }

    /** Tells the global listeners that {@code worker} of {@code pool} left, and why. */
    public static void workerRemoved(String pool, String worker, long pid, String reason) {
        if (GLOBAL.isEmpty()) return;
        WorkerEvent e = new WorkerEvent(pool, worker, pid, reason, System.nanoTime());
        for (SchedulerListener l : GLOBAL) {
            try { l.onWorkerRemoved(e); } catch (Throwable x) { LOG.log(System.Logger.Level.WARNING, "a listener failed; ignoring it", x); }
        }
    }

    static SchedulerListener[] global() {
        return GLOBAL.toArray(new SchedulerListener[0]);
    }
}
