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
        DArray x = x0.materialize();
        long[] shape = x.shapeArray();
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


    static DArray take(DArray x0, long[] indices, int axis0) {
        int axis = ShapeOps.axis(axis0, x0.ndim());
        DArray x = x0.materialize();
        Chunks c = x.chunks();
        long len = x.shapeArray()[axis];
        long maxChunk = 1;
        for (long s : c.sizes(axis)) maxChunk = Math.max(maxChunk, s);
        List<Integer> blocks = new ArrayList<>();
        List<long[]> locals = new ArrayList<>();
        int i = 0;
        while (i < indices.length) {
            long g = norm(indices[i], len, axis);
            int b = c.blockOf(axis, g);
            long lo = c.offset(axis, b);
            List<Long> run = new ArrayList<>();
            while (i < indices.length && run.size() < maxChunk) {
                long h = norm(indices[i], len, axis);
                if (c.blockOf(axis, h) != b) break;
                run.add(h - lo);
                i++;
            }
            blocks.add(b);
            long[] r = new long[run.size()];
            for (int k = 0; k < r.length; k++) r[k] = run.get(k);
            locals.add(r);
        }
        if (blocks.isEmpty()) {
            blocks.add(0);
            locals.add(new long[0]);
        }
        int[] bl = new int[blocks.size()];
        long[][] loc = new long[bl.length][];
        long[] sizes = new long[bl.length];
        for (int k = 0; k < bl.length; k++) {
            bl[k] = blocks.get(k);
            loc[k] = locals.get(k);
            sizes[k] = loc[k].length;
        }
        Chunks out = c.withAxis(axis, sizes);
        long[] os = x.shapeArray().clone();
        os[axis] = indices.length;
        TakeLayer l = new TakeLayer(ArrayLayer.newName("take"), x, axis, bl, loc, out);
        return DArray.ofLayer(l, x.graph(), os, out, x.dtype());
    }

    private static long norm(long i, long len, int axis) {
        long j = i < 0 ? i + len : i;
        if (j < 0 || j >= len) throw new IndexOutOfBoundsException("index " + i + " is out of bounds for axis " + axis + " with size " + len);
        return j;
    }

    static DArray compress(DArray x, boolean[] mask, int axis0) {
        int axis = ShapeOps.axis(axis0, x.ndim());
        long len = x.shapeArray()[axis];
        if (mask.length != len) {
            throw new IllegalArgumentException("boolean index did not match indexed array along axis " + axis + "; size of axis is "
                    + len + " but size of corresponding boolean axis is " + mask.length);
        }
        int n = 0;
        for (boolean b : mask) if (b) n++;
        long[] idx = new long[n];
        for (int i = 0, k = 0; i < mask.length; i++) if (mask[i]) idx[k++] = i;
        return take(x, idx, axis);
    }
}
