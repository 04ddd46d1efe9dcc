package dev.blockwork.ndarray;

import java.util.Arrays;

/**
 * Per-thread scratch for one {@link Kernel} tile: where the tile starts, its length, and one small
 * double[]/long[] buffer per kernel node, reused from tile to tile (never full-size temporaries).
 *
 * <p>{@code roff} is the offset at which the array last returned by a {@code read...} call holds the
 * tile's values: leaves that are contiguous return their backing array directly, without a copy.
 */
final class Tile {
    static final int SIZE = 2048;

    private static final ThreadLocal<Tile> CACHE = ThreadLocal.withInitial(Tile::new);

    long start;
    int len;
    int roff;
    long[] idx = new long[0];
    long[] cursor = new long[0];
    private double[][] d = new double[8][];
    private long[][] l = new long[8][];
    private boolean inUse;
    private double[][][] fusedArrays = new double[8][][];
    private int[][] fusedOffsets = new int[8][];

    /** The calling thread's tile, or a fresh one if it is already in use (nested evaluation). */
    static Tile acquire(int ndim) {
        Tile t = CACHE.get();
        if (t.inUse) t = new Tile();
        t.inUse = true;
        if (t.idx.length != ndim) {
            t.idx = new long[ndim];
            t.cursor = new long[ndim];
        }
        return t;
    }

    void release() { inUse = false; }

    /** Argument arrays for the fused loop of node {@code id} with {@code n} inputs (reused from tile to tile). */
    double[][] fusedArrays(int id, int n) {
        if (id >= fusedArrays.length) fusedArrays = Arrays.copyOf(fusedArrays, Math.max(id + 1, 2 * fusedArrays.length));
        double[][] a = fusedArrays[id];
        if (a == null || a.length < n) fusedArrays[id] = a = new double[n][];
        return a;
    }

    int[] fusedOffsets(int id, int n) {
        if (id >= fusedOffsets.length) fusedOffsets = Arrays.copyOf(fusedOffsets, Math.max(id + 1, 2 * fusedOffsets.length));
        int[] a = fusedOffsets[id];
        if (a == null || a.length < n) fusedOffsets[id] = a = new int[n];
        return a;
    }

    double[] d(int id) {
        if (id >= d.length) d = Arrays.copyOf(d, Math.max(id + 1, d.length * 2));
        double[] b = d[id];
        if (b == null) d[id] = b = new double[SIZE];
        return b;
    }

    long[] l(int id) {
        if (id >= l.length) l = Arrays.copyOf(l, Math.max(id + 1, l.length * 2));
        long[] b = l[id];
        if (b == null) l[id] = b = new long[SIZE];
        return b;
    }

    /** Sets {@link #idx} to the multi-index of flat position {@code flat} in {@code shape}. */
    void seek(long flat, long[] shape) {
        start = flat;
        for (int k = shape.length - 1; k >= 0; k--) {
            idx[k] = flat % shape[k];
            flat /= shape[k];
        }
    }

    /** Moves {@link #idx} forward by {@code n} elements. */
    void advance(int n, long[] shape) {
        start += n;
        int k = shape.length - 1;
        idx[k] += n;
        while (k > 0 && idx[k] >= shape[k]) {
            long carry = idx[k] / shape[k];
            idx[k] %= shape[k];
            idx[--k] += carry;
        }
    }
}
