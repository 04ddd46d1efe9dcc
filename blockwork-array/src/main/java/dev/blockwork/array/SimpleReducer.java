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

    @Override public boolean needsElements() { return op == Reduction.MIN || op == Reduction.MAX; }

    @Override public boolean sumsLeadingAxisInFloat64() { return op == Reduction.SUM && in == DType.FLOAT64; }

    @Override public Object fromLeadingSum(NDArray sums, long count) { return sums; }

    @Override
    public Object partialConstant(FusedNode.Full c, long[] blockShape, long[] globalOffset, long[] globalShape) {
        long n = MeanReducer.size(blockShape);
        long[] one = Reducer.ones(ndim);
        DType t = outDtype();
        return switch (op) {
            case SUM -> t.isFloat() ? NDArray.full(c.value() * n, t, one) : NDArray.full(c.longValue() * n, t, one);
            case PROD -> t.isFloat() ? NDArray.full(Math.pow(c.value(), n), t, one) : NDArray.full(powWrap(c.longValue(), n), t, one);
            case MIN, MAX -> c.integral() ? NDArray.full(c.longValue(), t, one) : NDArray.full(c.value(), t, one);
            case ANY -> NDArray.full(n > 0 && c.asDouble() != 0 ? 1L : 0L, t, one);
            case ALL -> NDArray.full(n == 0 || c.asDouble() != 0 ? 1L : 0L, t, one);
            default -> throw new IllegalStateException(op.name());
        };
    }

    /** {@code b^e} with 64-bit wrap-around, as repeated int64 multiplication would give. */
    static long powWrap(long b, long e) {
        long r = 1;
        while (e > 0) {
            if ((e & 1) != 0) r *= b;
            b *= b;
            e >>= 1;
        }
        return r;
    }

    @Override
    public Object partialAxes(Expr e, int[] axes, long[] blockShape) {
        return switch (op) {
            case SUM -> e.sum(axes, true);
            case PROD -> e.prod(axes, true);
            case MIN -> e.min(axes, true);
            case MAX -> e.max(axes, true);
            case ANY -> e.any(axes, true);
            case ALL -> e.all(axes, true);
            default -> throw new IllegalStateException(op.name());
        };
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
        NDArray p = (NDArray) a, q = (NDArray) b;
        if (SmallMerge.applies(p, q)) {
            return switch (op) {
                case SUM -> SmallMerge.merge(p, q, Double::sum, Long::sum);
                case PROD -> SmallMerge.merge(p, q, (u, v) -> u * v, (u, v) -> u * v);
                case MIN -> SmallMerge.merge(p, q, (u, v) -> Math.min(u, v), Math::min);
                case MAX -> SmallMerge.merge(p, q, (u, v) -> Math.max(u, v), Math::max);
                case ANY -> SmallMerge.merge(p, q, (u, v) -> u != 0 || v != 0 ? 1 : 0, (u, v) -> u != 0 || v != 0 ? 1 : 0);
                case ALL -> SmallMerge.merge(p, q, (u, v) -> u != 0 && v != 0 ? 1 : 0, (u, v) -> u != 0 && v != 0 ? 1 : 0);
                default -> throw new IllegalStateException(op.name());
            };
        }
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
    public Object concat(List<Object> parts, int axis) { return Reducer.concatPartials(parts, axis); }

    @Override
    public NDArray finish(Object partial) {
        NDArray r = (NDArray) partial;
        return r.dtype() == outDtype() ? r : r.astype(outDtype());
    }
}
