package dev.blockwork.array;

import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.NDArray;
import dev.blockwork.schedule.ComputeOptions;
import java.util.List;

/**
 * The parts of {@code np.histogram}, {@code np.histogramdd}, {@code np.bincount} and {@code np.digitize} beyond
 * {@link Counting}'s equal-bin counts: explicit (possibly uneven) bin edges, bins over the data's own range (one
 * min/max pass computed when called, as NumPy does; Dask needs the range given), weights, {@code density}, a
 * {@code bincount} whose length comes from the data, and {@code digitize} with {@code right} and decreasing bins.
 * Counts are per-block partials summed by the tree reduction ({@link Counting#counts}).
 */
final class Histograms {
    private Histograms() {}

    /** Checks that {@code edges} has at least 2 entries, all finite and non-decreasing; names the first bad one. */
    static double[] checkEdges(double[] edges, String what) {
        if (edges.length < 2) throw new IllegalArgumentException(what + " got " + edges.length + " bin edges, expected at least 2");
        for (int i = 0; i < edges.length; i++) {
            if (!Double.isFinite(edges[i])) throw new IllegalArgumentException(what + " got bin edge " + edges[i] + " at " + i + ", expected finite edges");
            if (i > 0 && edges[i] < edges[i - 1]) {
                throw new IllegalArgumentException(what + " got bins that decrease at " + i + " (" + edges[i - 1] + " then " + edges[i]
                        + "), expected monotonically increasing bin edges");
            }
        }
        return edges.clone();
    }

    /** The bin of {@code v} for edges {@code e} (last bin closed), or -1 outside / NaN. */
    static int binOf(double[] e, double v) {
        if (!(v >= e[0] && v <= e[e.length - 1])) return -1;
        if (v == e[e.length - 1]) return e.length - 2;
        int lo = 0, hi = e.length; // first edge > v
        while (lo < hi) { int mid = (lo + hi) >>> 1; if (e[mid] <= v) lo = mid + 1; else hi = mid; }
        return lo - 1;
    }

    /**
     * {@code np.histogram(x, bins=edges, weights=w, density=d)[0]}: int64 counts (float64 with weights or density) in
     * the bins {@code [e_i, e_{i+1})}, the last one closed; values outside and NaN are not counted.
     */
    static DArray histogram(DArray x, double[] edges0, DArray weights, boolean density) {
        double[] e = checkEdges(edges0, "histogram");
        checkWeights(x, weights);
        int bins = e.length - 1;
        DType t = weights == null ? DType.INT64 : DType.FLOAT64;
        DArray h = Counting.counts(x, weights, bins, t, (b, w) -> {
            NDArray out = NDArray.zeros(t, bins);
            for (long i = 0, n = b.size(); i < n; i++) {
                int k = binOf(e, b.getDoubleFlat(i));
                if (k < 0) continue;
                if (w == null) out.setLongFlat(k, out.getLongFlat(k) + 1);
                else out.setDoubleFlat(k, out.getDoubleFlat(k) + w.getDoubleFlat(i));
            }
            return out;
        });
        return density ? density(h, new double[][] {e}) : h;
    }

    /**
     * {@code np.histogram(x, bins, range, weights, density)} with {@code range == null} meaning the data's
     * {@code [min, max]} (computed now, NaN-free data required, as NumPy; a constant array gets {@code [v - 0.5, v + 0.5]}).
     */
    static DArray histogram(DArray x, int bins, double[] range, DArray weights, boolean density, ComputeOptions options) {
        if (bins <= 0) throw new IllegalArgumentException("got bins " + bins + ", expected bins > 0");
        double[] r = range != null ? range.clone() : dataRange(x, options);
        if (r.length != 2) throw new IllegalArgumentException("got a range of " + r.length + " values, expected {lo, hi}");
        if (!(r[0] <= r[1])) throw new IllegalArgumentException("got range [" + r[0] + ", " + r[1] + "], expected lo <= hi (max must be larger than min)");
        if (r[0] == r[1]) { r[0] -= 0.5; r[1] += 0.5; }
        DArray h = Counting.histogram(x, bins, r[0], r[1], weights);
        return density ? density(h, new double[][] {Counting.edges(bins, r[0], r[1])}) : h;
    }

    /** NumPy's {@code histogram(..)[1]} for {@link #histogram(DArray, int, double[], DArray, boolean, ComputeOptions)}. */
    static double[] edges(DArray x, int bins, double[] range, ComputeOptions options) {
        double[] r = range != null ? range.clone() : dataRange(x, options);
        if (r[0] == r[1]) { r[0] -= 0.5; r[1] += 0.5; }
        return Counting.edges(bins, r[0], r[1]);
    }

    private static double[] dataRange(DArray x, ComputeOptions options) {
        if (x.size() == 0) return new double[] {0, 1};
        DArray f = x.astype(DType.FLOAT64);
        NDArray lo = f.min().compute(options), hi = f.max().compute(options);
        double a = lo.item(), b = hi.item();
        if (!Double.isFinite(a) || !Double.isFinite(b)) {
            throw new IllegalArgumentException("autodetected range of [" + a + ", " + b + "] is not finite; give the range or drop NaN/inf");
        }
        return new double[] {a, b};
    }

    private static void checkWeights(DArray x, DArray weights) {
        if (weights != null && !java.util.Arrays.equals(weights.shape, x.shape)) {
            throw new IllegalArgumentException("got weights of shape " + weights.shape() + ", expected x's shape " + x.shape());
        }
    }

