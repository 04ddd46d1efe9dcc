package dev.blockwork.array;

import dev.blockwork.graph.Key;
import dev.blockwork.graph.Task;
import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.NDArray;
import dev.blockwork.schedule.Compute;
import dev.blockwork.schedule.ComputeOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Functions whose result length depends on the values ({@code unique}, {@code nonzero}, {@code argwhere},
 * {@code flatnonzero}): without unknown chunk sizes they are computed when called, with the caller's options. Each
 * block is summarised in its own task (its sorted unique values, or the global positions of its non-zero elements)
 * and only the summaries travel back and are merged here, so the array itself is never assembled in one place.
 */
final class BlockSummaries {
    private BlockSummaries() {}

    /** What one block contributes; {@code offset} is the block's first element in the whole array. */
    @FunctionalInterface
    interface Summary extends java.io.Serializable {
        Object of(NDArray block, long[] offset);
    }

    /** A layer over x's block grid whose task results are summaries, not blocks. */
    static final class SummaryLayer extends ArrayLayer {
        private final String input;
        private final Summary f;

        SummaryLayer(String name, DArray x, Summary f) {
            super(name, Set.of(x.layerName()), x.chunks());
            this.input = x.layerName();
            this.f = f;
        }

        @Override
        Task task(Key key, int[] idx) {
            long[] off = chunks.blockOffset(idx);
            return new Task(key, "summary", args -> f.of((NDArray) args[0], off), new Object[] {Key.of(input, idx)});
        }
    }

    static Object[] summarise(DArray x0, Summary f, ComputeOptions options) {
        DArray x = x0.materialize();
        SummaryLayer l = new SummaryLayer(ArrayLayer.newName("summary"), x, f);
        List<Key> keys = new ArrayList<>();
        for (int i = 0, n = x.chunks().blockCount(); i < n; i++) keys.add(Key.of(l.name(), x.chunks().blockIndex(i)));
        return Compute.compute(x.graph().with(l), keys, options);
    }

    /** {@code np.unique(x)}: the sorted distinct values (NaNs collapse to one, last, as NumPy 2). */
    static NDArray unique(DArray x, ComputeOptions options) {
        Object[] parts = summarise(x, (b, off) -> sortedUnique(b.ravel().copy()), options);
        List<NDArray> arrays = new ArrayList<>();
        for (Object p : parts) arrays.add((NDArray) p);
        if (arrays.isEmpty()) return NDArray.zeros(x.dtype(), 0);
        return sortedUnique(NDArray.concatenate(0, arrays.toArray(new NDArray[0])));
    }

    private static NDArray sortedUnique(NDArray flat) {
        DType t = flat.dtype();
        if (t.isFloat()) {
            double[] v = flat.toDoubleArray();
            Arrays.sort(v); // NaNs sort last in Java, as in NumPy
            int m = 0;
            for (int i = 0; i < v.length; i++) { // -0.0 == 0.0 merge (the first kept); NaNs merge into one
                if (m == 0 || !(v[i] == v[m - 1] || (Double.isNaN(v[i]) && Double.isNaN(v[m - 1])))) v[m++] = v[i];
            }
            return NDArray.fromArray(Arrays.copyOf(v, m)).astype(t);
        }
        long[] v = flat.toLongArray();
        Arrays.sort(v);
        int m = 0;
        for (int i = 0; i < v.length; i++) if (m == 0 || v[i] != v[m - 1]) v[m++] = v[i];
        return NDArray.fromArray(Arrays.copyOf(v, m)).astype(t);
    }

    /** {@code np.flatnonzero(x)}: the flat C-order positions of the non-zero elements. */
    static NDArray flatnonzero(DArray x, ComputeOptions options) {
        NDArray p = nonzero(x, options);
        long[] shape = x.shape;
        long count = p.shape(1);
        long[] flat = new long[(int) count];
        for (int k = 0; k < count; k++) {
            long f = 0;
            for (int d = 0; d < shape.length; d++) f = f * shape[d] + p.getLong(d, k);
            flat[k] = f;
        }
        return NDArray.fromArray(flat);
    }

    /**
     * {@code np.nonzero(x)}: per axis, the int64 positions of the non-zero elements in C order (NaN counts as non-zero).
     * Row {@code d} of the returned {@code (ndim, count)} array is axis d's positions ({@code np.argwhere} transposed).
     */
    static NDArray nonzero(DArray x, ComputeOptions options) {
        int n = x.ndim();
        long[] shape = x.shape;
        Object[] parts = summarise(x, (b, off) -> {
            long[] bs = b.shapeArray();
            NDArray c = b.astype(DType.BOOL);
            List<long[]> hits = new ArrayList<>();
            long[] idx = new long[bs.length];
            for (long f = 0, size = c.size(); f < size; f++) {
                if (c.getLongFlat(f) == 0) continue;
                long rem = f;
                for (int d = bs.length - 1; d >= 0; d--) { idx[d] = off[d] + rem % bs[d]; rem /= bs[d]; }
                hits.add(idx.clone());
            }
            return hits.toArray(new long[0][]);
        }, options);
        List<long[]> all = new ArrayList<>();
        for (Object p : parts) all.addAll(Arrays.asList((long[][]) p));
        all.sort((u, v) -> Arrays.compare(u, v)); // C order of the whole array (blocks arrive in block order)
        long[] out = new long[n * all.size()];
        for (int k = 0; k < all.size(); k++) for (int d = 0; d < n; d++) out[d * all.size() + k] = all.get(k)[d];
        return NDArray.fromArray(out, n, all.size());
    }
}
