package dev.blockwork.ndarray;

/**
 * A mergeable partial for mean, variance and standard deviation: count, mean and M2 (sum of squared
 * deviations from the mean). Blocks compute their own with {@link #of(NDArray)} or {@link Expr#moments()};
 * {@link #merge} combines two in any tree shape (Chan, Golub and LeVeque's pairwise update), so a
 * chunked array gets the same result as one block up to round-off.
 *
 * @param count number of elements
 * @param mean  their mean (NaN when count is 0)
 * @param m2    sum of squared deviations from the mean
 */
public record Moments(long count, double mean, double m2) implements java.io.Serializable {
    /** The moments of no elements; merging with it gives the other partial. */
    public static final Moments EMPTY = new Moments(0, Double.NaN, 0);

    /**
     * Moments of every element of {@code a}.
     *
     * @param a a real array (its values taken as doubles)
     * @return its count, mean and M2
     */
    public static Moments of(NDArray a) { return Expr.of(a).moments(); }

    /**
     * Moments of a run of values in one vectorisable pass of sums shifted by the run's first value
     * ({@code mean = k + S/n}, {@code M2 = Q - S^2/n} with {@code S = sum(x - k)}, {@code Q = sum((x - k)^2)}):
     * the shift is a sample of the data, so the cancellation stays at the level of round-off for runs of tile
     * size; non-finite values fall back to {@link #ofTwoPass}.
     *
     * @param v    the values
     * @param from the run's first index in {@code v}
     * @param to   the index after its last
     * @return the run's moments; {@link #EMPTY} for an empty run
     */
    public static Moments of(double[] v, int from, int to) {
        int n = to - from;
        if (n == 0) return EMPTY;
        double k = v[from];
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, q0 = 0, q1 = 0, q2 = 0, q3 = 0;
        int i = from;
        for (; i + 4 <= to; i += 4) {
            double d0 = v[i] - k, d1 = v[i + 1] - k, d2 = v[i + 2] - k, d3 = v[i + 3] - k;
            s0 += d0;
            s1 += d1;
            s2 += d2;
            s3 += d3;
            q0 += d0 * d0;
            q1 += d1 * d1;
            q2 += d2 * d2;
            q3 += d3 * d3;
        }
        for (; i < to; i++) {
            double d = v[i] - k;
            s0 += d;
            q0 += d * d;
        }
        double s = (s0 + s1) + (s2 + s3), q = (q0 + q1) + (q2 + q3);
        if (!Double.isFinite(s) || !Double.isFinite(q) || !Double.isFinite(k)) return ofTwoPass(v, from, to);
        return new Moments(n, k + s / n, Math.max(0, q - s * s / n));
    }

    /**
     * Moments of a run of values (corrected two-pass: mean, then squared deviations, less the round-off of the
     * mean).
     *
     * @param v    the values
     * @param from the run's first index in {@code v}
     * @param to   the index after its last
     * @return the run's moments; {@link #EMPTY} for an empty run
     */
    public static Moments ofTwoPass(double[] v, int from, int to) {
        int n = to - from;
        if (n == 0) return EMPTY;
        double s = 0;
        for (int i = from; i < to; i++) s += v[i];
        double mean = s / n, m2 = 0, c = 0;
        for (int i = from; i < to; i++) {
            double d = v[i] - mean;
            m2 += d * d;
            c += d;
        }
        m2 -= c * c / n; // corrected two-pass: removes the round-off of the mean
        return new Moments(n, mean + c / n, m2);
    }

    /**
     * Chan et al.'s pairwise combination: the moments of both runs together.
     *
     * @param o the other partial
     * @return the combined moments; the non-empty one if either is empty
     */
    public Moments merge(Moments o) {
        if (o.count == 0) return this;
        if (count == 0) return o;
        long n = count + o.count;
        double delta = o.mean - mean;
        double mean = this.mean + delta * o.count / n;
        double m2 = this.m2 + o.m2 + delta * delta * ((double) count * o.count / n);
        return new Moments(n, mean, m2);
    }

    /**
     * Variance with {@code ddof} delta degrees of freedom: {@code M2 / max(count - ddof, 0)} as NumPy, so
     * {@code ddof >= count} gives inf when M2 is positive and NaN when it is 0 (and for no elements).
     *
     * @param ddof delta degrees of freedom: 0 for the population variance ({@code np.var}'s default), 1 for the sample
     * @return the variance
     */
    public double variance(int ddof) { return varianceOf(m2, count, ddof); }

    /**
     * NumPy's {@code M2 / max(n - ddof, 0)} (inf or NaN when the divisor is 0); a negative M2 from round-off counts
     * as 0.
     *
     * @param m2   the sum of squared deviations from the mean
     * @param n    the number of elements
     * @param ddof delta degrees of freedom
     * @return the variance
     */
    public static double varianceOf(double m2, long n, int ddof) { return Math.max(0, m2) / Math.max(0, n - ddof); }

    /**
     * Standard deviation, {@code sqrt(variance(ddof))}, as {@code np.std}.
     *
     * @param ddof delta degrees of freedom: 0 for the population, 1 for the sample
     * @return the standard deviation
     */
    public double std(int ddof) { return Math.sqrt(variance(ddof)); }

    NDArray meanArray(DType t) { return NDArray.scalar(mean, t); }
}
