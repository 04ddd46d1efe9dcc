package dev.blockwork.array;

import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.Shape;
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
public final class Chunks implements java.io.Serializable, dev.blockwork.graph.Tokens.Tokenizable {
    private static final long serialVersionUID = 1L;
    /** Default target bytes per block for {@link #auto()}: system property {@code blockwork.array.chunkBytes}, 128 MiB. */
    public static final long DEFAULT_AUTO_BYTES = ArraySettings.CHUNK_BYTES.getLong();
    /** Most elements one block may hold (one Java array). */
    public static final long MAX_BLOCK_ELEMENTS = Integer.MAX_VALUE - 16;

    /** The blocks of each axis, one entry per axis. */
    private final AxisChunks[] axes;

    private Chunks(long[][] sizes) {
        this.axes = new AxisChunks[sizes.length];
        for (int d = 0; d < sizes.length; d++) axes[d] = AxisChunks.of(sizes[d]);
    }

    private Chunks(AxisChunks[] axes) { this.axes = axes; }

    /**
     * The blocks along one axis. Regular axes (every block {@code size} but a shorter last one, the result of
     * every {@code Chunks.of}/{@code uniform}/{@code auto} spec) are three numbers, so a 10^10 x 10^10 array in
     * 1000 x 1000 blocks needs no per-block arrays; irregular axes keep their sizes and prefix offsets.
     */
    private static final class AxisChunks implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        final int count;
        final long size, last;          // regular form: blocks 0..count-2 have size, block count-1 has last
        final long[] sizes, offsets;    // irregular form (null when regular); offsets[count] = length

        private AxisChunks(int count, long size, long last, long[] sizes, long[] offsets) {
            this.count = count;
            this.size = size;
            this.last = last;
            this.sizes = sizes;
            this.offsets = offsets;
        }

        static AxisChunks regular(long dim, long size) {
            if (dim == 0) return new AxisChunks(1, 0, 0, null, null);
            long nb = (dim + size - 1) / size;
            if (nb > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("got " + nb + " blocks on one axis (length " + dim + ", block size " + size
                        + "), expected at most " + (Integer.MAX_VALUE - 16));
            }
            return new AxisChunks((int) nb, nb == 1 ? dim : size, dim - size * (nb - 1), null, null);
        }

        static AxisChunks of(long[] s) {
            int n = s.length;
            boolean regular = n > 0;
            for (int i = 1; regular && i < n - 1; i++) regular = s[i] == s[0];
            if (regular && n > 1) regular = s[0] > 0 && s[n - 1] > 0 && s[n - 1] <= s[0];
            if (regular) return new AxisChunks(n, s[0], s[n - 1], null, null);
            long[] o = new long[n + 1];
            for (int i = 0; i < n; i++) o[i + 1] = o[i] + s[i];
            return new AxisChunks(n, 0, 0, s.clone(), o);
        }

        long size(int i) { return sizes != null ? sizes[i] : i == count - 1 ? last : size; }

        long offset(int i) { return offsets != null ? offsets[i] : i == count ? size * (count - 1) + last : size * i; }

        long length() { return offset(count); }

        long max() {
            if (sizes == null) return Math.max(size, last);
            long m = 0;
            for (long x : sizes) m = Math.max(m, x);
            return m;
        }

        long[] toArray() {
            long[] r = new long[count];
            for (int i = 0; i < count; i++) r[i] = size(i);
            return r;
        }

        /** Which block holds element {@code i}; a 0-length block is skipped for the next non-empty one. */
        int blockOf(long i) {
            int b;
            if (offsets == null) {
                b = size == 0 ? 0 : (int) Math.min(i / size, count - 1);
            } else {
                b = java.util.Arrays.binarySearch(offsets, i);
                if (b < 0) b = -b - 2;
            }
            int lastBlock = count - 1;
            while (b < lastBlock && size(b) == 0) b++;
            return Math.max(0, Math.min(b, lastBlock));
        }

