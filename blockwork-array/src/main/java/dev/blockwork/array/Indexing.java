package dev.blockwork.array;

import dev.blockwork.ndarray.Index;
import java.util.ArrayList;
import java.util.List;

/** Plans indexing of a DArray: basic indexing ({@link SliceLayer}) and one-axis integer/boolean indexing ({@link TakeLayer}). */
final class Indexing {
    private Indexing() {}

    static DArray basic(DArray x0, Index... index) {
        int consumed = 0;
        for (Index ix : index) if (!(ix instanceof Index.NewAxis)) consumed++;
        int n = x0.ndim();
        if (consumed > n) {
            throw new IndexOutOfBoundsException("too many indices for array: array is " + n + "-dimensional, but "
                    + consumed + " were indexed");
        }
        Index[] full = new Index[index.length + (n - consumed)];
        System.arraycopy(index, 0, full, 0, index.length);
        for (int i = index.length; i < full.length; i++) full[i] = Index.all();
        if (isNoOp(full, x0.shape)) return x0; // x[:], x[0:], x[()]: the same array, no layer
        DArray x = x0.materialize();
        long[] shape = x.shape;
        Chunks c = x.chunks();
        SliceLayer.AxisPlan[] plans = new SliceLayer.AxisPlan[n];
        Index[] template = new Index[full.length];
        int[] slotAxis = new int[full.length];
        List<long[]> outSizes = new ArrayList<>();
        List<Long> outShape = new ArrayList<>();
        int axis = 0;
        for (int s = 0; s < full.length; s++) {
            Index ix = full[s];
            if (ix instanceof Index.NewAxis) {
                template[s] = ix;
                slotAxis[s] = -1;
                outSizes.add(new long[] {1});
                outShape.add(1L);
                continue;
            }
            slotAxis[s] = axis;
            long len = shape[axis];
            if (ix instanceof Index.At at) {
                long j = at.index() < 0 ? at.index() + len : at.index();
                if (j < 0 || j >= len) {
                    throw new IndexOutOfBoundsException("index " + at.index() + " is out of bounds for axis " + axis + " with size " + len);
                }
                int b = c.blockOf(axis, j);
                plans[axis] = new SliceLayer.AxisPlan(-1, j - c.offset(axis, b), new int[] {b}, null, 1, null);
            } else {
                Index.Range r = (Index.Range) ix;
                long step = r.step(), start = r.first(len), count = r.count(len);
                List<int[]> blocks = new ArrayList<>();
                List<long[]> runs = new ArrayList<>(); // {localStart, len}
                long j = 0;
                while (j < count) {
                    long g = start + j * step;
                    int b = c.blockOf(axis, g);
                    long lo = c.offset(axis, b), hi = lo + c.size(axis, b);
                    long k = step > 0 ? Math.min(count - j, (hi - 1 - g) / step + 1) : Math.min(count - j, (g - lo) / -step + 1);
                    blocks.add(new int[] {b});
                    runs.add(new long[] {g - lo, k});
                    j += k;
                }
                if (blocks.isEmpty()) {
                    blocks.add(new int[] {0});
                    runs.add(new long[] {0, 0});
                }
                int nb = blocks.size();
                int[] bl = new int[nb];
                long[] st = new long[nb], ln = new long[nb];
                for (int q = 0; q < nb; q++) {
                    bl[q] = blocks.get(q)[0];
                    st[q] = runs.get(q)[0];
                    ln[q] = runs.get(q)[1];
                }
                plans[axis] = new SliceLayer.AxisPlan(outSizes.size(), -1, bl, st, step, ln);
                outSizes.add(ln);
                outShape.add(count);
            }
            axis++;
        }
        Chunks out = Chunks.ofTrusted(outSizes.toArray(new long[0][]));
        long[] os = new long[outShape.size()];
        for (int i = 0; i < os.length; i++) os[i] = outShape.get(i);
        SliceLayer l = new SliceLayer(ArrayLayer.newName("getitem"), x, plans, template, slotAxis, out);
        return DArray.ofLayer(l, x.graph(), os, out, x.dtype());
    }


    /**
     * Point-wise ("vectorised") indexing, Dask's {@code x.vindex[i0, i1, ...]}: element {@code k} of the result is
     * {@code x[i0[k], i1[k], ..., :]}; the first {@code m} axes are merged into one (a reshape) and the flat positions
     * taken along it, so the result has shape {@code (k, rest...)}.
     */
    static DArray vindex(DArray x, long[][] indices) {
        int m = indices.length, n = x.ndim();
        if (m == 0 || m > n) throw new IllegalArgumentException("got " + m + " index arrays, expected 1 to " + n + " for shape " + x.shape());
        int k = indices[0].length;
        long[] s = x.shape;
        long[] flat = new long[k];
        for (int d = 0; d < m; d++) {
            if (indices[d].length != k) {
                throw new IllegalArgumentException("shape mismatch: got index arrays of lengths " + k + " and " + indices[d].length
                        + " (axis " + d + "), expected equal lengths");
            }
            for (int i = 0; i < k; i++) flat[i] = flat[i] * s[d] + norm(indices[d][i], s[d], d);
        }
        long lead = 1;
        for (int d = 0; d < m; d++) lead *= s[d];
        long[] merged = new long[n - m + 1];
        merged[0] = lead;
        System.arraycopy(s, m, merged, 1, n - m);
        return x.reshape(merged).take(flat, 0);
    }

