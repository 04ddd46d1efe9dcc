package dev.blockwork.cli.examples;

import java.util.Arrays;

/**
 * Nearest-rank percentiles of a set of latencies in nanoseconds. Immutable; nothing blocks.
 *
 * <p>Implementation overview: sorts a copy once; percentile {@code p} is the value at rank
 * {@code ceil(p/100 × n)} (1-based), the definition that never interpolates a latency that was not observed.
 */
public final class LatencySummary {
    private final long[] sortedNanos;

    /**
     * Summarises {@code nanos} (copied).
     *
     * @param nanos latencies in nanoseconds, at least one
     * @throws IllegalArgumentException if {@code nanos} is empty
     */
    public LatencySummary(long[] nanos) {
        if (nanos.length == 0) {
            throw new IllegalArgumentException("got 0 latencies, expected at least 1");
        }
        this.sortedNanos = nanos.clone();
        Arrays.sort(sortedNanos);
    }

    /**
     * Returns the nearest-rank {@code p}-th percentile in milliseconds.
     *
     * @param p the percentile, {@code 0 < p <= 100}
     * @return that percentile, in milliseconds
     * @throws IllegalArgumentException unless {@code 0 < p <= 100}
     */
    public double percentileMillis(double p) {
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("got percentile " + p + ", expected 0 < p <= 100");
        }
        int rank = (int) Math.ceil(p / 100 * sortedNanos.length);
        return sortedNanos[Math.max(rank, 1) - 1] / 1e6;
    }

    /**
     * Returns the number of latencies.
     *
     * @return how many latencies were given
     */
    public int count() {
        return sortedNanos.length;
    }
}
