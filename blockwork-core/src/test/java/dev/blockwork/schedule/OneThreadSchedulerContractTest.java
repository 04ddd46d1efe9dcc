package dev.blockwork.schedule;

import org.junit.jupiter.api.AfterAll;

/** The engine contract on a private pool of one thread. */
class OneThreadSchedulerContractTest extends SchedulerContract {
    static final ThreadsScheduler POOL = new ThreadsScheduler(1);

    @AfterAll
    static void closePool() { POOL.close(); }

    @Override protected Scheduler scheduler() { return POOL; }
}
