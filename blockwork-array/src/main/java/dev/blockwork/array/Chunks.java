package dev.blockwork.array;

import dev.blockwork.ndarray.DType;
import java.util.Arrays;

/**
 * The concrete block structure of a chunked array: the size of every block along every axis
 * (Dask's {@code chunks} tuple of tuples), plus the factories for chunk specs and the one canonical
 * normaliser {@link #normalize(ChunkSpec, Shape, DType)}.
 *
 * <p>Accepted spec forms (shape {@code (1000, 250)} float64 in every example):
 * <pre>{@code
 * Chunks.of(100, 100)                  // ((100 x10), (100, 100, 50)): uniform size per axis, irregular last block
 * Chunks.of(100, -1)                   // ((100 x10), (250,)): -1 (ChunkSpec.WHOLE) = the whole axis
 * Chunks.of(ChunkSpec.AUTO, -1)        // axis 0 sized automatically, axis 1 whole
 * Chunks.uniform(300)                  // ((300, 300, 300, 100), (250,)): one size for every axis
 * Chunks.explicit(new long[] {600, 400}, new long[] {50, 200})   // explicit, irregular block sizes
 * Chunks.auto()                        // blocks of about blockwork.array.chunkBytes (default 128 MiB)
 * Chunks.auto(1 << 20)                 // blocks of about 1 MiB: ((512, 488), (250,))
 * }</pre>
 * Errors say what was given and what was expected, e.g. "chunks for axis 0 sum to 900, expected the
 * axis length 1000 (shape (1000, 250), chunks [[500, 400], ...])".
 *
 * <p>Instances are immutable; the per-axis arrays are never exposed without copying.
 */
