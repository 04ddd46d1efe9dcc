package dev.blockwork.array;

import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.Index;
import dev.blockwork.ndarray.Shape;
import java.util.Arrays;

/**
 * Item assignment ({@code x[index] = value}, Dask's {@code __setitem__}) as a new lazy array: {@code where(selected,
 * value laid out over x, x)} converted to x's dtype (NumPy casts the value to the array's dtype, floats truncate
 * into integers). Nothing is written in place and no layer kind is added: "selected" is a fused product of per-axis
 * conditions on index ranges ({@code (i - first) % step == 0} and {@code 0 <= (i - first) // step < count}), and the
 * value is laid out over x's shape by one {@code take} per axis it spans, so the result fuses with what follows.
 */
final class Assignment {
    private Assignment() {}

    /** {@code x[index] = value} for basic indices (integers and ranges; no new axes), value broadcast to the selection. */
    static DArray set(DArray x, Index[] index, DArray value) {
        int n = x.ndim();
        long[] shape = x.shape;
        Index[] full = new Index[n];
        int used = 0;
        for (Index ix : index) {
            if (ix instanceof Index.NewAxis) {
                throw new IllegalArgumentException("got a new axis in an assignment index " + Arrays.toString(index)
                        + ", expected integers and ranges only");
            }
            if (used == n) throw new IndexOutOfBoundsException("too many indices for array: array is " + n + "-dimensional, but "
                    + index.length + " were indexed");
            full[used++] = ix;
        }
        for (int d = used; d < n; d++) full[d] = Index.all();
        // selection shape (range axes only) and the value brought to it
        int ranges = 0;
        for (Index ix : full) if (ix instanceof Index.Range) ranges++;
        long[] sel = new long[ranges];
        long[] first = new long[n], step = new long[n], count = new long[n];
        for (int d = 0, k = 0; d < n; d++) {
            switch (full[d]) {
                case Index.At at -> {
                    long j = at.index() < 0 ? at.index() + shape[d] : at.index();
                    if (j < 0 || j >= shape[d]) {
                        throw new IndexOutOfBoundsException("index " + at.index() + " is out of bounds for axis " + d + " with size " + shape[d]);
                    }
                    first[d] = j;
                    step[d] = 1;
                    count[d] = 1;
                }
                case Index.Range r -> {
                    first[d] = r.first(shape[d]);
                    step[d] = r.step();
                    count[d] = r.count(shape[d]);
                    sel[k++] = count[d];
                }
                case Index.NewAxis na -> throw new IllegalStateException("rejected above");
            }
        }
        long[] vs = value.shape;
        if (vs.length > ranges) {
            throw new IllegalArgumentException("could not broadcast input array from shape " + Shape.toString(vs) + " into shape "
                    + Shape.toString(sel));
        }
        long[] padded = new long[ranges];
        Arrays.fill(padded, 1);
        System.arraycopy(vs, 0, padded, ranges - vs.length, vs.length);
        for (int i = 0; i < ranges; i++) {
            if (padded[i] != 1 && padded[i] != sel[i]) {
                throw new IllegalArgumentException("could not broadcast input array from shape " + Shape.toString(vs) + " into shape "
                        + Shape.toString(sel));
            }
        }
        for (int d = 0; d < n; d++) if (count[d] == 0) return x; // nothing selected
        long[] vn = new long[n];
        for (int d = 0, k = 0; d < n; d++) vn[d] = full[d] instanceof Index.Range ? padded[k++] : 1;
        DArray v = Arrays.equals(vn, vs) ? value : value.reshape(vn);
        DArray cond = null;
        for (int d = 0; d < n; d++) {
            boolean whole = first[d] == 0 && step[d] == 1 && count[d] == shape[d];
            if (!whole) {
                long[] s1 = new long[n];
                Arrays.fill(s1, 1);
                s1[d] = shape[d];
                DArray i = DArray.arange(0, shape[d], 1, Chunks.explicit(x.chunks().sizes(d)), DType.INT64).reshape(s1);
                DArray p = i.sub(first[d]);
                DArray k = p.floorDivide(step[d]);
                DArray c = p.mod(step[d]).eq(0).and(k.ge(0)).and(k.lt((double) count[d]));
                cond = cond == null ? c : cond.and(c);
            }
            if (vn[d] > 1 && !whole) { // lay the value's positions out along x's axis
                long[] idx = new long[(int) shape[d]];
                for (int i = 0; i < idx.length; i++) idx[i] = Math.max(0, Math.min(count[d] - 1, Math.floorDiv(i - first[d], step[d])));
                v = v.take(idx, d);
            }
        }
        if (cond == null) return v.broadcastTo(Shape.of(shape)).astype(x.dtype()).rechunk(x.chunks()); // x[...] = value
        return DArray.where(cond, v, x).astype(x.dtype());
    }

    /** {@code x[mask] = value} with a lazy bool mask broadcastable to x (value broadcastable to x as well). */
    static DArray set(DArray x, DArray mask, DArray value) {
        if (mask.dtype() != DType.BOOL) {
            throw new IllegalArgumentException("got a mask of dtype " + mask.dtype().numpyName() + ", expected bool");
        }
        return DArray.where(mask, value, x).astype(x.dtype());
    }
}
