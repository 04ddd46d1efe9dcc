package dev.blockwork.ndarray;

/**
 * Counter-based random numbers: element {@code i} (the C-order flat index in the <em>whole</em> logical
 * array) of a stream with seed {@code s} is a pure function of {@code (s, i)}, so any block of a chunked
 * array can be filled on its own and the blocks together equal the whole, whatever the chunking.
 *
 * <pre>{@code
 * Random rng = new Random(42);
 * NDArray whole = rng.uniform(100, 100);
 * NDArray block = NDArray.zeros(DType.FLOAT64, 10, 20);
 * rng.fillUniform(block, new long[] {30, 40}, new long[] {100, 100});   // equals whole[30:40, 40:60]
 * }</pre>
 *
 * <p>Implementation overview: the generator hashes {@code (seed, index, lane)} with two rounds of the
 * SplitMix64 finaliser (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", 2014),
 * whose 64-bit outputs pass BigCrush for sequential counters. Uniform doubles are built for speed from two
 * 32-bit counters instead ({@link #uniformUnit}: SplittableRandom's 32-bit mix of {@code lo(i) * M + key(s, hi(i))}
 * with two multipliers and keys, 27 + 26 bits = a 53-bit fraction), so that a block fill is integer loops C2
 * vectorises; normals use Box–Muller on two lanes of the same index (one normal per element); integers use Lemire's
 * multiply-high mapping of 64 bits onto the range (bias below 2^-64 * range, negligible).
 * The values are not NumPy's (NumPy's PCG64 stream is sequential, not counter-based).
 */
