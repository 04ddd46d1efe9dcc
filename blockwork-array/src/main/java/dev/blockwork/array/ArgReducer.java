package dev.blockwork.array;

import dev.blockwork.ndarray.ArgPartial;
import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.Expr;
import dev.blockwork.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;

/**
 * argmin and argmax. Over all axes the partial is an {@link ArgPartial} with a global flat index; over one axis
 * it is (best values, global indices) per cell. Merging keeps NumPy's rules: the first NaN wins, ties go to the
 * smaller index (partials are merged in index order, so "keep the left one on ties" is enough).
 */
final class ArgReducer implements Reducer {
    record Part(NDArray values, NDArray indices) implements java.io.Serializable {}

    private final boolean max;
    private final long[] globalShape;
    private final int ndim;

    ArgReducer(boolean max, long[] globalShape, int ndim) {
        this.max = max;
        this.globalShape = globalShape;
        this.ndim = ndim;
    }

    @Override public DType outDtype() { return DType.INT64; }

    @Override public boolean needsElements() { return true; }

    @Override
    public Object partialAll(Expr e, long[] blockShape, long[] globalOffset, long[] globalShape) {
        ArgPartial p = max ? e.argmax() : e.argmin();
        return p.globalize(blockShape, globalOffset, globalShape);
    }

    @Override
    public Object partialConstant(FusedNode.Full c, long[] blockShape, long[] globalOffset, long[] globalShape) {
        return new ArgPartial(c.asDouble(), 0).globalize(blockShape, globalOffset, globalShape);
    }

    @Override
    public Object partialAxes(NDArray b, int[] axes, long[] globalOffset) {
        int axis = axes[0];
        NDArray idx = (max ? b.argmax(axis) : b.argmin(axis)).expandDims(axis);
        idx = Expr.of(idx).add(globalOffset[axis]).evaluate();
        NDArray vals = max ? b.max(axes, true) : b.min(axes, true);
        return new Part(vals, idx);
    }

    @Override
    public Object merge(Object a, Object b) {
        if (a instanceof ArgPartial x) return x.merge((ArgPartial) b, max);
        Part x = (Part) a, y = (Part) b;
        Expr va = Expr.of(x.values), vb = Expr.of(y.values);
        Expr better = max ? vb.gt(va) : vb.lt(va);
        if (x.values.dtype().isFloat()) better = better.or(vb.ne(vb).and(va.eq(va)));
        NDArray v = Expr.where(better, vb, va).evaluate();
        NDArray i = Expr.where(better, Expr.of(y.indices), Expr.of(x.indices)).evaluate();
        return new Part(v, i);
    }

    @Override
    public Object concat(List<Object> parts, int axis) {
        List<NDArray> v = new ArrayList<>(), i = new ArrayList<>();
        for (Object o : parts) {
            v.add(((Part) o).values);
            i.add(((Part) o).indices);
        }
        return new Part(Reducer.concatArrays(v, axis), Reducer.concatArrays(i, axis));
    }

    @Override
    public NDArray finish(Object partial) {
        if (partial instanceof ArgPartial p) return NDArray.full(p.index(), DType.INT64, Reducer.ones(ndim));
        return ((Part) partial).indices;
    }
}
