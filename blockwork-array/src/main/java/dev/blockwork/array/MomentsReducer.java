package dev.blockwork.array;

import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.Expr;
import dev.blockwork.ndarray.Moments;
import dev.blockwork.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;

/**
 * var and std: the partial is (count, mean, M2) per cell, merged with Chan, Golub and LeVeque's pairwise
 * update (the same rule as {@link Moments#merge}), so the result is numerically stable whatever the chunking.
 */
final class MomentsReducer implements Reducer {
    record Part(long count, NDArray mean, NDArray m2) implements java.io.Serializable {}

    private final DType in;
    private final int ddof;
    private final boolean std;
    private final int ndim;

    MomentsReducer(DType in, int ddof, boolean std, int ndim) {
        this.in = in;
        this.ddof = ddof;
        this.std = std;
        this.ndim = ndim;
    }

    @Override public DType outDtype() { return DType.resultOfMean(in); }

    @Override public Expr prepare(Expr e) { return e.astype(DType.FLOAT64); }

    @Override
    public Object partialAll(Expr e, long[] blockShape, long[] globalOffset, long[] globalShape) {
        Moments m = e.moments();
        long[] one = Reducer.ones(ndim);
        return new Part(m.count(), NDArray.full(m.mean(), DType.FLOAT64, one), NDArray.full(m.m2(), DType.FLOAT64, one));
    }

    @Override
    public Object partialConstant(FusedNode.Full c, long[] blockShape, long[] globalOffset, long[] globalShape) {
        long[] one = Reducer.ones(ndim);
        long n = MeanReducer.size(blockShape);
        return new Part(n, NDArray.full(n == 0 ? Double.NaN : c.asDouble(), DType.FLOAT64, one), NDArray.full(0.0, DType.FLOAT64, one));
    }

    @Override
    public Object partialAxes(NDArray b, int[] axes, long[] globalOffset) {
        long n = 1;
        for (int a : axes) n *= b.shape(a);
        NDArray mean = b.mean(axes, true);
        NDArray m2 = Expr.of(b.var(0, axes, true)).mul((double) n).evaluate();
        return new Part(n, mean, m2);
    }

    @Override
    public Object merge(Object a, Object b) {
        Part x = (Part) a, y = (Part) b;
        if (x.count == 0) return y;
        if (y.count == 0) return x;
        long n = x.count + y.count;
        if (SmallMerge.applies(x.mean, y.mean)) {
            double wb = (double) y.count / n, w2 = (double) x.count * y.count / n;
            NDArray mean = SmallMerge.merge(x.mean, y.mean, (ma, mb) -> ma + (mb - ma) * wb, null);
            NDArray d2 = SmallMerge.merge(x.mean, y.mean, (ma, mb) -> (mb - ma) * (mb - ma) * w2, null);
            NDArray m2 = SmallMerge.merge(SmallMerge.merge(x.m2, y.m2, Double::sum, null), d2, Double::sum, null);
            return new Part(n, mean, m2);
        }
        Expr delta = Expr.of(y.mean).sub(Expr.of(x.mean));
        NDArray mean = Expr.of(x.mean).add(delta.mul((double) y.count / n)).evaluate();
        NDArray m2 = Expr.of(x.m2).add(Expr.of(y.m2)).add(delta.mul(delta).mul((double) x.count * y.count / n)).evaluate();
        return new Part(n, mean, m2);
    }

    @Override
    public Object concat(List<Object> parts, int axis) {
        List<NDArray> mean = new ArrayList<>(), m2 = new ArrayList<>();
        for (Object o : parts) {
            mean.add(((Part) o).mean);
            m2.add(((Part) o).m2);
        }
        return new Part(((Part) parts.get(0)).count, Reducer.concatArrays(mean, axis), Reducer.concatArrays(m2, axis));
    }

    @Override
    public NDArray finish(Object partial) {
        Part p = (Part) partial;
        long d = p.count - ddof;
        Expr v = Expr.of(p.m2).maximum(Expr.scalar(0.0)).div((double) Math.max(0, d)); // NumPy: inf or NaN when ddof >= n
        if (std) v = v.sqrt();
        return v.astype(outDtype()).evaluate();
    }
}
