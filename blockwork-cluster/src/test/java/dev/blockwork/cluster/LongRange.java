package dev.blockwork.cluster;

/** Task functions over {@code long[]} values big enough to stay on a worker (over the inline limit). */
final class LongRange {
    private LongRange() {}

    /** {@code 0, 1, ..., n-1}: 8n bytes. */
    static long[] of(int n) {
        long[] a = new long[n];
        for (int i = 0; i < n; i++) a[i] = i;
        return a;
    }

    static long total(long[] a) {
        long s = 0;
        for (long x : a) s += x;
        return s;
    }
}
