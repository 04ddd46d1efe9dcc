package dev.blockwork.cli.bench;

import java.util.Arrays;
import java.util.function.LongSupplier;

/** Repeats a measurement and reports the median: warm-up runs first, then {@code runs} timed ones. */
public final class Stats {
    private Stats() {}

    /**
     * Median of {@code runs} timings (nanoseconds) after {@code warmups} untimed calls of {@code run}.
     *
     * @param warmups calls of {@code run} before timing starts (their results are dropped)
     * @param runs timed calls, at least 1
     * @param run one measurement: returns the nanoseconds it took
     * @return the median of the {@code runs} results, in nanoseconds
     */
    public static long medianNanos(int warmups, int runs, LongSupplier run) {
        for (int i = 0; i < warmups; i++) run.getAsLong();
        long[] t = new long[runs];
        for (int i = 0; i < runs; i++) t[i] = run.getAsLong();
        Arrays.sort(t);
        return t[runs / 2];
    }

    /**
     * Times {@code r} once.
     *
     * @param r what to time
     * @return the elapsed {@link System#nanoTime()} nanoseconds
     */
    public static long time(Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        return System.nanoTime() - t0;
    }
}
