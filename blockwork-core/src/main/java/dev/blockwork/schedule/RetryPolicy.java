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
 *
 * @param retries               times a task whose own code threw is run again, &gt;= 0
 * @param allowedWorkerFailures times a task may lose its worker and run again, &gt;= 0
 */
public record RetryPolicy(int retries, int allowedWorkerFailures) {
    /**
     * Checks the counts.
     *
     * @throws IllegalArgumentException if a count is negative
     */
    public RetryPolicy {
        if (retries < 0) throw new IllegalArgumentException("got retries " + retries + ", expected >= 0");
        if (allowedWorkerFailures < 0) {
            throw new IllegalArgumentException("got allowedWorkerFailures " + allowedWorkerFailures + ", expected >= 0");
        }
    }

    /** {@return no retries of task errors, and {@code blockwork.allowedFailures} (default 3) worker deaths} */
    public static RetryPolicy defaults() {
        return new RetryPolicy(0, CoreSettings.ALLOWED_FAILURES.getInt());
    }

    /**
     * Runs a task whose own code threw up to {@code n} more times.
     *
     * @param n retries, &gt;= 0
     * @return a copy with that count
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public RetryPolicy withRetries(int n) { return new RetryPolicy(n, allowedWorkerFailures); }

    /**
     * Lets a task lose its worker {@code n} times and run again; one more death fails it with {@link KilledWorkerException}.
     *
     * @param n worker deaths, &gt;= 0
     * @return a copy with that count
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public RetryPolicy withAllowedWorkerFailures(int n) { return new RetryPolicy(retries, n); }
}
