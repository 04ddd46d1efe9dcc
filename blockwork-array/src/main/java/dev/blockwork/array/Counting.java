package dev.blockwork.array;

import dev.blockwork.graph.Key;
import dev.blockwork.graph.Task;
import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.NDArray;
import java.util.Set;

/**
 * Lazy counting reductions with a result of known length ({@code histogram}, {@code bincount}): every block's counts
 * (a row of {@code bins} int64 or float64 values) become row {@code i} of a {@code (blocks, bins)} array, which the
 * ordinary tree reduction sums over axis 0. Nothing is computed until the result is.
 */
final class Counting {
    private Counting() {}

    /** Per-block counts of one array: row i of a (blocks, bins) array. */
    @FunctionalInterface
    interface BlockCounts extends java.io.Serializable {
        NDArray of(NDArray block, NDArray weights);
    }

    static final class CountsLayer extends ArrayLayer {
        private final String input, weights;
        private final Chunks inChunks;
        private final BlockCounts f;

        CountsLayer(String name, DArray x, DArray w, Chunks out, BlockCounts f) {
            super(name, w == null ? Set.of(x.layerName()) : Set.of(x.layerName(), w.layerName()), out);
            this.input = x.layerName();
            this.weights = w == null ? null : w.layerName();
            this.inChunks = x.chunks();
            this.f = f;
        }

        @Override
        Task task(Key key, int[] idx) {
            int[] in = inChunks.blockIndex(idx[0]);
            Object[] args = weights == null ? new Object[] {Key.of(input, in)} : new Object[] {Key.of(input, in), Key.of(weights, in)};
            return new Task(key, "counts", a -> {
                NDArray c = f.of((NDArray) a[0], a.length > 1 ? (NDArray) a[1] : null);
                return c.reshape(1, c.size());
            }, args);
        }
    }

    static DArray counts(DArray x0, DArray w0, long bins, DType t, BlockCounts f) {
        DArray x = x0.materialize();
        DArray w = w0 == null ? null : w0.rechunk(x.chunks()).materialize();
        int nb = x.chunks().blockCount();
        long[] ones = new long[nb];
        java.util.Arrays.fill(ones, 1);
        Chunks c = Chunks.ofTrusted(new long[][] {ones, {bins}});
        CountsLayer l = new CountsLayer(ArrayLayer.newName("counts"), x, w, c, f);
        dev.blockwork.graph.Graph g = w == null ? x.graph() : dev.blockwork.graph.Graph.merge(x.graph(), w.graph());
        return DArray.ofLayer(l, g, new long[] {nb, bins}, c, t).sum(new int[] {0}, false);
    }

    /**
     * {@code np.histogram(x, bins, range=(lo, hi), weights)[0]}: {@code bins} equal bins over [lo, hi], the last one
     * closed; values outside (and NaN) are not counted. int64 counts, float64 with weights.
     */
    static DArray histogram(DArray x, int bins, double lo, double hi, DArray weights) {
        if (bins <= 0 || !(lo < hi) || Double.isInfinite(lo) || Double.isInfinite(hi)) {
            throw new IllegalArgumentException("got bins " + bins + " range [" + lo + ", " + hi + "], expected bins > 0 and finite lo < hi");
        }
        if (weights != null && !java.util.Arrays.equals(weights.shape, x.shape)) {
            throw new IllegalArgumentException("got weights of shape " + weights.shape() + ", expected x's shape " + x.shape());
        }
        double[] edges = edges(bins, lo, hi);
        DType t = weights == null ? DType.INT64 : DType.FLOAT64;
        return counts(x, weights, bins, t, (b, w) -> {
            NDArray out = NDArray.zeros(t, bins);
            for (long i = 0, n = b.size(); i < n; i++) {
                double v = b.getDoubleFlat(i);
                if (!(v >= lo && v <= hi)) continue;
                int k = bin(edges, v, lo, hi, bins);
                if (w == null) out.setLongFlat(k, out.getLongFlat(k) + 1);
                else out.setDoubleFlat(k, out.getDoubleFlat(k) + w.getDoubleFlat(i));
            }
            return out;
        });
    }

