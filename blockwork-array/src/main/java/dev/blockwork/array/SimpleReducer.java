package dev.blockwork.array;

import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.Expr;
import dev.blockwork.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;

/** sum, prod, min, max, any, all: the partial is the keepdims block result; merging applies the same operation. */
final class SimpleReducer implements Reducer {
    private final Reduction op;
    private final DType in;
    private final int ndim;

    SimpleReducer(Reduction op, DType in, int ndim) {
        this.op = op;
        this.in = in;
        this.ndim = ndim;
    }

    @Override
    public DType outDtype() {
        return switch (op) {
            case SUM, PROD -> DType.resultOfSum(in);
            case ANY, ALL -> DType.BOOL;
            default -> in;
        };
    }

    @Override
    public Object partialAll(Expr e, long[] blockShape, long[] globalOffset, long[] globalShape) {
        NDArray r = switch (op) {
            case SUM -> e.sum();
            case PROD -> e.prod();
            case MIN -> e.min();
            case MAX -> e.max();
            case ANY -> NDArray.full(e.any() ? 1L : 0L, DType.BOOL);
            case ALL -> NDArray.full(e.all() ? 1L : 0L, DType.BOOL);
            default -> throw new IllegalStateException(op.name());
        };
        return r.reshape(Reducer.ones(ndim));
    }

    @Override
    public Object partialAxes(NDArray b, int[] axes, long[] globalOffset) {
        return switch (op) {
            case SUM -> b.sum(axes, true);
            case PROD -> b.prod(axes, true);
            case MIN -> b.min(axes, true);
            case MAX -> b.max(axes, true);
            case ANY -> b.any(axes, true);
            case ALL -> b.all(axes, true);
            default -> throw new IllegalStateException(op.name());
        };
    }

    @Override
    public Object merge(Object a, Object b) {
        Expr x = Expr.of((NDArray) a), y = Expr.of((NDArray) b);
        boolean bool = ((NDArray) a).dtype() == DType.BOOL;
        Expr r = switch (op) {
            case SUM -> x.add(y);
            case PROD -> x.mul(y);
            case MIN -> bool ? x.and(y) : x.minimum(y);
            case MAX -> bool ? x.or(y) : x.maximum(y);
            case ANY -> x.or(y);
            case ALL -> x.and(y);
            default -> throw new IllegalStateException(op.name());
        };
        return r.evaluate();
    }

    @Override
    public Object concat(List<Object> parts, int axis) {
        List<NDArray> p = new ArrayList<>();
        for (Object o : parts) p.add((NDArray) o);
        return Reducer.concatArrays(p, axis);
    }

    @Override
    public NDArray finish(Object partial) {
        NDArray r = (NDArray) partial;
        return r.dtype() == outDtype() ? r : r.astype(outDtype());
    }
}
