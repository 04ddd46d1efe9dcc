package dev.blockwork.ndarray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Both LAPACK paths (native when the BLAS library exports LAPACK, and the Java kernels always) checked by identities
 * on seeded random matrices of sizes that hit loop tails: Q orthonormal and QR = A with R triangular; U, V
 * orthonormal and U S Vᵀ = A with S descending; L Lᵀ = A; P L U = A; a x = b for triangular solves.
 */
class LapackTest {
    record Path(String name, Function<NDArray, NDArray[]> qr, Function<NDArray, NDArray[]> svd, Function<NDArray, NDArray> chol,
                Function<NDArray, NDArray[]> lu, boolean nativePath) {
        @Override public String toString() { return name; }
    }

    static List<Path> paths() {
        List<Path> p = new ArrayList<>();
        p.add(new Path("java", Lapack::qrJava, Lapack::svdJava, Lapack::choleskyJava, Lapack::luJava, false));
        p.add(new Path("active(" + Lapack.activePath() + ")", Lapack::qr, Lapack::svd, Lapack::cholesky, Lapack::lu, true));
        return p;
    }

    static final int[][] SHAPES = {{1, 1}, {6, 1}, {1, 6}, {7, 7}, {13, 6}, {6, 13}, {65, 13}, {130, 65}, {207, 207}};

    static NDArray random(SplittableRandom r, int m, int n) {
        double[] v = new double[m * n];
        for (int i = 0; i < v.length; i++) v[i] = r.nextDouble(-1, 1);
        return NDArray.fromArray(v, m, n);
    }

    static void close(NDArray got, NDArray want, double tol, String what) {
        assertThat(got.shape()).as("shape of %s", what).isEqualTo(want.shape());
        double worst = 0;
        for (long i = 0; i < want.size(); i++) worst = Math.max(worst, Math.abs(got.getDoubleFlat(i) - want.getDoubleFlat(i)));
        assertThat(worst).as("max |error| of %s", what).isLessThanOrEqualTo(tol);
    }

    static void orthonormalColumns(NDArray q, String what) {
        close(q.transpose().matmul(q), NDArray.eye(q.shape(1)), 1e-12 * Math.max(1, q.shape(0)), what + ": QᵀQ = I");
    }

