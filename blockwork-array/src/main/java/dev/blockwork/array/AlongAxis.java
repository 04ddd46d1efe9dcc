package dev.blockwork.array;

import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.Index;
import dev.blockwork.ndarray.NDArray;
import dev.blockwork.ndarray.Shape;

/**
 * Functions of whole lanes along one axis ({@code apply_along_axis}; {@code topk} is a tree in {@link Sorting}): the axis is
 * rechunked into one block (other axes keep their chunks), then one block function maps every lane. A lane must
 * fit in one task; that is the cost, as for {@link Quantile}.
 */
final class AlongAxis {
    private AlongAxis() {}

    /**
     * {@code np.apply_along_axis(f, axis, x)} for an {@code f} that maps every lane to {@code outLength} values of
     * {@code outDtype}: the result has {@code outLength} in place of the axis.
     */
    static DArray apply(DArray x, int axis0, LaneFunction f, long outLength, DType outDtype) {
        int axis = ShapeOps.axis(axis0, x.ndim());
        long[][] c = x.chunks().sizes();
        c[axis] = new long[] {x.shape[axis]};
        DArray whole = x.rechunk(Chunks.ofTrusted(c));
        long[][] oc = whole.chunks().sizes();
        oc[axis] = new long[] {outLength};
        return whole.mapBlocks((b, info) -> {
            long[] os = b.shapeArray();
            os[axis] = outLength;
            NDArray out = NDArray.zeros(outDtype, os);
            long[] other = b.shapeArray();
            other[axis] = 1;
            long lanes = 1;
            for (long d : other) lanes *= d;
            long[] idx = new long[other.length];
            for (long l = 0; l < lanes; l++) {
                long rem = l;
                for (int d = other.length - 1; d >= 0; d--) { idx[d] = rem % other[d]; rem /= other[d]; }
                Index[] ix = new Index[other.length];
                for (int d = 0; d < ix.length; d++) ix[d] = d == axis ? Index.all() : Index.at(idx[d]);
                NDArray r = f.apply(b.get(ix));
                if (r.ndim() != 1 || r.shape(0) != outLength) {
                    throw new IllegalStateException("apply_along_axis function returned shape " + r.shape()
                            + ", expected (" + outLength + ",)");
                }
                out.get(ix).assign(r);
            }
            return out;
        }, Chunks.ofTrusted(oc), outDtype);
    }
}
