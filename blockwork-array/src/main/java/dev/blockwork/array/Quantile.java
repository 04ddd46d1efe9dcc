package dev.blockwork.array;

import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.NDArray;

/**
 * Plans percentiles along one axis: the axis is rechunked into one block (keeping the other axes' chunks), then a
 * block function computes each block's percentile along it ({@link NDArray#percentile}), giving blocks of length 1
 * on the axis, which is then squeezed away. The cost is the rechunk: a whole lane must sit in one task.
 */
final class Quantile {
    private Quantile() {}

    static DArray along(DArray x, double q, int axis0, boolean ignoreNan) {
        if (!(q >= 0 && q <= 100)) throw new IllegalArgumentException("got percentile " + q + ", expected 0 <= q <= 100");
        int axis = ShapeOps.axis(axis0, x.ndim());
        long[][] c = x.chunks().sizes();
        c[axis] = new long[] {x.shapeArray()[axis]};
        DArray whole = x.rechunk(Chunks.ofTrusted(c));
        long[][] oc = whole.chunks().sizes();
        oc[axis] = new long[] {1};
        DType t = DType.resultOfMean(x.dtype());
        DArray r = whole.mapBlocks((b, info) -> {
            NDArray p = ignoreNan ? b.nanpercentile(q, axis) : b.percentile(q, axis);
            return p.expandDims(axis);
        }, Chunks.ofTrusted(oc), t);
        return r.squeeze(axis);
    }
}
