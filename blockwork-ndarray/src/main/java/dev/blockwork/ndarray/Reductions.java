package dev.blockwork.ndarray;

/**
 * Reductions of one block over one axis, several axes or all axes, with NumPy's result dtypes
 * (sum/prod of ints and bool → int64, mean/var/std of ints → float64, min/max keep the dtype, any/all → bool),
 * NaN rules (min/max propagate NaN; argmin/argmax return the first NaN) and empty rules (sum of empty = 0,
 * prod = 1, min/max/argmin/argmax of empty throw IllegalArgumentException).
 *
 * <p>Implementation overview: a reduction over every axis is a fused {@link Expr} reduction. Otherwise the
 * input is walked row by row (its last axis, in chunks of {@link Tile#SIZE}) in C order, and each row is folded
 * into an accumulator buffer laid out like the keepdims result: when the last axis is reduced the row folds to
 * one cell; when it is kept the row combines element-wise with a row of the buffer (a vectorisable loop).
 * Floats accumulate in double, integers in long.
 */
final class Reductions {
    private Reductions() {}

    enum Op { SUM, PROD, MIN, MAX, ANY, ALL }

    static NDArray reduce(NDArray a, Op op, int[] axes, boolean keepDims) {
        int[] ax = Shapes.normalizeAxes(axes, a.ndim());
        long[] keep = keptShape(a.shape, ax);
        DType rt = switch (op) {
            case SUM, PROD -> DType.resultOfSum(a.dtype);
            case MIN, MAX -> a.dtype;
            case ANY, ALL -> DType.BOOL;
        };
        if ((op == Op.MIN || op == Op.MAX)) {
            for (int x : ax) {
                if (a.shape[x] == 0) {
                    throw new IllegalArgumentException("zero-size array to reduction operation " + (op == Op.MIN ? "minimum" : "maximum")
                            + " which has no identity (shape " + Shapes.format(a.shape) + ", axes " + java.util.Arrays.toString(ax) + ")");
                }
            }
        }
        NDArray r;
        if (ax.length == a.ndim() && Shapes.size(keep) == 1) {
            Expr e = Expr.of(a);
            r = switch (op) {
                case SUM -> e.sum();
                case PROD -> e.prod();
                case MIN -> e.min();
                case MAX -> e.max();
                case ANY -> NDArray.full(e.any() ? 1L : 0L, DType.BOOL, new long[0]);
                case ALL -> NDArray.full(e.all() ? 1L : 0L, DType.BOOL, new long[0]);
            };
            r = r.reshape(keep);
        } else {
            r = fold(a, op, keep, rt, false);
        }
        return keepDims ? r : r.reshape(droppedShape(a.shape, ax));
    }

    static long[] keptShape(long[] shape, int[] ax) {
        long[] k = shape.clone();
        for (int x : ax) k[x] = 1;
        return k;
    }

    static long[] droppedShape(long[] shape, int[] ax) {
        long[] d = new long[shape.length - ax.length];
        for (int i = 0, j = 0, q = 0; i < shape.length; i++) {
            if (q < ax.length && ax[q] == i) q++;
            else d[j++] = shape[i];
        }
        return d;
    }

