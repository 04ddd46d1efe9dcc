package dev.blockwork.ndarray;

/**
 * Counter-based samplers for the distributions that need a variable number of uniform draws per element (Poisson,
 * gamma, beta, binomial): element {@code i} of a stream with seed {@code s} reads the uniforms
 * {@code unit(bits(s, i, 16)), unit(bits(s, i, 17)), ...} (lanes 0-15 are left to the fused leaves of {@link Random}),
 * so it stays a pure function of {@code (s, i)} and any block can be generated alone.
 *
 * <p>Implementation overview: Poisson uses multiplication (Knuth) below mean 10 and PTRS, Hörmann's transformed
 * rejection with squeeze ("The transformed rejection method for generating Poisson random variables", 1993), above,
 * as NumPy does; gamma uses Marsaglia and Tsang's squeeze method ("A simple method for generating gamma variables",
 * 2000), boosted by {@code u^(1/k)} for shape k &lt; 1; beta is {@code X / (X + Y)} of two gammas; binomial reduces n by
 * Knuth's beta splitting (TAOCP vol. 2, 3.4.1) until {@code n * min(p, 1 - p) < 30}, then inverts the CDF as NumPy's
 * {@code random_binomial_inversion}. The values are not NumPy's streams.
 */
public final class Samplers {
    private final long seed;

    /**
     * The samplers of the streams with seed {@code seed}.
     *
     * @param seed the stream's seed, as given to {@link Random}
     */
    public Samplers(long seed) { this.seed = seed; }

    /** The uniforms of one element: lanes 16, 17, ... of {@link Random#bits}. */
    private final class Draws {
        private final long index;
        private long lane = 16;

        Draws(long index) { this.index = index; }

        double uniform() { return Random.unit(Random.bits(seed, index, lane++)); }

        /** A uniform in (0, 1], safe for logarithms. */
        double positive() { return 1.0 - uniform(); }

        double normal() {
            double u1 = positive(), u2 = uniform();
            return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
        }
    }

    /**
     * Poisson with mean {@code lam} at global flat index {@code index}, as {@code np.random.poisson}'s method.
     *
     * @param index the element's flat index in the whole array
     * @param lam   the mean, &gt;= 0
     * @return the draw, &gt;= 0
     */
    public long poissonAt(long index, double lam) { return poisson(new Draws(index), lam); }

    /**
     * Gamma with the given shape and scale 1 at global flat index {@code index}.
     *
     * @param index the element's flat index in the whole array
     * @param shape the shape parameter k, &gt;= 0
     * @return the draw, &gt;= 0
     */
    public double gammaAt(long index, double shape) { return gamma(new Draws(index), shape); }

    /**
     * Beta(a, b) at global flat index {@code index}.
     *
     * @param index the element's flat index in the whole array
     * @param a     the first shape parameter, &gt; 0
     * @param b     the second shape parameter, &gt; 0
     * @return the draw, in [0, 1]
     */
    public double betaAt(long index, double a, double b) {
        Draws d = new Draws(index);
        double x = gamma(d, a), y = gamma(d, b);
        return x / (x + y);
    }

    /**
     * Negative binomial (failures before the n-th success, success probability p), as a gamma–Poisson mixture
     * (NumPy's method).
     *
     * @param index the element's flat index in the whole array
     * @param n     the number of successes, &gt; 0 (need not be whole)
     * @param p     the success probability, in (0, 1]
     * @return the number of failures, &gt;= 0
     */
    public long negativeBinomialAt(long index, double n, double p) {
        Draws d = new Draws(index);
        double lam = gamma(d, n) * (1 - p) / p;
        return poisson(d, lam);
    }

    /**
     * Binomial(n, p) at global flat index {@code index}.
     *
     * @param index the element's flat index in the whole array
     * @param n     the number of trials, &gt;= 0
     * @param p     the success probability, in [0, 1]
     * @return the number of successes, in [0, n]
     */
    public long binomialAt(long index, long n, double p) {
        Draws d = new Draws(index);
        if (p > 0.5) return n - binomialSmallP(d, n, 1 - p);
        return binomialSmallP(d, n, p);
    }

    private static long poisson(Draws d, double lam) {
        if (lam == 0) return 0;
        if (lam < 10) { // multiplication method
            double limit = Math.exp(-lam), prod = d.uniform();
            long k = 0;
            while (prod > limit) {
                prod *= d.uniform();
                k++;
            }
            return k;
        }
        double slam = Math.sqrt(lam), loglam = Math.log(lam);
        double b = 0.931 + 2.53 * slam, a = -0.059 + 0.02483 * b;
        double invalpha = 1.1239 + 1.1328 / (b - 3.4), vr = 0.9277 - 3.6224 / (b - 2);
        while (true) {
            double u = d.uniform() - 0.5, v = d.uniform(), us = 0.5 - Math.abs(u);
            long k = (long) Math.floor((2 * a / us + b) * u + lam + 0.43);
            if (us >= 0.07 && v <= vr) return k;
            if (k < 0 || (us < 0.013 && v > us)) continue;
            if (Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -lam + k * loglam - logGamma(k + 1)) return k;
        }
    }

    private static double gamma(Draws d, double k) {
        if (k == 0) return 0;
        if (k < 1) return gamma(d, k + 1) * Math.pow(d.positive(), 1 / k);
        double dd = k - 1.0 / 3, c = 1 / Math.sqrt(9 * dd);
        while (true) {
            double x, v;
            do {
                x = d.normal();
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = d.positive();
            if (u < 1 - 0.0331 * x * x * x * x) return dd * v;
            if (Math.log(u) < 0.5 * x * x + dd * (1 - v + Math.log(v))) return dd * v;
        }
    }

    private static long binomialSmallP(Draws d, long n, double p) {
        long k = 0;
        while (n * p >= 30) { // Knuth: the a-th smallest of n uniforms is Beta(a, n + 1 - a)
            long a = 1 + n / 2, bb = n + 1 - a;
            double x = gamma(d, a), y = gamma(d, bb), beta = x / (x + y);
            if (beta >= p) {
                n = a - 1;
                p = p / beta;
            } else {
                k += a;
                n = bb - 1;
                p = (p - beta) / (1 - beta);
            }
        }
        if (n == 0 || p == 0) return k;
        double q = 1 - p, qn = Math.exp(n * Math.log(q)), np = n * p;
        double bound = Math.min(n, np + 10 * Math.sqrt(np * q + 1));
        long x = 0;
        double px = qn, u = d.uniform();
        while (u > px) {
            x++;
            if (x > bound) {
                x = 0;
                px = qn;
                u = d.uniform();
            } else {
                u -= px;
                px = ((n - x + 1) * p * px) / (x * q);
            }
        }
        return k + x;
    }

    /** {@code ln Γ(x)} for x >= 1: the recurrence up to 10, then Stirling's series (error below 1e-13). */
    static double logGamma(double x) {
        double shift = 0;
        while (x < 10) {
            shift -= Math.log(x);
            x += 1;
        }
        double x2 = x * x;
        return shift + (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI)
                + 1 / (12 * x) - 1 / (360 * x * x2) + 1 / (1260 * x2 * x2 * x);
    }
}
