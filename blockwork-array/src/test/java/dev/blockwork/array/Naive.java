package dev.blockwork.array;

import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.NDArray;
import java.util.function.DoubleBinaryOperator;
import java.util.function.LongBinaryOperator;

/**
 * The per-element reference implementation the property tests compare with: plain loops over every index,
 * NumPy 2's promotion table written out again here (not taken from the code under test), doubles for floats
 * (rounded to float32 where NumPy's result is float32) and longs for integers.
 */
final class Naive {
    private Naive() {}

    static DType promote(DType a, DType b) {
        if (a == b) return a;
        boolean fa = a == DType.FLOAT64 || a == DType.FLOAT32, fb = b == DType.FLOAT64 || b == DType.FLOAT32;
        if (fa || fb) {
            if (a == DType.FLOAT64 || b == DType.FLOAT64) return DType.FLOAT64;
            DType other = a == DType.FLOAT32 ? b : a;
            return other == DType.BOOL ? DType.FLOAT32 : DType.FLOAT64; // float32 with int32/int64 → float64
        }
        if (a == DType.INT64 || b == DType.INT64) return DType.INT64;
        return DType.INT32;
    }

    static long[] broadcast(long[] a, long[] b) {
        int n = Math.max(a.length, b.length);
        long[] r = new long[n];
        for (int i = 0; i < n; i++) {
            long x = i < n - a.length ? 1 : a[i - (n - a.length)], y = i < n - b.length ? 1 : b[i - (n - b.length)];
            r[i] = Math.max(x, y);
        }
        return r;
    }

    static long[] at(long[] idx, long[] shape) {
        long[] r = new long[shape.length];
        int lead = idx.length - shape.length;
        for (int i = 0; i < shape.length; i++) r[i] = shape[i] == 1 ? 0 : idx[lead + i];
        return r;
    }

    static boolean next(long[] idx, long[] shape) {
        for (int d = shape.length - 1; d >= 0; d--) {
            if (++idx[d] < shape[d]) return true;
            idx[d] = 0;
        }
        return false;
    }

    static long size(long[] s) {
        long n = 1;
        for (long d : s) n *= d;
        return n;
    }

    /** {@code a op b} element-wise with broadcasting; {@code out} is NumPy's result dtype. */
    static NDArray binary(NDArray a, NDArray b, DType out, DoubleBinaryOperator fd, LongBinaryOperator fl, boolean floatCompute) {
        long[] s = broadcast(a.shapeArray(), b.shapeArray());
        NDArray r = NDArray.zeros(out, s);
        if (size(s) == 0) return r;
        long[] idx = new long[s.length];
        do {
            long[] ia = at(idx, a.shapeArray()), ib = at(idx, b.shapeArray());
            if (floatCompute) {
                double v = fd.applyAsDouble(a.getDouble(ia), b.getDouble(ib));
                if (out == DType.FLOAT32) v = (float) v;
                set(r, idx, v);
            } else {
                set(r, idx, fl.applyAsLong(a.getLong(ia), b.getLong(ib)));
            }
        } while (next(idx, s));
        return r;
    }

    static void set(NDArray r, long[] idx, double v) {
        dev.blockwork.ndarray.Index[] ix = new dev.blockwork.ndarray.Index[idx.length];
        for (int i = 0; i < idx.length; i++) ix[i] = dev.blockwork.ndarray.Index.at(idx[i]);
        r.get(ix).fill(v);
    }

    static void set(NDArray r, long[] idx, long v) {
        dev.blockwork.ndarray.Index[] ix = new dev.blockwork.ndarray.Index[idx.length];
        for (int i = 0; i < idx.length; i++) ix[i] = dev.blockwork.ndarray.Index.at(idx[i]);
        r.get(ix).assign(NDArray.full(v, DType.INT64));
    }

