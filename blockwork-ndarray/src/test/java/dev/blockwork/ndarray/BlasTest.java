package dev.blockwork.ndarray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Both matmul paths (native when present, and the pure-Java kernel always) against a naive triple loop. */
class BlasTest {
    static final int[] SIZES = {1, 7, 13, 65, 130};

    static double[] naive(int m, int n, int k, double alpha, double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                          double beta, double[] c0, int cOff, int ldc) {
        double[] c = c0.clone();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) s += a[aOff + i * lda + p] * b[bOff + p * ldb + j];
                c[cOff + i * ldc + j] = alpha * s + beta * c0[cOff + i * ldc + j];
            }
        }
        return c;
    }

    static double[] rand(SplittableRandom r, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = r.nextDouble(-1, 1);
        return v;
    }

    static void assertNear(double[] got, double[] want, int k) {
        double tol = 1e-13 * Math.max(1, k);
        for (int i = 0; i < want.length; i++) {
            assertThat(Math.abs(got[i] - want[i])).as("element %d: got %s want %s", i, got[i], want[i]).isLessThanOrEqualTo(tol * (1 + Math.abs(want[i])));
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void dgemmAgainstNaiveWithOffsetsAndLeadingDims(boolean javaPath) {
        SplittableRandom r = new SplittableRandom(javaPath ? 1 : 2);
        for (int m : SIZES) {
            for (int n : SIZES) {
                int k = SIZES[r.nextInt(SIZES.length)];
                int lda = k + r.nextInt(3), ldb = n + r.nextInt(3), ldc = n + r.nextInt(3);
                int aOff = r.nextInt(4), bOff = r.nextInt(4), cOff = r.nextInt(4);
                double[] a = rand(r, aOff + m * lda), b = rand(r, bOff + k * ldb), c = rand(r, cOff + m * ldc);
                double alpha = r.nextBoolean() ? 1 : 0.75, beta = r.nextInt(3) == 0 ? 0 : r.nextBoolean() ? 1 : -0.5;
                double[] want = naive(m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
                if (javaPath) Blas.dgemmJava(m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
                else Blas.dgemm(m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
                assertNear(c, want, k);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void sgemmAgainstNaive(boolean javaPath) {
        SplittableRandom r = new SplittableRandom(3);
        for (int m : SIZES) {
            int n = SIZES[r.nextInt(5)], k = SIZES[r.nextInt(5)];
            double[] ad = rand(r, m * k), bd = rand(r, k * n);
            float[] a = new float[ad.length], b = new float[bd.length], c = new float[m * n];
            for (int i = 0; i < a.length; i++) { a[i] = (float) ad[i]; ad[i] = a[i]; }
            for (int i = 0; i < b.length; i++) { b[i] = (float) bd[i]; bd[i] = b[i]; }
            double[] want = naive(m, n, k, 1, ad, 0, k, bd, 0, n, 0, new double[m * n], 0, n);
            if (javaPath) Blas.sgemmJava(m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n);
            else Blas.sgemm(m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n);
            for (int i = 0; i < want.length; i++) assertThat((double) c[i]).isCloseTo(want[i], org.assertj.core.data.Offset.offset(1e-5 * k));
        }
    }

    @Test
    void largeEnoughToRunInParallelOnTheJavaPath() {
        SplittableRandom r = new SplittableRandom(4);
        int m = 200, n = 150, k = 300; // m*n*k > 2^21: row blocks run on the common pool
        double[] a = rand(r, m * k), b = rand(r, k * n), c = new double[m * n];
        Blas.dgemmJava(m, n, k, 1, a, 0, k, b, 0, n, 0, c, 0, n);
        assertNear(c, naive(m, n, k, 1, a, 0, k, b, 0, n, 0, new double[m * n], 0, n), k);
    }

    @Test
    void activePathIsReportedAndArgumentsChecked() {
        assertThat(Blas.activePath()).matches("java|native:.+");
        assertThat(Blas.isNative()).isEqualTo(Blas.activePath().startsWith("native:"));
        assertThatThrownBy(() -> Blas.dgemm(2, 2, 2, 1, new double[3], 0, 2, new double[4], 0, 2, 0, new double[4], 0, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("A (2x2");
        assertThatThrownBy(() -> NDArray.zeros(DType.FLOAT64, 2, 3).matmul(NDArray.zeros(DType.FLOAT64, 2, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(2, 3) and (2, 3)");
    }

    @Test
    void matmulShapesFollowNumPy() {
        NDArray a = new Random(1).uniform(3, 4), b = new Random(2).uniform(4, 5);
        assertThat(a.matmul(b).shape()).isEqualTo(Shape.of(3, 5));
        assertThat(a.matmul(NDArray.ones(DType.FLOAT64, 4)).shape()).isEqualTo(Shape.of(3));
        assertThat(NDArray.ones(DType.FLOAT64, 3).matmul(a).shape()).isEqualTo(Shape.of(4));
        assertThat(NDArray.ones(DType.FLOAT64, 4).matmul(NDArray.ones(DType.FLOAT64, 4)).item()).isEqualTo(4.0);
        NDArray batched = NDArray.ones(DType.FLOAT64, 2, 1, 3, 4).matmul(NDArray.ones(DType.FLOAT64, 5, 4, 2));
        assertThat(batched.shape()).isEqualTo(Shape.of(2, 5, 3, 2));
        assertThat(batched.max().item()).isEqualTo(4.0);
        NDArray ints = NDArray.arange(6).reshape(2, 3).matmul(NDArray.arange(6).reshape(3, 2));
        assertThat(ints.dtype()).isEqualTo(DType.INT64);
        assertThat(ints.toLongArray()).containsExactly(10, 13, 28, 40);
        // a transposed (non-contiguous) operand
        NDArray t = a.transpose().copy().transpose();
        assertThat(t.matmul(b).allClose(a.matmul(b), 1e-14, 0)).isTrue();
    }
}
