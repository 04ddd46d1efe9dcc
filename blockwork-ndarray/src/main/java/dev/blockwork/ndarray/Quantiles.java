package dev.blockwork.ndarray;

/**
 * Percentiles along one axis ({@code np.percentile(a, q, axis)}, method "linear", and {@code np.nanpercentile}):
 * each lane along the axis is copied, sorted and interpolated at position {@code q / 100 * (n - 1)} with NumPy's
 * {@code _lerp} (which computes from the upper neighbour when the fraction is at least 0.5, so the results match
 * bit for bit). A lane holding NaN gives NaN (nanpercentile drops NaNs first; an all-NaN or empty lane gives NaN).
 * Results are float64, float32 for float32 input.
 */
final class Quantiles {
    private Quantiles() {}

    static NDArray percentile(NDArray a, double q, int axis0, boolean ignoreNan) {
        return percentile(a, q, axis0, ignoreNan, QuantileMethod.LINEAR);
    }

    static NDArray percentile(NDArray a, double q, int axis0, boolean ignoreNan, QuantileMethod method) {
        if (!(q >= 0 && q <= 100)) throw new IllegalArgumentException("got percentile " + q + ", expected 0 <= q <= 100");
        int axis = Shapes.normalizeAxis(axis0, a.ndim());
        DType rt = DType.resultOfMean(a.dtype);
        int[] perm = new int[a.ndim()];
        for (int d = 0, k = 0; d < a.ndim(); d++) if (d != axis) perm[k++] = d;
        perm[a.ndim() - 1] = axis;
        NDArray moved = a.permute(perm).astype(DType.FLOAT64); // the axis last, the others in order: lanes are rows
        long n = moved.shape[moved.ndim() - 1], lanes = 1;
        for (int d = 0; d < moved.ndim() - 1; d++) lanes *= moved.shape[d];
        double[] v = (double[]) moved.data, out = new double[(int) lanes], lane = new double[(int) n];
        for (int l = 0; l < lanes; l++) {
            int m = 0;
            boolean nan = false;
            for (int i = 0; i < n; i++) {
                double x = v[(int) (l * n + i)];
                if (Double.isNaN(x)) { nan = true; if (ignoreNan) continue; }
                lane[m++] = x;
            }
            if ((nan && !ignoreNan) || m == 0) {
                out[l] = Double.NaN;
            } else {
                java.util.Arrays.sort(lane, 0, m);
                out[l] = ofSorted(lane, m, q, method);
            }
        }
        long[] rs = new long[a.ndim() - 1];
        for (int d = 0, k = 0; d < a.ndim(); d++) if (d != axis) rs[k++] = a.shape[d];
        NDArray r = NDArray.fromArray(out, rs.length == 0 ? new long[] {1} : rs);
        if (rs.length == 0) r = r.reshape();
        return rt == DType.FLOAT64 ? r : r.astype(rt);
    }

    /**
     * The {@code q}-th percentile (0..100) of the ascending {@code sorted[0, m)}, NumPy's arithmetic per method: the
     * virtual index for linear is {@code (m f + (1 - f)) - 1} with {@code f = q / 100}, for the others {@code (m - 1) f};
     * interpolation is NumPy's {@code _lerp} (from the upper neighbour when the fraction is at least 0.5).
     */
    static double ofSorted(double[] sorted, int m, double q, QuantileMethod method) {
        double f = q / 100;
        double pos = method == QuantileMethod.LINEAR ? (m * f + (1 - f)) - 1 : (m - 1) * f;
        int lo = (int) Math.max(0, Math.min(m - 1, Math.floor(pos))), hi = Math.min(m - 1, lo + 1);
        double t = pos - lo, a = sorted[lo], b = sorted[hi];
        switch (method) {
            case LOWER -> { return a; }
            case HIGHER -> { return t > 0 ? b : a; }
            case NEAREST -> { return Math.rint(pos) > lo ? b : a; }
            case MIDPOINT -> { t = t > 0 ? 0.5 : 0; }
            case LINEAR -> { }
        }
        if (a == b || t == 0) return a;
        double diff = b - a;
        return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
    }
}
