package dev.blockwork.array;

import static dev.blockwork.array.ArrayAssert.assertEq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.NDArray;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Linalg} against NumPy 2.4.6's values, and factorisations checked by reconstruction on seeded random matrices. */
class LinalgTest {
    static final NDArray A = NDArray.fromNested(new double[][] {{4, 2, 1}, {2, 5, 3}, {1, 3, 6}});

    @Test
    void againstNumPy() {
        DArray a = DArray.fromArray(A, Chunks.uniform(2));
        assertEq(Linalg.det(a), NDArray.scalar(66.99999999999997));
        assertEq(Linalg.solve(a, DArray.fromArray(new double[] {1, 2, 3}, Chunks.uniform(2))),
                NDArray.of(0.08955223880597016, 0.10447761194029853, 0.43283582089552236));
        assertEq(Linalg.inv(a), NDArray.fromNested(new double[][] {{0.31343283582089554, -0.13432835820895522, 0.014925373134328353},
                {-0.13432835820895522, 0.34328358208955223, -0.14925373134328357}, {0.014925373134328358, -0.14925373134328357, 0.23880597014925373}}));
        assertEq(Linalg.cholesky(a), NDArray.fromNested(new double[][] {{2, 0, 0}, {1, 2, 0}, {0.5, 1.25, 2.0463381929681126}}));
        DArray t = DArray.fromArray(new double[][] {{1, 2}, {3, 4}, {5, 7}, {2, 1}}, Chunks.uniform(3));
        assertEq(Linalg.svd(t).get(1), NDArray.of(10.382840507477392, 1.0939026447936873));
        assertEq(Linalg.lstsq(t, DArray.fromArray(new double[] {1, 0, 2, 3}, Chunks.uniform(3))).get(0), NDArray.of(1.713178294573642, -0.9767441860465105));
        assertThat(Linalg.det(DArray.fromArray(new double[][] {{1, 2}, {2, 4}}, Chunks.uniform(1))).compute().item()).isEqualTo(0.0);
        assertThatThrownBy(() -> Linalg.inv(DArray.fromArray(new double[][] {{1, 2}, {2, 4}}, Chunks.uniform(1))).compute(ArrayAssert.SYNC))
                .hasStackTraceContaining("got a singular matrix");
        assertThatThrownBy(() -> Linalg.cholesky(DArray.fromArray(new double[][] {{1, 2}, {2, 1}}, Chunks.uniform(1))).compute(ArrayAssert.SYNC))
                .hasStackTraceContaining("not positive definite");
    }

    static NDArray random(Random r, int m, int n) {
        double[] v = new double[m * n];
        for (int i = 0; i < v.length; i++) v[i] = r.nextGaussian();
        return NDArray.fromArray(v, m, n);
    }

    static void assertOrthonormalColumns(NDArray q, String what) {
        NDArray qtq = q.transpose().matmul(q);
        assertThat(qtq.allClose(NDArray.eye(q.shape(1)), 1e-10, 1e-10)).as("Q^T Q = I for %s", what).isTrue();
    }

    @Test
    void factorisationsReconstructTheirInput() {
        Random r = new Random(21);
        int[][] shapes = {{5, 3}, {3, 5}, {4, 4}, {1, 3}, {7, 1}};
        for (int[] s : shapes) {
            NDArray a = random(r, s[0], s[1]);
            DArray x = DArray.fromArray(a, Chunks.uniform(2));
            String what = s[0] + "x" + s[1];
            List<DArray> qr = Linalg.qr(x);
            NDArray q = qr.get(0).compute(), rr = qr.get(1).compute();
            assertOrthonormalColumns(q, "qr " + what);
            assertThat(q.matmul(rr).allClose(a, 1e-10, 1e-10)).as("Q R = A for %s", what).isTrue();
            for (int i = 0; i < rr.shape(0); i++) for (int j = 0; j < Math.min(i, rr.shape(1)); j++) assertThat(rr.getDouble(i, j)).isZero();
            List<DArray> svd = Linalg.svd(x);
            NDArray u = svd.get(0).compute(), sv = svd.get(1).compute(), vt = svd.get(2).compute();
            assertOrthonormalColumns(u, "svd U " + what);
            assertOrthonormalColumns(vt.transpose().copy(), "svd V " + what);
            NDArray us = u.expr().mul(sv.expr()).evaluate();
            assertThat(us.matmul(vt).allClose(a, 1e-10, 1e-10)).as("U S Vt = A for %s", what).isTrue();
            for (int i = 1; i < sv.size(); i++) assertThat(sv.getDouble(i)).isLessThanOrEqualTo(sv.getDouble(i - 1));
        }
        NDArray m = random(r, 6, 6);
        NDArray spd = m.matmul(m.transpose()).expr().add(NDArray.eye(6).expr().mul(0.5)).evaluate();
        DArray x = DArray.fromArray(spd, Chunks.uniform(4));
        NDArray l = Linalg.cholesky(x).compute();
        assertThat(l.matmul(l.transpose()).allClose(spd, 1e-10, 1e-10)).isTrue();
        NDArray inv = Linalg.inv(x).compute();
        assertThat(inv.matmul(spd).allClose(NDArray.eye(6), 1e-9, 1e-9)).isTrue();
        NDArray rhs = random(r, 6, 2);
        NDArray sol = Linalg.solve(x, DArray.fromArray(rhs, Chunks.uniform(4))).compute();
        assertThat(spd.matmul(sol).allClose(rhs, 1e-9, 1e-9)).isTrue();
        assertThat(Linalg.det(x).compute().item()).isCloseTo(detByPermutations(spd), org.assertj.core.data.Offset.offset(1e-8 * Math.abs(detByPermutations(spd))));
        assertThat(Linalg.inv(x).dtype()).isEqualTo(DType.FLOAT64);
    }

    /** The Leibniz formula, as a naive reference. */
    static double detByPermutations(NDArray a) {
        int n = (int) a.shape(0);
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        double total = 0;
        do {
            double prod = 1;
            for (int i = 0; i < n; i++) prod *= a.getDouble(i, p[i]);
            int inv = 0;
            for (int i = 0; i < n; i++) for (int j = i + 1; j < n; j++) if (p[i] > p[j]) inv++;
            total += (inv % 2 == 0 ? 1 : -1) * prod;
        } while (nextPermutation(p));
        return total;
    }

    static boolean nextPermutation(int[] p) {
        int i = p.length - 2;
        while (i >= 0 && p[i] >= p[i + 1]) i--;
        if (i < 0) return false;
        int j = p.length - 1;
        while (p[j] <= p[i]) j--;
        int t = p[i]; p[i] = p[j]; p[j] = t;
        for (int a = i + 1, b = p.length - 1; a < b; a++, b--) { t = p[a]; p[a] = p[b]; p[b] = t; }
        return true;
    }
}
