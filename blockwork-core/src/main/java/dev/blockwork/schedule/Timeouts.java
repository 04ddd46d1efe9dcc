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
}
