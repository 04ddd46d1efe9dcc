package dev.blockwork.array;

import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.NDArray;
import dev.blockwork.schedule.ComputeOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * Sorting and sets on {@link DArray}: {@code sort}/{@code argsort} along an axis, Dask's {@code topk}/{@code argtopk}
 * as a tree reduction, {@code unique} with counts and inverse.
 *
 * <p>{@code sort} and {@code argsort} rechunk the axis into one chunk (other axes keep theirs), as Dask's
 * {@code sort}-free design implies and as {@code apply_along_axis} does: each lane must fit in one task; blocks sort
 * in parallel ({@link dev.blockwork.ndarray.Sorting}: stable, NaN last).
 *
 * <p>{@code topk} follows Dask's {@code topk}: each block keeps its {@code |k|} best elements along the axis (in
 * order), then groups of {@value #SPLIT_EVERY} neighbouring chunks are joined (a rechunk) and reduced to {@code |k|}
 * again, level by level until one chunk is left, so no task ever holds more than {@code SPLIT_EVERY * |k|} elements
 * of a lane. {@code argtopk} carries global positions beside the values through the same tree. Ties keep the lower
 * position first.
 */
final class Sorting {
    private Sorting() {}

    /** Chunks joined per level of the topk tree (Dask's {@code split_every} default for topk is 8 too). */
    static final int SPLIT_EVERY = 8;

    private static DArray wholeAxis(DArray x, int axis) {
        long[][] c = x.chunks().sizes();
        c[axis] = new long[] {x.shape[axis]};
        return x.rechunk(Chunks.ofTrusted(c));
    }

    private static void requireReal(DArray x, String what) {
        if (x.dtype().isComplex()) throw new IllegalArgumentException(what + " got a complex128 array, expected a real or bool dtype");
    }

    static DArray sort(DArray x, int axis0) {
        requireReal(x, "sort");
        int axis = ShapeOps.axis(axis0, x.ndim());
        DArray w = wholeAxis(x, axis);
        return w.mapBlocks((b, info) -> b.sort(axis), w.chunks(), x.dtype());
    }

    static DArray argsort(DArray x, int axis0) {
        requireReal(x, "argsort");
        int axis = ShapeOps.axis(axis0, x.ndim());
        DArray w = wholeAxis(x, axis);
        return w.mapBlocks((b, info) -> b.argsort(axis), w.chunks(), DType.INT64);
    }

    static DArray topk(DArray x, int k, int axis0, boolean positions) {
        requireReal(x, positions ? "argtopk" : "topk");
        int axis = ShapeOps.axis(axis0, x.ndim());
        long n = x.shape[axis];
        int m = Math.abs(k);
        if (k == 0 || m > n) throw new IllegalArgumentException("got k " + k + ", expected 1 <= |k| <= " + n + " (the axis length)");
        Chunks c0 = capped(x.chunks(), axis, m);
        DArray vals = x.mapBlocks((b, info) -> select(b, k, axis), c0, x.dtype());
        DArray pos = !positions ? null : x.mapBlocks((b, info) -> {
            NDArray p = dev.blockwork.ndarray.Sorting.topkPositions(b, k, axis);
            return p.expr().add(info.offset()[axis]).evaluate();
        }, c0, DType.INT64);
        while (vals.chunks().numBlocks(axis) > 1) {
            Chunks grouped = grouped(vals.chunks(), axis);
            Chunks next = capped(grouped, axis, m);
            DArray rv = vals.rechunk(grouped);
            if (positions) {
                DArray rp = pos.rechunk(grouped);
                pos = MultiMapBlocksLayer.mapBlocks((bs, info) -> dev.blockwork.ndarray.Sorting.takeAlongAxis(bs[1],
                        dev.blockwork.ndarray.Sorting.topkPositions(bs[0], k, axis), axis), List.of(rv, rp), DType.INT64, next);
            }
            vals = rv.mapBlocks((b, info) -> select(b, k, axis), next, x.dtype());
        }
        return positions ? pos : vals;
    }

    private static NDArray select(NDArray b, int k, int axis) {
        return dev.blockwork.ndarray.Sorting.takeAlongAxis(b, dev.blockwork.ndarray.Sorting.topkPositions(b, k, axis), axis);
    }

    /** {@code c} with every chunk along {@code axis} cut to at most {@code m}. */
    private static Chunks capped(Chunks c, int axis, int m) {
        long[][] s = c.sizes();
        for (int i = 0; i < s[axis].length; i++) s[axis][i] = Math.min(m, s[axis][i]);
        return Chunks.ofTrusted(s);
    }

    /** {@code c} with runs of {@link #SPLIT_EVERY} neighbouring chunks along {@code axis} joined. */
    private static Chunks grouped(Chunks c, int axis) {
        long[][] s = c.sizes();
        List<Long> g = new ArrayList<>();
        for (int i = 0; i < s[axis].length; i += SPLIT_EVERY) {
            long sum = 0;
            for (int j = i; j < Math.min(s[axis].length, i + SPLIT_EVERY); j++) sum += s[axis][j];
            g.add(sum);
        }
        s[axis] = g.stream().mapToLong(Long::longValue).toArray();
        return Chunks.ofTrusted(s);
    }

    /**
     * {@code np.unique(x, return_counts=True)}, computed now: every block's distinct values and counts in its own task
     * ({@link dev.blockwork.ndarray.Sorting#uniqueCounts}), then the sorted partials merged pairwise in a balanced tree
     * (counts of equal values added). Returns {@code [values, counts]}.
     */
    static NDArray[] uniqueCounts(DArray x, ComputeOptions options) {
        requireReal(x, "unique");
        Object[] parts = BlockSummaries.summarise(x, (b, off) -> dev.blockwork.ndarray.Sorting.uniqueCounts(b), options);
        List<NDArray[]> level = new ArrayList<>();
        for (Object p : parts) level.add((NDArray[]) p);
        if (level.isEmpty()) return new NDArray[] {NDArray.zeros(x.dtype(), 0), NDArray.zeros(DType.INT64, 0)};
        while (level.size() > 1) {
            List<NDArray[]> next = new ArrayList<>();
            for (int i = 0; i < level.size(); i += 2) next.add(i + 1 < level.size() ? merge(level.get(i), level.get(i + 1)) : level.get(i));
            level = next;
        }
        return level.get(0);
    }

    /** Merges two sorted (values, counts) partials: one pass, equal values (NaN with NaN) add their counts. */
    private static NDArray[] merge(NDArray[] a, NDArray[] b) {
        DType t = a[0].dtype();
        int na = (int) a[0].size(), nb = (int) b[0].size();
        long[] ca = a[1].toLongArray(), cb = b[1].toLongArray(), cnt = new long[na + nb];
        int[] src = new int[na + nb]; // >= 0: from a, < 0: from b (~index)
        int i = 0, j = 0, u = 0;
        boolean floats = t.isFloat();
        double[] fa = floats ? a[0].toDoubleArray() : null, fb = floats ? b[0].toDoubleArray() : null;
        long[] la = floats ? null : a[0].toLongArray(), lb = floats ? null : b[0].toLongArray();
        while (i < na || j < nb) {
            int cmp;
            if (i == na) cmp = 1;
            else if (j == nb) cmp = -1;
            else if (floats) cmp = compare(fa[i], fb[j]);
            else cmp = Long.compare(la[i], lb[j]);
            if (cmp <= 0) {
                src[u] = i;
                cnt[u] = ca[i] + (cmp == 0 ? cb[j] : 0);
                if (cmp == 0) j++;
                i++;
            } else {
                src[u] = ~j;
                cnt[u] = cb[j++];
            }
            u++;
        }
        NDArray v = NDArray.zeros(t, u);
        for (int k = 0; k < u; k++) {
            if (floats) v.setDoubleFlat(k, src[k] >= 0 ? fa[src[k]] : fb[~src[k]]);
            else v.setLongFlat(k, src[k] >= 0 ? la[src[k]] : lb[~src[k]]);
        }
        return new NDArray[] {v, NDArray.fromArray(java.util.Arrays.copyOf(cnt, u))};
    }

    /** NumPy's sort order for unique: numbers ascending ({@code -0.0 == 0.0}), every NaN equal and last. */
    private static int compare(double x, double y) {
        if (Double.isNaN(x) || Double.isNaN(y)) return Double.isNaN(x) ? (Double.isNaN(y) ? 0 : 1) : -1;
        return x < y ? -1 : x > y ? 1 : 0;
    }

    /**
     * The inverse of {@code np.unique(x, return_inverse=True)} given the sorted distinct {@code values}: lazy, x's shape
     * (NumPy 2), int64 positions in {@code values}, by binary search per block.
     */
    static DArray inverse(DArray x, NDArray values) {
        boolean floats = values.dtype().isFloat();
        double[] fv = floats ? values.toDoubleArray() : null;
        long[] lv = floats ? null : values.toLongArray();
        return x.mapBlocks((b, info) -> {
            NDArray out = NDArray.zeros(DType.INT64, b.shapeArray());
            for (long f = 0, n = b.size(); f < n; f++) {
                int p;
                if (floats) {
                    double v = b.getDoubleFlat(f);
                    int lo = 0, hi = fv.length;
                    while (lo < hi) { int mid = (lo + hi) >>> 1; if (compare(fv[mid], v) < 0) lo = mid + 1; else hi = mid; }
                    p = lo;
                } else {
                    p = java.util.Arrays.binarySearch(lv, b.getLongFlat(f));
                }
                out.setLongFlat(f, p);
            }
            return out;
        }, x.chunks(), DType.INT64);
    }
}
