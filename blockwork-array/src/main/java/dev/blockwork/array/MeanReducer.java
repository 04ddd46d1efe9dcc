package dev.blockwork.array;

import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.Expr;
import dev.blockwork.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;

/** mean: the partial is (float64 sum, count); one pass over the data. */
final class MeanReducer implements Reducer {
    record Part(NDArray sum, long count) implements java.io.Serializable {}

    private final DType in;
    private final int ndim;

    MeanReducer(DType in, int ndim) {
        this.in = in;
        this.ndim = ndim;
    }

    @Override public DType outDtype() { return DType.resultOfMean(in); }

    @Override public Expr prepare(Expr e) { return e.astype(DType.FLOAT64); }

    @Override public boolean sumsLeadingAxisInFloat64() { return true; }

    @Override public Object fromLeadingSum(NDArray sums, long count) { return new Part(sums, count); }

    @Override
    public Object partialAll(Expr e, long[] blockShape, long[] globalOffset, long[] globalShape) {
        return new Part(e.sum().reshape(Reducer.ones(ndim)), size(blockShape));
    }

    @Override
    public Object partialConstant(FusedNode.Full c, long[] blockShape, long[] globalOffset, long[] globalShape) {
        long n = size(blockShape);
        return new Part(NDArray.full(c.asDouble() * n, DType.FLOAT64, Reducer.ones(ndim)), n);
    }

    @Override
    public Object partialAxes(Expr e, int[] axes, long[] blockShape) {
        long n = 1;
        for (int a : axes) n *= blockShape[a];
        return new Part(e.sum(axes, true), n);
    }

    @Override
    public Object partialAxes(NDArray b, int[] axes, long[] globalOffset) {
        long n = 1;
        for (int a : axes) n *= b.shape(a);
        return new Part(b.sum(axes, true), n);
    }

    @Override
    public Object merge(Object a, Object b) {
        Part x = (Part) a, y = (Part) b;
        NDArray s = SmallMerge.applies(x.sum, y.sum) ? SmallMerge.merge(x.sum, y.sum, Double::sum, Long::sum)
                : Expr.of(x.sum).add(Expr.of(y.sum)).evaluate();
        return new Part(s, x.count + y.count);
    }

    @Override
    public Object concat(List<Object> parts, int axis) {
        List<NDArray> s = new ArrayList<>();
        for (Object o : parts) s.add(((Part) o).sum);
        return new Part(Reducer.concatArrays(s, axis), ((Part) parts.get(0)).count);
    }

    @Override
    public NDArray finish(Object partial) {
        Part p = (Part) partial;
        return Expr.of(p.sum).div((double) p.count).astype(outDtype()).evaluate();
    }

    static long size(long[] s) {
        long n = 1;
        for (long d : s) n *= d;
        return n;
    }
}