    /** NumPy's edges: {@code linspace(lo, hi, bins + 1)}. */
    static double[] edges(int bins, double lo, double hi) {
        double[] e = new double[bins + 1];
        double step = (hi - lo) / bins;
        for (int i = 0; i <= bins; i++) e[i] = lo + i * step;
        e[bins] = hi;
        return e;
    }

    /** The bin of v as NumPy computes it: by scaling, then corrected against the edges. */
    private static int bin(double[] edges, double v, double lo, double hi, int bins) {
        int k = (int) ((v - lo) * (bins / (hi - lo)));
        if (k >= bins) k = bins - 1;
        if (k > 0 && v < edges[k]) k--;
        else if (k < bins - 1 && v >= edges[k + 1]) k++;
        return k;
    }

    /**
     * {@code np.histogramdd(sample, bins, range)} for D same-shape arrays (the coordinates of each point): int64 counts
     * of shape {@code bins}; equal bins over each {@code [lo, hi]}, the last closed; points outside any range (or NaN)
     * are not counted. The D arrays are stacked along a new last axis, so one block holds whole points.
     */
    static DArray histogramdd(java.util.List<DArray> coords, int[] bins, double[][] ranges) {
        int dims = coords.size();
        if (dims == 0 || bins.length != dims || ranges.length != dims) {
            throw new IllegalArgumentException("got " + dims + " coordinate arrays, " + bins.length + " bin counts and " + ranges.length
                    + " ranges, expected the same non-zero number");
        }
        long total = 1;
        double[][] edges = new double[dims][];
        for (int d = 0; d < dims; d++) {
            if (bins[d] <= 0 || !(ranges[d][0] < ranges[d][1])) {
                throw new IllegalArgumentException("got bins " + bins[d] + " and range " + java.util.Arrays.toString(ranges[d]) + " for coordinate "
                        + d + ", expected bins > 0 and lo < hi");
            }
            edges[d] = edges(bins[d], ranges[d][0], ranges[d][1]);
            total *= bins[d];
        }
        DArray pts = DArray.stack(coords, -1); // (..., D)
        long[][] c = pts.chunks().sizes();
        c[c.length - 1] = new long[] {dims};
        pts = pts.rechunk(Chunks.ofTrusted(c));
        long n = total;
        DArray flat = counts(pts, null, n, DType.INT64, (b, w) -> {
            NDArray out = NDArray.zeros(DType.INT64, n);
            long points = b.size() / dims;
            for (long p = 0; p < points; p++) {
                long cell = 0;
                boolean in = true;
                for (int d = 0; d < dims && in; d++) {
                    double v = b.getDoubleFlat(p * dims + d), lo = ranges[d][0], hi = ranges[d][1];
                    if (!(v >= lo && v <= hi)) { in = false; break; }
                    cell = cell * bins[d] + bin(edges[d], v, lo, hi, bins[d]);
                }
                if (in) out.setLongFlat(cell, out.getLongFlat(cell) + 1);
            }
            return out;
        });
        long[] shape = new long[dims];
        for (int d = 0; d < dims; d++) shape[d] = bins[d];
        return flat.reshape(shape);
    }

    /**
     * {@code np.bincount(x, weights, minlength)} with the length given: counts of each value 0..length-1 of the
     * non-negative integer array x; a value outside fails the compute naming it (Dask needs the length to be known).
     */
    static DArray bincount(DArray x, DArray weights, long length) {
        if (x.dtype().isFloat() || length <= 0) {
            throw new IllegalArgumentException("got dtype " + x.dtype().numpyName() + " and length " + length
                    + ", expected a non-negative integer array and length > 0");
        }
        DType t = weights == null ? DType.INT64 : DType.FLOAT64;
        return counts(x, weights, length, t, (b, w) -> {
            NDArray out = NDArray.zeros(t, length);
            for (long i = 0, n = b.size(); i < n; i++) {
                long v = b.getLongFlat(i);
                if (v < 0 || v >= length) {
                    throw new IllegalArgumentException("got value " + v + " in bincount, expected 0 <= value < length " + length);
                }
                if (w == null) out.setLongFlat(v, out.getLongFlat(v) + 1);
                else out.setDoubleFlat(v, out.getDoubleFlat(v) + w.getDoubleFlat(i));
            }
            return out;
        });
    }
}
