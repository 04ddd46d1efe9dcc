package dev.blockwork.ndarray;

/**
 * Sorting kernels on one {@link NDArray}: {@code np.sort} and {@code np.argsort} (stable, like {@code kind="stable"})
 * along an axis, the lane selection behind {@code topk}/{@code argtopk}, and {@code np.unique} with counts of a
 * whole array. Order is NumPy's: NaN after every number; {@code -0.0} and {@code 0.0} are equal (argsort keeps
 * their original order). Integers are compared as longs (never through double), bool as 0/1. Complex128 is refused.
 *
 * <p>Implementation overview: the axis is moved last and the array copied C-contiguous, so each lane is a row.
 * {@code sort} uses the JDK's dual-pivot quicksort per row ({@link java.util.Arrays#sort(double[], int, int)} already
 * puts NaN last); {@code argsort} is a stable merge sort of an index array keyed by the row (insertion sort below
 * {@value #INSERTION} elements), with one scratch buffer per call.
 */
public final class Sorting {
    private Sorting() {}

    private static final int INSERTION = 24;

    private static void requireReal(NDArray a, String what) {
        if (a.dtype.isComplex()) throw new IllegalArgumentException(what + " got a complex128 array, expected a real or bool dtype");
    }

    /** The array with {@code axis} moved last, as a fresh contiguous copy (rows are lanes). */
    private static NDArray axisLast(NDArray a, int axis) {
        int[] perm = new int[a.ndim()];
        for (int d = 0, k = 0; d < a.ndim(); d++) if (d != axis) perm[k++] = d;
        perm[a.ndim() - 1] = axis;
        return a.permute(perm).copy();
    }

    /** Undoes {@link #axisLast}: a contiguous array in the original axis order. */
    private static NDArray axisBack(NDArray moved, int axis) {
        int n = moved.ndim();
        int[] perm = new int[n];
        for (int d = 0, k = 0; d < n; d++) perm[d] = d == axis ? n - 1 : k++;
        NDArray v = moved.permute(perm);
        return axis == n - 1 ? moved : v.copy();
    }

    /**
     * {@code np.sort(a, axis)}: a sorted copy, same dtype. A 0-d array is refused (NumPy: axis out of bounds).
     *
     * @param a     a real or bool array
     * @param axis0 the axis to sort along; negative counts from the end
     * @return a new array of {@code a}'s shape and dtype, each lane ascending (NaN last, false before true)
     * @throws IllegalArgumentException  if {@code a} is complex128
     * @throws IndexOutOfBoundsException if the axis is out of range (always for a 0-d array)
     */
    public static NDArray sort(NDArray a, int axis0) {
        requireReal(a, "sort");
        int axis = Shapes.normalizeAxis(axis0, a.ndim());
        NDArray m = axisLast(a, axis);
        int len = (int) m.shape[m.ndim() - 1];
        if (len > 1) {
            int rows = (int) (m.size() / len);
            for (int r = 0; r < rows; r++) {
                int from = r * len, to = from + len;
                switch (m.dtype) {
                    case FLOAT64 -> java.util.Arrays.sort((double[]) m.data, from, to);
                    case FLOAT32 -> java.util.Arrays.sort((float[]) m.data, from, to);
                    case INT64 -> java.util.Arrays.sort((long[]) m.data, from, to);
                    case INT32 -> java.util.Arrays.sort((int[]) m.data, from, to);
                    case BOOL -> sortBools((boolean[]) m.data, from, to);
                    case COMPLEX128 -> throw new AssertionError("refused above");
                }
            }
        }
        return axisBack(m, axis);
    }

    private static void sortBools(boolean[] b, int from, int to) {
        int f = 0;
        for (int i = from; i < to; i++) if (!b[i]) f++;
        java.util.Arrays.fill(b, from, from + f, false);
        java.util.Arrays.fill(b, from + f, to, true);
    }

