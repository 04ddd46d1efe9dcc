package dev.blockwork.array;

import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.NDArray;
import dev.blockwork.ndarray.QuantileMethod;
import java.util.ArrayList;
import java.util.List;

/**
 * Percentiles of a {@link DArray}, exact or approximate.
 *
 * <p><b>Exact, along axes.</b> The axis is rechunked into one block (keeping the other axes' chunks), then a block
 * function computes each block's percentile along it ({@link NDArray#percentile(double, int, QuantileMethod)}),
 * giving blocks of length 1 on the axis, which is then squeezed away. The cost is the rechunk: a whole lane must
 * sit in one task. Several axes (a median over {@code (0, 2)}) are moved last and merged into one first.
 *
 * <p><b>Approximate, over the whole array</b> (Dask's {@code da.percentile} with its {@code merge_percentiles}): every
 * block reports its element count and its own percentiles at the requested {@code q} plus a fixed grid
 * ({@value #GRID} points from 0 to 100, which bounds the error); each block's percentiles become weighted samples
 * (the weight of a point is the block's count times the width of its q-interval), the samples of all blocks are
 * sorted together and the requested percentiles are read off the merged cumulative weights by linear
 * interpolation. Exact when there is one block; otherwise close for large, well-mixed blocks and not exact.
 */
final class Quantile {
    private Quantile() {}

    /** Grid points every block's percentiles are computed at for the approximate merge. */
    static final int GRID = 101;

    private static void checkQ(double q) {
        if (!(q >= 0 && q <= 100)) throw new IllegalArgumentException("got percentile " + q + ", expected 0 <= q <= 100");
    }

    static DArray along(DArray x, double q, int axis0, boolean ignoreNan) { return along(x, q, axis0, ignoreNan, QuantileMethod.LINEAR); }

    static DArray along(DArray x, double q, int axis0, boolean ignoreNan, QuantileMethod method) {
        checkQ(q);
        if (x.dtype().isComplex()) throw new IllegalArgumentException("percentile got a complex128 array, expected a real dtype");
        int axis = ShapeOps.axis(axis0, x.ndim());
        long[][] c = x.chunks().sizes();
        c[axis] = new long[] {x.shape[axis]};
        DArray whole = x.rechunk(Chunks.ofTrusted(c));
        long[][] oc = whole.chunks().sizes();
        oc[axis] = new long[] {1};
        DType t = DType.resultOfMean(x.dtype());
        DArray r = whole.mapBlocks((b, info) -> {
            NDArray p = ignoreNan ? b.nanpercentile(q, axis, method) : b.percentile(q, axis, method);
            return p.expandDims(axis);
        }, Chunks.ofTrusted(oc), t);
        return r.squeeze(axis);
    }

    /** Exact percentile over several axes (null: all): those axes moved last and merged into one, then {@link #along}. */
    static DArray alongAxes(DArray x, double q, int[] axes0, boolean ignoreNan, QuantileMethod method) {
        int n = x.ndim();
        int[] axes;
        if (axes0 == null) {
            axes = new int[n];
            for (int i = 0; i < n; i++) axes[i] = i;
        } else {
            axes = new int[axes0.length];
            boolean[] seen = new boolean[n];
            for (int i = 0; i < axes0.length; i++) {
                axes[i] = ShapeOps.axis(axes0[i], n);
                if (seen[axes[i]]) throw new IllegalArgumentException("got repeated axis " + axes0[i] + " in " + java.util.Arrays.toString(axes0));
                seen[axes[i]] = true;
            }
        }
        if (axes.length == 0) throw new IllegalArgumentException("got no axes, expected at least one (or null for all)");
        if (axes.length == 1) return along(x, q, axes[0], ignoreNan, method);
        java.util.Arrays.sort(axes);
        int[] perm = new int[n];
        boolean[] reduced = new boolean[n];
        for (int a : axes) reduced[a] = true;
        int k = 0;
        long[] keep = new long[n - axes.length + 1];
        for (int d = 0; d < n; d++) if (!reduced[d]) { keep[k] = x.shape[d]; perm[k++] = d; }
        long merged = 1;
        for (int a : axes) { perm[k++] = a; merged *= x.shape[a]; }
        keep[keep.length - 1] = merged;
        DArray moved = x.transpose(perm);
        // the merged axes go into one chunk before the reshape, so the reshape needs no further rechunk
        long[][] c = moved.chunks().sizes();
        for (int d = n - axes.length; d < n; d++) c[d] = new long[] {moved.shape[d]};
        DArray lanes = moved.rechunk(Chunks.ofTrusted(c)).reshape(keep);
        return along(lanes, q, -1, ignoreNan, method);
    }

