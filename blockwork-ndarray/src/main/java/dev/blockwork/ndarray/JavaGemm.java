package dev.blockwork.ndarray;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveAction;

/**
 * Pure-Java row-major {@code C = alpha*A*B + beta*C}, the fallback when no native BLAS is found.
 *
 * <p>Implementation overview (GotoBLAS/BLIS structure, Goto and van de Geijn, "Anatomy of high-performance
 * matrix multiplication", 2008):
 * <ul>
 * <li>Loop over column blocks of {@link #NC} and depth blocks of {@link #KC}; each (KC × NC) block of B is
 *     packed into {@link #NR}-column panels ({@code bp[(panel*kc + p)*NR + j]}, zero-padded at the edge) that
 *     stay in L2 while every row block uses them.</li>
 * <li>Row blocks of {@link #MC} rows are independent tasks on the common ForkJoinPool; each packs its rows
 *     of A into {@link #MR}-row panels ({@code ap[(panel*kc + p)*MR + r]}, zero-padded).</li>
 * <li>The micro-kernel keeps an MR × NR = 4 × 8 block of C in 32 local accumulators for the whole depth
 *     kc, loading 4 values of A and 8 of B per step for 32 multiply-adds (register blocking), then adds
 *     {@code alpha} times the block into C, clipped at the matrix edge. Edge tiles therefore use the same
 *     kernel on zero padding; there is no separate tail code path.</li>
 * </ul>
 */
final class JavaGemm {
    static final int MR = 4;
    static final int NR = 8;
    static final int MC = 64;
    static final int KC = 256;
    static final int NC = 512;

    private JavaGemm() {}

