package dev.blockwork.ndarray;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link FftPlan} and {@link Fft} against a naive O(n^2) DFT for many lengths: powers of two, every small radix,
 * products of them, primes that take Bluestein's path, and the loop-tail sizes; tolerance scales with log n.
 */
class FftOracleTest {
    private static final int[] LENGTHS = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 15, 16, 17, 18, 25, 27, 29, 31, 32, 37,
        49, 60, 64, 97, 100, 121, 127, 128, 207, 210, 243, 256, 360, 509, 1000, 1024, 1031, 2048, 2310, 4096, 4098, 6144, 8192};
    // 2310 = 2*3*5*7*11 takes the generic radices; 4098 = 2*3*683 is Bluestein over a length-16384 convolution

    /** X[k] = sum_j x[j] exp(-+2 pi i j k / n), with the angle reduced exactly (j*k mod n). */
    static double[][] naive(double[] re, double[] im, boolean inverse) {
        int n = re.length;
        double[] xr = new double[n], xi = new double[n];
        for (int k = 0; k < n; k++) {
            double sr = 0, si = 0;
            for (int j = 0; j < n; j++) {
                double a = (inverse ? 2 : -2) * Math.PI * ((long) j * k % n) / n;
                double c = Math.cos(a), s = Math.sin(a);
                sr += re[j] * c - im[j] * s;
                si += re[j] * s + im[j] * c;
            }
            xr[k] = sr;
            xi[k] = si;
        }
        return new double[][] {xr, xi};
    }

    @Test
    void planMatchesNaiveDft() {
        long seed = 0x5EED_0F_FF7L;
        SplittableRandom r = new SplittableRandom(seed);
        for (int n : LENGTHS) {
            for (boolean inverse : new boolean[] {false, true}) {
                double[] re = new double[n], im = new double[n];
                for (int i = 0; i < n; i++) { re[i] = r.nextDouble(-1, 1); im[i] = r.nextDouble(-1, 1); }
                double[][] want = naive(re, im, inverse);
                double[] gr = re.clone(), gi = im.clone();
                FftPlan p = FftPlan.of(n);
                if (inverse) p.inverse(gr, gi, new double[n], new double[n]); else p.forward(gr, gi, new double[n], new double[n]);
                double tol = 1e-13 * Math.sqrt(n) * (1 + Math.log(n)) * 10;
                for (int k = 0; k < n; k++) {
                    assertThat(Math.abs(gr[k] - want[0][k]) + Math.abs(gi[k] - want[1][k]))
                            .as("seed %d n %d inverse %s k %d", seed, n, inverse, k).isLessThan(tol * Math.sqrt(n));
                }
            }
        }
    }

    @Test
    void roundTripOnRandomShapesAndViews() {
        long seed = 20261201L;
        SplittableRandom r = new SplittableRandom(seed);
        for (int trial = 0; trial < 40; trial++) {
            int nd = 1 + r.nextInt(3);
            long[] shape = new long[nd];
            for (int d = 0; d < nd; d++) shape[d] = 1 + r.nextInt(12);
            NDArray x = NDArray.complex(Cases.view(r, DType.FLOAT64, shape).astype(DType.FLOAT64),
                    Cases.view(r, DType.FLOAT64, shape).astype(DType.FLOAT64));
            x = clean(x);
            if (nd > 1 && r.nextBoolean()) x = x.transpose();
            int axis = r.nextInt(nd);
            NDArray y = Fft.ifft(Fft.fft(x, -1, axis, Fft.Norm.BACKWARD), -1, axis, Fft.Norm.BACKWARD);
            assertThat(y.allClose(x, 1e-9, 1e-9)).as("seed %d trial %d shape %s axis %d", seed, trial, x.shape(), axis).isTrue();
            // each lane against the naive DFT
            NDArray fx = Fft.fft(x, -1, axis, Fft.Norm.BACKWARD);
            NDArray lane = x.index(axis == 0 && nd > 1 ? 1 : 0, 0);
            if (nd == 1) {
                double[][] want = naive(x.real().toDoubleArray(), x.imag().toDoubleArray(), false);
                assertThat(fx.allClose(NDArray.complex(NDArray.of(want[0]), NDArray.of(want[1])), 1e-9, 1e-9))
                        .as("seed %d trial %d", seed, trial).isTrue();
            }
            assertThat(lane.ndim()).isEqualTo(nd - 1);
        }
    }

    /** Replaces the special values Cases puts in (NaN, inf) by finite ones so round trips compare. */
    private static NDArray clean(NDArray z) {
        double[] d = ComplexMath.interleaved(z).clone();
        for (int i = 0; i < d.length; i++) if (!Double.isFinite(d[i])) d[i] = i % 3;
        return NDArray.fromComplex(d, z.shapeArray());
    }

    @Test
    void realTransformsMatchTheComplexOne() {
        SplittableRandom r = new SplittableRandom(7);
        for (int n : new int[] {1, 2, 3, 8, 9, 13, 64, 100, 127}) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) v[i] = r.nextDouble(-1, 1);
            NDArray x = NDArray.of(v);
            NDArray full = Fft.fft(x);
            NDArray half = Fft.rfft(x);
            assertThat(half.shape()).isEqualTo(Shape.of(n / 2 + 1));
            assertThat(half.allClose(full.slice(0, 0L, (long) n / 2 + 1, 1), 1e-12, 1e-12)).as("n %d", n).isTrue();
            if (n > 1) assertThat(Fft.irfft(half, n, -1, Fft.Norm.BACKWARD).allClose(x, 1e-12, 1e-12)).as("n %d", n).isTrue();
        }
    }
}
