package dev.blockwork.schedule;

import java.util.concurrent.ScheduledThreadPoolExecutor;

/** The one daemon timer thread that ends computes at their timeout; cancelled timeouts are removed at once. */
final class Timeouts {
    static final ScheduledThreadPoolExecutor TIMER = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "blockwork-timeouts");
        t.setDaemon(true);
        return t;
    });

    static {
        TIMER.setRemoveOnCancelPolicy(true);
    }

    private Timeouts() {}

    /** A duration as people write it: {@code 300 ms}, {@code 1.5 s}, {@code 2 min} (not {@code PT0.3S}). */
    static String human(long nanos) {
        if (nanos < 1_000_000) return (nanos / 1000) + " us";
        if (nanos < 1_000_000_000) return (nanos / 1_000_000) + " ms";
        double s = nanos / 1e9;
        if (s < 120) return (s == Math.rint(s) ? String.valueOf((long) s) : String.format(java.util.Locale.ROOT, "%.1f", s)) + " s";
        return String.format(java.util.Locale.ROOT, "%.0f min", s / 60);
    }
}
