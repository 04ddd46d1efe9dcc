package dev.blockwork.ndarray;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A call large enough to be split into row panels (with a single-threaded OpenBLAS, as surefire sets it
 * up for this module) must equal the pure-Java kernel; offsets and leading dimensions included.
 */
class BlasPanelTest {
    @Test
    void largeDgemmAndSgemmMatchTheJavaKernel() {
        int m = 301, n = 257, k = 263, lda = k + 3, ldb = n + 5, ldc = n + 2, aOff = 7, bOff = 11, cOff = 13;
        SplittableRandom r = new SplittableRandom(5);
        double[] a = new double[aOff + m * lda], b = new double[bOff + k * ldb], c = new double[cOff + m * ldc];
        for (int i = 0; i < a.length; i++) a[i] = r.nextDouble() - 0.5;
        for (int i = 0; i < b.length; i++) b[i] = r.nextDouble() - 0.5;
        for (int i = 0; i < c.length; i++) c[i] = r.nextDouble();
        double[] ref = c.clone();
        Blas.dgemm(m, n, k, 1.5, a, aOff, lda, b, bOff, ldb, 0.5, c, cOff, ldc);
        Blas.dgemmJava(m, n, k, 1.5, a, aOff, lda, b, bOff, ldb, 0.5, ref, cOff, ldc);
        for (int i = 0; i < c.length; i++) assertThat(c[i]).as("element %d", i).isCloseTo(ref[i], org.assertj.core.data.Offset.offset(1e-9));

        float[] fa = new float[a.length], fb = new float[b.length], fc = new float[c.length];
        for (int i = 0; i < fa.length; i++) fa[i] = (float) a[i];
        for (int i = 0; i < fb.length; i++) fb[i] = (float) b[i];
        float[] fref = fc.clone();
        Blas.sgemm(m, n, k, 1f, fa, aOff, lda, fb, bOff, ldb, 0f, fc, cOff, ldc);
        Blas.sgemmJava(m, n, k, 1f, fa, aOff, lda, fb, bOff, ldb, 0f, fref, cOff, ldc);
        for (int i = 0; i < fc.length; i++) assertThat(fc[i]).as("element %d", i).isCloseTo(fref[i], org.assertj.core.data.Offset.offset(1e-3f));
    }
}