    /**
     * {@code np.argsort(a, axis, kind="stable")}: int64 positions along {@code axis} that sort each lane.
     *
     * @param a     a real or bool array
     * @param axis0 the axis to sort along; negative counts from the end
     * @return int64 of {@code a}'s shape; equal elements keep their order
     * @throws IllegalArgumentException  if {@code a} is complex128
     * @throws IndexOutOfBoundsException if the axis is out of range
     */
    public static NDArray argsort(NDArray a, int axis0) {
        requireReal(a, "argsort");
        int axis = Shapes.normalizeAxis(axis0, a.ndim());
        NDArray m = axisLast(a, axis);
        int len = (int) m.shape[m.ndim() - 1];
        long[] out = new long[(int) m.size()];
        if (len > 0) {
            int rows = (int) (m.size() / len);
            Keys keys = Keys.of(m);
            int[] idx = new int[len], tmp = new int[len];
            for (int r = 0; r < rows; r++) {
                int base = r * len;
                for (int i = 0; i < len; i++) idx[i] = i;
                keys.base = base;
                mergeSort(idx, tmp, 0, len, keys);
                for (int i = 0; i < len; i++) out[base + i] = idx[i];
            }
        }
        return axisBack(NDArray.fromArray(out, m.shape), axis);
    }

    /**
     * The lane selection of Dask's {@code topk}: positions along {@code axis} of the {@code |k|} largest elements of
     * each lane ({@code k > 0}, largest first; ties by position) or the {@code |k|} smallest ({@code k < 0}, smallest
     * first), as int64 of the input's shape with {@code min(|k|, len)} on the axis. NaN counts as the largest value.
     *
     * @param a     a real or bool array
     * @param k     how many, non-zero: positive for the largest, negative for the smallest
     * @param axis0 the axis to select along; negative counts from the end
     * @return the positions, int64
     * @throws IllegalArgumentException  if {@code k} is 0 or {@code a} is complex128
     * @throws IndexOutOfBoundsException if the axis is out of range
     */
    public static NDArray topkPositions(NDArray a, int k, int axis0) {
        requireReal(a, "topk");
        if (k == 0) throw new IllegalArgumentException("got k = 0, expected k != 0 (k > 0: largest, k < 0: smallest)");
        int axis = Shapes.normalizeAxis(axis0, a.ndim());
        NDArray m = axisLast(a, axis);
        int len = (int) m.shape[m.ndim() - 1], take = Math.min(Math.abs(k), len);
        long[] os = m.shape.clone();
        os[os.length - 1] = take;
        long[] out = new long[(int) Shapes.size(os)];
        if (len > 0) {
            int rows = (int) (m.size() / len);
            Keys keys = Keys.of(m);
            keys.descending = k > 0;
            int[] idx = new int[len], tmp = new int[len];
            for (int r = 0; r < rows; r++) {
                for (int i = 0; i < len; i++) idx[i] = i;
                keys.base = r * len;
                mergeSort(idx, tmp, 0, len, keys);
                for (int i = 0; i < take; i++) out[r * take + i] = idx[i];
            }
        }
        return axisBack(NDArray.fromArray(out, os), axis);
    }

    /**
     * {@code np.take_along_axis(a, positions, axis)} for int64 {@code positions} of {@code a}'s shape except on the
     * axis.
     *
     * @param a         the array to take from, any dtype
     * @param positions int64 positions along the axis, e.g. from {@link #argsort} or {@link #topkPositions}
     * @param axis0     the axis; negative counts from the end
     * @return a new array of {@code positions}' shape and {@code a}'s dtype
     * @throws IndexOutOfBoundsException if the axis is out of range
     */
    public static NDArray takeAlongAxis(NDArray a, NDArray positions, int axis0) {
        int axis = Shapes.normalizeAxis(axis0, a.ndim());
        NDArray out = NDArray.zeros(a.dtype, positions.shape);
        long[] idx = new long[a.ndim()];
        long n = positions.size();
        for (long f = 0; f < n; f++) {
            long rem = f;
            for (int d = a.ndim() - 1; d >= 0; d--) { idx[d] = rem % positions.shape[d]; rem /= positions.shape[d]; }
            long lane = idx[axis];
            idx[axis] = positions.getLong(idx);
            int src = a.position(idx);
            idx[axis] = lane;
            int dst = out.position(idx);
            copyElement(a, src, out, dst);
        }
        return out;
    }

