package dev.blockwork.array;

import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.Shape;

/**
 * Random chunked arrays, reproducible from a seed whatever the chunking or the scheduler: element {@code i}
 * (C-order flat index in the whole array) is a pure function of (seed, i), generated inside the consuming
 * task (random arrays are fusable leaves; a block is never stored unless something needs it stored).
 *
 * <pre>{@code
 * DRandom rng = new DRandom(42);
 * DArray u = rng.uniform(shape(16000, 16000), chunks(2000, 2000));
 * double m = u.mean().compute().item();
 * }</pre>
 * The values are not NumPy's (NumPy's PCG64 stream is sequential); see {@link dev.blockwork.ndarray.Random}.
 *
 * <p>Like NumPy's {@code Generator} (and Dask's {@code default_rng}), each call draws a new stream: {@code x} and
 * {@code y} below are independent, and the same sequence of calls on a generator with the same seed gives the
 * same arrays again. The first call's stream is the seed's own.
 * <pre>{@code
 * DRandom rng = new DRandom(42);
 * DArray x = rng.uniform(shape(1000), chunks(100)), y = rng.uniform(shape(1000), chunks(100)); // different values
 * }</pre>
 */
public final class DRandom {
    private final long seed;
    private final java.util.concurrent.atomic.AtomicLong calls = new java.util.concurrent.atomic.AtomicLong();

    /**
     * A generator whose first array's stream is {@code seed}'s own (like {@code np.random.default_rng(seed)}).
     *
     * @param seed the seed
     */
    public DRandom(long seed) { this.seed = seed; }

    /** {@return the seed this generator was made with} */
    public long seed() { return seed; }

    /**
     * Uniform float64 in [0, 1), fused (no task until needed).
     *
     * @param shape  the array's shape
     * @param chunks its blocks (see {@link Chunks#normalize})
     * @return the lazy array
     */
    public DArray uniform(Shape shape, ChunkSpec chunks) { return uniform(0, 1, shape, chunks); }

    /**
     * Uniform float64 in [low, high) ({@code Generator.uniform}), fused.
     *
     * @param low    the lower bound, included
     * @param high   the upper bound, excluded
     * @param shape  the array's shape
     * @param chunks its blocks (see {@link Chunks#normalize})
     * @return the lazy array
     */
    public DArray uniform(double low, double high, Shape shape, ChunkSpec chunks) {
        return leaf(FusedNode.RandomKind.UNIFORM, low, high, shape, chunks, DType.FLOAT64);
    }

    /**
     * Standard normal float64, fused.
     *
     * @param shape  the array's shape
     * @param chunks its blocks (see {@link Chunks#normalize})
     * @return the lazy array
     */
    public DArray normal(Shape shape, ChunkSpec chunks) { return normal(0, 1, shape, chunks); }

    /**
     * Normal float64 ({@code Generator.normal(loc, scale)}), fused.
     *
     * @param mean   the mean
     * @param std    the standard deviation, &gt;= 0
     * @param shape  the array's shape
     * @param chunks its blocks (see {@link Chunks#normalize})
     * @return the lazy array
     * @throws IllegalArgumentException if {@code std} is negative
     */
    public DArray normal(double mean, double std, Shape shape, ChunkSpec chunks) {
        if (std < 0) throw new IllegalArgumentException("normal needs std >= 0, got " + std);
        return leaf(FusedNode.RandomKind.NORMAL, mean, std, shape, chunks, DType.FLOAT64);
    }

    /**
     * Uniform float64 in [0, 1) ({@code Generator.random}).
     *
     * @param shape  the array's shape
     * @param chunks its blocks (see {@link Chunks#normalize})
     * @return the lazy array
     */
    public DArray random(Shape shape, ChunkSpec chunks) { return uniform(0, 1, shape, chunks); }

    /**
     * Standard normal float64 ({@code Generator.standard_normal}).
     *
     * @param shape  the array's shape
     * @param chunks its blocks (see {@link Chunks#normalize})
     * @return the lazy array
     */
    public DArray standardNormal(Shape shape, ChunkSpec chunks) { return normal(0, 1, shape, chunks); }

    /**
     * Exponential float64 with mean {@code scale}: {@code -scale * log1p(-u)} of this generator's uniform values, fused
     * (so still a pure function of (seed, index)); a different stream from NumPy's ziggurat.
     *
     * @param scale  the mean, &gt;= 0
     * @param shape  the array's shape
     * @param chunks its blocks (see {@link Chunks#normalize})
     * @return the lazy array
     * @throws IllegalArgumentException if {@code scale} is negative or NaN
     */
    public DArray exponential(double scale, Shape shape, ChunkSpec chunks) {
        if (!(scale >= 0)) throw new IllegalArgumentException("got scale " + scale + ", expected scale >= 0");
        return uniform(shape, chunks).neg().log1p().mul(-scale);
    }