    /** {@code counts / counts.sum() / cell volume}, NumPy's density (lazy). */
    private static DArray density(DArray counts, double[][] edges) {
        long[] shape = counts.shape.clone();
        NDArray vol = NDArray.ones(DType.FLOAT64, shape);
        for (long f = 0, n = vol.size(); f < n; f++) {
            long rem = f;
            double v = 1;
            for (int d = shape.length - 1; d >= 0; d--) {
                int k = (int) (rem % shape[d]);
                rem /= shape[d];
                v *= edges[d][k + 1] - edges[d][k];
            }
            vol.setDoubleFlat(f, v);
        }
        DArray c = counts.astype(DType.FLOAT64);
        return c.div(c.sum()).div(DArray.fromArray(vol, Chunks.explicit(counts.chunks().sizes())));
    }

    /**
     * {@code np.histogramdd(sample, bins=edges, weights, density)} for D same-shape coordinate arrays and explicit
     * edges per coordinate: int64 counts (float64 with weights or density) of shape {@code (len(e_d) - 1, ...)}.
     */
    static DArray histogramdd(List<DArray> coords, double[][] edges0, DArray weights, boolean density) {
        int dims = coords.size();
        if (dims == 0 || edges0.length != dims) {
            throw new IllegalArgumentException("got " + dims + " coordinate arrays and " + edges0.length + " edge lists, expected the same non-zero number");
        }
        double[][] e = new double[dims][];
        int[] bins = new int[dims];
        long total = 1;
        for (int d = 0; d < dims; d++) {
            e[d] = checkEdges(edges0[d], "histogramdd coordinate " + d);
            bins[d] = e[d].length - 1;
            total *= bins[d];
            if (!java.util.Arrays.equals(coords.get(d).shape, coords.get(0).shape)) {
                throw new IllegalArgumentException("got coordinate " + d + " of shape " + coords.get(d).shape() + ", expected "
                        + coords.get(0).shape() + " as coordinate 0");
            }
        }
        checkWeights(coords.get(0), weights);
        // the coordinates (and the weight) of a point side by side on a new last axis, in one block
        List<DArray> cols = new java.util.ArrayList<>();
        for (DArray x : coords) cols.add(x.astype(DType.FLOAT64));
        if (weights != null) cols.add(weights.astype(DType.FLOAT64));
        int width = cols.size();
        DArray pts = DArray.stack(cols, -1);
        long[][] c = pts.chunks().sizes();
        c[c.length - 1] = new long[] {width};
        pts = pts.rechunk(Chunks.ofTrusted(c));
        long n = total;
        boolean weighted = weights != null;
        DType t = weighted ? DType.FLOAT64 : DType.INT64;
        DArray flat = Counting.counts(pts, null, n, t, (b, unused) -> {
            NDArray out = NDArray.zeros(t, n);
            long points = b.size() / width;
            for (long p = 0; p < points; p++) {
                long cell = 0;
                boolean in = true;
                for (int d = 0; d < dims; d++) {
                    int k = binOf(e[d], b.getDoubleFlat(p * width + d));
                    if (k < 0) { in = false; break; }
                    cell = cell * bins[d] + k;
                }
                if (!in) continue;
                if (weighted) out.setDoubleFlat(cell, out.getDoubleFlat(cell) + b.getDoubleFlat(p * width + dims));
                else out.setLongFlat(cell, out.getLongFlat(cell) + 1);
            }
            return out;
        });
        long[] shape = new long[dims];
        for (int d = 0; d < dims; d++) shape[d] = bins[d];
        DArray h = flat.reshape(shape);
        return density ? density(h, e) : h;
    }

    /** {@code np.bincount(x, weights, minlength)}: the length is {@code max(x) + 1} (computed now) or {@code minlength}. */
    static DArray bincount(DArray x, DArray weights, long minlength, ComputeOptions options) {
        if (!(x.dtype().isInteger() || x.dtype().isBool())) {
            throw new IllegalArgumentException("bincount got dtype " + x.dtype().numpyName() + ", expected a non-negative integer array");
        }
        if (minlength < 0) throw new IllegalArgumentException("bincount got minlength " + minlength + ", expected minlength >= 0");
        long max = x.size() == 0 ? -1 : x.astype(DType.INT64).max().compute(options).getLongFlat(0);
        long min = x.size() == 0 ? 0 : x.astype(DType.INT64).min().compute(options).getLongFlat(0);
        if (min < 0) throw new IllegalArgumentException("bincount got value " + min + ", expected non-negative values");
        return Counting.bincount(x, weights, Math.max(Math.max(max + 1, minlength), 1));
    }

    /**
     * {@code np.digitize(x, bins, right)}: for increasing bins the index {@code i} with {@code bins[i-1] <= x < bins[i]}
     * ({@code right}: {@code bins[i-1] < x <= bins[i]}); for decreasing bins the mirrored rule. int64; bins must be
     * monotonic (either way).
     */
    static DArray digitize(DArray x, double[] bins, boolean right) {
        if (bins.length == 0) throw new IllegalArgumentException("digitize got no bins, expected at least one edge");
        boolean up = true, down = true;
        for (int i = 1; i < bins.length; i++) {
            if (bins[i] < bins[i - 1]) up = false;
            if (bins[i] > bins[i - 1]) down = false;
        }
        if (!up && !down) throw new IllegalArgumentException("digitize got bins " + java.util.Arrays.toString(bins)
                + ", expected monotonically increasing or decreasing bins");
        if (up) return x.searchsorted(bins, !right);
        double[] rev = new double[bins.length];
        for (int i = 0; i < bins.length; i++) rev[i] = bins[bins.length - 1 - i];
        return x.searchsorted(rev, !right).mul(-1L).add((long) bins.length);
    }
}