    @Test
    void reportsItsPath() {
        assertThat(Lapack.activePath()).matches("java|native:.+");
        assertThat(Lapack.isNative()).isEqualTo(Lapack.activePath().startsWith("native:"));
        if (Lapack.isNative()) assertThat(Blas.isNative()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("paths")
    void qrReconstructs(Path path) {
        SplittableRandom r = new SplittableRandom(7);
        for (int[] s : SHAPES) {
            NDArray a = random(r, s[0], s[1]);
            NDArray[] qr = path.qr.apply(a);
            int k = Math.min(s[0], s[1]);
            String what = path + " qr " + s[0] + "x" + s[1];
            assertThat(qr[0].shape()).as(what).isEqualTo(Shape.of(s[0], k));
            assertThat(qr[1].shape()).as(what).isEqualTo(Shape.of(k, s[1]));
            orthonormalColumns(qr[0], what);
            close(qr[0].matmul(qr[1]), a, 1e-12 * s[0], what + ": QR = A");
            for (int i = 0; i < k; i++) for (int j = 0; j < i; j++) assertThat(qr[1].getDouble(i, j)).as(what + " R below diagonal").isZero();
        }
    }

    @Test
    void tallBlocksFactorInRowPanels() { // the native path's TSQR of cache-sized panels (a panel of 2n rows here)
        SplittableRandom r = new SplittableRandom(11);
        for (int[] s : new int[][] {{40, 3}, {97, 5}, {300, 7}, {64, 32}}) {
            NDArray a = random(r, s[0], s[1]);
            NDArray[] qr = Lapack.qr(a, 1);
            String what = Lapack.activePath() + " panel qr " + s[0] + "x" + s[1];
            orthonormalColumns(qr[0], what);
            close(qr[0].matmul(qr[1]), a, 1e-12 * s[0], what + ": QR = A");
            for (int i = 0; i < s[1]; i++) for (int j = 0; j < i; j++) assertThat(qr[1].getDouble(i, j)).as(what + " R upper").isZero();
        }
    }

    @ParameterizedTest
    @MethodSource("paths")
    void svdReconstructs(Path path) {
        SplittableRandom r = new SplittableRandom(8);
        for (int[] s : SHAPES) {
            NDArray a = random(r, s[0], s[1]);
            NDArray[] usv = path.svd.apply(a);
            String what = path + " svd " + s[0] + "x" + s[1];
            orthonormalColumns(usv[0], what + " U");
            orthonormalColumns(usv[2].transpose().copy(), what + " V");
            NDArray us = usv[0].expr().mul(usv[1].expr()).evaluate();
            close(us.matmul(usv[2]), a, 1e-11 * s[0], what + ": U S Vt = A");
            for (int i = 1; i < usv[1].size(); i++) assertThat(usv[1].getDouble(i)).as(what).isLessThanOrEqualTo(usv[1].getDouble(i - 1));
        }
    }

    @ParameterizedTest
    @MethodSource("paths")
    void choleskyAndLuReconstruct(Path path) {
        SplittableRandom r = new SplittableRandom(9);
        for (int n : new int[] {1, 2, 7, 13, 65, 130}) {
            NDArray m = random(r, n, n);
            NDArray spd = m.matmul(m.transpose()).expr().add(NDArray.eye(n).expr().mul(n)).evaluate();
            NDArray l = path.chol.apply(spd);
            for (int i = 0; i < n; i++) for (int j = i + 1; j < n; j++) assertThat(l.getDouble(i, j)).isZero();
            close(l.matmul(l.transpose()), spd, 1e-12 * n * n, path + " cholesky " + n);
            NDArray[] plu = path.lu.apply(m);
            close(plu[0].matmul(plu[1]).matmul(plu[2]), m, 1e-12 * n, path + " P L U = A " + n);
            for (int i = 0; i < n; i++) {
                assertThat(plu[1].getDouble(i, i)).isEqualTo(1.0);
                for (int j = 0; j < n; j++) {
                    if (j > i) assertThat(plu[1].getDouble(i, j)).isZero();
                    if (j < i) assertThat(plu[2].getDouble(i, j)).isZero();
                    if (j < i) assertThat(Math.abs(plu[1].getDouble(i, j))).as("partial pivoting bounds |L|").isLessThanOrEqualTo(1.0);
                }
            }
        }
        assertThatThrownBy(() -> path.chol.apply(NDArray.fromNested(new double[][] {{1, 2}, {2, 1}})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not positive definite");
        NDArray singular = NDArray.fromNested(new double[][] {{1, 2}, {2, 4}});
        NDArray[] plu = path.lu.apply(singular);
        close(plu[0].matmul(plu[1]).matmul(plu[2]), singular, 1e-15, path + " singular P L U");
        assertThat(plu[2].getDouble(1, 1)).isZero();
    }

    @Test
    void triangularSolvesBothPaths() {
        SplittableRandom r = new SplittableRandom(10);
        for (int n : new int[] {1, 6, 13, 130}) {
            NDArray t = random(r, n, n).expr().add(NDArray.eye(n).expr().mul(4)).evaluate();
            for (boolean lower : new boolean[] {true, false}) {
                NDArray tri = lower ? lowerOf(t) : lowerOf(t.transpose().copy()).transpose().copy();
                for (NDArray b : new NDArray[] {random(r, n, 3), random(r, n, 1).reshape(n)}) {
                    for (boolean nativePath : new boolean[] {false, true}) {
                        NDArray x = nativePath ? Lapack.solveTriangular(t, b, lower, false) : Lapack.solveTriangularJava(t, b, lower, false);
                        NDArray ax = b.ndim() == 1 ? tri.matmul(x.reshape(n, 1)).reshape(n) : tri.matmul(x);
                        close(ax, b, 1e-12 * n, "triangular " + (lower ? "lower" : "upper") + " " + n + (nativePath ? " active" : " java"));
                    }
                }
            }
        }
        NDArray z = NDArray.fromNested(new double[][] {{1, 0}, {3, 0}});
        assertThatThrownBy(() -> Lapack.solveTriangular(z, NDArray.of(1, 2), true, false)).hasMessageContaining("singular triangular");
        assertThatThrownBy(() -> Lapack.solveTriangularJava(z, NDArray.of(1, 2, 3), true, false)).hasMessageContaining("expected 2 rows");
        assertThatThrownBy(() -> Lapack.lu(NDArray.zeros(DType.FLOAT64, 2, 3))).hasMessageContaining("expected a square matrix");
    }

    static NDArray lowerOf(NDArray a) {
        NDArray c = a.copy();
        for (int i = 0; i < c.shape(0); i++) for (int j = i + 1; j < c.shape(1); j++) c.setDouble(0, i, j);
        return c;
    }

    @Test
    void rankDeficientAndZeroColumnsFactorCleanly() {
        NDArray a = NDArray.fromNested(new double[][] {{1, 0, 2}, {2, 0, 4}, {3, 0, 6}, {4, 0, 8}});
        for (boolean nativePath : new boolean[] {false, true}) {
            NDArray[] qr = nativePath ? Lapack.qr(a) : Lapack.qrJava(a);
            close(qr[0].matmul(qr[1]), a, 1e-13, "rank-1 QR = A");
            NDArray[] usv = nativePath ? Lapack.svd(a) : Lapack.svdJava(a);
            assertThat(usv[1].getDouble(0)).isCloseTo(Math.sqrt(150), org.assertj.core.data.Offset.offset(1e-12));
            assertThat(usv[1].getDouble(1)).isLessThan(1e-12);
        }
    }
}
