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

    static SchedulerListener[] global() {
        return GLOBAL.toArray(new SchedulerListener[0]);
    }
}
