package dev.blockwork.schedule;

import java.util.concurrent.CopyOnWriteArrayList;

/** Listeners that watch every compute in this JVM. */
public final class Listeners {
    private static final CopyOnWriteArrayList<SchedulerListener> GLOBAL = new CopyOnWriteArrayList<>();
    private static final System.Logger LOG = System.getLogger(Listeners.class.getName());

    private Listeners() {}

    /**
     * Registers {@code listener} for every compute of this JVM (and for worker events); thread-safe.
     *
     * @param listener the listener
     * @return a handle whose {@code close()} removes it (computes already running may still call it)
     */
    public static AutoCloseable register(SchedulerListener listener) {
        GLOBAL.add(listener);
        return () -> GLOBAL.remove(listener);
    }

    /**
     * The listeners a compute gets: the global ones followed by the call's own.
     *
     * @param extra the call's own listeners
     * @return the global listeners followed by {@code extra}; {@code extra} itself when none is registered
     */
    public static java.util.List<SchedulerListener> withGlobal(java.util.List<SchedulerListener> extra) {
        if (!autostarted) autostart();
        if (GLOBAL.isEmpty()) return extra;
        java.util.List<SchedulerListener> all = new java.util.ArrayList<>(GLOBAL);
        all.addAll(extra);
        return all;
    }

    /**
     * Tells the global listeners that {@code worker} of {@code pool} started (for executors); a listener that
     * throws is logged and skipped.
     *
     * @param pool   the pool's or scheduler's name
     * @param worker the worker's name
     * @param pid    its process id
     */
    public static void workerAdded(String pool, String worker, long pid) {
        if (GLOBAL.isEmpty()) return;
        WorkerEvent e = new WorkerEvent(pool, worker, pid, null, System.nanoTime());
        for (SchedulerListener l : GLOBAL) {
            try { l.onWorkerAdded(e); } catch (Throwable x) { LOG.log(System.Logger.Level.WARNING, "a listener failed; ignoring it", x); }
        }
    }

    /**
     * Tells the global listeners that {@code worker} of {@code pool} left, and why; a listener that throws is
     * logged and skipped.
     *
     * @param pool   the pool's or scheduler's name
     * @param worker the worker's name
     * @param pid    its process id
     * @param reason why it left: died with exit status..., replaced after a cancel...
     */
    public static void workerRemoved(String pool, String worker, long pid, String reason) {
        if (GLOBAL.isEmpty()) return;
        WorkerEvent e = new WorkerEvent(pool, worker, pid, reason, System.nanoTime());
        for (SchedulerListener l : GLOBAL) {
            try { l.onWorkerRemoved(e); } catch (Throwable x) { LOG.log(System.Logger.Level.WARNING, "a listener failed; ignoring it", x); }
        }
    }

    static SchedulerListener[] global() {
        if (!autostarted) autostart();
        return GLOBAL.toArray(new SchedulerListener[0]);
    }

    /** Whether the {@code dashboard} setting has been looked at (once per JVM, at the first compute). */
    private static volatile boolean autostarted;

    /**
     * With {@code dashboard=on}, starts the dashboard found through {@link java.util.ServiceLoader} before the
     * first compute (so that its listener sees it); the class path is scanned only when the setting is on.
     */
    private static synchronized void autostart() {
        if (autostarted) return;
        autostarted = true;
        String mode = dev.blockwork.config.CoreSettings.DASHBOARD.get().trim().toLowerCase(java.util.Locale.ROOT);
        if (!mode.equals("on") && !mode.equals("true") && !mode.equals("yes")) return;
        boolean found = false;
        for (dev.blockwork.spi.DashboardProvider p : java.util.ServiceLoader.load(dev.blockwork.spi.DashboardProvider.class)) {
            found = true;
            try { p.start(); } catch (RuntimeException e) { LOG.log(System.Logger.Level.WARNING, "the dashboard did not start", e); }
        }
        if (!found) {
            LOG.log(System.Logger.Level.WARNING, "dashboard=on, but no dashboard is on the class path: add blockwork-dashboard");
        }
    }
}
