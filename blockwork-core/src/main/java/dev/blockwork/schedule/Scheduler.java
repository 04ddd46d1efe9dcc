package dev.blockwork.schedule;

/**
 * Runs tasks somewhere: in the caller's thread ({@code sync}), on a work-stealing pool ({@code threads},
 * the default), on worker JVMs ({@code processes}), on a cluster. The task-state machine is
 * {@link Execution}'s, shared by all, for graphs and futures alike; a scheduler only says where a task
 * runs, following the executor protocol described there.
 *
 * <p>Implementations are thread-safe: several computes may run on one scheduler at once. New schedulers
 * register a {@link SchedulerProvider} through {@link java.util.ServiceLoader}.
 */
public interface Scheduler extends AutoCloseable {

    /** {@return the name users select it by, e.g. {@code threads}} */
    String name();

    /**
     * Starts running {@code execution}'s tasks and returns; {@link Execution#result()} tells when it ends.
     * A scheduler that runs tasks in the calling thread (sync) returns only when it has ended.
     *
     * @param execution the execution to run, fresh (no task handed out yet)
     */
    void execute(Execution execution);

    /** {@return how many tasks it runs at once (for chunking decisions)} */
    int parallelism();

    /** Releases the scheduler's own resources (a shared default instance ignores this). */
    @Override
    default void close() {}
}
