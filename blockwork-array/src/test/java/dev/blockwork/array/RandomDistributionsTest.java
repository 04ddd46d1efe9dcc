package dev.blockwork.array;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.NDArray;
import dev.blockwork.ndarray.Shape;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The counter-based distributions of {@link DRandom}: the values do not depend on the chunking (a block equals the
 * same slice of the whole), and the sample mean and variance of 200 000 draws fall within 5 standard errors of the
 * distribution's (the standard error of the variance estimated from the fourth central moment).
 */
class RandomDistributionsTest {
    static final int N = 200_000;

    static void checkMoments(NDArray a, double mean, double var, String what) {
        double[] v = a.toDoubleArray();
        double m = Arrays.stream(v).average().orElseThrow(), s2 = 0, m4 = 0;
        for (double x : v) {
            s2 += (x - m) * (x - m);
            m4 += Math.pow(x - m, 4);
        }
        s2 /= v.length - 1;
        m4 /= v.length;
        double seMean = Math.sqrt(var / v.length), seVar = Math.sqrt(Math.max(m4 - s2 * s2, 1e-300) / v.length);
        assertThat(m).as("mean of %s", what).isCloseTo(mean, org.assertj.core.data.Offset.offset(5 * seMean));
        assertThat(s2).as("variance of %s", what).isCloseTo(var, org.assertj.core.data.Offset.offset(5 * seVar));
    }

    static void checkChunkingInvariance(java.util.function.Function<ChunkSpec, DArray> make, String what) {
        NDArray whole = make.apply(Chunks.uniform(N)).compute();
        NDArray pieces = make.apply(Chunks.explicit(new long[] {7, 0, 30_000, N - 30_007})).compute();
        assertThat(pieces).as("chunking invariance of %s", what).isEqualTo(whole);
    }

    @Test
    void poisson() {
        for (double lam : new double[] {0.5, 3, 12, 250}) {
            NDArray a = new DRandom(11).poisson(lam, Shape.of(N), Chunks.uniform(50_000)).compute();
            assertThat(a.dtype()).isEqualTo(DType.INT64);
            checkMoments(a, lam, lam, "poisson(" + lam + ")");
            assertThat(a.min().item()).isGreaterThanOrEqualTo(0.0);
        }
        NDArray small = new DRandom(11).poisson(3, Shape.of(N), Chunks.uniform(N)).compute();
        long zeros = Arrays.stream(small.toLongArray()).filter(x -> x == 0).count();
        double p0 = Math.exp(-3), se = Math.sqrt(p0 * (1 - p0) / N);
        assertThat((double) zeros / N).isCloseTo(p0, org.assertj.core.data.Offset.offset(5 * se)); // P(X = 0) = e^-3
        checkChunkingInvariance(c -> new DRandom(11).poisson(20, Shape.of(N), c), "poisson");
    }

    @Test
    void gammaAndBeta() {
        for (double k : new double[] {0.3, 1, 4.5}) {
            double scale = 2;
            checkMoments(new DRandom(12).gamma(k, scale, Shape.of(N), Chunks.uniform(40_000)).compute(), k * scale, k * scale * scale, "gamma(" + k + ")");
        }
        double a = 2, b = 5;
        checkMoments(new DRandom(12).beta(a, b, Shape.of(N), Chunks.uniform(40_000)).compute(), a / (a + b), a * b / ((a + b) * (a + b) * (a + b + 1)), "beta");
        checkChunkingInvariance(c -> new DRandom(12).gamma(0.7, 1, Shape.of(N), c), "gamma");
    }

    @Test
    void binomial() {
        long[][] cases = {{10, 3}, {1000, 4}, {100_000, 9}};
        for (long[] c : cases) {
            long n = c[0];
            double p = c[1] / 10.0;
            NDArray a = new DRandom(13).binomial(n, p, Shape.of(N), Chunks.uniform(50_000)).compute();
            checkMoments(a, n * p, n * p * (1 - p), "binomial(" + n + ", " + p + ")");
            assertThat(a.max().item()).isLessThanOrEqualTo(n);
        }
        checkChunkingInvariance(c -> new DRandom(13).binomial(500, 0.2, Shape.of(N), c), "binomial");
    }

