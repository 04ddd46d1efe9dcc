package dev.blockwork.schedule;

/** The engine contract on the shared {@code threads} pool. */
class ThreadsSchedulerContractTest extends SchedulerContract {
    @Override protected Scheduler scheduler() { return Schedulers.get("threads"); }
}
