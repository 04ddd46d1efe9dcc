package dev.blockwork.ndarray;

/**
 * Cumulative sums and products along one axis ({@code np.cumsum}, {@code np.cumprod}) with NumPy's dtypes:
 * int32 and bool accumulate as int64 (NumPy's default integer on 64-bit Linux), int64 wraps, float32 accumulates
 * in float32 and float64 in float64, each in sequence along the axis as NumPy does (no pairwise sums).
 *
 * <p>Implementation overview: the input is converted once to a fresh contiguous array of the result dtype, seen
 * as {@code (outer, n, inner)} around the axis; each row {@code i} of a slab then combines with row {@code i - 1}
 * in a unit-stride loop over {@code inner}.
 */
final class Cumulative {
    private Cumulative() {}

    static DType resultType(DType t) { return t.isFloat() ? t : DType.INT64; }

    /** What a scan combines: sums, products, running maxima (NaN-propagating), or the last non-NaN value (forward fill). */
    enum Op { SUM, PROD, MAX, FFILL }

    static NDArray scan(NDArray a, int axis0, boolean prod) { return scan(a, axis0, prod ? Op.PROD : Op.SUM); }

    static NDArray scan(NDArray a, int axis0, Op op) {
        int axis = Shapes.normalizeAxis(axis0, a.ndim());
        NDArray out = a.astype(op == Op.SUM || op == Op.PROD ? resultType(a.dtype) : a.dtype == DType.BOOL ? DType.INT64 : a.dtype);

        long n = out.shape[axis], inner = 1, outer = 1;
        for (int d = axis + 1; d < out.ndim(); d++) inner *= out.shape[d];
        for (int d = 0; d < axis; d++) outer *= out.shape[d];
        int in = (int) inner;
        for (long o = 0; o < outer; o++) {
            for (long i = 1; i < n; i++) {
                int cur = (int) ((o * n + i) * inner), prev = cur - in;
                switch (out.data) {
                    case double[] v -> {
                        switch (op) {
                            case PROD -> { for (int j = 0; j < in; j++) v[cur + j] *= v[prev + j]; }
                            case SUM -> { for (int j = 0; j < in; j++) v[cur + j] += v[prev + j]; }
                            case MAX -> { for (int j = 0; j < in; j++) { double x = v[cur + j], y = v[prev + j]; v[cur + j] = x != x || y != y ? Double.NaN : Math.max(x, y); } }
                            case FFILL -> { for (int j = 0; j < in; j++) if (Double.isNaN(v[cur + j])) v[cur + j] = v[prev + j]; }
                        }
                    }
                    case float[] v -> {
                        switch (op) {
                            case PROD -> { for (int j = 0; j < in; j++) v[cur + j] *= v[prev + j]; }
                            case SUM -> { for (int j = 0; j < in; j++) v[cur + j] += v[prev + j]; }
                            case MAX -> { for (int j = 0; j < in; j++) { float x = v[cur + j], y = v[prev + j]; v[cur + j] = x != x || y != y ? Float.NaN : Math.max(x, y); } }
                            case FFILL -> { for (int j = 0; j < in; j++) if (Float.isNaN(v[cur + j])) v[cur + j] = v[prev + j]; }
                        }
                    }
                    case long[] v -> {
                        switch (op) {
                            case PROD -> { for (int j = 0; j < in; j++) v[cur + j] *= v[prev + j]; }
                            case SUM -> { for (int j = 0; j < in; j++) v[cur + j] += v[prev + j]; }
                            case MAX -> { for (int j = 0; j < in; j++) v[cur + j] = Math.max(v[cur + j], v[prev + j]); }
                            case FFILL -> { } // integers have no NaN
                        }
                    }
                    case int[] v -> {
                        if (op == Op.MAX) for (int j = 0; j < in; j++) v[cur + j] = Math.max(v[cur + j], v[prev + j]);
                    }
                    default -> throw new IllegalStateException("cumulative result dtype " + out.dtype);
                }
            }
        }
        return out;
    }
}