public final class Random implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    enum Kind { UNIFORM, NORMAL, INTEGERS }

    /** The stream's seed: with a flat index, all that an element's value depends on. */
    private final long seed;

    /**
     * The stream with seed {@code seed}; two instances with the same seed give the same values.
     *
     * @param seed any value
     */
    public Random(long seed) { this.seed = seed; }

    /** {@return this stream's seed} */
    public long seed() { return seed; }

    /**
     * Uniform float64 in [0, 1), as {@code rng.random(shape)}.
     *
     * @param shape the array's shape
     * @return a new C-contiguous float64 array
     */
    public NDArray uniform(long... shape) { return uniform(0, 1, shape); }

    /**
     * Uniform float64 in [low, high), as {@code rng.uniform(low, high, shape)}. The shape is an explicit array so
     * {@code uniform(3, 2, 10)} cannot mean two things.
     *
     * @param low   the lower bound, included
     * @param high  the upper bound, excluded
     * @param shape the array's shape
     * @return a new C-contiguous float64 array
     */
    public NDArray uniform(double low, double high, long[] shape) {
        return uniformExpr(low, high, shape, new long[shape.length], shape).evaluate();
    }

    /**
     * Standard normal float64 (mean 0, standard deviation 1), as {@code rng.standard_normal(shape)}.
     *
     * @param shape the array's shape
     * @return a new C-contiguous float64 array
     */
    public NDArray normal(long... shape) { return normal(0, 1, shape); }

    /**
     * Normal float64 with the given mean and standard deviation, as {@code rng.normal(mean, std, shape)} (shape as an
     * explicit array, as {@link #uniform}).
     *
     * @param mean  the mean
     * @param std   the standard deviation
     * @param shape the array's shape
     * @return a new C-contiguous float64 array
     */
    public NDArray normal(double mean, double std, long[] shape) {
        return normalExpr(mean, std, shape, new long[shape.length], shape).evaluate();
    }

    /**
     * Int64 uniform in [low, high), as {@code rng.integers(low, high, shape)}.
     *
     * @param low   the lowest value
     * @param high  one above the highest value
     * @param shape the array's shape
     * @return a new C-contiguous int64 array
     * @throws IllegalArgumentException if {@code high <= low}
     */
    public NDArray integers(long low, long high, long... shape) {
        return integersExpr(low, high, shape, new long[shape.length], shape).evaluate();
    }

    /**
     * A fusable leaf: the block at {@code globalOffset} of shape {@code blockShape} inside {@code globalShape} of
     * {@link #uniform(double, double, long[])} of the whole.
     *
     * @param low          the lower bound, included
     * @param high         the upper bound, excluded
     * @param blockShape   the block's shape
     * @param globalOffset the block's first position in the whole array, per axis
     * @param globalShape  the whole array's shape, which the flat indices count in
     * @return a float64 expression; nothing is drawn until it is evaluated
     */
    public Expr uniformExpr(double low, double high, long[] blockShape, long[] globalOffset, long[] globalShape) {
        return new ExprNodes.RandomLeaf(Kind.UNIFORM, seed, low, high - low, DType.FLOAT64, blockShape, globalOffset, globalShape);
    }

    /**
     * A fusable leaf: a block of {@link #normal(double, double, long[])} of the whole, as {@link #uniformExpr}.
     *
     * @param mean         the mean
     * @param std          the standard deviation
     * @param blockShape   the block's shape
     * @param globalOffset the block's first position in the whole array, per axis
     * @param globalShape  the whole array's shape, which the flat indices count in
     * @return a float64 expression; nothing is drawn until it is evaluated
     */
    public Expr normalExpr(double mean, double std, long[] blockShape, long[] globalOffset, long[] globalShape) {
        return new ExprNodes.RandomLeaf(Kind.NORMAL, seed, mean, std, DType.FLOAT64, blockShape, globalOffset, globalShape);
    }

    /**
     * A fusable leaf: a block of {@link #integers} of the whole, as {@link #uniformExpr}.
     *
     * @param low          the lowest value
     * @param high         one above the highest value
     * @param blockShape   the block's shape
     * @param globalOffset the block's first position in the whole array, per axis
     * @param globalShape  the whole array's shape, which the flat indices count in
     * @return an int64 expression; nothing is drawn until it is evaluated
     * @throws IllegalArgumentException if {@code high <= low}
     */
    public Expr integersExpr(long low, long high, long[] blockShape, long[] globalOffset, long[] globalShape) {
        if (high <= low) throw new IllegalArgumentException("integers needs low < high, got low=" + low + " high=" + high);
        var leaf = new ExprNodes.RandomLeaf(Kind.INTEGERS, seed, low, high - low, DType.INT64, blockShape, globalOffset, globalShape);
        leaf.low = low;
        leaf.width = high - low;
        return leaf;
    }

    /**
     * Fills {@code target} (any dtype, any view) with the block at {@code globalOffset} of a uniform [0,1) array.
     *
     * @param target       the block to write: any dtype (values are converted), any view; its shape is the block's
     * @param globalOffset its first position in the whole array, per axis
     * @param globalShape  the whole array's shape, which the flat indices count in
     */
    public void fillUniform(NDArray target, long[] globalOffset, long[] globalShape) {
        uniformExpr(0, 1, target.shape, globalOffset, globalShape).evaluateInto(target);
    }

    /**
     * Fills {@code target} with its block of a standard normal array, as {@link #fillUniform}.
     *
     * @param target       the block to write: any dtype (values are converted), any view; its shape is the block's
     * @param globalOffset its first position in the whole array, per axis
     * @param globalShape  the whole array's shape, which the flat indices count in
     */
    public void fillNormal(NDArray target, long[] globalOffset, long[] globalShape) {
        normalExpr(0, 1, target.shape, globalOffset, globalShape).evaluateInto(target);
    }

    /**
     * Fills {@code target} with its block of an int64 uniform array in [low, high), as {@link #fillUniform}.
     *
     * @param target       the block to write: any dtype (values are converted), any view; its shape is the block's
     * @param low          the lowest value
     * @param high         one above the highest value
     * @param globalOffset its first position in the whole array, per axis
     * @param globalShape  the whole array's shape, which the flat indices count in
     * @throws IllegalArgumentException if {@code high <= low}
     */
    public void fillIntegers(NDArray target, long low, long high, long[] globalOffset, long[] globalShape) {
        integersExpr(low, high, target.shape, globalOffset, globalShape).evaluateInto(target);
    }

    /**
     * The uniform [0,1) value at global flat index {@code index}: element {@code index} of {@link #uniform(long...)}.
     *
     * @param index the C-order flat index in the whole array
     * @return the value
     */
    public double uniformAt(long index) { return valueAt(Kind.UNIFORM, seed, index, 0, 1); }

    /** Exact int64 value of an integers leaf: low + floor(bits * width / 2^64). */
    static long integerAt(long seed, long index, long low, long width) {
        return low + Math.unsignedMultiplyHigh(bits(seed, index, 3), width);
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    static long bits(long seed, long index, long lane) {
        return mix(mix(seed * 0x9E3779B97F4A7C15L + lane) + index * 0x9E3779B97F4A7C15L);
    }

    static double unit(long bits) { return (bits >>> 11) * 0x1.0p-53; }

    /** {@code mix(seed * G + lane)}: the per-leaf part of {@link #bits}, computed once per leaf. */
    static long laneKey(long seed, long lane) { return mix(seed * 0x9E3779B97F4A7C15L + lane); }

    // ---------------------------------------------------------------- uniform: 32-bit lanes, vectorisable

    /** Odd multipliers of the two 32-bit counters of a uniform value. */
    private static final int M1 = 0x9E3779B9, M2 = 0x7FEB352D;
    private static final int RUN = 2048;
    private static final int[] IOTA1 = new int[RUN], IOTA2 = new int[RUN];
    static {
        for (int i = 0; i < RUN; i++) {
            IOTA1[i] = i * M1;
            IOTA2[i] = i * M2;
        }
    }
    private static final ThreadLocal<int[][]> SCRATCH = ThreadLocal.withInitial(() -> new int[2][RUN]);

    /** Murmur3's 32-bit finaliser (a bijection). */
    static int fmix32(int h) {
        h = (h ^ (h >>> 16)) * 0x85ebca6b;
        h = (h ^ (h >>> 13)) * 0xc2b2ae35;
        return h ^ (h >>> 16);
    }

    /** The 32-bit key of counter {@code lane} (4 or 5) for global indices whose upper 32 bits are {@code hi}. */
    static int uniformKey(long seed, int lane, long hi) { return (int) mix(laneKey(seed, lane) + hi * 0x9E3779B97F4A7C15L); }

    /**
     * The uniform [0, 1) value at global flat index {@code g}: with {@code lo}/{@code hi} the halves of g,
     * {@code a = fmix32(lo*M1 + key4(hi))}, {@code b = fmix32(lo*M2 + key5(hi))}, value = the 27 high bits of a
     * then the 26 high bits of b as a 53-bit fraction. Each counter is SplittableRandom's 32-bit output for its key.
     */
    static double uniformUnit(long seed, long g) {
        long hi = g >>> 32;
        int lo = (int) g;
        int a = fmix32(lo * M1 + uniformKey(seed, 4, hi)), b = fmix32(lo * M2 + uniformKey(seed, 5, hi));
        return (a >>> 5) * 0x1.0p-27 + (b >>> 6) * 0x1.0p-53;
    }

    /**
     * {@code n} uniform values {@code low + width * u} at global flat indices {@code pos, pos + stride, ...}, equal
     * bit for bit to {@link #uniformUnit}. Contiguous runs use two integer loops and a conversion loop that C2
     * vectorises (about 0.6 ns per value on one AVX2 core, 3x the 64-bit hash it replaced).
     */
    static void uniformRun(long seed, long pos, long stride, double low, double width, double[] d, int off, int n) {
        if (stride != 1) {
            for (int i = 0; i < n; i++) d[off + i] = low + width * uniformUnit(seed, pos + i * stride);
            return;
        }
        int[][] t = SCRATCH.get();
        int[] ta = t[0], tb = t[1];
        int done = 0;
        while (done < n) {
            long g = pos + done;
            long hi = g >>> 32;
            long toBoundary = ((hi + 1) << 32) - g; // the keys change where the upper half does
            int m = (int) Math.min(Math.min(RUN, n - done), toBoundary <= 0 ? RUN : toBoundary);
            int lo = (int) g;
            int z1 = lo * M1 + uniformKey(seed, 4, hi), z2 = lo * M2 + uniformKey(seed, 5, hi);
            for (int i = 0; i < m; i++) {
                int h = z1 + IOTA1[i];
                h = (h ^ (h >>> 16)) * 0x85ebca6b;
                h = (h ^ (h >>> 13)) * 0xc2b2ae35;
                ta[i] = (h ^ (h >>> 16)) >>> 5;
            }
            for (int i = 0; i < m; i++) {
                int h = z2 + IOTA2[i];
                h = (h ^ (h >>> 16)) * 0x85ebca6b;
                h = (h ^ (h >>> 13)) * 0xc2b2ae35;
                tb[i] = (h ^ (h >>> 16)) >>> 6;
            }
            int o = off + done;
            for (int i = 0; i < m; i++) d[o + i] = low + width * (ta[i] * 0x1.0p-27 + tb[i] * 0x1.0p-53);
            done += m;
        }
    }

    /** As {@link #uniformRun} for normal values (Box-Muller on lanes 1 and 2), equal to {@link #valueAt}. */
    static void normalRun(long key1, long key2, long pos, long stride, double mean, double std, double[] d, int off, int n) {
        for (int i = 0; i < n; i++) {
            long h = (pos + i * stride) * 0x9E3779B97F4A7C15L;
            double u1 = 1.0 - unit(mix(key1 + h));
            double u2 = unit(mix(key2 + h));
            d[off + i] = mean + std * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
        }
    }

    /** Value of a random leaf at a global flat index; p0/p1 are (low, width), (mean, std) or (low, width). */
    static double valueAt(Kind kind, long seed, long index, double p0, double p1) {
        return switch (kind) {
            case UNIFORM -> p0 + p1 * uniformUnit(seed, index);
            case NORMAL -> {
                double u1 = 1.0 - unit(bits(seed, index, 1)); // (0, 1]: log is finite
                double u2 = unit(bits(seed, index, 2));
                yield p0 + p1 * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
            }
            case INTEGERS -> (double) integerAt(seed, index, (long) p0, (long) p1);
        };
    }
}
