package dev.blockwork.ndarray;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Axis reductions of an {@link Expr} without materialising it: the expression is cut into slabs along its
 * first axis (at most {@link #SLAB_ELEMENTS} elements each), every slab is evaluated (fused) and reduced,
 * and the slab results are combined (element-wise when axis 0 is reduced, placed side by side when it is
 * kept). Peak extra memory is one slab, not the whole operand.
 */
final class ExprSlabs {
    static final long SLAB_ELEMENTS = 1L << 16;

    private ExprSlabs() {}

    static NDArray reduce(Expr e, Reductions.Op op, int[] axes, boolean keepDims) {
        long[] shape = e.shape;
        int[] ax = Shapes.normalizeAxes(axes, shape.length);
        long size = Shapes.size(shape);
        if (shape.length == 0 || size <= SLAB_ELEMENTS || shape[0] <= 1) {
            return Reductions.reduce(e.evaluate(), op, ax, keepDims);
        }
        long[] keep = Reductions.keptShape(shape, ax);
        if (op == Reductions.Op.SUM && e.dtype == DType.FLOAT64) {
            NDArray r = floatSum(e, shape, ax, keep);
            if (r != null) return keepDims ? r : r.reshape(Reductions.droppedShape(shape, ax));
        }
        boolean axis0Reduced = ax.length > 0 && ax[0] == 0;
        long rowSize = size / shape[0];
        long rows = Math.max(1, SLAB_ELEMENTS / Math.max(1, rowSize));
        NDArray acc = null;
        for (long from = 0; from < shape[0]; from += rows) {
            long to = Math.min(shape[0], from + rows);
            NDArray part = Reductions.reduce(slice(e, from, to).evaluate(), op, ax, true);
            if (axis0Reduced) {
                acc = acc == null ? part : combine(op, acc, part);
            } else {
                if (acc == null) acc = NDArray.zeros(part.dtype, keep);
                acc.slice(0, from, to, 1).assign(part);
            }
        }
        return keepDims ? acc : acc.reshape(Reductions.droppedShape(shape, ax));
    }

    /**
     * Float64 sums over a leading run of axes {@code 0..k-1} or a trailing run {@code k..n-1}: each slab is
     * evaluated into one reused buffer, then its rows are added into the accumulator (leading) or each row is
     * summed with {@link FusedReduce#sumD} (trailing), plain loops C2 vectorises. Null for other axis sets.
     */
    private static NDArray floatSum(Expr e, long[] shape, int[] ax, long[] keep) {
        int n = shape.length, k = ax.length;
        if (k == 0 || k == n) return null;
        for (int i = 1; i < k; i++) if (ax[i] != ax[0] + i) return null;
        boolean leading = ax[0] == 0;
        if (!leading && ax[k - 1] != n - 1) return null;
        long size = Shapes.size(shape), rowSize = size / shape[0];
        long innerL = 1;
        for (int d = leading ? k : ax[0]; d < n; d++) innerL *= shape[d];
        if (rowSize > (1 << 26) || innerL == 0) return null;
        int inner = (int) innerL;
        int rows = (int) Math.max(1, Math.min(shape[0], SLAB_ELEMENTS / Math.max(1, rowSize)));
        long[] bufShape = shape.clone();
        bufShape[0] = rows;
        NDArray buf = NDArray.zeros(DType.FLOAT64, bufShape);
        double[] b = (double[]) buf.data;
        double[] out = new double[(int) Shapes.size(keep)];
        for (long from = 0; from < shape[0]; from += rows) {
            long to = Math.min(shape[0], from + rows);
            int cnt = (int) (to - from);
            slice(e, from, to).evaluateInto(cnt == rows ? buf : buf.slice(0, 0L, (long) cnt, 1));
            int m = (int) (cnt * rowSize / inner);
            if (leading) {
                RowOps.addRows(out, b, m, inner);
            } else {
                int base = (int) (from * rowSize / inner);
                for (int q = 0; q < m; q++) out[base + q] = FusedReduce.sumD(b, q * inner, inner);
            }
        }
        return NDArray.fromArray(out, keep);
    }


    private static NDArray combine(Reductions.Op op, NDArray a, NDArray b) {
        Expr x = Expr.of(a), y = Expr.of(b);
        Expr r = switch (op) {
            case SUM -> x.add(y);
            case PROD -> x.mul(y);
            case MIN -> x.minimum(y);
            case MAX -> x.maximum(y);
            case ANY -> x.or(y);
            case ALL -> x.and(y);
        };
        return r.evaluate();
    }

    static NDArray mean(Expr e, int[] axes, boolean keepDims) {
        int[] ax = Shapes.normalizeAxes(axes, e.shape.length);
        long n = Reductions.count(e.shape, ax);
        Expr x = e.dtype.isFloat() ? e.astype(DType.FLOAT64) : e;
        NDArray s = reduce(x, Reductions.Op.SUM, ax, keepDims);
        return Expr.of(s).astype(DType.FLOAT64).div((double) n).astype(DType.resultOfMean(e.dtype)).evaluate();
    }

    static NDArray var(Expr e, int ddof, int[] axes, boolean keepDims, boolean sqrt) {
        int[] ax = Shapes.normalizeAxes(axes, e.shape.length);
        long n = Reductions.count(e.shape, ax);
        NDArray mean = mean(e.astype(DType.FLOAT64), ax, true);
        Expr dev = e.astype(DType.FLOAT64).sub(Expr.of(mean));
        NDArray ss = reduce(dev.mul(dev), Reductions.Op.SUM, ax, true);
        Expr v = Expr.of(ss).div((double) Math.max(0, n - ddof)); // NumPy: inf or NaN when ddof >= n
        if (sqrt) v = v.sqrt();
        NDArray r = v.astype(DType.resultOfMean(e.dtype)).evaluate(ss.shape);
        return keepDims ? r : r.reshape(Reductions.droppedShape(e.shape, ax));
    }

    /** {@code e} restricted to rows {@code [from, to)} of its first axis (its shape's axis 0). */
    static Expr slice(Expr e, long from, long to) {
        return slice(e, e.shape, from, to, new IdentityHashMap<>());
    }

    private static Expr slice(Expr e, long[] out, long from, long to, Map<Expr, Expr> memo) {
        Expr done = memo.get(e);
        if (done != null) return done;
        long[] sliced = out.clone();
        sliced[0] = to - from;
        Expr r = switch (e) {
            case ExprNodes.ArrayLeaf a -> Expr.of(a.array.broadcastTo(out).slice(0, from, to, 1));
            case ExprNodes.ScalarLeaf s -> s.shape.length == 0 ? s : new ExprNodes.ScalarLeaf(s.d, s.l, s.dtype, s.weak, sliced);
            case ExprNodes.RandomLeaf rl -> {
                int lead = out.length - rl.shape.length;
                if (lead > 0 || rl.shape[0] == 1) yield rl; // does not vary along axis 0
                long[] bs = rl.shape.clone(), go = rl.globalOffset.clone();
                bs[0] = to - from;
                go[0] += from;
                ExprNodes.RandomLeaf n = new ExprNodes.RandomLeaf(rl.kind, rl.seed, rl.p0, rl.p1, rl.dtype, bs, go, rl.globalShape);
                n.low = rl.low;
                n.width = rl.width;
                yield n;
            }
            case ExprNodes.Unary u -> new ExprNodes.Unary(u.op, slice(u.a, out, from, to, memo), u.dtype);
            case ExprNodes.Binary b -> new ExprNodes.Binary(b.op, slice(b.a, out, from, to, memo), slice(b.b, out, from, to, memo),
                    b.operandType, b.dtype, sliced, b.weak);
            case ExprNodes.Where w -> new ExprNodes.Where(slice(w.cond, out, from, to, memo), slice(w.a, out, from, to, memo),
                    slice(w.b, out, from, to, memo), w.dtype, sliced, w.weak);
            case ExprNodes.Cast c -> new ExprNodes.Cast(slice(c.a, out, from, to, memo), c.dtype);
        };
        memo.put(e, r);
        return r;
    }
}
