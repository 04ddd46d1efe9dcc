package dev.blockwork.ndarray;

import java.util.Arrays;

/** Shape arithmetic shared by the package: sizes, row-major strides, broadcasting, axis normalising. */
final class Shapes {
    private Shapes() {}

    static final long MAX_BLOCK_ELEMENTS = Integer.MAX_VALUE - 16;

    /** Product of the extents; throws when negative or more than one Java array can hold. */
    static long size(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) throw new IllegalArgumentException("negative dimension in shape " + format(shape));
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    static int checkedBlockSize(long[] shape) {
        long n = size(shape);
        if (n > MAX_BLOCK_ELEMENTS) {
            throw new IllegalArgumentException("shape " + format(shape) + " has " + n
                    + " elements, more than one dense block holds (" + MAX_BLOCK_ELEMENTS + "); chunk it");
        }
        return (int) n;
    }

    static long[] rowMajorStrides(long[] shape) {
        long[] s = new long[shape.length];
        long acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= Math.max(1, shape[i]);
        }
        return s;
    }

    /** NumPy's broadcast of two shapes, or IllegalArgumentException naming both. */
    static long[] broadcast(long[] a, long[] b) {
        int n = Math.max(a.length, b.length);
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            long da = i < n - a.length ? 1 : a[i - (n - a.length)];
            long db = i < n - b.length ? 1 : b[i - (n - b.length)];
            if (da == db || db == 1) out[i] = da;
            else if (da == 1) out[i] = db;
            else throw new IllegalArgumentException("operands could not be broadcast together with shapes "
                    + format(a) + " " + format(b));
        }
        return out;
    }

    /** True when {@code from} broadcasts to exactly {@code to}. */
    static boolean broadcastsTo(long[] from, long[] to) {
        if (from.length > to.length) return false;
        int lead = to.length - from.length;
        for (int i = 0; i < from.length; i++) {
            if (from[i] != to[lead + i] && from[i] != 1) return false;
        }
        return true;
    }

    /** NumPy-style shape text: {@code (3, 4)}, {@code (5,)}, {@code ()}; see {@link Shape#toString(long[])}. */
    static String format(long[] shape) { return Shape.toString(shape); }

    static int normalizeAxis(int axis, int ndim) {
        int a = axis < 0 ? axis + ndim : axis;
        if (a < 0 || a >= ndim) {
            throw new IndexOutOfBoundsException("axis " + axis + " is out of bounds for array of dimension " + ndim);
        }
        return a;
    }

    /** Sorted, checked axes; {@code null} means every axis and an empty array none (NumPy {@code axis=()}). */
    static int[] normalizeAxes(int[] axes, int ndim) {
        if (axes == null) {
            int[] all = new int[ndim];
            for (int i = 0; i < ndim; i++) all[i] = i;
            return all;
        }
        int[] out = new int[axes.length];
        for (int i = 0; i < axes.length; i++) out[i] = normalizeAxis(axes[i], ndim);
        Arrays.sort(out);
        for (int i = 1; i < out.length; i++) {
            if (out[i] == out[i - 1]) throw new IllegalArgumentException("repeated axis " + out[i] + " in " + Arrays.toString(axes));
        }
        return out;
    }

    static long[] copyShape(long[] shape) {
        long[] s = shape.clone();
        size(s);
        return s;
    }
}
