package dev.blockwork.ndarray;

/**
 * Integer matrix product {@code C += A @ B} on row-major {@code long[]} operands, wrapping on overflow exactly as
 * NumPy's int64 {@code matmul} (every product and sum is a Java {@code long} operation, so it is exact modulo
 * 2^64; int32 and bool results are that value narrowed, which is also NumPy's answer modulo 2^32 and for
 * {@code != 0}). There is no BLAS for integers: this is the i-k-j loop, whose inner loop over a row of B and a
 * row of C is unit-stride and vectorisable. Not thread-safe on a shared {@code c}.
 */
public final class LongGemm {
    private LongGemm() {}

    /**
     * {@code C[m x n] += A[m x k] @ B[k x n]}; {@code lda}, {@code ldb}, {@code ldc} are row strides in elements.
     * Any of m, n, k may be 0 (then nothing happens).
     *
     * @param m    rows of A and C
     * @param n    columns of B and C
     * @param k    columns of A, rows of B
     * @param a    A's elements
     * @param aOff A's first element in {@code a}
     * @param lda  A's row stride in {@code a}, &gt;= k
     * @param b    B's elements
     * @param bOff B's first element in {@code b}
     * @param ldb  B's row stride in {@code b}, &gt;= n
     * @param c    C's elements, added to in place
     * @param cOff C's first element in {@code c}
     * @param ldc  C's row stride in {@code c}, &gt;= n
     */
    public static void gemm(int m, int n, int k, long[] a, int aOff, int lda, long[] b, int bOff, int ldb,
                            long[] c, int cOff, int ldc) {
        if (m == 0 || n == 0 || k == 0) return;
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * ldc;
            for (int l = 0; l < k; l++) {
                long av = a[aOff + i * lda + l];
                if (av == 0) continue;
                int bl = bOff + l * ldb;
                for (int j = 0; j < n; j++) c[ci + j] += av * b[bl + j];
            }
        }
    }
}