    /**
     * {@code Generator.lognormal(mean, sigma)}: {@code exp} of this generator's normal values (fused).
     *
     * @param mean   the mean of the underlying normal
     * @param sigma  its standard deviation, &gt;= 0
     * @param shape  the array's shape
     * @param chunks its blocks (see {@link Chunks#normalize})
     * @return the lazy array
     * @throws IllegalArgumentException if {@code sigma} is negative
     */
    public DArray lognormal(double mean, double sigma, Shape shape, ChunkSpec chunks) { return normal(mean, sigma, shape, chunks).exp(); }

    /**
     * {@code Generator.laplace(loc, scale)} by inversion of the uniform values (fused).
     *
     * @param loc    the peak's position
     * @param scale  the exponential decay
     * @param shape  the array's shape
     * @param chunks its blocks (see {@link Chunks#normalize})
     * @return the lazy array
     */
    public DArray laplace(double loc, double scale, Shape shape, ChunkSpec chunks) {
        DArray c = uniform(shape, chunks).sub(0.5);
        return c.sign().mul(c.abs().mul(-2.0).log1p()).mul(-scale).add(loc);
    }

    /**
     * {@code Generator.logistic(loc, scale)}: {@code loc + scale * log(u / (1 - u))} (fused).
     *
     * @param loc    the mean
     * @param scale  the scale
     * @param shape  the array's shape
     * @param chunks its blocks (see {@link Chunks#normalize})
     * @return the lazy array
     */
    public DArray logistic(double loc, double scale, Shape shape, ChunkSpec chunks) {
        DArray u = uniform(shape, chunks);
        return u.log().sub(u.neg().log1p()).mul(scale).add(loc);
    }

    /**
     * {@code Generator.gumbel(loc, scale)}: {@code loc - scale * log(-log(1 - u))} (fused).
     *
     * @param loc    the mode
     * @param scale  the scale
     * @param shape  the array's shape
     * @param chunks its blocks (see {@link Chunks#normalize})
     * @return the lazy array
     */
    public DArray gumbel(double loc, double scale, Shape shape, ChunkSpec chunks) {
        return uniform(shape, chunks).neg().log1p().neg().log().mul(-scale).add(loc);
    }

    /**
     * {@code Generator.weibull(a)}: {@code (-log(1 - u))^(1/a)} (fused).
     *
     * @param a      the shape parameter, &gt; 0
     * @param shape  the array's shape
     * @param chunks its blocks (see {@link Chunks#normalize})
     * @return the lazy array
     * @throws IllegalArgumentException if {@code a} is not positive
     */
    public DArray weibull(double a, Shape shape, ChunkSpec chunks) {
        if (!(a > 0)) throw new IllegalArgumentException("got a " + a + ", expected a > 0");
        return uniform(shape, chunks).neg().log1p().neg().pow(1 / a);
    }

    /**
     * {@code Generator.pareto(a)} (Lomax, as NumPy): {@code (1 - u)^(-1/a) - 1} (fused).
     *
     * @param a      the shape parameter, &gt; 0
     * @param shape  the array's shape
     * @param chunks its blocks (see {@link Chunks#normalize})
     * @return the lazy array
     * @throws IllegalArgumentException if {@code a} is not positive
     */
    public DArray pareto(double a, Shape shape, ChunkSpec chunks) {
        if (!(a > 0)) throw new IllegalArgumentException("got a " + a + ", expected a > 0");
        return uniform(shape, chunks).neg().log1p().mul(-1 / a).expm1();
    }

    /**
     * {@code Generator.rayleigh(scale)}: {@code scale * sqrt(-2 log(1 - u))} (fused).
     *
     * @param scale  the mode
     * @param shape  the array's shape
     * @param chunks its blocks (see {@link Chunks#normalize})
     * @return the lazy array
     */
    public DArray rayleigh(double scale, Shape shape, ChunkSpec chunks) {
        return uniform(shape, chunks).neg().log1p().mul(-2.0).sqrt().mul(scale);
    }

