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
 * whose 64-bit outputs pass BigCrush for sequential counters. Uniform doubles take the top 53 bits;
 * normals use Box–Muller on two lanes of the same index (one normal per element); integers use Lemire's
 * multiply-high mapping of 64 bits onto the range (bias below 2^-64 * range, negligible).
 * The values are not NumPy's (NumPy's PCG64 stream is sequential, not counter-based).
 */
public final class Random implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    enum Kind { UNIFORM, NORMAL, INTEGERS }

    private final long seed;

    public Random(long seed) { this.seed = seed; }

    public long seed() { return seed; }

    /** Uniform float64 in [0, 1). */
    public NDArray uniform(long... shape) { return uniform(0, 1, shape); }

    /** Uniform float64 in [low, high). The shape is an explicit array so {@code uniform(3, 2, 10)} cannot mean two things. */
    public NDArray uniform(double low, double high, long[] shape) {
        return uniformExpr(low, high, shape, new long[shape.length], shape).evaluate();
    }

    /** Standard normal float64 (mean 0, standard deviation 1). */
    public NDArray normal(long... shape) { return normal(0, 1, shape); }

    /** Normal float64 with the given mean and standard deviation (shape as an explicit array, as {@link #uniform}). */
    public NDArray normal(double mean, double std, long[] shape) {
        return normalExpr(mean, std, shape, new long[shape.length], shape).evaluate();
    }

    /** Int64 uniform in [low, high). */
    public NDArray integers(long low, long high, long... shape) {
        return integersExpr(low, high, shape, new long[shape.length], shape).evaluate();
    }

    /** A fusable leaf: the block at {@code globalOffset} of shape {@code blockShape} inside {@code globalShape}. */
    public Expr uniformExpr(double low, double high, long[] blockShape, long[] globalOffset, long[] globalShape) {
        return new ExprNodes.RandomLeaf(Kind.UNIFORM, seed, low, high - low, DType.FLOAT64, blockShape, globalOffset, globalShape);
    }

    public Expr normalExpr(double mean, double std, long[] blockShape, long[] globalOffset, long[] globalShape) {
        return new ExprNodes.RandomLeaf(Kind.NORMAL, seed, mean, std, DType.FLOAT64, blockShape, globalOffset, globalShape);
    }

    public Expr integersExpr(long low, long high, long[] blockShape, long[] globalOffset, long[] globalShape) {
        if (high <= low) throw new IllegalArgumentException("integers needs low < high, got low=" + low + " high=" + high);
        var leaf = new ExprNodes.RandomLeaf(Kind.INTEGERS, seed, low, high - low, DType.INT64, blockShape, globalOffset, globalShape);
        leaf.low = low;
        leaf.width = high - low;
        return leaf;
    }

    /** Fills {@code target} (any dtype, any view) with the block at {@code globalOffset} of a uniform [0,1) array. */
    public void fillUniform(NDArray target, long[] globalOffset, long[] globalShape) {
        uniformExpr(0, 1, target.shape, globalOffset, globalShape).evaluateInto(target);
    }

    public void fillNormal(NDArray target, long[] globalOffset, long[] globalShape) {
        normalExpr(0, 1, target.shape, globalOffset, globalShape).evaluateInto(target);
    }

    public void fillIntegers(NDArray target, long low, long high, long[] globalOffset, long[] globalShape) {
        integersExpr(low, high, target.shape, globalOffset, globalShape).evaluateInto(target);
    }

    /** The uniform [0,1) value at global flat index {@code index}. */
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

    /** Value of a random leaf at a global flat index; p0/p1 are (low, width), (mean, std) or (low, width). */
    static double valueAt(Kind kind, long seed, long index, double p0, double p1) {
        return switch (kind) {
            case UNIFORM -> p0 + p1 * unit(bits(seed, index, 0));
            case NORMAL -> {
                double u1 = 1.0 - unit(bits(seed, index, 1)); // (0, 1]: log is finite
                double u2 = unit(bits(seed, index, 2));
                yield p0 + p1 * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
            }
            case INTEGERS -> (double) integerAt(seed, index, (long) p0, (long) p1);
        };
    }
}