    /**
     * Dask's approximate {@code da.percentile(x, q)} over all elements (see the class comment): float64 of shape
     * {@code (q.length,)}, computed lazily by one partial per block and one merge task. NaNs are ignored when
     * {@code ignoreNan}, else a NaN anywhere gives NaN.
     */
    static DArray approximate(DArray x, double[] q, boolean ignoreNan) {
        for (double v : q) checkQ(v);
        if (x.dtype().isComplex()) throw new IllegalArgumentException("percentile got a complex128 array, expected a real dtype");
        double[] grid = grid(q);
        DArray flat = x.astype(DType.FLOAT64).ravel();
        // per block: [count, nan count, grid percentiles...]
        int width = grid.length + 2;
        long nb = flat.chunks().numBlocks(0);
        long[] widths = new long[(int) nb];
        java.util.Arrays.fill(widths, width);
        DArray parts = flat.mapBlocks((b, info) -> {
            double[] v = b.toDoubleArray();
            int m = 0, nan = 0;
            for (double d : v) if (Double.isNaN(d)) nan++; else v[m++] = d;
            java.util.Arrays.sort(v, 0, m);
            double[] out = new double[width];
            out[0] = m;
            out[1] = nan;
            for (int i = 0; i < grid.length; i++) {
                out[2 + i] = m == 0 ? Double.NaN : QuantileMethod.LINEAR.ofSorted(v, m, grid[i]);
            }
            return NDArray.fromArray(out);
        }, Chunks.ofTrusted(new long[][] {widths}), DType.FLOAT64);
        DArray all = parts.rechunk(Chunks.ofTrusted(new long[][] {{nb * width}}));
        return all.mapBlocks((b, info) -> NDArray.fromArray(merge(b.reshape(nb, width), grid, q, ignoreNan)),
                Chunks.ofTrusted(new long[][] {{q.length}}), DType.FLOAT64);
    }

    /** The requested q plus the fixed grid, sorted, without duplicates. */
    private static double[] grid(double[] q) {
        java.util.TreeSet<Double> s = new java.util.TreeSet<>();
        for (int i = 0; i < GRID; i++) s.add(100.0 * i / (GRID - 1));
        for (double v : q) s.add(v);
        return s.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Dask's {@code merge_percentiles}: weighted samples of every block, merged and read off their cumulative weights. */
    static double[] merge(NDArray parts, double[] grid, double[] q, boolean ignoreNan) {
        int blocks = (int) parts.shape(0);
        List<double[]> samples = new ArrayList<>(); // {value, weight}
        double total = 0;
        for (int b = 0; b < blocks; b++) {
            double count = parts.getDouble(b, 0), nan = parts.getDouble(b, 1);
            if (nan > 0 && !ignoreNan) {
                double[] r = new double[q.length];
                java.util.Arrays.fill(r, Double.NaN);
                return r;
            }
            if (count == 0) continue;
            total += count;
            for (int i = 0; i < grid.length; i++) {
                // the weight of grid point i: half the q-interval on each side, times the block's count
                double lo = i == 0 ? grid[0] : (grid[i - 1] + grid[i]) / 2, hi = i == grid.length - 1 ? grid[i] : (grid[i] + grid[i + 1]) / 2;
                double w = (hi - lo) / 100 * count;
                if (w > 0) samples.add(new double[] {parts.getDouble(b, 2 + i), w});
            }
        }
        double[] r = new double[q.length];
        if (samples.isEmpty()) {
            java.util.Arrays.fill(r, Double.NaN);
            return r;
        }
        samples.sort((a, b) -> Double.compare(a[0], b[0]));
        int n = samples.size();
        double[] v = new double[n], cdf = new double[n];
        double acc = 0;
        for (int i = 0; i < n; i++) {
            v[i] = samples.get(i)[0];
            acc += samples.get(i)[1];
            cdf[i] = acc - samples.get(i)[1] / 2; // the sample sits at the middle of its weight
        }
        for (int j = 0; j < q.length; j++) {
            double target = q[j] / 100 * acc;
            if (target <= cdf[0]) { r[j] = v[0]; continue; }
            if (target >= cdf[n - 1]) { r[j] = v[n - 1]; continue; }
            int lo = 0, hi = n - 1;
            while (hi - lo > 1) { int mid = (lo + hi) >>> 1; if (cdf[mid] <= target) lo = mid; else hi = mid; }
            double t = (target - cdf[lo]) / (cdf[hi] - cdf[lo]);
            r[j] = v[lo] + (v[hi] - v[lo]) * t;
        }
        // the extremes are known exactly: every block's 0th and 100th percentile is its min and max
        double mn = Double.POSITIVE_INFINITY, mx = Double.NEGATIVE_INFINITY;
        for (int b = 0; b < blocks; b++) {
            if (parts.getDouble(b, 0) == 0) continue;
            mn = Math.min(mn, parts.getDouble(b, 2));
            mx = Math.max(mx, parts.getDouble(b, 2 + grid.length - 1));
        }
        for (int j = 0; j < q.length; j++) {
            if (q[j] == 0) r[j] = mn;
            if (q[j] == 100) r[j] = mx;
        }
        return r;
    }
}