    /**
     * {@code Generator.power(a)}: {@code u^(1/a)} on [0, 1] (fused).
     *
     * @param a      the exponent parameter, &gt; 0
     * @param shape  the array's shape
     * @param chunks its blocks (see {@link Chunks#normalize})
     * @return the lazy array
     * @throws IllegalArgumentException if {@code a} is not positive
     */
    public DArray power(double a, Shape shape, ChunkSpec chunks) {
        if (!(a > 0)) throw new IllegalArgumentException("got a " + a + ", expected a > 0");
        return uniform(shape, chunks).neg().add(1.0).pow(1 / a);
    }

    /**
     * {@code Generator.standard_cauchy}: {@code tan(pi (u - 1/2))} (fused).
     *
     * @param shape  the array's shape
     * @param chunks its blocks (see {@link Chunks#normalize})
     * @return the lazy array
     */
    public DArray standardCauchy(Shape shape, ChunkSpec chunks) { return uniform(shape, chunks).sub(0.5).mul(Math.PI).tan(); }

    /**
     * {@code Generator.triangular(left, mode, right)} by inversion (fused).
     *
     * @param left   the lower limit
     * @param mode   the peak, {@code left <= mode <= right}
     * @param right  the upper limit, &gt; {@code left}
     * @param shape  the array's shape
     * @param chunks its blocks (see {@link Chunks#normalize})
     * @return the lazy array
     * @throws IllegalArgumentException unless {@code left <= mode <= right} and {@code left < right}
     */
    public DArray triangular(double left, double mode, double right, Shape shape, ChunkSpec chunks) {
        if (!(left <= mode && mode <= right && left < right)) {
            throw new IllegalArgumentException("got left " + left + " mode " + mode + " right " + right + ", expected left <= mode <= right, left < right");
        }
        double base = right - left, fc = (mode - left) / base;
        DArray u = uniform(shape, chunks);
        DArray lo = u.mul(base * (mode - left)).sqrt().add(left);
        DArray hi = u.neg().add(1.0).mul(base * (right - mode)).sqrt().rsub(right);
        return DArray.where(u.lt(fc), lo, hi);
    }

    /**
     * {@code Generator.chisquare(df)}: {@code 2 * gamma(df / 2)}, one task per block.
     *
     * @param df     the degrees of freedom, &gt; 0
     * @param shape  the array's shape
     * @param chunks its blocks (see {@link Chunks#normalize})
     * @return the lazy float64 array
     * @throws IllegalArgumentException if {@code df} is not positive
     */
    public DArray chisquare(double df, Shape shape, ChunkSpec chunks) {
        if (!(df > 0)) throw new IllegalArgumentException("got df " + df + ", expected df > 0");
        return gamma(df / 2, 2, shape, chunks);
    }

    /**
     * {@code Generator.geometric(p)}: trials to the first success (&gt;= 1), {@code ceil(log(1 - u) / log(1 - p))}.
     *
     * @param p      the success probability, {@code 0 < p <= 1}
     * @param shape  the array's shape
     * @param chunks its blocks (see {@link Chunks#normalize})
     * @return the lazy int64 array
     * @throws IllegalArgumentException if {@code p} is outside (0, 1]
     */
    public DArray geometric(double p, Shape shape, ChunkSpec chunks) {
        if (!(p > 0 && p <= 1)) throw new IllegalArgumentException("got p " + p + ", expected 0 < p <= 1");
        if (p == 1) return DArray.ones(shape, chunks, DType.INT64);
        return uniform(shape, chunks).neg().log1p().div(Math.log1p(-p)).ceil().maximum(1.0).astype(DType.INT64);
    }

    /**
     * {@code Generator.negative_binomial(n, p)}: failures before the n-th success (gamma–Poisson mixture), one task
     * per block.
     *
     * @param n      the number of successes, &gt; 0
     * @param p      the success probability, {@code 0 < p <= 1}
     * @param shape  the array's shape
     * @param chunks its blocks (see {@link Chunks#normalize})
     * @return the lazy int64 array
     * @throws IllegalArgumentException if {@code n} is not positive or {@code p} is outside (0, 1]
     */
    public DArray negativeBinomial(double n, double p, Shape shape, ChunkSpec chunks) {
        if (!(n > 0) || !(p > 0 && p <= 1)) throw new IllegalArgumentException("got n " + n + " p " + p + ", expected n > 0 and 0 < p <= 1");
        return perElement("negative-binomial", shape, chunks, DType.INT64, (smp, i) -> smp.negativeBinomialAt(i, n, p));
    }

    /**
     * {@code Generator.standard_exponential}: {@link #exponential} with scale 1.
     *
     * @param shape  the array's shape
     * @param chunks its blocks (see {@link Chunks#normalize})
     * @return the lazy float64 array
     */
    public DArray standardExponential(Shape shape, ChunkSpec chunks) { return exponential(1.0, shape, chunks); }