public final class Chunks implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    /** Default target bytes per block for {@link #auto()}: system property {@code blockwork.array.chunkBytes}, 128 MiB. */
    public static final long DEFAULT_AUTO_BYTES = ArraySettings.CHUNK_BYTES.getLong();
    /** Most elements one block may hold (one Java array). */
    public static final long MAX_BLOCK_ELEMENTS = Integer.MAX_VALUE - 16;

    private final long[][] sizes;
    private final long[][] offsets; // offsets[d][i] = start of block i on axis d; offsets[d][n] = length

    private Chunks(long[][] sizes) {
        this.sizes = sizes;
        this.offsets = new long[sizes.length][];
        for (int d = 0; d < sizes.length; d++) {
            long[] o = new long[sizes[d].length + 1];
            for (int i = 0; i < sizes[d].length; i++) o[i + 1] = o[i] + sizes[d][i];
            offsets[d] = o;
        }
    }

    // ------------------------------------------------------------------ spec factories

    /**
     * Per-axis uniform block sizes; an entry may be {@link ChunkSpec#WHOLE} (-1) or {@link ChunkSpec#AUTO}.
     * 0 is refused (by {@link #normalize}): use {@code ChunkSpec.AUTO} or {@link #auto()} for automatic sizes.
     */
    public static ChunkSpec of(long... perAxis) { return new ChunkSpec(perAxis.clone(), 0, null, 0); }

    /** The same block size on every axis (Dask {@code chunks=100}). */
    public static ChunkSpec uniform(long size) { return new ChunkSpec(null, size, null, 0); }

    /** Explicit block sizes per axis; each axis's sizes must sum to its length. */
    public static ChunkSpec explicit(long[]... sizes) {
        long[][] c = new long[sizes.length][];
        for (int i = 0; i < sizes.length; i++) c[i] = sizes[i].clone();
        return new ChunkSpec(null, 0, c, 0);
    }

    /** Automatic sizes aiming at {@link #DEFAULT_AUTO_BYTES} per block. */
    public static ChunkSpec auto() { return new ChunkSpec(null, ChunkSpec.AUTO, null, 0); }

    /** Automatic sizes aiming at {@code targetBytes} per block. */
    public static ChunkSpec auto(long targetBytes) {
        if (targetBytes <= 0) throw new IllegalArgumentException("auto chunk target must be positive, got " + targetBytes + " bytes");
        return new ChunkSpec(null, ChunkSpec.AUTO, null, targetBytes);
    }

    /** One block per axis (the whole array in one block). */
    public static ChunkSpec whole() { return uniform(ChunkSpec.WHOLE); }

    /** Wraps already-concrete per-axis block sizes (checked: non-negative, fit in a block). */
    public static Chunks ofSizes(long[]... sizes) {
        long[][] c = new long[sizes.length][];
        for (int i = 0; i < sizes.length; i++) c[i] = sizes[i].clone();
        long[] shape = new long[c.length];
        for (int d = 0; d < c.length; d++) for (long s : c[d]) shape[d] += s;
        return check(new Chunks(c), shape, String.valueOf(Arrays.deepToString(sizes)));
    }

    // ------------------------------------------------------------------ the normaliser

    /**
     * Turns a spec into concrete block sizes for {@code shape} and {@code dtype} (the dtype matters for
     * {@code auto} only). Throws IllegalArgumentException "got X, expected Y" when the spec has the wrong
     * number of axes, a size of 0 (use {@link ChunkSpec#AUTO}) or below -1, explicit sizes that do not sum to
     * the axis length, or a block above {@link #MAX_BLOCK_ELEMENTS} elements.
     */
    public static Chunks normalize(ChunkSpec spec, Shape shape, DType dtype) {
        long[] dims = shape.toArray();
        int n = dims.length;
        long[][] out = new long[n][];
        if (spec.explicit != null) {
            if (spec.explicit.length != n) {
                throw new IllegalArgumentException("got chunks for " + spec.explicit.length + " axes, expected " + n
                        + " for shape " + shape + " (chunks " + spec + ")");
            }
            for (int d = 0; d < n; d++) {
                long sum = 0;
                for (long s : spec.explicit[d]) {
                    if (s < 0) throw new IllegalArgumentException("got block size " + s + " on axis " + d + ", expected sizes >= 0 (chunks "
                            + spec + ", shape " + shape + ")");
                    sum += s;
                }
                if (sum != dims[d] || (spec.explicit[d].length == 0 && dims[d] != 0)) {
                    throw new IllegalArgumentException("chunks for axis " + d + " sum to " + sum + ", expected the axis length "
                            + dims[d] + " (shape " + shape + ", chunks " + spec + ")");
                }
                out[d] = spec.explicit[d].length == 0 ? new long[] {0} : spec.explicit[d].clone();
            }
            return check(new Chunks(out), dims, spec.toString());
        }
        long[] per = spec.perAxis;
        if (per == null) {
            per = new long[n];
            Arrays.fill(per, spec.uniform);
        } else if (per.length != n) {
            throw new IllegalArgumentException("got chunks for " + per.length + " axes, expected " + n + " for shape " + shape
                    + " (chunks " + spec + ")");
        }
        per = per.clone();
        for (int d = 0; d < n; d++) {
            if (per[d] == 0 || per[d] < ChunkSpec.AUTO) {
                throw new IllegalArgumentException("got block size " + per[d] + " on axis " + d
                        + ", expected a positive size, -1 (the whole axis) or ChunkSpec.AUTO / Chunks.auto() for automatic"
                        + " sizes (chunks " + spec + ", shape " + shape + ")");
            }
            if (per[d] == ChunkSpec.WHOLE) per[d] = Math.max(1, dims[d]);
        }
        autoSizes(per, dims, dtype, spec.autoBytes > 0 ? spec.autoBytes : DEFAULT_AUTO_BYTES);
        for (int d = 0; d < n; d++) out[d] = regular(dims[d], per[d]);
        return check(new Chunks(out), dims, spec.toString());
    }

    /** Fills AUTO entries of {@code per} so that a block holds about {@code targetBytes}; roughly cubic blocks. */
    private static void autoSizes(long[] per, long[] dims, DType dtype, long targetBytes) {
        int nAuto = 0;
        double budget = Math.max(1.0, (double) targetBytes / dtype.itemSize());
        for (int d = 0; d < per.length; d++) {
            if (per[d] == ChunkSpec.AUTO) nAuto++;
            else budget /= Math.min(per[d], Math.max(1, dims[d]));
        }
        while (nAuto > 0) {
            double ideal = Math.pow(Math.max(1.0, budget), 1.0 / nAuto);
            boolean capped = false;
            for (int d = 0; d < per.length; d++) {
                if (per[d] == ChunkSpec.AUTO && dims[d] <= ideal) { // a short axis goes whole; share its budget
                    per[d] = Math.max(1, dims[d]);
                    budget /= per[d];
                    nAuto--;
                    capped = true;
                }
            }
            if (capped) continue;
            for (int d = 0; d < per.length; d++) {
                if (per[d] == ChunkSpec.AUTO) {
                    long nb = (long) Math.ceil(dims[d] / ideal);          // blocks on this axis
                    per[d] = Math.max(1, (dims[d] + nb - 1) / nb);          // balanced sizes
                }
            }
            nAuto = 0;
        }
    }

    private static long[] regular(long dim, long size) {
        if (dim == 0) return new long[] {0};
        int nb = (int) ((dim + size - 1) / size);
        long[] s = new long[nb];
        Arrays.fill(s, size);
        s[nb - 1] = dim - size * (nb - 1);
        return s;
    }

    private static Chunks check(Chunks c, long[] dims, String spec) {
        long elems = 1;
        for (int d = 0; d < dims.length; d++) {
            long max = 0;
            for (long s : c.sizes[d]) max = Math.max(max, s);
            elems *= max;
        }
        if (elems > MAX_BLOCK_ELEMENTS) {
            throw new IllegalArgumentException("got blocks of up to " + elems + " elements (chunks " + spec + ", shape "
                    + Shape.format(dims) + "), expected at most " + MAX_BLOCK_ELEMENTS + " elements per block");
        }
        return c;
    }

    // ------------------------------------------------------------------ queries

    public int ndim() { return sizes.length; }

    /** Block sizes along {@code axis} (a copy). */
    public long[] sizes(int axis) { return sizes[axis].clone(); }

    /** Block sizes along every axis (copies). */
    public long[][] sizes() {
        long[][] c = new long[sizes.length][];
        for (int i = 0; i < c.length; i++) c[i] = sizes[i].clone();
        return c;
    }

    /** Number of blocks along {@code axis}. */
    public int numBlocks(int axis) { return sizes[axis].length; }

    /** Number of blocks along every axis. */
    public int[] numBlocks() {
        int[] n = new int[sizes.length];
        for (int d = 0; d < n.length; d++) n[d] = sizes[d].length;
        return n;
    }

    /** Total number of blocks. */
    public int blockCount() {
        long n = 1;
        for (long[] s : sizes) n *= s.length;
        if (n > Integer.MAX_VALUE) throw new IllegalArgumentException("too many blocks: " + n);
        return (int) n;
    }

    /** The array shape these chunks cover. */
    public long[] shape() {
        long[] s = new long[sizes.length];
        for (int d = 0; d < s.length; d++) s[d] = offsets[d][sizes[d].length];
        return s;
    }

    long size(int axis, int block) { return sizes[axis][block]; }

    long offset(int axis, int block) { return offsets[axis][block]; }

    /** Block boundaries on an axis: {@code [0, s0, s0+s1, ..., length]} (a copy). */
    public long[] boundaries(int axis) { return offsets[axis].clone(); }

    /** Shape of the block at {@code index}. */
    public long[] blockShape(int[] index) {
        long[] s = new long[index.length];
        for (int d = 0; d < s.length; d++) s[d] = sizes[d][index[d]];
        return s;
    }

    /** Position of the block's first element in the whole array. */
    public long[] blockOffset(int[] index) {
        long[] s = new long[index.length];
        for (int d = 0; d < s.length; d++) s[d] = offsets[d][index[d]];
        return s;
    }

    /** The block index of flat block number {@code flat} (C order over the block grid). */
    public int[] blockIndex(int flat) {
        int[] idx = new int[sizes.length];
        for (int d = sizes.length - 1; d >= 0; d--) {
            idx[d] = flat % sizes[d].length;
            flat /= sizes[d].length;
        }
        return idx;
    }

    /** Which block along {@code axis} holds element {@code i}. */
    int blockOf(int axis, long i) {
        int b = Arrays.binarySearch(offsets[axis], i);
        if (b < 0) b = -b - 2;
        int last = sizes[axis].length - 1;
        while (b < last && sizes[axis][b] == 0) b++;
        return Math.min(b, last);
    }

    /** Chunks with axis {@code axis} replaced by {@code axisSizes}. */
    Chunks withAxis(int axis, long[] axisSizes) {
        long[][] c = sizes();
        c[axis] = axisSizes.clone();
        return new Chunks(c);
    }

    static Chunks ofTrusted(long[][] sizes) { return new Chunks(sizes); }

    long maxBlockBytes(DType t) {
        long e = 1;
        for (long[] s : sizes) {
            long m = 0;
            for (long x : s) m = Math.max(m, x);
            e *= m;
        }
        return e * t.itemSize();
    }

    @Override
    public boolean equals(Object o) { return o instanceof Chunks c && Arrays.deepEquals(sizes, c.sizes); }

    @Override
    public int hashCode() { return Arrays.deepHashCode(sizes); }

    /** Dask style: {@code ((100, 100, 50), (250,))}. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("(");
        for (int d = 0; d < sizes.length; d++) b.append(d == 0 ? "" : ", ").append(Shape.format(sizes[d]));
        return b.append(sizes.length == 1 ? ",)" : ")").toString();
    }
}