    @Test
    void fusedInversionDistributions() {
        Shape s = Shape.of(N);
        ChunkSpec c = Chunks.uniform(60_000);
        double mu = 0.2, sg = 0.5;
        checkMoments(new DRandom(15).lognormal(mu, sg, s, c).compute(), Math.exp(mu + sg * sg / 2), (Math.exp(sg * sg) - 1) * Math.exp(2 * mu + sg * sg), "lognormal");
        checkMoments(new DRandom(15).laplace(1, 2, s, c).compute(), 1, 8, "laplace");
        checkMoments(new DRandom(15).logistic(-1, 0.5, s, c).compute(), -1, 0.25 * Math.PI * Math.PI / 3, "logistic");
        checkMoments(new DRandom(15).gumbel(0.5, 2, s, c).compute(), 0.5 + 2 * 0.5772156649015329, Math.PI * Math.PI * 4 / 6, "gumbel");
        checkMoments(new DRandom(15).weibull(2, s, c).compute(), Math.sqrt(Math.PI) / 2, 1 - Math.PI / 4, "weibull(2)");
        checkMoments(new DRandom(15).pareto(5, s, c).compute(), 0.25, 5.0 / (16 * 3), "pareto(5)");
        checkMoments(new DRandom(15).rayleigh(3, s, c).compute(), 3 * Math.sqrt(Math.PI / 2), (4 - Math.PI) / 2 * 9, "rayleigh");
        checkMoments(new DRandom(15).power(3, s, c).compute(), 0.75, 3.0 / (16 * 5), "power(3)");
        checkMoments(new DRandom(15).triangular(0, 1, 4, s, c).compute(), 5 / 3.0, (0 + 1 + 16 - 0 - 0 - 4) / 18.0, "triangular");
        checkMoments(new DRandom(15).chisquare(3, s, c).compute(), 3, 6, "chisquare(3)");
        checkMoments(new DRandom(15).geometric(0.3, s, c).compute(), 1 / 0.3, 0.7 / 0.09, "geometric(0.3)");
        checkMoments(new DRandom(15).negativeBinomial(4, 0.4, s, c).compute(), 4 * 0.6 / 0.4, 4 * 0.6 / 0.16, "negative binomial");
        checkMoments(new DRandom(15).standardExponential(s, c).compute(), 1, 1, "standard exponential");
        double[] cauchy = new DRandom(15).standardCauchy(s, c).compute().toDoubleArray();
        double below1 = Arrays.stream(cauchy).filter(v -> v < 1).count() / (double) N, se = Math.sqrt(0.75 * 0.25 / N);
        assertThat(below1).isCloseTo(0.75, org.assertj.core.data.Offset.offset(5 * se)); // the upper quartile of the Cauchy is 1
        checkChunkingInvariance(cs -> new DRandom(15).gumbel(0, 1, s, cs), "gumbel");
        checkChunkingInvariance(cs -> new DRandom(15).negativeBinomial(2, 0.5, s, cs), "negative binomial");
        assertThat(new DRandom(15).geometric(0.3, s, c).compute().min().item()).isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void choiceAndPermutation() {
        DArray pool = DArray.fromArray(new double[] {10, 20, 30}, Chunks.uniform(2));
        NDArray picks = new DRandom(14).choice(pool, 30_000, Chunks.uniform(7_000)).compute();
        for (double v : new double[] {10, 20, 30}) {
            long count = Arrays.stream(picks.toDoubleArray()).filter(x -> x == v).count();
            assertThat((double) count / 30_000).isCloseTo(1 / 3.0, org.assertj.core.data.Offset.offset(5 * Math.sqrt(2.0 / 9 / 30_000)));
        }
        long[] perm = new DRandom(14).permutation(1000, Chunks.uniform(64)).compute().toLongArray();
        long[] sorted = perm.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < 1000; i++) assertThat(sorted[i]).isEqualTo(i);
        assertThat(perm).isNotEqualTo(sorted);
    }
}