    /**
     * {@code Generator.standard_gamma(k)}: {@link #gamma} with scale 1.
     *
     * @param k      the shape parameter, &gt;= 0
     * @param shape  the array's shape
     * @param chunks its blocks (see {@link Chunks#normalize})
     * @return the lazy float64 array
     * @throws IllegalArgumentException if {@code k} is negative
     */
    public DArray standardGamma(double k, Shape shape, ChunkSpec chunks) { return gamma(k, 1.0, shape, chunks); }

    /**
     * Poisson int64 with mean {@code lam} ({@code Generator.poisson}), one task per block.
     *
     * @param lam    the mean, finite and &gt;= 0
     * @param shape  the array's shape
     * @param chunks its blocks (see {@link Chunks#normalize})
     * @return the lazy int64 array
     * @throws IllegalArgumentException if {@code lam} is negative, infinite or NaN
     */
    public DArray poisson(double lam, Shape shape, ChunkSpec chunks) {
        if (!(lam >= 0) || Double.isInfinite(lam)) throw new IllegalArgumentException("got lam " + lam + ", expected a finite lam >= 0");
        return perElement("poisson", shape, chunks, DType.INT64, (smp, i) -> smp.poissonAt(i, lam));
    }

    /**
     * Gamma float64 with shape k and {@code scale} ({@code Generator.gamma}), one task per block.
     *
     * @param k      the shape parameter, &gt;= 0
     * @param scale  the scale, &gt;= 0
     * @param shape  the array's shape
     * @param chunks its blocks (see {@link Chunks#normalize})
     * @return the lazy array
     * @throws IllegalArgumentException if {@code k} or {@code scale} is negative
     */
    public DArray gamma(double k, double scale, Shape shape, ChunkSpec chunks) {
        if (!(k >= 0) || !(scale >= 0)) throw new IllegalArgumentException("got shape " + k + " scale " + scale + ", expected both >= 0");
        return perElement("gamma", shape, chunks, DType.FLOAT64, (smp, i) -> scale * smp.gammaAt(i, k));
    }

    /**
     * Beta float64 ({@code Generator.beta}), one task per block.
     *
     * @param a      the first shape parameter, &gt; 0
     * @param b      the second shape parameter, &gt; 0
     * @param shape  the array's shape
     * @param chunks its blocks (see {@link Chunks#normalize})
     * @return the lazy array
     * @throws IllegalArgumentException if {@code a} or {@code b} is not positive
     */
    public DArray beta(double a, double b, Shape shape, ChunkSpec chunks) {
        if (!(a > 0) || !(b > 0)) throw new IllegalArgumentException("got a " + a + " b " + b + ", expected both > 0");
        return perElement("beta", shape, chunks, DType.FLOAT64, (smp, i) -> smp.betaAt(i, a, b));
    }

    /**
     * Binomial int64 ({@code Generator.binomial}), one task per block.
     *
     * @param n      the number of trials, &gt;= 0
     * @param p      the success probability, {@code 0 <= p <= 1}
     * @param shape  the array's shape
     * @param chunks its blocks (see {@link Chunks#normalize})
     * @return the lazy array
     * @throws IllegalArgumentException if {@code n} is negative or {@code p} is outside [0, 1]
     */
    public DArray binomial(long n, double p, Shape shape, ChunkSpec chunks) {
        if (n < 0 || !(p >= 0 && p <= 1)) throw new IllegalArgumentException("got n " + n + " p " + p + ", expected n >= 0 and 0 <= p <= 1");
        return perElement("binomial", shape, chunks, DType.INT64, (smp, i) -> smp.binomialAt(i, n, p));
    }

    /**
     * {@code Generator.choice(a, size)} with replacement: elements of the 1-D array {@code a} at uniformly drawn
     * positions (the positions are this generator's integers; the picking is a take). The positions are computed
     * now, on the sync scheduler; the take stays lazy.
     *
     * @param a      the 1-D array to pick from, not empty
     * @param size   how many picks
     * @param chunks the result's blocks
     * @return the lazy picks, {@code a}'s dtype
     * @throws IllegalArgumentException if {@code a} is not 1-D or empty, or {@code size} exceeds 2^31 - 17
     */
    public DArray choice(DArray a, long size, ChunkSpec chunks) {
        if (a.ndim() != 1 || a.shape[0] == 0) {
            throw new IllegalArgumentException("got a of shape " + a.shape() + ", expected a non-empty 1-D array");
        }
        if (size > Integer.MAX_VALUE - 16) throw new IllegalArgumentException("got size " + size + ", expected at most 2^31 - 17");
        long n = a.shape[0];
        long[] idx = integers(0, n, Shape.of(size), chunks).compute(dev.blockwork.schedule.ComputeOptions.defaults().withScheduler("sync"))
                .toLongArray();
        return a.take(idx, 0).rechunk(chunks);
    }

