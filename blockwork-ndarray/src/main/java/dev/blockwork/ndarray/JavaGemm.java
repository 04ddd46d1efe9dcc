package dev.blockwork.ndarray;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveAction;

/**
 * Pure-Java row-major {@code C = alpha*A*B + beta*C}, the fallback when no native BLAS is found.
 *
 * <p>Implementation overview (GotoBLAS-style blocking, shaped for C2's auto-vectoriser rather than for
 * hand-written registers, since the Vector API is not used):
 * <ul>
 * <li>B is packed per (KC × NC) block into a contiguous buffer (fits in L2), A per (MC × KC) block into
 *     row panels of {@link #MR} rows interleaved by k ({@code a[k*MR + r]}), so the micro-kernel streams both.</li>
 * <li>The micro-kernel updates an MR × NC strip of a contiguous accumulator (4 rows × 256 doubles = 8 KiB,
 *     L1-resident): for each pair of k it loads 8 scalars of A (kept in registers) and runs one loop over
 *     the NC columns doing {@code c_r[j] += a_r,k * b_k[j] + a_r,k+1 * b_k+1[j]} for the 4 rows; C2 turns that
 *     loop into vector FMAs, so each B vector loaded feeds 8 multiply-adds (register blocking over rows and k,
 *     vectorisation over columns).</li>
 * <li>Row blocks of MC rows are independent tasks on the common ForkJoinPool.</li>
 * </ul>
 */
final class JavaGemm {
    static final int MR = 4;
    static final int MC = 64;
    static final int KC = 256;
    static final int NC = 512;

    private JavaGemm() {}

    static void dgemm(int m, int n, int k, double alpha, double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                      double beta, double[] c, int cOff, int ldc) {
        if (m == 0 || n == 0) return;
        // scale C by beta once; the blocks then accumulate alpha*A*B into it
        for (int i = 0; i < m; i++) {
            int r = cOff + i * ldc;
            if (beta == 0) java.util.Arrays.fill(c, r, r + n, 0.0);
            else if (beta != 1) for (int j = 0; j < n; j++) c[r + j] *= beta;
        }
        if (k == 0 || alpha == 0) return;
        long work = (long) m * n * k;
        int rowBlocks = (m + MC - 1) / MC;
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                double[] bp = new double[kc * nc];
                for (int p = 0; p < kc; p++) System.arraycopy(b, bOff + (pc + p) * ldb + jc, bp, p * nc, nc);
                final int fjc = jc, fpc = pc;
                if (work < 1 << 21 || rowBlocks == 1) {
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

    /** C[ic:ic+mc, jc:jc+nc] += alpha * A[ic:ic+mc, pc:pc+kc] * Bpacked. */
    private static void block(int ic, int mc, int kc, int nc, int jc, int pc, double alpha, double[] a, int aOff, int lda,
                              double[] bp, double[] c, int cOff, int ldc) {
        double[] ap = new double[MR * kc];
        double[] acc = new double[MR * nc];
        for (int ir = 0; ir < mc; ir += MR) {
            int mr = Math.min(MR, mc - ir);
            // pack MR rows of A interleaved by k; missing rows are zero
            java.util.Arrays.fill(ap, 0.0);
            for (int r = 0; r < mr; r++) {
                int src = aOff + (ic + ir + r) * lda + pc;
                for (int p = 0; p < kc; p++) ap[p * MR + r] = a[src + p];
            }
            java.util.Arrays.fill(acc, 0.0);
            micro(kc, nc, ap, bp, acc);
            for (int r = 0; r < mr; r++) {
                int dst = cOff + (ic + ir + r) * ldc + jc, src = r * nc;
                for (int j = 0; j < nc; j++) c[dst + j] += alpha * acc[src + j];
            }
        }
    }

    /** acc[r*nc + j] += sum_p ap[p*MR + r] * bp[p*nc + j] for 4 rows r. */
    private static void micro(int kc, int nc, double[] ap, double[] bp, double[] acc) {
        int o1 = nc, o2 = 2 * nc, o3 = 3 * nc;
        int p = 0;
        for (; p + 2 <= kc; p += 2) {
            int q = p * MR;
            double a00 = ap[q], a10 = ap[q + 1], a20 = ap[q + 2], a30 = ap[q + 3];
            double a01 = ap[q + 4], a11 = ap[q + 5], a21 = ap[q + 6], a31 = ap[q + 7];
            int b0 = p * nc, b1 = b0 + nc;
            for (int j = 0; j < nc; j++) {
                double x0 = bp[b0 + j], x1 = bp[b1 + j];
                acc[j] += a00 * x0 + a01 * x1;
                acc[o1 + j] += a10 * x0 + a11 * x1;
                acc[o2 + j] += a20 * x0 + a21 * x1;
                acc[o3 + j] += a30 * x0 + a31 * x1;
            }
        }
        for (; p < kc; p++) {
            int q = p * MR;
            double a0 = ap[q], a1 = ap[q + 1], a2 = ap[q + 2], a3 = ap[q + 3];
            int b0 = p * nc;
            for (int j = 0; j < nc; j++) {
                double x0 = bp[b0 + j];
                acc[j] += a0 * x0;
                acc[o1 + j] += a1 * x0;
                acc[o2 + j] += a2 * x0;
                acc[o3 + j] += a3 * x0;
            }
        }
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