    /** Folds {@code a} into an accumulator of shape {@code keep}; {@code asDouble} accumulates ints in double. */
    static NDArray fold(NDArray a, Op op, long[] keep, DType rt, boolean asDouble) {
        int n = a.ndim();
        boolean dbl = asDouble || a.dtype.isFloat();
        int outSize = Shapes.checkedBlockSize(keep);
        double[] accD = dbl ? new double[outSize] : null;
        long[] accL = dbl ? null : new long[outSize];
        double initD = switch (op) {
            case SUM, ANY -> 0;
            case PROD, ALL -> 1;
            case MIN -> Double.POSITIVE_INFINITY;
            case MAX -> Double.NEGATIVE_INFINITY;
        };
        long initL = switch (op) {
            case SUM, ANY -> 0;
            case PROD, ALL -> 1;
            case MIN -> Long.MAX_VALUE;
            case MAX -> Long.MIN_VALUE;
        };
        if (dbl) java.util.Arrays.fill(accD, initD);
        else java.util.Arrays.fill(accL, initL);
        long total = a.size();
        if (total > 0) {
            long[] ostr = Shapes.rowMajorStrides(keep);
            for (int k = 0; k < n; k++) if (keep[k] == 1) ostr[k] = 0;
            long inner = a.shape[n - 1], sIn = a.strides[n - 1], oIn = ostr[n - 1];
            long[] idx = new long[n];
            double[] bufD = new double[Tile.SIZE];
            long[] bufL = new long[Tile.SIZE];
            long rows = total / inner;
            for (long row = 0; row < rows; row++) {
                long p = a.offset, o = 0;
                for (int k = 0; k < n - 1; k++) {
                    p += idx[k] * a.strides[k];
                    o += idx[k] * ostr[k];
                }
                for (long c = 0; c < inner; c += Tile.SIZE) {
                    int len = (int) Math.min(Tile.SIZE, inner - c);
                    int pos = (int) (p + c * sIn), opos = (int) (o + c * oIn);
                    if (dbl) {
                        Storage.gatherD(a.dtype, a.data, pos, (int) sIn, bufD, 0, len);
                        if (op == Op.ANY || op == Op.ALL) for (int i = 0; i < len; i++) bufD[i] = bufD[i] != 0 ? 1 : 0;
                        if (oIn == 0) accD[opos] = foldRowD(op, accD[opos], bufD, len);
                        else combineRowD(op, accD, opos, bufD, len);
                    } else {
                        Storage.gatherL(a.dtype, a.data, pos, (int) sIn, bufL, 0, len);
                        if (op == Op.ANY || op == Op.ALL) for (int i = 0; i < len; i++) bufL[i] = bufL[i] != 0 ? 1 : 0;
                        if (oIn == 0) accL[opos] = foldRowL(op, accL[opos], bufL, len);
                        else combineRowL(op, accL, opos, bufL, len);
                    }
                }
                for (int k = n - 2; k >= 0; k--) {
                    if (++idx[k] < a.shape[k]) break;
                    idx[k] = 0;
                }
            }
        }
        NDArray acc = dbl ? NDArray.fromArray(accD, keep) : NDArray.fromArray(accL, keep);
        return acc.dtype == rt ? acc : acc.astype(rt);
    }

    private static double foldRowD(Op op, double acc, double[] v, int n) {
        switch (op) {
            case SUM -> acc += FusedReduce.sumD(v, 0, n);
            case PROD -> { for (int i = 0; i < n; i++) acc *= v[i]; }
            case MIN -> { for (int i = 0; i < n; i++) acc = Math.min(acc, v[i]); }
            case MAX -> { for (int i = 0; i < n; i++) acc = Math.max(acc, v[i]); }
            case ANY -> { for (int i = 0; i < n; i++) acc = Math.max(acc, v[i]); }
            case ALL -> { for (int i = 0; i < n; i++) acc = Math.min(acc, v[i]); }
        }
        return acc;
    }

    private static void combineRowD(Op op, double[] acc, int o, double[] v, int n) {
        switch (op) {
            case SUM -> { for (int i = 0; i < n; i++) acc[o + i] += v[i]; }
            case PROD -> { for (int i = 0; i < n; i++) acc[o + i] *= v[i]; }
            case MIN, ALL -> { for (int i = 0; i < n; i++) acc[o + i] = Math.min(acc[o + i], v[i]); }
            case MAX, ANY -> { for (int i = 0; i < n; i++) acc[o + i] = Math.max(acc[o + i], v[i]); }
        }
    }

    private static long foldRowL(Op op, long acc, long[] v, int n) {
        switch (op) {
            case SUM -> { for (int i = 0; i < n; i++) acc += v[i]; }
            case PROD -> { for (int i = 0; i < n; i++) acc *= v[i]; }
            case MIN, ALL -> { for (int i = 0; i < n; i++) acc = Math.min(acc, v[i]); }
            case MAX, ANY -> { for (int i = 0; i < n; i++) acc = Math.max(acc, v[i]); }
        }
        return acc;
    }

    private static void combineRowL(Op op, long[] acc, int o, long[] v, int n) {
        switch (op) {
            case SUM -> { for (int i = 0; i < n; i++) acc[o + i] += v[i]; }
            case PROD -> { for (int i = 0; i < n; i++) acc[o + i] *= v[i]; }
            case MIN, ALL -> { for (int i = 0; i < n; i++) acc[o + i] = Math.min(acc[o + i], v[i]); }
            case MAX, ANY -> { for (int i = 0; i < n; i++) acc[o + i] = Math.max(acc[o + i], v[i]); }
        }
    }

    static long count(long[] shape, int[] ax) {
        long c = 1;
        for (int x : ax) c *= shape[x];
        return c;
    }