    /**
     * {@code Generator.permutation(n)}: 0..n-1 in random order (computed here, by sorting this generator's uniforms:
     * a permutation is a global property, not a per-block one), cut into {@code chunks}.
     *
     * @param n      the length, 0 to 2^31 - 17
     * @param chunks the result's blocks
     * @return the int64 permutation, in memory and cut into blocks
     * @throws IllegalArgumentException if {@code n} is negative or too large for one Java array
     */
    public DArray permutation(long n, ChunkSpec chunks) {
        if (n < 0 || n > Integer.MAX_VALUE - 16) throw new IllegalArgumentException("got n " + n + ", expected 0 <= n < 2^31 - 16");
        dev.blockwork.ndarray.Random r = new dev.blockwork.ndarray.Random(nextSeed() ^ 0x5DEECE66DL);
        Long[] order = new Long[(int) n];
        double[] key = new double[(int) n];
        for (int i = 0; i < n; i++) {
            order[i] = (long) i;
            key[i] = r.uniformAt(i);
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(key[(int) (long) x], key[(int) (long) y]));
        long[] out = new long[(int) n];
        for (int i = 0; i < n; i++) out[i] = order[i];
        return DArray.fromArray(dev.blockwork.ndarray.NDArray.fromArray(out), chunks);
    }

    /** A value of element {@code index} (global C-order flat index) from this generator's samplers. */
    @FunctionalInterface
    private interface Sampler extends java.io.Serializable {
        double at(dev.blockwork.ndarray.Samplers s, long index);
    }

    private DArray perElement(String label, Shape shape, ChunkSpec spec, DType t, Sampler f) {
        long[] gs = shape.toArray();
        Chunks c = Chunks.normalize(spec, shape, t);
        long s = nextSeed();
        SourceLayer l = new SourceLayer(ArrayLayer.newName("random-" + label), c, "random-" + label, (o, len) -> {
            dev.blockwork.ndarray.Samplers smp = new dev.blockwork.ndarray.Samplers(s);
            dev.blockwork.ndarray.NDArray b = dev.blockwork.ndarray.NDArray.zeros(t, len);
            long[] g = new long[len.length];
            for (long k = 0, n = b.size(); k < n; k++) {
                long rem = k, flat = 0, stride = 1;
                for (int d = len.length - 1; d >= 0; d--) {
                    flat += (o[d] + rem % len[d]) * stride;
                    rem /= len[d];
                    stride *= gs[d];
                }
                double v = f.at(smp, flat);
                if (t.isFloat()) b.setDoubleFlat(k, v); else b.setLongFlat(k, (long) v);
            }
            return b;
        });
        return DArray.ofLayer(l, dev.blockwork.graph.Graph.empty(), gs, c, t);
    }

    /**
     * Int64 uniform in [low, high) ({@code Generator.integers}), fused.
     *
     * @param low    the lowest value, included
     * @param high   the bound, excluded, &gt; {@code low}
     * @param shape  the array's shape
     * @param chunks its blocks (see {@link Chunks#normalize})
     * @return the lazy array
     * @throws IllegalArgumentException if {@code high <= low}
     */
    public DArray integers(long low, long high, Shape shape, ChunkSpec chunks) {
        if (high <= low) throw new IllegalArgumentException("integers needs low < high, got low=" + low + " high=" + high);
        return leaf(FusedNode.RandomKind.INTEGERS, low, high, shape, chunks, DType.INT64);
    }

    private DArray leaf(FusedNode.RandomKind kind, double p0, double p1, Shape shape, ChunkSpec chunks, DType t) {
        long[] s = shape.toArray();
        return DArray.fused(new FusedNode.RandomLeaf(nextSeed(), kind, p0, p1, s), s, Chunks.normalize(chunks, shape, t));
    }

    /**
     * The seed of the next array this generator makes: the seed itself for the first, then a SplitMix64 mix of the
     * seed and the call's number (independent streams, reproducible from the seed and the order of calls).
     */
    private long nextSeed() {
        long n = calls.getAndIncrement();
        if (n == 0) return seed;
        long z = seed + n * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