        boolean sameAs(AxisChunks o) {
            if (count != o.count) return false;
            if (sizes == null && o.sizes == null) return size(0) == o.size(0) && last == o.last;
            for (int i = 0; i < count; i++) if (size(i) != o.size(i)) return false;
            return true;
        }

        int hash() { return 31 * (31 * count + Long.hashCode(length())) + Long.hashCode(size(0)); }
    }

    // ------------------------------------------------------------------ spec factories

    /**
     * Per-axis uniform block sizes; an entry may be {@link ChunkSpec#WHOLE} (-1) or {@link ChunkSpec#AUTO}.
     * 0 is refused (by {@link #normalize}): use {@code ChunkSpec.AUTO} or {@link #auto()} for automatic sizes.
     * Like Dask's {@code chunks=(100, -1)}; the last block of an axis is the remainder.
     *
     * @param perAxis one block size per axis
     * @return the spec (resolved against a shape by {@link #normalize})
     */
    public static ChunkSpec of(long... perAxis) { return new ChunkSpec(perAxis.clone(), 0, null, 0); }

    /**
     * The same block size on every axis (Dask {@code chunks=100}).
     *
     * @param size the block size, or {@link ChunkSpec#WHOLE} / {@link ChunkSpec#AUTO}
     * @return the spec, valid for any number of axes
     */
    public static ChunkSpec uniform(long size) { return new ChunkSpec(null, size, null, 0); }

    /**
     * Explicit block sizes per axis; each axis's sizes must sum to its length (Dask {@code chunks=((5, 5), (3, 7))}).
     *
     * @param sizes per axis, the size of each block
     * @return the spec; {@link #normalize} checks the sums
     */
    public static ChunkSpec explicit(long[]... sizes) {
        long[][] c = new long[sizes.length][];
        for (int i = 0; i < sizes.length; i++) c[i] = sizes[i].clone();
        return new ChunkSpec(null, 0, c, 0);
    }

    /** {@return automatic sizes aiming at {@link #DEFAULT_AUTO_BYTES} per block (Dask {@code chunks="auto"})} */
    public static ChunkSpec auto() { return new ChunkSpec(null, ChunkSpec.AUTO, null, 0); }

    /**
     * Automatic sizes aiming at {@code targetBytes} per block (Dask {@code chunks="1 MiB"}).
     *
     * @param targetBytes the target bytes per block, &gt; 0
     * @return the spec
     * @throws IllegalArgumentException if {@code targetBytes} is not positive
     */
    public static ChunkSpec auto(long targetBytes) {
        if (targetBytes <= 0) throw new IllegalArgumentException("auto chunk target must be positive, got " + targetBytes + " bytes");
        return new ChunkSpec(null, ChunkSpec.AUTO, null, targetBytes);
    }

    /** {@return one block per axis (the whole array in one block)} */
    public static ChunkSpec whole() { return uniform(ChunkSpec.WHOLE); }

    /**
     * Wraps already-concrete per-axis block sizes (checked: non-negative, fit in a block); the shape is their sums.
     *
     * @param sizes per axis, the size of each block
     * @return the chunks
     * @throws IllegalArgumentException if a size is negative or a block exceeds {@link #MAX_BLOCK_ELEMENTS}
     */
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
     * {@code auto} only), as Dask's {@code normalize_chunks}.
     *
     * @param spec  the spec
     * @param shape the array's shape
     * @param dtype the element type, for {@code auto}'s bytes per element
     * @return the concrete block sizes
     * @throws IllegalArgumentException "got X, expected Y" when the spec has the wrong number of axes, a size of 0
     *         (use {@link ChunkSpec#AUTO}) or below -1, explicit sizes that do not sum to the axis length, or a block
     *         above {@link #MAX_BLOCK_ELEMENTS} elements
     */
    public static Chunks normalize(ChunkSpec spec, Shape shape, DType dtype) { return normalize(spec, shape, dtype, null); }

    /**
     * {@link #normalize(ChunkSpec, Shape, DType)} for a rechunk of an array now cut as {@code previous}: automatic
     * sizes are rounded to multiples (or factors) of the previous blocks, as Dask's {@code auto_chunks} with
     * {@code previous_chunks}, e.g. {@code ones(20) in blocks of 7} rechunked to {@code auto(80 bytes)} keeps
     * {@code (7, 7, 6)} rather than {@code (10, 10)}.
     *
     * @param spec     the spec
     * @param shape    the array's shape
     * @param dtype    the element type, for {@code auto}'s bytes per element
     * @param previous the current blocks, or {@code null} for none
     * @return the concrete block sizes
     * @throws IllegalArgumentException as {@link #normalize(ChunkSpec, Shape, DType)}
     */
    public static Chunks normalize(ChunkSpec spec, Shape shape, DType dtype, Chunks previous) {
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
        long target = spec.autoBytes > 0 ? spec.autoBytes : DEFAULT_AUTO_BYTES;
        if (previous != null && previous.ndim() == n && java.util.Arrays.equals(previous.shapeArray(), dims)) {
            autoSizesFrom(previous, per, dims, dtype, target);
        } else {
            autoSizes(per, dims, dtype, target);
        }
        AxisChunks[] ax = new AxisChunks[n];
        for (int d = 0; d < n; d++) ax[d] = AxisChunks.regular(dims[d], per[d]);
        return check(new Chunks(ax), dims, spec.toString());
    }

    /**
     * Fills AUTO entries of {@code per} from the previous chunks (Dask's {@code auto_chunks} with
     * {@code previous_chunks}): start from the median previous block size, scale every AUTO axis by the same
     * factor towards {@code targetBytes}, and round each to a multiple of the axis's most common previous size
     * (or to a whole number below it); axes that would exceed their length go whole and the rest are scaled again.
     */
    private static void autoSizesFrom(Chunks previous, long[] per, long[] dims, DType dtype, long targetBytes) {
        int n = per.length;
        double limit = (double) targetBytes / dtype.itemSize(), largest = 1;
        double[] result = new double[n];
        long[] ideal = new long[n];
        java.util.TreeSet<Integer> autos = new java.util.TreeSet<>();
        for (int d = 0; d < n; d++) {
            if (per[d] != ChunkSpec.AUTO) { largest *= Math.max(1, Math.min(per[d], dims[d])); continue; }
            autos.add(d);
            long[] prev = previous.sizes(d);
            long[] sorted = prev.clone();
            java.util.Arrays.sort(sorted);
            int m = sorted.length;
            result[d] = m % 2 == 1 ? sorted[m / 2] : (sorted[m / 2 - 1] + sorted[m / 2]) / 2.0;
            java.util.Map<Long, Integer> freq = new java.util.LinkedHashMap<>(); // in order of appearance, as Dask's frequencies
            for (long p : prev) freq.merge(p, 1, Integer::sum);
            long mode = prev.length == 0 ? 0 : prev[0];
            int best = 0;
            for (var e : freq.entrySet()) if (e.getValue() > best) { best = e.getValue(); mode = e.getKey(); } // first of the most common
            ideal[d] = mode > 1 && best >= m / 2.0 ? mode : dims[d];
        }
        double[] big = {largest};
        double mult = limitOver(limit, big[0], result, autos), lastMult = -1;
        java.util.Set<Integer> lastAutos = java.util.Set.of();
        while (mult != lastMult || !autos.equals(lastAutos)) {
            lastMult = mult;
            lastAutos = java.util.Set.copyOf(autos);
            int k = autos.size();
            for (Integer a : java.util.List.copyOf(autos)) {
                if (ideal[a] == 0) { result[a] = 0; continue; } // an empty axis
                double proposed = result[a] * Math.pow(mult, 1.0 / k);
                if (proposed > dims[a]) { // hits the axis length: the whole axis, and share its budget
                    autos.remove(a);
                    big[0] *= Math.max(1, dims[a]);
                    per[a] = Math.max(1, dims[a]);
                } else {
                    result[a] = proposed <= ideal[a] ? Math.max(1, (long) proposed) : Math.floor(proposed / ideal[a]) * ideal[a];
                }
            }
            mult = limitOver(limit, big[0], result, autos);
        }
        for (int a : autos) per[a] = Math.max(1, (long) result[a]);
    }

    private static double limitOver(double limit, double largest, double[] result, java.util.Set<Integer> autos) {
        double blk = largest;
        for (int a : autos) if (result[a] != 0) blk *= result[a]; // Dask: math.prod(r for r in result.values() if r)
        return limit / blk;
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

    private static Chunks check(Chunks c, long[] dims, String spec) {
        long elems = 1;
        for (int d = 0; d < dims.length; d++) elems *= c.axes[d].max();
        if (elems > MAX_BLOCK_ELEMENTS) {
            throw new IllegalArgumentException("got blocks of up to " + elems + " elements (chunks " + spec + ", shape "
                    + Shape.toString(dims) + "), expected at most " + MAX_BLOCK_ELEMENTS + " elements per block");
        }
        return c;
    }

    // ------------------------------------------------------------------ queries

    /** {@return the number of axes} */
    public int ndim() { return axes.length; }

    /**
     * Block sizes along {@code axis} (a fresh array, one entry per block), Dask's {@code chunks[axis]}.
     *
     * @param axis the axis, 0-based
     * @return the sizes
     */
    public long[] sizes(int axis) { return axes[axis].toArray(); }

    /** {@return block sizes along every axis (fresh arrays), Dask's {@code chunks}} */
    public long[][] sizes() {
        long[][] c = new long[axes.length][];
        for (int i = 0; i < c.length; i++) c[i] = axes[i].toArray();
        return c;
    }

    /**
     * The largest block size along {@code axis} (0 for an empty axis).
     *
     * @param axis the axis, 0-based
     * @return the largest size
     */
    public long maxSize(int axis) { return axes[axis].max(); }

    /**
     * Number of blocks along {@code axis}.
     *
     * @param axis the axis, 0-based
     * @return the count (an axis of length 0 has one empty block unless given explicitly as none)
     */
    public int numBlocks(int axis) { return axes[axis].count; }

    /** {@return the number of blocks along every axis, Dask's {@code numblocks}} */
    public int[] numBlocks() {
        int[] n = new int[axes.length];
        for (int d = 0; d < n.length; d++) n[d] = axes[d].count;
        return n;
    }

    /** {@return the total number of blocks as a long ({@code Long.MAX_VALUE} when it would overflow)} */
    public long totalBlocks() {
        long n = 1;
        for (AxisChunks a : axes) n = n == Long.MAX_VALUE || Math.multiplyHigh(n, a.count) != 0 ? Long.MAX_VALUE : n * a.count;
        return n;
    }

    /**
     * Total number of blocks, for building one task per block.
     *
     * @return the count
     * @throws IllegalArgumentException above {@code Integer.MAX_VALUE} blocks
     */
    public int blockCount() {
        long n = totalBlocks();
        if (n > Integer.MAX_VALUE || n < 0) {
            throw new IllegalArgumentException("got " + (n == Long.MAX_VALUE ? "more than 2^63" : String.valueOf(n)) + " blocks "
                    + java.util.Arrays.toString(numBlocks()) + ", expected at most " + Integer.MAX_VALUE
                    + " blocks for one graph; use larger chunks");
        }
        return (int) n;
    }

    /**
     * The array shape these chunks cover, the same type {@code DArray.shape()} and {@code NDArray.shape()} give.
     *
     * @return the shape
     */
    public dev.blockwork.ndarray.Shape shape() { return dev.blockwork.ndarray.Shape.of(shapeArray()); }

    /**
     * The array shape these chunks cover, as a new array.
     *
     * @return the extents, one per axis
     */
    public long[] shapeArray() {
        long[] s = new long[axes.length];
        for (int d = 0; d < s.length; d++) s[d] = axes[d].length();
        return s;
    }

    long size(int axis, int block) { return axes[axis].size(block); }

    long offset(int axis, int block) { return axes[axis].offset(block); }

    /**
     * Block boundaries on an axis: {@code [0, s0, s0+s1, ..., length]} (a fresh array).
     *
     * @param axis the axis, 0-based
     * @return the offsets of the blocks, then the axis length
     */
    public long[] boundaries(int axis) {
        AxisChunks a = axes[axis];
        long[] o = new long[a.count + 1];
        for (int i = 0; i <= a.count; i++) o[i] = a.offset(i);
        return o;
    }

    /**
     * Shape of the block at {@code index}.
     *
     * @param index the block's position in the block grid
     * @return its shape
     */
    public long[] blockShape(int[] index) {
        long[] s = new long[index.length];
        for (int d = 0; d < s.length; d++) s[d] = axes[d].size(index[d]);
        return s;
    }

    /**
     * Position of the block's first element in the whole array.
     *
     * @param index the block's position in the block grid
     * @return its global offset per axis
     */
    public long[] blockOffset(int[] index) {
        long[] s = new long[index.length];
        for (int d = 0; d < s.length; d++) s[d] = axes[d].offset(index[d]);
        return s;
    }

    /**
     * The block index of flat block number {@code flat} (C order over the block grid).
     *
     * @param flat the block's number, 0 to {@link #blockCount()} - 1
     * @return its position in the block grid
     */
    public int[] blockIndex(int flat) {
        int[] idx = new int[axes.length];
        for (int d = axes.length - 1; d >= 0; d--) {
            idx[d] = flat % axes[d].count;
            flat /= axes[d].count;
        }
        return idx;
    }

    /** Which block along {@code axis} holds element {@code i}. */
    int blockOf(int axis, long i) { return axes[axis].blockOf(i); }

    /** Chunks with axis {@code axis} replaced by {@code axisSizes}. */
    Chunks withAxis(int axis, long[] axisSizes) {
        AxisChunks[] c = axes.clone();
        c[axis] = AxisChunks.of(axisSizes);
        return new Chunks(c);
    }

    static Chunks ofTrusted(long[][] sizes) { return new Chunks(sizes); }

    long maxBlockBytes(DType t) {
        long e = 1;
        for (AxisChunks a : axes) e *= a.max();
        return e * t.itemSize();
    }

    /** The block sizes along every axis: what {@link dev.blockwork.graph.Tokens} names chunks by. */
    @Override
    public Object tokenParts() {
        long[][] sizes = new long[axes.length][];
        for (int d = 0; d < axes.length; d++) sizes[d] = sizes(d);
        return sizes;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Chunks c) || c.axes.length != axes.length) return false;
        for (int d = 0; d < axes.length; d++) if (!axes[d].sameAs(c.axes[d])) return false;
        return true;
    }

    @Override
    public int hashCode() {
        int h = axes.length;
        for (AxisChunks a : axes) h = 31 * h + a.hash();
        return h;
    }

    /** Dask style: {@code ((100, 100, 50), (250,))}. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("(");
        for (int d = 0; d < axes.length; d++) {
            b.append(d == 0 ? "" : ", ");
            AxisChunks a = axes[d];
            if (a.sizes == null && a.count > 1000) { // a compact regular axis: do not spell out millions of sizes
                b.append("(").append(a.size).append(" x").append(a.count - 1).append(", ").append(a.last).append(")");
            } else {
                b.append(Shape.toString(a.toArray()));
            }
        }
        return b.append(axes.length == 1 ? ",)" : ")").toString();
    }
}