    /** A reduction over {@code axes} (sorted, distinct) by plain loops. kind: sum, prod, min, max, mean, var, std, argmin, argmax. */
    static NDArray reduce(NDArray x, String kind, int[] axes, boolean keepDims) {
        long[] s = x.shapeArray();
        boolean[] red = new boolean[s.length];
        for (int a : axes) red[a] = true;
        long[] keep = s.clone();
        for (int a : axes) keep[a] = 1;
        int cells = (int) size(keep);
        double[] acc = new double[cells], acc2 = new double[cells];
        long[] lacc = new long[cells], cnt = new long[cells], arg = new long[cells];
        boolean[] seen = new boolean[cells];
        boolean isFloat = x.dtype() == DType.FLOAT64 || x.dtype() == DType.FLOAT32;
        for (int c = 0; c < cells; c++) {
            lacc[c] = kind.equals("prod") ? 1 : 0;
            acc[c] = kind.equals("prod") ? 1 : 0;
        }
        long[] idx = new long[s.length];
        if (size(s) > 0) {
            do {
                int c = cell(idx, keep);
                double v = x.getDouble(idx);
                long lv = x.getLong(idx);
                long pos = red.length == 0 ? 0 : axisPos(idx, axes, s);
                switch (kind) {
                    case "sum" -> { acc[c] += v; lacc[c] += lv; }
                    case "prod" -> { acc[c] *= v; lacc[c] *= lv; }
                    case "min", "argmin" -> { if (!seen[c] || v < acc[c]) { acc[c] = v; arg[c] = pos; } }
                    case "max", "argmax" -> { if (!seen[c] || v > acc[c]) { acc[c] = v; arg[c] = pos; } }
                    case "mean", "var", "std" -> { acc[c] += v; cnt[c]++; }
                    default -> throw new IllegalArgumentException(kind);
                }
                seen[c] = true;
            } while (next(idx, s));
        }
        if (kind.equals("var") || kind.equals("std")) {
            idx = new long[s.length];
            do {
                int c = cell(idx, keep);
                double d = x.getDouble(idx) - acc[c] / cnt[c];
                acc2[c] += d * d;
            } while (next(idx, s));
        }
        DType in = x.dtype();
        DType out = switch (kind) {
            case "sum", "prod" -> isFloat ? in : DType.INT64;
            case "min", "max" -> in;
            case "mean", "var", "std" -> in == DType.FLOAT32 ? DType.FLOAT32 : DType.FLOAT64;
            default -> DType.INT64;
        };
        NDArray r = NDArray.zeros(out, keep);
        long[] k = new long[keep.length];
        for (int c = 0; c < cells; c++) {
            double v = switch (kind) {
                case "mean" -> acc[c] / cnt[c];
                case "var" -> acc2[c] / cnt[c];
                case "std" -> Math.sqrt(acc2[c] / cnt[c]);
                default -> acc[c];
            };
            if (kind.startsWith("arg")) set(r, k, arg[c]);
            else if (out == DType.INT64 && (kind.equals("sum") || kind.equals("prod"))) set(r, k, lacc[c]);
            else if (!isFloat && (kind.equals("min") || kind.equals("max"))) set(r, k, (long) v);
            else set(r, k, v);
            next(k, keep);
        }
        if (keepDims) return r;
        long[] dropped = new long[s.length - axes.length];
        for (int d = 0, j = 0; d < s.length; d++) if (!red[d]) dropped[j++] = s[d];
        return r.reshape(dropped);
    }

    private static int cell(long[] idx, long[] keep) {
        long c = 0;
        for (int d = 0; d < keep.length; d++) c = c * keep[d] + (keep[d] == 1 ? 0 : idx[d]);
        return (int) c;
    }

    /** Flat C-order position of idx within the reduced axes. */
    private static long axisPos(long[] idx, int[] axes, long[] s) {
        long p = 0;
        for (int a : axes) p = p * s[a] + idx[a];
        return p;
    }
}
