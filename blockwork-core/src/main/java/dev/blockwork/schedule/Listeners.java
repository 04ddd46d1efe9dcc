package dev.blockwork.schedule;

import java.util.concurrent.CopyOnWriteArrayList;

/** Listeners that watch every compute in this JVM. */
public final class Listeners {
    private static final CopyOnWriteArrayList<SchedulerListener> GLOBAL = new CopyOnWriteArrayList<>();

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

    static SchedulerListener[] global() {
        return GLOBAL.toArray(new SchedulerListener[0]);
    }
}
