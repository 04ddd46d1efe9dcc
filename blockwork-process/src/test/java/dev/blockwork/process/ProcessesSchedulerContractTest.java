package dev.blockwork.process;

import dev.blockwork.process.schedule.ProcessesScheduler;
import dev.blockwork.schedule.Scheduler;
import dev.blockwork.schedule.SchedulerContract;
import org.junit.jupiter.api.AfterAll;

/**
 * The engine contract on {@code processes}: two worker JVMs. Timeouts and cancels must stop the work on
 * the workers (their worker is replaced), failures name the failing step of a fused chain, and listener
 * times are the workers' own.
 */
class ProcessesSchedulerContractTest extends SchedulerContract {
    static final ProcessesScheduler S = new ProcessesScheduler(2);

    @AfterAll
    static void stop() throws InterruptedException {
        S.close();
        Leaks.assertClean();
    }

    @Override protected Scheduler scheduler() { return S; }
}
