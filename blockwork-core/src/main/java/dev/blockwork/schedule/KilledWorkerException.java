package dev.blockwork.schedule;

import dev.blockwork.graph.Key;

/**
 * One task took down too many workers (Dask's {@code KilledWorker}): each time it ran, its worker died.
 * Names the task, how many workers it killed and the last death as the cause. Usual reasons: the task
 * runs out of memory (raise the workers' heap, or use smaller chunks), calls native code that crashes,
 * or calls {@code System.exit}. The limit is {@link RetryPolicy#allowedWorkerFailures()}
 * (setting {@code blockwork.allowedFailures}).
 */
public class KilledWorkerException extends TaskFailedException {
    private static final long serialVersionUID = 1L;
    /** How many workers died running this task. */
    private final int workersKilled;

    /**
     * An exception whose message names the task, the deaths, the last one and what to check.
     *
     * @param key           the task's key
     * @param function      the label of its function
     * @param workersKilled how many workers died running it
     * @param failure       the last attempt's worker and trace
     * @param lastDeath     the last {@link WorkerLostException}, not null
     */
    public KilledWorkerException(Key key, String function, int workersKilled, TaskFailure failure, Throwable lastDeath) {
        super("task " + key + " (" + function + ") killed " + workersKilled + " workers in a row, more than the "
                + (workersKilled - 1) + " allowed (blockwork.allowedFailures); the last death: " + lastDeath.getMessage()
                + ". Check the workers' output above: out of memory? native crash? System.exit?", key, function, failure, lastDeath);
        this.workersKilled = workersKilled;
    }

    /** {@return how many workers died running this task} */
    public int workersKilled() { return workersKilled; }
}