    static NDArray mean(NDArray a, int[] axes, boolean keepDims) {
        int[] ax = Shapes.normalizeAxes(axes, a.ndim());
        long[] keep = keptShape(a.shape, ax);
        DType rt = DType.resultOfMean(a.dtype);
        NDArray s = fold(a, Op.SUM, keep, DType.FLOAT64, true);
        NDArray m = Expr.of(s).div(Expr.scalar((double) count(a.shape, ax))).astype(rt).evaluate();
        return keepDims ? m : m.reshape(droppedShape(a.shape, ax));
    }

    static NDArray var(NDArray a, int ddof, int[] axes, boolean keepDims, boolean sqrt) {
        int[] ax = Shapes.normalizeAxes(axes, a.ndim());
        long[] keep = keptShape(a.shape, ax);
        DType rt = DType.resultOfMean(a.dtype);
        long n = count(a.shape, ax);
        NDArray mean = fold(a, Op.SUM, keep, DType.FLOAT64, true);
        mean = Expr.of(mean).div((double) n).evaluate();
        Expr dev = Expr.of(a).astype(DType.FLOAT64).sub(Expr.of(mean));
        NDArray sq = dev.mul(dev).evaluate(a.shape);
        NDArray ss = fold(sq, Op.SUM, keep, DType.FLOAT64, true);
        Expr v = Expr.of(ss).div((double) Math.max(0, n - ddof)); // NumPy: inf or NaN when ddof >= n
        if (sqrt) v = v.sqrt();
        NDArray r = v.astype(rt).evaluate(keep);
        return keepDims ? r : r.reshape(droppedShape(a.shape, ax));
    }

    static long argFlat(NDArray a, boolean max) {
        return (max ? Expr.of(a).argmax() : Expr.of(a).argmin()).index();
    }

    static NDArray argAxis(NDArray a, int axis, boolean max) {
        int x = Shapes.normalizeAxis(axis, a.ndim());
        if (a.shape[x] == 0) {
            throw new IllegalArgumentException("attempt to get " + (max ? "argmax" : "argmin") + " of an empty sequence (axis "
                    + axis + " of shape " + Shapes.format(a.shape) + ")");
        }
        int n = a.ndim();
        int[] perm = new int[n];
        for (int i = 0, j = 0; i < n; i++) if (i != x) perm[j++] = i;
        perm[n - 1] = x;
        NDArray p = a.permute(perm);
        long[] outShape = java.util.Arrays.copyOf(p.shape, n - 1);
        NDArray out = NDArray.zeros(DType.INT64, outShape);
        long[] res = (long[]) out.data;
        long inner = p.shape[n - 1], sIn = p.strides[n - 1];
        double[] buf = new double[Tile.SIZE];
        long[] idx = new long[n - 1];
        for (int r = 0; r < res.length; r++) {
            long pos = p.offset;
            for (int k = 0; k < n - 1; k++) pos += idx[k] * p.strides[k];
            ArgPartial best = ArgPartial.EMPTY;
            for (long c = 0; c < inner && !(best.index() >= 0 && Double.isNaN(best.value())); c += Tile.SIZE) {
                int len = (int) Math.min(Tile.SIZE, inner - c);
                Storage.gatherD(p.dtype, p.data, (int) (pos + c * sIn), (int) sIn, buf, 0, len);
                best = best.merge(argOf(buf, len, c, max), max);
            }
            res[r] = best.index();
            for (int k = n - 2; k >= 0; k--) {
                if (++idx[k] < p.shape[k]) break;
                idx[k] = 0;
            }
        }
        return out;
    }

    static ArgPartial argOf(double[] v, int n, long base, boolean max) {
        int best = 0;
        double bv = v[0];
        if (!Double.isNaN(bv)) {
            for (int i = 1; i < n; i++) {
                double x = v[i];
                if (Double.isNaN(x)) { best = i; bv = x; break; }
                if (max ? x > bv : x < bv) { best = i; bv = x; }
            }
        }
        return new ArgPartial(bv, base + best);
    }

    static boolean allClose(NDArray a, NDArray b, double rtol, double atol, boolean equalNan) {
        Expr x = Expr.of(a).astype(DType.FLOAT64), y = Expr.of(b).astype(DType.FLOAT64);
        Expr close = x.sub(y).abs().le(y.abs().mul(rtol).add(atol)).or(x.eq(y));
        if (equalNan) close = close.or(x.ne(x).and(y.ne(y)));
        return close.all();
    }
}
