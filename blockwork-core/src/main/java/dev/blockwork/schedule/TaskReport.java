package dev.blockwork.schedule;

/**
 * What an executor that runs tasks elsewhere reports with a result or a failure: where the task ran,
 * the executor's own start and end times, and the size of what travelled. Local executors need not
 * report (the engine measures them itself).
 *
 * @param worker     a worker name (for example {@code processes-worker-0.1 (pid 4242)})
 * @param startNanos the executor-side start, already converted to this JVM's {@link System#nanoTime()}
 * @param endNanos   the executor-side end, converted likewise
 * @param bytes      the result's size in bytes as transferred, -1 if not measured
 */
public record TaskReport(String worker, long startNanos, long endNanos, long bytes) {
    /**
     * Converts an epoch time in nanoseconds (another JVM's {@code Instant}) to this JVM's nanoTime clock; as exact
     * as the two machines' wall clocks agree.
     *
     * @param epochNanos nanoseconds since the epoch, e.g. from {@link #epochNanosNow()} on a worker
     * @return the same instant on this JVM's {@link System#nanoTime()} clock
     */
    public static long fromEpochNanos(long epochNanos) {
        return epochNanos - epochMinusNano();
    }

    /** epoch nanos minus nanoTime, measured at most once a second (reading the wall clock costs a call). */
    private static long epochMinusNano() {
        long now = System.nanoTime();
        long[] o = OFFSET;
        if (now - o[1] < 1_000_000_000L) return o[0];
        java.time.Instant i = java.time.Instant.now();
        long n = System.nanoTime();
        OFFSET = new long[] {i.getEpochSecond() * 1_000_000_000L + i.getNano() - n, n};
        return OFFSET[0];
    }

    /** {offset, when measured (nanoTime)}; replaced whole, so readers see a consistent pair. */
    private static volatile long[] OFFSET = {0, Long.MIN_VALUE / 2};

    /** {@return this JVM's current time as epoch nanoseconds (what a remote side sends)} */
    public static long epochNanosNow() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
