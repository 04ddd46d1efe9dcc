package dev.blockwork.ndarray;

/**
 * NumPy's {@code method=} for {@code percentile}/{@code quantile}: where between the two order statistics around
 * the virtual index {@code (n - 1) q} the result lies.
 */
public enum QuantileMethod {
    /** Linear interpolation (NumPy's default). */
    LINEAR,
    /** The lower neighbour, {@code floor((n - 1) q)}. */
    LOWER,
    /** The upper neighbour, {@code ceil((n - 1) q)}. */
    HIGHER,
    /** The nearer neighbour, ties to the even index (NumPy's {@code around}). */
    NEAREST,
    /** The mean of the two neighbours (the value itself when they are the same element). */
    MIDPOINT;

    /**
     * The {@code q}-th percentile (0..100) of the ascending {@code sorted[0, m)}, {@code m >= 1}, by this method.
     *
     * @param sorted values in ascending order
     * @param m      how many of them count, &gt;= 1
     * @param q      the percentile, in [0, 100]
     * @return the percentile
     */
    public double ofSorted(double[] sorted, int m, double q) { return Quantiles.ofSorted(sorted, m, q, this); }

    /**
     * The method of a NumPy {@code method=} name: {@code "linear"}, {@code "lower"}, {@code "higher"},
     * {@code "nearest"} or {@code "midpoint"}, any case.
     *
     * @param name the method's name
     * @return the method
     * @throws IllegalArgumentException naming the accepted names, for any other
     */
    public static QuantileMethod of(String name) {
        for (QuantileMethod m : values()) if (m.name().equalsIgnoreCase(name)) return m;
        throw new IllegalArgumentException("got method '" + name + "', expected one of linear, lower, higher, nearest, midpoint");
    }
}