    /** {@code x[mask]} for a bool mask over x's leading axes: the mask is computed (with {@code options}), then vindex. */
    static DArray booleanMask(DArray x, DArray mask, dev.blockwork.schedule.ComputeOptions options) {
        long[] ms = mask.shape, s = x.shape;
        boolean ok = mask.dtype() == dev.blockwork.ndarray.DType.BOOL && ms.length >= 1 && ms.length <= s.length;
        for (int d = 0; ok && d < ms.length; d++) ok = ms[d] == s[d];
        if (!ok) {
            throw new IllegalArgumentException("got a mask of shape " + mask.shape() + " dtype " + mask.dtype().numpyName()
                    + ", expected a bool array with the leading extents of " + x.shape());
        }
        boolean[] m = mask.compute(options).toBooleanArray();
        int count = 0;
        for (boolean b : m) if (b) count++;
        long[][] idx = new long[ms.length][count];
        for (int f = 0, c = 0; f < m.length; f++) {
            if (!m[f]) continue;
            long rem = f;
            for (int d = ms.length - 1; d >= 0; d--) { idx[d][c] = rem % ms[d]; rem /= ms[d]; }
            c++;
        }
        return vindex(x, idx);
    }

    /** True when every entry is a range selecting its whole axis in order (no new axes, no integers). */
    private static boolean isNoOp(Index[] full, long[] shape) {
        for (int i = 0; i < full.length; i++) {
            if (!(full[i] instanceof Index.Range r)) return false;
            if (r.step() != 1 || r.first(shape[i]) != 0 || r.count(shape[i]) != shape[i]) return false;
        }
        return true;
    }

    /**
     * Integer-array indexing on one axis, with Dask's output chunks (its {@code take} since the shuffle rewrite): the
     * indices, in order, are cut into consecutive groups of the axis's average block length ({@code length / blocks});
     * each group is one output block, assembled from runs inside single input blocks. So
     * {@code arange(80, chunks=20)[[1, 3, 5, 47]]} is one block of 4 (reading input blocks 0 and 2), whatever the order
     * of the indices; taking every index in order returns the array itself.
     */
    static DArray take(DArray x0, long[] indices, int axis0) {
        int axis = ShapeOps.axis(axis0, x0.ndim());
        Chunks c0 = x0.chunks();
        long len = x0.shape[axis];
        long[] g = new long[indices.length];
        boolean identity = indices.length == len;
        for (int i = 0; i < g.length; i++) {
            g[i] = norm(indices[i], len, axis);
            identity &= g[i] == i;
        }
        if (identity) return x0; // Dask: a no-op
        DArray x = x0.materialize();
        Chunks c = x.chunks();
        int group = (int) Math.max(1, len / Math.max(1, c.numBlocks(axis)));
        List<int[]> outBlocks = new ArrayList<>();
        List<long[][]> outLocal = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        for (int from = 0; from < g.length; from += group) {
            int to = Math.min(g.length, from + group);
            List<Integer> bl = new ArrayList<>();
            List<long[]> loc = new ArrayList<>();
            int i = from;
            while (i < to) { // runs of consecutive indices inside one input block
                int b = c.blockOf(axis, g[i]);
                long lo = c.offset(axis, b);
                int e = i;
                while (e < to && c.blockOf(axis, g[e]) == b) e++;
                long[] r = new long[e - i];
                for (int k = 0; k < r.length; k++) r[k] = g[i + k] - lo;
                bl.add(b);
                loc.add(r);
                i = e;
            }
            outBlocks.add(bl.stream().mapToInt(Integer::intValue).toArray());
            outLocal.add(loc.toArray(new long[0][]));
            sizes.add((long) (to - from));
        }
        if (outBlocks.isEmpty()) {
            outBlocks.add(new int[] {0});
            outLocal.add(new long[][] {new long[0]});
            sizes.add(0L);
        }
        long[] sz = new long[sizes.size()];
        for (int k = 0; k < sz.length; k++) sz[k] = sizes.get(k);
        Chunks out = c.withAxis(axis, sz);
        long[] os = x.shape.clone();
        os[axis] = indices.length;
        TakeLayer l = new TakeLayer(ArrayLayer.newName("take"), x, axis, outBlocks.toArray(new int[0][]),
                outLocal.toArray(new long[0][][]), out);
        return DArray.ofLayer(l, x.graph(), os, out, x.dtype());
    }

    private static long norm(long i, long len, int axis) {
        long j = i < 0 ? i + len : i;
        if (j < 0 || j >= len) throw new IndexOutOfBoundsException("index " + i + " is out of bounds for axis " + axis + " with size " + len);
        return j;
    }

    static DArray compress(DArray x, boolean[] mask, int axis0) {
        int axis = ShapeOps.axis(axis0, x.ndim());
        long len = x.shape[axis];
        // np.compress: missing entries of a short mask are false; a long mask may only have false entries past the end
        for (int i = (int) Math.min(mask.length, len); i < mask.length; i++) {
            if (mask[i]) throw new IndexOutOfBoundsException("index " + i + " is out of bounds for axis " + axis + " with size " + len
                    + " (mask of length " + mask.length + ")");
        }
        int n = 0;
        for (boolean b : mask) if (b) n++;
        long[] idx = new long[n];
        for (int i = 0, k = 0; i < mask.length; i++) if (mask[i]) idx[k++] = i;
        return take(x, idx, axis);
    }
}