    static void dgemm(int m, int n, int k, double alpha, double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                      double beta, double[] c, int cOff, int ldc) {
        if (m == 0 || n == 0) return;
        for (int i = 0; i < m; i++) { // scale C by beta once; the blocks then accumulate alpha*A*B into it
            int r = cOff + i * ldc;
            if (beta == 0) java.util.Arrays.fill(c, r, r + n, 0.0);
            else if (beta != 1) for (int j = 0; j < n; j++) c[r + j] *= beta;
        }
        if (k == 0 || alpha == 0) return;
        boolean parallel = (long) m * n * k >= 1L << 21 && m > MC;
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                double[] bp = packB(b, bOff, ldb, pc, kc, jc, nc);
                final int fjc = jc, fpc = pc;
                if (!parallel) {
                    for (int ic = 0; ic < m; ic += MC) block(ic, Math.min(MC, m - ic), kc, nc, fjc, fpc, alpha, a, aOff, lda, bp, c, cOff, ldc);
                } else {
                    List<RecursiveAction> tasks = new ArrayList<>();
                    for (int ic = 0; ic < m; ic += MC) {
                        final int fic = ic, mc = Math.min(MC, m - ic);
                        tasks.add(new RecursiveAction() {
                            @Override
                            protected void compute() { block(fic, mc, kc, nc, fjc, fpc, alpha, a, aOff, lda, bp, c, cOff, ldc); }
                        });
                    }
                    ForkJoinTask.invokeAll(tasks);
                }
            }
        }
    }

    private static double[] packB(double[] b, int bOff, int ldb, int pc, int kc, int jc, int nc) {
        int panels = (nc + NR - 1) / NR;
        double[] bp = new double[panels * kc * NR];
        for (int jp = 0; jp < panels; jp++) {
            int j0 = jc + jp * NR, w = Math.min(NR, nc - jp * NR), base = jp * kc * NR;
            for (int p = 0; p < kc; p++) System.arraycopy(b, bOff + (pc + p) * ldb + j0, bp, base + p * NR, w);
        }
        return bp;
    }

    /** C[ic:ic+mc, jc:jc+nc] += alpha * A[ic:ic+mc, pc:pc+kc] * (packed B block). */
    private static void block(int ic, int mc, int kc, int nc, int jc, int pc, double alpha, double[] a, int aOff, int lda,
                              double[] bp, double[] c, int cOff, int ldc) {
        int rowPanels = (mc + MR - 1) / MR, colPanels = (nc + NR - 1) / NR;
        double[] ap = new double[rowPanels * kc * MR];
        for (int ip = 0; ip < rowPanels; ip++) {
            int h = Math.min(MR, mc - ip * MR), base = ip * kc * MR;
            for (int r = 0; r < h; r++) {
                int src = aOff + (ic + ip * MR + r) * lda + pc;
                for (int p = 0; p < kc; p++) ap[base + p * MR + r] = a[src + p];
            }
        }
        double[] t = new double[MR * NR];
        for (int ip = 0; ip < rowPanels; ip++) {
            int h = Math.min(MR, mc - ip * MR);
            for (int jp = 0; jp < colPanels; jp++) {
                int w = Math.min(NR, nc - jp * NR);
                micro(kc, ap, ip * kc * MR, bp, jp * kc * NR, t);
                int co = cOff + (ic + ip * MR) * ldc + jc + jp * NR;
                for (int r = 0; r < h; r++) {
                    int row = co + r * ldc;
                    for (int j = 0; j < w; j++) c[row + j] += alpha * t[r * NR + j];
                }
            }
        }
    }

    /** t = (4 × kc panel of A) · (kc × 8 panel of B), accumulated in 32 locals. */
    private static void micro(int kc, double[] ap, int ao, double[] bp, int bo, double[] t) {
        double c00 = 0, c01 = 0, c02 = 0, c03 = 0, c04 = 0, c05 = 0, c06 = 0, c07 = 0;
        double c10 = 0, c11 = 0, c12 = 0, c13 = 0, c14 = 0, c15 = 0, c16 = 0, c17 = 0;
        double c20 = 0, c21 = 0, c22 = 0, c23 = 0, c24 = 0, c25 = 0, c26 = 0, c27 = 0;
        double c30 = 0, c31 = 0, c32 = 0, c33 = 0, c34 = 0, c35 = 0, c36 = 0, c37 = 0;
        for (int p = 0; p < kc; p++) {
            int q = ao + p * MR, r = bo + p * NR;
            double a0 = ap[q], a1 = ap[q + 1], a2 = ap[q + 2], a3 = ap[q + 3];
            double b0 = bp[r], b1 = bp[r + 1], b2 = bp[r + 2], b3 = bp[r + 3];
            double b4 = bp[r + 4], b5 = bp[r + 5], b6 = bp[r + 6], b7 = bp[r + 7];
            c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
            c04 += a0 * b4; c05 += a0 * b5; c06 += a0 * b6; c07 += a0 * b7;
            c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
            c14 += a1 * b4; c15 += a1 * b5; c16 += a1 * b6; c17 += a1 * b7;
            c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
            c24 += a2 * b4; c25 += a2 * b5; c26 += a2 * b6; c27 += a2 * b7;
            c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
            c34 += a3 * b4; c35 += a3 * b5; c36 += a3 * b6; c37 += a3 * b7;
        }
        t[0] = c00; t[1] = c01; t[2] = c02; t[3] = c03; t[4] = c04; t[5] = c05; t[6] = c06; t[7] = c07;
        t[8] = c10; t[9] = c11; t[10] = c12; t[11] = c13; t[12] = c14; t[13] = c15; t[14] = c16; t[15] = c17;
        t[16] = c20; t[17] = c21; t[18] = c22; t[19] = c23; t[20] = c24; t[21] = c25; t[22] = c26; t[23] = c27;
        t[24] = c30; t[25] = c31; t[26] = c32; t[27] = c33; t[28] = c34; t[29] = c35; t[30] = c36; t[31] = c37;
    }

    /** Float version through double arithmetic (more accurate than float accumulation; then rounded). */
    static void sgemm(int m, int n, int k, float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        double[] ad = new double[m * k], bd = new double[k * n], cd = new double[m * n];
        for (int i = 0; i < m; i++) for (int p = 0; p < k; p++) ad[i * k + p] = a[aOff + i * lda + p];
        for (int p = 0; p < k; p++) for (int j = 0; j < n; j++) bd[p * n + j] = b[bOff + p * ldb + j];
        for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) cd[i * n + j] = c[cOff + i * ldc + j];
        dgemm(m, n, k, alpha, ad, 0, k, bd, 0, n, beta, cd, 0, n);
        for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) c[cOff + i * ldc + j] = (float) cd[i * n + j];
    }
}
