package dev.blockwork.schedule;

import dev.blockwork.config.CoreSettings;

/**
 * When the engine runs a failed task again (the RUNNING → READY transition).
 * <ul>
 *   <li>{@code retries}: times a task whose own code threw is run again (Dask's {@code retries=}); default 0.</li>
 *   <li>{@code allowedWorkerFailures}: times a task may lose its worker ({@link WorkerLostException}) and be
 *       run again elsewhere; one more death fails it with {@link KilledWorkerException}. Setting
 *       {@code blockwork.allowedFailures}, default 3 (Dask's {@code distributed.scheduler.allowed-failures}).</li>
 * </ul>
 * A retry is visible to listeners ({@link SchedulerListener#onTaskRetry}) and in the task's story.
 */
public record RetryPolicy(int retries, int allowedWorkerFailures) {
    public RetryPolicy {
        if (retries < 0) throw new IllegalArgumentException("got retries " + retries + ", expected >= 0");
        if (allowedWorkerFailures < 0) {
            throw new IllegalArgumentException("got allowedWorkerFailures " + allowedWorkerFailures + ", expected >= 0");
        }
    }

    /** No retries of task errors; {@code blockwork.allowedFailures} (default 3) worker deaths. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(0, CoreSettings.ALLOWED_FAILURES.getInt());
    }

    public RetryPolicy withRetries(int n) { return new RetryPolicy(n, allowedWorkerFailures); }

    public RetryPolicy withAllowedWorkerFailures(int n) { return new RetryPolicy(retries, n); }
}
