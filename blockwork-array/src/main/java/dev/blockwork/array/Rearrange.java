package dev.blockwork.array;

import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.Index;
import java.util.Arrays;
import java.util.List;

/**
 * Shape functions built from slicing, concatenation and fused element-wise operations: {@code broadcast_to},
 * {@code flip}, {@code roll}, {@code diff}. They add no layer kinds of their own, so their graphs are the
 * slices and joins Dask would build.
 */
final class Rearrange {
    private Rearrange() {}

    /**
     * {@code np.broadcast_to(x, shape)}; chunks as Dask: x's chunks on the axes it spans, one whole block on new
     * leading axes and on axes broadcast from length 1. Fused: a {@code where(true, x, x)} over a constant of the
     * target shape, so the blocks are computed on demand and never copied for a reduction.
     */
    static DArray broadcastTo(DArray x, long[] target) {
        long[] s = x.shapeArray();
        boolean ok = s.length <= target.length;
        for (int i = 0; ok && i < s.length; i++) ok = s[i] == 1 || s[i] == target[target.length - s.length + i];
        if (!ok) {
            throw new IllegalArgumentException("got shape " + Shape.format(target) + ", expected a shape that shape " + Shape.format(s)
                    + " broadcasts to (np.broadcast_to)");
        }
        if (Arrays.equals(s, target)) return x;
        int lead = target.length - s.length;
        long[][] c = new long[target.length][];
        for (int d = 0; d < target.length; d++) {
            int i = d - lead;
            c[d] = i >= 0 && s[i] == target[d] ? x.chunks().sizes(i) : new long[] {target[d]};
        }
        DArray all = DArray.full(Shape.of(target), Chunks.explicit(c), 1L, DType.BOOL);
        return DArray.where(all, x, x);
    }

    /** {@code np.flip(x, axis)}: a reversed view per block (a slice with step -1). */
    static DArray flip(DArray x, int axis0) {
        int axis = ShapeOps.axis(axis0, x.ndim());
        Index[] ix = new Index[axis + 1];
        Arrays.fill(ix, Index.all());
        ix[axis] = Index.range(null, null, -1);
        return x.get(ix);
    }

    /** {@code np.roll(x, shift, axis)}: the last {@code shift} positions (mod the length) move to the front. */
    static DArray roll(DArray x, long shift, int axis0) {
        int axis = ShapeOps.axis(axis0, x.ndim());
        long n = x.shapeArray()[axis];
        if (n == 0) return x;
        long s = Math.floorMod(shift, n);
        if (s == 0) return x;
        return DArray.concatenate(List.of(range(x, axis, n - s, n), range(x, axis, 0, n - s)), axis);
    }

    /** {@code np.roll(x, shift)} without an axis: over the flattened array, then back to x's shape. */
    static DArray roll(DArray x, long shift) {
        return roll(x.reshape(x.size()), shift, 0).reshape(x.shapeArray());
    }

    /** {@code np.diff(x, n, axis)}: {@code x[1:] - x[:-1]} along the axis, {@code n} times (bool: {@code !=}, as NumPy). */
    static DArray diff(DArray x, int n, int axis0) {
        if (n < 0) throw new IllegalArgumentException("got order " + n + ", expected n >= 0 for diff");
        int axis = ShapeOps.axis(axis0, x.ndim());
        DArray r = x;
        for (int k = 0; k < n; k++) {
            long len = r.shapeArray()[axis];
            if (len == 0) break;
            DArray hi = range(r, axis, 1, len), lo = range(r, axis, 0, len - 1);
            r = r.dtype() == DType.BOOL ? hi.ne(lo) : hi.sub(lo);
        }
        return r;
    }

    private static DArray range(DArray x, int axis, long from, long to) {
        Index[] ix = new Index[axis + 1];
        Arrays.fill(ix, Index.all());
        ix[axis] = Index.range(from, to, 1);
        return x.get(ix);
    }
}
