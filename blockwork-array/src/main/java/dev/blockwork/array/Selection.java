package dev.blockwork.array;

import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.NDArray;
import dev.blockwork.ndarray.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Choosing between values element by element: {@code select} (nested fused {@code where}s), {@code choose},
 * {@code isin} and {@code searchsorted} (block functions with a per-element lookup; chunks kept).
 */
final class Selection {
    private Selection() {}

    static DArray select(List<DArray> conditions, List<DArray> choices, double defaultValue) {
        if (conditions.size() != choices.size() || conditions.isEmpty()) {
            throw new IllegalArgumentException("got " + conditions.size() + " conditions and " + choices.size()
                    + " choices, expected the same non-zero number");
        }
        DType t = choices.get(0).dtype();
        for (DArray c : choices) t = DType.promote(t, c.dtype());
        DArray r = DArray.fullLike(DArray.zeros(Shape.of(), Chunks.of(), t), defaultValue);
        for (int i = conditions.size() - 1; i >= 0; i--) r = DArray.where(conditions.get(i), choices.get(i), r);
        return r.astype(t);
    }

    static DArray choose(DArray indices, List<DArray> choices) {
        if (indices.dtype().isFloat() || choices.isEmpty()) {
            throw new IllegalArgumentException("got indices of dtype " + indices.dtype().numpyName() + " and " + choices.size()
                    + " choices, expected integer indices and at least one choice");
        }
        DType t = choices.get(0).dtype();
        for (DArray c : choices) t = DType.promote(t, c.dtype());
        DType rt = t;
        List<DArray> all = new ArrayList<>();
        all.add(indices);
        all.addAll(choices);
        return DArray.mapBlocks((blocks, info) -> {
            long[] s = info.shape();
            NDArray out = NDArray.zeros(rt, s);
            NDArray idx = blocks[0].broadcastTo(s);
            NDArray[] cs = new NDArray[blocks.length - 1];
            for (int i = 0; i < cs.length; i++) cs[i] = blocks[i + 1].astype(rt).broadcastTo(s);
            for (long f = 0, n = out.size(); f < n; f++) {
                long k = idx.getLongFlat(f);
                if (k < 0 || k >= cs.length) {
                    throw new IndexOutOfBoundsException("got index " + k + " in choose, expected 0 <= index < " + cs.length + " (choices)");
                }
                if (rt.isFloat()) out.setDoubleFlat(f, cs[(int) k].getDoubleFlat(f)); else out.setLongFlat(f, cs[(int) k].getLongFlat(f));
            }
            return out;
        }, all, rt);
    }

    static DArray isin(DArray x, double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return x.mapBlocks((b, info) -> {
            NDArray r = NDArray.zeros(DType.BOOL, b.shapeArray());
            for (long i = 0, n = b.size(); i < n; i++) {
                double v = b.getDoubleFlat(i); // NaN is in nothing (NaN != NaN); -0.0 equals 0.0
                if (!Double.isNaN(v) && (Arrays.binarySearch(sorted, v) >= 0 || (v == 0 && Arrays.binarySearch(sorted, -v) >= 0))) {
                    r.setLongFlat(i, 1);
                }
            }
            return r;
        }, x.chunks(), DType.BOOL);
    }

    static DArray searchsorted(DArray x, double[] sorted, boolean right) {
        double[] s = sorted.clone();
        return x.mapBlocks((b, info) -> {
            NDArray r = NDArray.zeros(DType.INT64, b.shapeArray());
            for (long i = 0, n = b.size(); i < n; i++) {
                double v = b.getDoubleFlat(i);
                int lo = 0, hi = s.length;
                while (lo < hi) { // first position with s[p] > v (right) or s[p] >= v (left); NaN sorts last
                    int mid = (lo + hi) >>> 1;
                    boolean after = right ? !sortsBefore(v, s[mid]) : sortsBefore(s[mid], v);
                    if (after) lo = mid + 1; else hi = mid;
                }
                r.setLongFlat(i, lo);
            }
            return r;
        }, x.chunks(), DType.INT64);
    }

    /** NumPy's sort order: {@code a < b}, with NaN after every number. */
    private static boolean sortsBefore(double a, double b) { return a < b || (!Double.isNaN(a) && Double.isNaN(b)); }
}
