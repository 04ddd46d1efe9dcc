package dev.blockwork.schedule;

/** The engine contract on {@code sync} (every task in the caller's thread). */
class SyncSchedulerContractTest extends SchedulerContract {
    @Override protected Scheduler scheduler() { return Schedulers.get("sync"); }

    @Override protected boolean cancellableFromOutside() { return false; }
}
