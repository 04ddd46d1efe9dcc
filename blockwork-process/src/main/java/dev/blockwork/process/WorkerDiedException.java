package dev.blockwork.process;

/**
 * A pool worker JVM died (System.exit, OutOfMemoryError, kill -9...) while running a task, and the
 * task had used up the pool's retries. Names the worker, its pid and exit status, and the task. A
 * {@link dev.blockwork.schedule.WorkerLostException}: on the {@code processes} scheduler the engine
 * retries such a task itself.
 */
public class WorkerDiedException extends dev.blockwork.schedule.WorkerLostException {
    private final long pid;
    private final int exitStatus;

    public WorkerDiedException(String message, long pid, int exitStatus) {
        super(message);
        this.pid = pid;
        this.exitStatus = exitStatus;
    }

    public long pid() { return pid; }

    /** The worker's exit status (128 + signal number when killed by a signal, e.g. 137 for kill -9). */
    public int exitStatus() { return exitStatus; }
}
