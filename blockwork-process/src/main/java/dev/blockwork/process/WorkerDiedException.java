package dev.blockwork.process;

/**
 * A pool worker JVM died (System.exit, OutOfMemoryError, kill -9...) while running a task, and the
 * task had used up the pool's retries. Names the worker, its pid and exit status, and the task. A
 * {@link dev.blockwork.schedule.WorkerLostException}: on the {@code processes} scheduler the engine
 * retries such a task itself.
 */
public class WorkerDiedException extends dev.blockwork.schedule.WorkerLostException {
    /** The dead worker's process id. */
    private final long pid;
    /** The dead worker's exit status, or -1 if it was not known. */
    private final int exitStatus;

    /**
     * An exception naming the dead worker.
     *
     * @param message    names the worker, its pid and exit status, and the task
     * @param pid        the worker's process id
     * @param exitStatus its exit status, or -1 if not known
     */
    public WorkerDiedException(String message, long pid, int exitStatus) {
        super(message);
        this.pid = pid;
        this.exitStatus = exitStatus;
    }

    /** {@return the dead worker's process id} */
    public long pid() { return pid; }

    /** {@return the worker's exit status (128 + signal number when killed by a signal, e.g. 137 for kill -9; -1 if not known)} */
    public int exitStatus() { return exitStatus; }
}
