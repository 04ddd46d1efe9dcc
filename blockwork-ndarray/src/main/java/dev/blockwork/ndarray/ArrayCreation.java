package dev.blockwork.ndarray;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;

/** Creation routines behind {@link NDArray}'s static factories. */
final class ArrayCreation {
    private ArrayCreation() {}

    static void fill(NDArray a, double v) { Expr.full(v, a.dtype).evaluateInto(a); }

    static void fill(NDArray a, long v) { Expr.full(v, a.dtype).evaluateInto(a); }

    static NDArray arange(double start, double stop, double step, DType t) {
        if (step == 0 || !Double.isFinite(step)) throw new IllegalArgumentException("arange step must be finite and non-zero, got " + step);
        long n = (long) Math.max(0, Math.ceil((stop - start) / step));
        NDArray a = NDArray.zeros(t, n);
        if (t.isFloat()) {
            for (int i = 0; i < n; i++) Storage.setD(t, a.data, i, start + i * step);
        } else {
            long s = (long) start, st = (long) step;
            if (s == start && st == step) for (int i = 0; i < n; i++) Storage.setL(t, a.data, i, s + i * st);
            else for (int i = 0; i < n; i++) Storage.setD(t, a.data, i, start + i * step);
        }
        return a;
    }

    static NDArray linspace(double start, double stop, long num, boolean endpoint) {
        if (num < 0) throw new IllegalArgumentException("number of samples must be non-negative, got " + num);
        double[] v = new double[(int) num];
        long div = endpoint ? num - 1 : num;
        double step = div > 0 ? (stop - start) / div : Double.NaN;
        for (int i = 0; i < num; i++) v[i] = div > 0 ? start + i * step : start;
        if (endpoint && num > 1) v[(int) num - 1] = stop;
        return NDArray.fromArray(v, num);
    }

    static NDArray eye(long n, long m, long k, DType t) {
        NDArray a = NDArray.zeros(t, n, m);
        for (long i = Math.max(0, -k); i < n && i + k < m; i++) Storage.setL(t, a.data, (int) (i * m + i + k), 1);
        return a;
    }

    static NDArray fromFunction(long[] shape, DType t, NDArray.IndexFunction f) {
        NDArray a = NDArray.zeros(t, shape);
        long n = a.size();
        long[] idx = new long[shape.length];
        for (int i = 0; i < n; i++) {
            Storage.setD(t, a.data, i, f.apply(idx));
            for (int k = shape.length - 1; k >= 0; k--) {
                if (++idx[k] < shape[k]) break;
                idx[k] = 0;
            }
        }
        return a;
    }

    static NDArray fromNested(Object nested) {
        if (nested == null || !nested.getClass().isArray()) {
            throw new IllegalArgumentException("expected a Java array such as double[][], got "
                    + (nested == null ? "null" : nested.getClass().getName()));
        }
        List<Long> dims = new ArrayList<>();
        Object o = nested;
        Class<?> c = nested.getClass();
        while (c.isArray()) {
            dims.add((long) Array.getLength(o));
            c = c.getComponentType();
            if (c.isArray()) o = Array.getLength(o) > 0 ? Array.get(o, 0) : null;
            if (o == null) break;
        }
        while (c.isArray()) {
            dims.add(0L);
            c = c.getComponentType();
        }
        DType t;
        if (c == double.class) t = DType.FLOAT64;
        else if (c == float.class) t = DType.FLOAT32;
        else if (c == long.class) t = DType.INT64;
        else if (c == int.class) t = DType.INT32;
        else if (c == boolean.class) t = DType.BOOL;
        else throw new IllegalArgumentException("unsupported element type " + c.getName()
                    + ", expected double, float, long, int or boolean");
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        NDArray a = NDArray.zeros(t, shape);
        int[] pos = {0};
        copyNested(nested, 0, shape, a.data, pos);
        return a;
    }

    private static void copyNested(Object o, int depth, long[] shape, Object dst, int[] pos) {
        int len = Array.getLength(o);
        if (len != shape[depth]) {
            throw new IllegalArgumentException("nested array is not rectangular: got length " + len + " at depth " + depth
                    + ", expected " + shape[depth]);
        }
        if (depth == shape.length - 1) {
            System.arraycopy(o, 0, dst, pos[0], len);
            pos[0] += len;
        } else {
            for (int i = 0; i < len; i++) copyNested(Array.get(o, i), depth + 1, shape, dst, pos);
        }
    }
}
