package dev.blockwork.array;

import dev.blockwork.ndarray.Shape;

/** NumPy broadcasting of shapes, with the error message NumPy gives. */
final class Broadcast {
    private Broadcast() {}

    /** The broadcast shape of {@code a} and {@code b}; IllegalArgumentException naming both when they do not broadcast. */
    static long[] shapes(long[] a, long[] b) {
        int n = Math.max(a.length, b.length);
        long[] r = new long[n];
        for (int i = 0; i < n; i++) {
            long x = i < n - a.length ? 1 : a[i - (n - a.length)];
            long y = i < n - b.length ? 1 : b[i - (n - b.length)];
            if (x != y && x != 1 && y != 1) {
                throw new IllegalArgumentException("operands could not be broadcast together with shapes "
                        + Shape.toString(a) + " " + Shape.toString(b));
            }
            r[i] = x == 1 ? y : x;
        }
        return r;
    }
}