    private static void copyElement(NDArray a, int src, NDArray out, int dst) {
        switch (a.dtype) {
            case FLOAT64 -> ((double[]) out.data)[dst] = ((double[]) a.data)[src];
            case FLOAT32 -> ((float[]) out.data)[dst] = ((float[]) a.data)[src];
            case INT64 -> ((long[]) out.data)[dst] = ((long[]) a.data)[src];
            case INT32 -> ((int[]) out.data)[dst] = ((int[]) a.data)[src];
            case BOOL -> ((boolean[]) out.data)[dst] = ((boolean[]) a.data)[src];
            case COMPLEX128 -> {
                ((double[]) out.data)[2 * dst] = ((double[]) a.data)[2 * src];
                ((double[]) out.data)[2 * dst + 1] = ((double[]) a.data)[2 * src + 1];
            }
        }
    }

    /**
     * {@code np.unique(a, return_counts=True)} of all elements: {@code [values, counts]}, the sorted distinct values
     * (a's dtype; NaNs collapse into one, as NumPy 2's {@code equal_nan=True}) and int64 counts.
     *
     * @param a a real or bool array of any shape
     * @return two 1-D arrays of the same length: the values and their counts
     * @throws IllegalArgumentException if {@code a} is complex128
     */
    public static NDArray[] uniqueCounts(NDArray a) {
        requireReal(a, "unique");
        NDArray s = sort(a.ravel().copy(), 0);
        int n = (int) s.size();
        long[] counts = new long[n];
        int[] firsts = new int[n];
        int u = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || !sameValue(s, i - 1, i)) {
                firsts[u] = i;
                u++;
            }
            counts[u - 1]++;
        }
        NDArray values = NDArray.zeros(s.dtype, u);
        for (int i = 0; i < u; i++) copyElement(s, firsts[i], values, i);
        return new NDArray[] {values, NDArray.fromArray(java.util.Arrays.copyOf(counts, u))};
    }

    private static boolean sameValue(NDArray s, int i, int j) {
        return switch (s.dtype) {
            case FLOAT64, FLOAT32 -> {
                double x = Storage.getD(s.dtype, s.data, i), y = Storage.getD(s.dtype, s.data, j);
                yield x == y || (Double.isNaN(x) && Double.isNaN(y));
            }
            default -> Storage.getL(s.dtype, s.data, i) == Storage.getL(s.dtype, s.data, j);
        };
    }

    /** Sort keys of one contiguous array, compared within the row starting at {@link #base}. */
    private abstract static class Keys {
        int base;
        boolean descending;

        /** True when element {@code i} must come before element {@code j} (strictly; ties keep their order). */
        abstract boolean before(int i, int j);

        static Keys of(NDArray m) {
            if (m.dtype.isFloat()) {
                double[] v = (double[]) m.astype(DType.FLOAT64).data;
                return new Keys() {
                    @Override boolean before(int i, int j) {
                        double x = v[base + i], y = v[base + j];
                        if (descending) { double t = x; x = y; y = t; }
                        return x < y || (Double.isNaN(y) && !Double.isNaN(x));
                    }
                };
            }
            long[] v = (long[]) m.astype(DType.INT64).data;
            return new Keys() {
                @Override boolean before(int i, int j) {
                    return descending ? v[base + j] < v[base + i] : v[base + i] < v[base + j];
                }
            };
        }
    }

    /** Stable merge sort of {@code idx[from, to)} by {@code keys}. */
    private static void mergeSort(int[] idx, int[] tmp, int from, int to, Keys keys) {
        int n = to - from;
        if (n <= INSERTION) {
            for (int i = from + 1; i < to; i++) {
                int v = idx[i], j = i - 1;
                while (j >= from && keys.before(v, idx[j])) { idx[j + 1] = idx[j]; j--; }
                idx[j + 1] = v;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(idx, tmp, from, mid, keys);
        mergeSort(idx, tmp, mid, to, keys);
        if (!keys.before(idx[mid], idx[mid - 1])) return; // already in order
        System.arraycopy(idx, from, tmp, from, n);
        int i = from, j = mid, k = from;
        while (i < mid && j < to) idx[k++] = keys.before(tmp[j], tmp[i]) ? tmp[j++] : tmp[i++];
        while (i < mid) idx[k++] = tmp[i++];
        while (j < to) idx[k++] = tmp[j++];
    }
}
