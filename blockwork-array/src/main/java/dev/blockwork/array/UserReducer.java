package dev.blockwork.array;

import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.Expr;
import dev.blockwork.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Reducer} from three user functions, Dask's {@code da.reduction(x, chunk, aggregate, combine=...)}: the
 * partial of a block (or strip) is {@code chunk(block, axes)} with the reduced axes kept at length 1; two partials of
 * the same cells merge with {@code combine}; the final values are {@code aggregate(partial)} (keepdims shape).
 * Blocks are evaluated (materialised) before {@code chunk} sees them.
 */
final class UserReducer implements Reducer {
    private final DArray.ChunkReduce chunk;
    private final DArray.Combine combine;
    private final DArray.Aggregate aggregate;
    private final DType dtype;
    private final int ndim;

    UserReducer(DArray.ChunkReduce chunk, DArray.Combine combine, DArray.Aggregate aggregate, DType dtype, int ndim) {
        this.chunk = chunk;
        this.combine = combine;
        this.aggregate = aggregate;
        this.dtype = dtype;
        this.ndim = ndim;
    }

    @Override public DType outDtype() { return dtype; }

    private static int[] all(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        return a;
    }

    @Override
    public Object partialAll(Expr e, long[] blockShape, long[] globalOffset, long[] globalShape) {
        return chunk.apply(e.evaluate(blockShape), all(blockShape.length));
    }

    @Override
    public Object partialConstant(FusedNode.Full c, long[] blockShape, long[] globalOffset, long[] globalShape) {
        NDArray b = NDArray.zeros(c.dtype(), blockShape);
        c.fill(b);
        return chunk.apply(b, all(blockShape.length));
    }

    @Override public Object partialAxes(NDArray block, int[] axes, long[] globalOffset) { return chunk.apply(block, axes); }

    @Override public Object merge(Object a, Object b) { return combine.apply((NDArray) a, (NDArray) b); }

    @Override
    public Object concat(List<Object> parts, int axis) { return Reducer.concatPartials(parts, axis); }

    @Override
    public NDArray finish(Object partial) {
        NDArray r = aggregate.apply((NDArray) partial);
        if (r.dtype() != dtype) {
            throw new IllegalStateException("reduction aggregate returned dtype " + r.dtype().numpyName() + ", expected "
                    + dtype.numpyName() + " (declared)");
        }
        return r;
    }
}
