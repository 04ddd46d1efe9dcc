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

    static NDArray scan(NDArray a, int axis0, boolean prod) {
        int axis = Shapes.normalizeAxis(axis0, a.ndim());
        NDArray out = a.astype(resultType(a.dtype));
        long n = out.shape[axis], inner = 1, outer = 1;
        for (int d = axis + 1; d < out.ndim(); d++) inner *= out.shape[d];
        for (int d = 0; d < axis; d++) outer *= out.shape[d];
        int in = (int) inner;
        for (long o = 0; o < outer; o++) {
            for (long i = 1; i < n; i++) {
                int cur = (int) ((o * n + i) * inner), prev = cur - in;
                switch (out.data) {
                    case double[] v -> {
                        if (prod) for (int j = 0; j < in; j++) v[cur + j] *= v[prev + j];
                        else for (int j = 0; j < in; j++) v[cur + j] += v[prev + j];
                    }
                    case float[] v -> {
                        if (prod) for (int j = 0; j < in; j++) v[cur + j] *= v[prev + j];
                        else for (int j = 0; j < in; j++) v[cur + j] += v[prev + j];
                    }
                    case long[] v -> {
                        if (prod) for (int j = 0; j < in; j++) v[cur + j] *= v[prev + j];
                        else for (int j = 0; j < in; j++) v[cur + j] += v[prev + j];
                    }
                    default -> throw new IllegalStateException("cumulative result dtype " + out.dtype);
                }
            }
        }
        return out;
    }
}
