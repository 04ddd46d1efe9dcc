package dev.blockwork.schedule;

import dev.blockwork.graph.Key;

/**
 * The engine's side of the executor protocol for tasks that run in another JVM: what the executor ships
 * and runs there, and what comes back. {@link #run()} runs the call where it lands and reports the
 * executor-side start and end time and the worker's name with the value; a failure comes back as a
 * {@link Failure} carrying the failing step's key (inside a fused chain), the worker, the times and the
 * original exception, so the failure names the same key and step on every scheduler.
 *
 * <p>The driver side turns what came back into engine reports with {@link #report(Result, long)} and
 * {@link #failureOf(Throwable)}.
 *
 * @param call the task with its resolved arguments, as {@link Execution#start(int)} made it
 */
public record RemoteTask(TaskCall call) implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** System property that a worker JVM's launcher sets to the worker's name (reported with every task). */
    public static final String WORKER_NAME_PROPERTY = "blockwork.worker.name";

    /**
     * A value and where and when it was made.
     *
     * @param value           what the task returned
     * @param worker          the worker's name ({@link #workerName()} there)
     * @param startEpochNanos when it started, in nanoseconds since the epoch on the worker's clock
     * @param endEpochNanos   when it ended, likewise
     */
    public record Result(Object value, String worker, long startEpochNanos, long endEpochNanos) implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * A task failed where it ran: the failing step, the worker, the times, and the original exception as
     * the cause. A checked exception, so transports that wrap unchecked ones keep it intact.
     */
    public static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        /** The failing step's key and function, the worker and the attempt. */
        private final TaskFailure failure;
        /** When the task started and ended, in nanoseconds since the epoch on the worker's clock. */
        private final long startEpochNanos, endEpochNanos;

        Failure(TaskFailure failure, Throwable cause, long startEpochNanos, long endEpochNanos) {
            super(failure.key() + " failed in " + failure.function() + " on " + failure.worker() + ": " + cause, cause);
            this.failure = failure;
            this.startEpochNanos = startEpochNanos;
            this.endEpochNanos = endEpochNanos;
        }

        /** {@return the failing step's key and function, the worker and the attempt} */
        public TaskFailure failure() { return failure; }

        /** {@return the worker and the executor-side times, converted to this JVM's nanoTime clock (bytes unknown: -1)} */
        public TaskReport report() {
            return new TaskReport(failure.worker(), TaskReport.fromEpochNanos(startEpochNanos), TaskReport.fromEpochNanos(endEpochNanos), -1);
        }
    }

    /** {@return this JVM's worker name: the launcher's {@value #WORKER_NAME_PROPERTY} with the pid, or just the pid} */
    public static String workerName() {
        return WORKER_NAME;
    }

    private static final String WORKER_NAME = nameOfThisJvm();

    private static String nameOfThisJvm() {
        String n = System.getProperty(WORKER_NAME_PROPERTY);
        long pid = ProcessHandle.current().pid();
        return n == null ? "pid " + pid : n + " (pid " + pid + ")";
    }

    /**
     * Runs the call here (on the worker), timing it.
     *
     * @return the value, this worker's name and the times
     * @throws Failure if the call threw anything: the failing step, this worker, the times, and the original as cause
     */
    public Result run() throws Failure {
        long t0 = TaskReport.epochNanosNow();
        try {
            Object v = call.call();
            return new Result(v, workerName(), t0, TaskReport.epochNanosNow());
        } catch (Throwable e) {
            long t1 = TaskReport.epochNanosNow();
            Key key = call.key();
            String label = call.label();
            Throwable cause = e;
            if (e instanceof FusedFunction.StepFailure sf) { // name the failing step, not the chain
                key = sf.key;
                label = sf.label;
                cause = sf.getCause();
            }
            throw new Failure(TaskFailure.of(key, label, workerName(), 1, cause), cause, t0, t1);
        }
    }

    /**
     * The engine report for a result that arrived here.
     *
     * @param r     the result
     * @param bytes its size as measured by the transport, or -1
     * @return the report, with the times converted to this JVM's nanoTime clock
     */
    public static TaskReport report(Result r, long bytes) {
        return new TaskReport(r.worker(), TaskReport.fromEpochNanos(r.startEpochNanos()), TaskReport.fromEpochNanos(r.endEpochNanos()), bytes);
    }

    /**
     * Finds the {@link Failure} in what a transport reported (it may wrap it).
     *
     * @param error what the transport reported
     * @return the {@link Failure} in {@code error}'s cause chain, or null if there is none
     */
    public static Failure failureOf(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof Failure f) return f;
            if (t.getCause() == t) break;
        }
        return null;
    }
}
