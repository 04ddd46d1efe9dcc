package dev.blockwork.cluster;

import dev.blockwork.schedule.Scheduler;
import dev.blockwork.schedule.SchedulerContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The engine contract on {@code cluster}: a 2-worker {@link LocalCluster} (two member JVMs). Timeouts and cancels
 * must stop the work on the workers (their task threads are interrupted), failures name the failing step of a
 * fused chain, and listener times are the workers' own.
 */
class ClusterSchedulerContractTest extends SchedulerContract {
    static LocalCluster local;

    @BeforeAll
    static void start() { local = LocalCluster.start(2); }

    @AfterAll
    static void stop() { Leaks.closeAndCheck(local); }

    @Override protected Scheduler scheduler() { return local.scheduler(); }
}
