package dev.blockwork.ndarray;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Dense float64 factorisations of one 2-D block, the per-block kernels of the chunked linear algebra: reduced QR,
 * thin SVD, Cholesky, LU with partial pivoting and triangular solves. Native LAPACK through FFM when the BLAS library
 * that {@link Blas} loaded also exports it (OpenBLAS does), else pure Java; inputs of any dtype are converted to
 * float64 and never modified.
 *
 * <p>Which path is active follows {@link Blas}: {@code -Dblockwork.blas=java} forces Java here too; otherwise the
 * library {@link Blas#activePath()} names is searched for the Fortran symbols {@code dgeqrf_}, {@code dorgqr_},
 * {@code dgesdd_}, {@code dpotrf_}, {@code dgetrf_} and {@code cblas_dtrsm}, and all of them must resolve.
 * {@link #activePath()} says which; the {@code ...Java} methods run the Java kernels whatever the active path
 * (tests compare both).
 *
 * <p>Errors throw IllegalArgumentException as NumPy raises LinAlgError: a matrix that is not positive definite
 * ({@link #cholesky}), a singular triangular matrix ({@link #solveTriangular}), an SVD that did not converge. Signs of
 * QR and SVD factors may differ between the two paths (both factorisations are equally valid). Thread-safe.
 *
 * <p><b>Implementation overview.</b> LAPACK is column-major and our blocks are row-major, so a row-major
 * {@code m x n} buffer is read by LAPACK as its transpose. The kernels use that where it costs nothing: the SVD of {@code Aᵀ} ({@code dgesdd}) gives
 * {@code A}'s {@code Vᵀ} and {@code U} in row-major order by swapping their roles; {@code dpotrf} with {@code 'U'}
 * on the symmetric buffer gives our lower factor. QR ({@code dgeqrf}, {@code dorgqr}) copies into column-major order
 * (the LQ of the transpose, {@code dgelqf}, would need no copy but walks the rows of a tall block with a stride of
 * {@code n} elements: ~50x slower on a 100,000 x 100 block), and so does LU ({@code dgetrf}: row pivoting of a
 * transpose would be column pivoting). Heap arrays are passed without copying
 * ({@code Linker.Option.critical(true)}), scalars by reference in one-element arrays, and every Fortran character
 * argument with its hidden length (gfortran's ABI). The Java kernels are Householder QR on the transposed matrix
 * (so each reflection works on contiguous columns), the one-sided Jacobi SVD and Cholesky of {@link Decompositions},
 * and a row-oriented LU and triangular solve.
 */
public final class Lapack {
    private static final System.Logger LOG = System.getLogger(Lapack.class.getName());
    private static final int ROW_MAJOR = 101, NO_TRANS = 111, UPPER = 121, LOWER = 122, NON_UNIT = 131, UNIT = 132, LEFT = 141;

    private static final MethodHandle DGEQRF, DORGQR, DGESDD, DPOTRF, DGETRF, DTRSM;
    private static final String ACTIVE;

    static {
        MethodHandle[] h = null;
        String active = "java", reason = "the BLAS path is " + Blas.activePath();
        if (Blas.activePath().startsWith("native:")) {
            String lib = Blas.activePath().substring("native:".length());
            try {
                h = bind(lib);
                if (h == null) reason = lib + " does not export LAPACK (dgeqrf_, dorgqr_, dgesdd_, dpotrf_, dgetrf_, cblas_dtrsm)";
                else active = "native:" + lib;
            } catch (IllegalArgumentException | UnsatisfiedLinkError | IllegalCallerException e) {
                reason = "no usable native LAPACK (" + lib + ": " + e.getMessage() + ")";
            }
        }
        DGEQRF = h == null ? null : h[0];
        DORGQR = h == null ? null : h[1];
        DGESDD = h == null ? null : h[2];
        DPOTRF = h == null ? null : h[3];
        DGETRF = h == null ? null : h[4];
        DTRSM = h == null ? null : h[5];
        ACTIVE = active;
        LOG.log(System.Logger.Level.DEBUG, "blockwork LAPACK path: " + active + (h == null ? " (" + reason + ")" : ""));
    }

    private Lapack() {}

    @SuppressWarnings("restricted") // FFM library lookup and downcalls; surefire and launchers pass --enable-native-access
    private static MethodHandle[] bind(String lib) {
        SymbolLookup lookup = Blas.library(lib);
        String[] names = {"dgeqrf_", "dorgqr_", "dgesdd_", "dpotrf_", "dgetrf_", "cblas_dtrsm"};
        for (String n : names) if (lookup.find(n).isEmpty()) return null;
        Linker linker = Linker.nativeLinker();
        ValueLayout p = ValueLayout.ADDRESS, i = ValueLayout.JAVA_INT, len = ValueLayout.JAVA_LONG;
        FunctionDescriptor[] d = {
            FunctionDescriptor.ofVoid(p, p, p, p, p, p, p, p), // dgeqrf(M, N, A, LDA, TAU, WORK, LWORK, INFO)
            FunctionDescriptor.ofVoid(p, p, p, p, p, p, p, p, p), // dorgqr(M, N, K, A, LDA, TAU, WORK, LWORK, INFO)
            FunctionDescriptor.ofVoid(p, p, p, p, p, p, p, p, p, p, p, p, p, p, len), // dgesdd(JOBZ, M, N, A, LDA, S, U, LDU, VT, LDVT, WORK, LWORK, IWORK, INFO)
            FunctionDescriptor.ofVoid(p, p, p, p, p, len), // dpotrf(UPLO, N, A, LDA, INFO)
            FunctionDescriptor.ofVoid(p, p, p, p, p, p), // dgetrf(M, N, A, LDA, IPIV, INFO)
            FunctionDescriptor.ofVoid(i, i, i, i, i, i, i, ValueLayout.JAVA_DOUBLE, p, i, p, i) // cblas_dtrsm
        };
        MethodHandle[] h = new MethodHandle[names.length];
        for (int k = 0; k < names.length; k++) h[k] = linker.downcallHandle(lookup.find(names[k]).get(), d[k], Linker.Option.critical(true));
        return h;
    }

    /** {@return which LAPACK kernels run: {@code "java"} or {@code "native:<library>"}} */
    public static String activePath() { return ACTIVE; }

    /** {@return whether the native LAPACK kernels are in use} */
    public static boolean isNative() { return DGEQRF != null; }

    private static MemorySegment seg(double[] a) { return MemorySegment.ofArray(a); }

    private static MemorySegment seg(int... a) { return MemorySegment.ofArray(a); }

    private static MemorySegment chr(char c) { return MemorySegment.ofArray(new byte[] {(byte) c}); }

    private static int[] dims(NDArray a, String what) {
        if (a.ndim() != 2) throw new IllegalArgumentException("got a " + a.ndim() + "-d array of shape " + Shapes.format(a.shape) + ", expected a 2-D matrix for " + what);
        long m = a.shape(0), n = a.shape(1);
        if (m * n > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("got a " + m + "x" + n + " block for " + what + ", expected fewer than 2^31 elements");
        return new int[] {(int) m, (int) n};
    }

    private static int[] square(NDArray a, String what) {
        int[] s = dims(a, what);
        if (s[0] != s[1]) throw new IllegalArgumentException("got shape " + Shapes.format(a.shape) + ", expected a square matrix for " + what);
        return s;
    }

    private static IllegalStateException failed(String routine, int info, Throwable cause) {
        return new IllegalStateException(routine + " failed via " + ACTIVE + (cause == null ? " with info=" + info : ""), cause);
    }

    // ------------------------------------------------------------------ QR

    /**
     * {@code np.linalg.qr(a)} (mode "reduced"): {@code [Q (m x k), R (k x n)]}, {@code k = min(m, n)}, {@code Q} with
     * orthonormal columns and {@code R} upper triangular (trapezoidal when m &lt; n). O(m n k) flops; memory: the
     * factors plus one copy of the input.
     *
     * @param a an {@code m x n} matrix
     * @return {@code [Q, R]}
     */
    public static NDArray[] qr(NDArray a) {
        int[] s = dims(a, "qr");
        return qr(a, (int) Math.min(Integer.MAX_VALUE / 4, Math.max(2L * s[1], TALL_BLOCK_BYTES / (8L * Math.max(1, s[1])))));
    }

    /** {@link #qr} with row panels of at least {@code panelRows} rows (tests use small ones). */
    static NDArray[] qr(NDArray a, int panelRows) {
        int[] s = dims(a, "qr");
        if (DGEQRF == null || Math.min(s[0], s[1]) == 0) return qrJava(a);
        int sub = Math.max(2 * s[1], panelRows);
        return s[0] >= 2 * sub ? qrTall(a, s[0], s[1], sub) : qrNative(a, s[0], s[1]);
    }

    /** Row panels of a tall QR are factored separately when they are at least this big (a cache-sized panel). */
    static final long TALL_BLOCK_BYTES = 4L << 20;

    /**
     * The QR of a tall block as a TSQR of cache-sized row panels: each panel {@code A_p = Q_p R_p}, then the stacked
     * {@code R_p = Q' R}, and {@code Q = diag(Q_p) Q'} (one dgemm per panel). LAPACK's own panel factorisation is
     * memory-bound once a panel leaves the cache (a 100,000 x 100 block took 2.5x as long as ten 10,000 x 100 ones).
     */
    private static NDArray[] qrTall(NDArray a, int m, int n, int sub) {
        int parts = m / sub;
        NDArray src = a.dtype() == DType.FLOAT64 ? a.contiguous() : a.astype(DType.FLOAT64);
        NDArray[] qs = new NDArray[parts], rs = new NDArray[parts];
        int[] lo = new int[parts + 1];
        for (int p = 0; p <= parts; p++) lo[p] = (int) ((long) m * p / parts);
        for (int p = 0; p < parts; p++) {
            NDArray[] f = qrNative(src.slice(0, (long) lo[p], (long) lo[p + 1], 1), lo[p + 1] - lo[p], n);
            qs[p] = f[0];
            rs[p] = f[1];
        }
        NDArray[] top = qrNative(NDArray.concatenate(0, rs), parts * n, n);
        double[] q = new double[m * n], q2 = (double[]) top[0].data();
        for (int p = 0; p < parts; p++) {
            Blas.dgemm(lo[p + 1] - lo[p], n, n, 1.0, (double[]) qs[p].data(), 0, n, q2, top[0].offset() + p * n * n, n, 0.0, q, lo[p] * n, n);
        }
        return new NDArray[] {NDArray.fromArray(q, m, n), top[1]};
    }

    private static NDArray[] qrNative(NDArray a, int m, int n) {
        int k = Math.min(m, n), lda = Math.max(1, m);
        // column-major copy: dgeqrf's Householder vectors are then contiguous columns (the LQ of the row-major buffer
        // read as Aᵀ would avoid the copies but walks rows with a stride of n elements, ~50x slower on tall blocks)
        double[] cm = new double[m * n];
        NDArray src = a.dtype() == DType.FLOAT64 ? a.contiguous() : a.astype(DType.FLOAT64);
        transpose((double[]) src.data(), src.offset(), m, n, cm);
        double[] tau = new double[k], query = new double[1];
        int[] info = new int[1];
        try {
            DGEQRF.invokeExact(seg(m), seg(n), seg(cm), seg(lda), seg(tau), seg(query), seg(-1), seg(info));
            double[] work = new double[Math.max(1, (int) query[0])];
            DGEQRF.invokeExact(seg(m), seg(n), seg(cm), seg(lda), seg(tau), seg(work), seg(work.length), seg(info));
            if (info[0] != 0) throw failed("dgeqrf", info[0], null);
            double[] r = new double[k * n];
            for (int j = 0; j < n; j++) for (int i = 0; i <= Math.min(j, k - 1); i++) r[i * n + j] = cm[i + j * m];
            DORGQR.invokeExact(seg(m), seg(k), seg(k), seg(cm), seg(lda), seg(tau), seg(query), seg(-1), seg(info));
            work = new double[Math.max(1, (int) query[0])];
            DORGQR.invokeExact(seg(m), seg(k), seg(k), seg(cm), seg(lda), seg(tau), seg(work), seg(work.length), seg(info));
            if (info[0] != 0) throw failed("dorgqr", info[0], null);
            double[] q = new double[m * k];
            transpose(cm, 0, k, m, q); // the first k columns (column-major m x k) = row-major k x m, transposed to m x k
            return new NDArray[] {NDArray.fromArray(q, m, k), NDArray.fromArray(r, k, n)};
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw failed("dgeqrf/dorgqr", 0, t);
        }
    }

    /** {@code dst (cols x rows) = srcᵀ} for a row-major {@code rows x cols} {@code src} at {@code off}, in cache-sized tiles. */
    static void transpose(double[] src, int off, int rows, int cols, double[] dst) {
        final int b = 32;
        for (int i0 = 0; i0 < rows; i0 += b) {
            int i1 = Math.min(rows, i0 + b);
            for (int j0 = 0; j0 < cols; j0 += b) {
                int j1 = Math.min(cols, j0 + b);
                for (int i = i0; i < i1; i++) for (int j = j0; j < j1; j++) dst[j * rows + i] = src[off + i * cols + j];
            }
        }
    }

    /**
     * {@link #qr} by Householder reflections in Java: the input is transposed once so that every reflection works on
     * contiguous columns of {@code A}; {@code Q} is accumulated backwards from the reflectors. Numerically as sound as
     * LAPACK's {@code dgeqr2} (the reflector's sign avoids cancellation).
     *
     * @param a an {@code m x n} matrix
     * @return {@code [Q, R]}
     */
    public static NDArray[] qrJava(NDArray a) {
        int[] s = dims(a, "qr");
        int m = s[0], n = s[1], k = Math.min(m, n);
        double[] x = a.transpose().toDoubleArray(); // row c = column c of A (length m)
        double[] r = new double[k * n], beta = new double[k];
        for (int j = 0; j < k; j++) {
            int col = j * m;
            double norm = 0;
            for (int i = j; i < m; i++) norm += x[col + i] * x[col + i];
            norm = Math.sqrt(norm);
            if (norm == 0) {
                beta[j] = 0; // H = I; the column is already zero below the diagonal
            } else {
                double alpha = x[col + j] > 0 ? -norm : norm;
                x[col + j] -= alpha; // v = x - alpha e_j, kept in place of the column
                double vv = 0;
                for (int i = j; i < m; i++) vv += x[col + i] * x[col + i];
                beta[j] = vv == 0 ? 0 : 2 / vv;
                for (int c = j + 1; c < n; c++) {
                    int cc = c * m;
                    double dot = 0;
                    for (int i = j; i < m; i++) dot += x[col + i] * x[cc + i];
                    double f = beta[j] * dot;
                    for (int i = j; i < m; i++) x[cc + i] -= f * x[col + i];
                }
                r[j * n + j] = alpha;
            }
            if (norm == 0) r[j * n + j] = 0;
            for (int c = j + 1; c < n; c++) r[j * n + c] = x[c * m + j];
        }
        double[] qt = new double[k * m]; // row c = column c of Q
        for (int c = 0; c < k; c++) qt[c * m + c] = 1;
        for (int j = k - 1; j >= 0; j--) {
            if (beta[j] == 0) continue;
            int col = j * m;
            for (int c = j; c < k; c++) { // columns c < j are still e_c, untouched by H_j
                int cc = c * m;
                double dot = 0;
                for (int i = j; i < m; i++) dot += x[col + i] * qt[cc + i];
                double f = beta[j] * dot;
                for (int i = j; i < m; i++) qt[cc + i] -= f * x[col + i];
            }
        }
        return new NDArray[] {NDArray.fromArray(qt, k, m).transpose().copy(), NDArray.fromArray(r, k, n)};
    }

    // ------------------------------------------------------------------ SVD

    /**
     * {@code np.linalg.svd(a, full_matrices=False)}: {@code [U (m x k), S (k,), Vt (k x n)]} with S descending,
     * {@code k = min(m, n)}. O(m n k) flops (native divide and conquer, {@code dgesdd}); the Java path is a
     * one-sided Jacobi SVD, meant for the small matrices of the chunked algorithms.
     *
     * @param a an {@code m x n} matrix
     * @return {@code [U, S, Vt]}
     */
    public static NDArray[] svd(NDArray a) {
        int[] s = dims(a, "svd");
        return DGESDD == null || Math.min(s[0], s[1]) == 0 ? svdJava(a) : svdNative(a.toDoubleArray(), s[0], s[1]);
    }

    private static NDArray[] svdNative(double[] buf, int m, int n) {
        int k = Math.min(m, n);
        // the buffer is the column-major n x m matrix X = Aᵀ = U_x S Vt_x, so A's U is Vt_x and A's Vt is U_x, both row-major
        double[] sv = new double[k], ux = new double[n * k], vtx = new double[k * m], query = new double[1];
        int[] iwork = new int[8 * k], info = new int[1];
        try {
            DGESDD.invokeExact(chr('S'), seg(n), seg(m), seg(buf), seg(Math.max(1, n)), seg(sv), seg(ux), seg(Math.max(1, n)),
                    seg(vtx), seg(Math.max(1, k)), seg(query), seg(-1), seg(iwork), seg(info), 1L);
            double[] work = new double[Math.max(1, (int) query[0])];
            DGESDD.invokeExact(chr('S'), seg(n), seg(m), seg(buf), seg(Math.max(1, n)), seg(sv), seg(ux), seg(Math.max(1, n)),
                    seg(vtx), seg(Math.max(1, k)), seg(work), seg(work.length), seg(iwork), seg(info), 1L);
        } catch (Throwable t) {
            throw failed("dgesdd", 0, t);
        }
        if (info[0] > 0) throw new IllegalArgumentException("got an SVD that did not converge (dgesdd info " + info[0] + ", np.linalg.LinAlgError)");
        if (info[0] < 0) throw failed("dgesdd", info[0], null);
        return new NDArray[] {NDArray.fromArray(vtx, m, k), NDArray.fromArray(sv, k), NDArray.fromArray(ux, k, n)};
    }

    /**
     * {@link #svd} in Java (one-sided Jacobi rotations, {@link Decompositions#svd}).
     *
     * @param a an {@code m x n} matrix
     * @return {@code [U, S, Vt]}
     */
    public static NDArray[] svdJava(NDArray a) {
        dims(a, "svd");
        int m = (int) a.shape(0), n = (int) a.shape(1);
        if (Math.min(m, n) == 0) {
            int k = Math.min(m, n);
            return new NDArray[] {NDArray.zeros(DType.FLOAT64, m, k), NDArray.zeros(DType.FLOAT64, k), NDArray.zeros(DType.FLOAT64, k, n)};
        }
        return Decompositions.svd(a);
    }

    // ------------------------------------------------------------------ Cholesky

    /**
     * {@code np.linalg.cholesky}: the lower-triangular {@code L} with {@code L Lᵀ = a}, reading the lower triangle of
     * the symmetric {@code a}. O(n³/3) flops.
     *
     * @param a a symmetric positive-definite {@code n x n} matrix
     * @return {@code L}
     * @throws IllegalArgumentException if {@code a} is not positive definite
     */
    public static NDArray cholesky(NDArray a) {
        int n = square(a, "cholesky")[0];
        if (DPOTRF == null || n == 0) return choleskyJava(a);
        double[] buf = a.toDoubleArray();
        int[] info = new int[1];
        try {
            // column-major 'U' of the buffer (= Aᵀ = A) is our lower triangle: A = Uᵀ U = L Lᵀ
            DPOTRF.invokeExact(chr('U'), seg(n), seg(buf), seg(n), seg(info), 1L);
        } catch (Throwable t) {
            throw failed("dpotrf", 0, t);
        }
        if (info[0] > 0) throw notPositiveDefinite();
        if (info[0] < 0) throw failed("dpotrf", info[0], null);
        for (int i = 0; i < n; i++) java.util.Arrays.fill(buf, i * n + i + 1, (i + 1) * n, 0.0);
        return NDArray.fromArray(buf, n, n);
    }

    static IllegalArgumentException notPositiveDefinite() {
        return new IllegalArgumentException("got a matrix that is not positive definite, expected one for cholesky (np.linalg.LinAlgError)");
    }

    /**
     * {@link #cholesky} in Java (Cholesky–Banachiewicz, {@link Decompositions#cholesky}).
     *
     * @param a a symmetric positive-definite {@code n x n} matrix
     * @return {@code L}
     */
    public static NDArray choleskyJava(NDArray a) { return Decompositions.cholesky(a); }

    // ------------------------------------------------------------------ LU

    /**
     * {@code scipy.linalg.lu(a)}: {@code [P, L, U]} with {@code a = P L U}, {@code P} a permutation matrix, {@code L}
     * unit lower triangular and {@code U} upper triangular, by Gaussian elimination with partial (row) pivoting.
     * A singular {@code a} is factored too (a zero on {@code U}'s diagonal). O(2n³/3) flops.
     *
     * @param a a square matrix
     * @return {@code [P, L, U]}
     */
    public static NDArray[] lu(NDArray a) {
        int n = square(a, "lu")[0];
        if (DGETRF == null || n == 0) return luJava(a);
        double[] rm = a.toDoubleArray(), cm = new double[n * n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) cm[i + j * n] = rm[i * n + j];
        int[] ipiv = new int[n], info = new int[1];
        try {
            DGETRF.invokeExact(seg(n), seg(n), seg(cm), seg(n), seg(ipiv), seg(info));
        } catch (Throwable t) {
            throw failed("dgetrf", 0, t);
        }
        if (info[0] < 0) throw failed("dgetrf", info[0], null);
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) perm[i] = i;
        for (int i = 0; i < n; i++) { int p = ipiv[i] - 1, t = perm[i]; perm[i] = perm[p]; perm[p] = t; }
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) rm[i * n + j] = cm[i + j * n];
        return plu(rm, perm, n);
    }

    /** P, L, U from a packed LU (unit L below the diagonal, U on and above it) whose row i is row {@code perm[i]} of A. */
    private static NDArray[] plu(double[] lu, int[] perm, int n) {
        double[] p = new double[n * n], l = new double[n * n], u = new double[n * n];
        for (int i = 0; i < n; i++) {
            p[perm[i] * n + i] = 1;
            l[i * n + i] = 1;
            System.arraycopy(lu, i * n, l, i * n, i);
            System.arraycopy(lu, i * n + i, u, i * n + i, n - i);
        }
        return new NDArray[] {NDArray.fromArray(p, n, n), NDArray.fromArray(l, n, n), NDArray.fromArray(u, n, n)};
    }

    /**
     * {@link #lu} in Java: row-oriented Gaussian elimination with partial pivoting.
     *
     * @param a a square matrix
     * @return {@code [P, L, U]}
     */
    public static NDArray[] luJava(NDArray a) {
        int n = square(a, "lu")[0];
        double[] x = a.toDoubleArray();
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) perm[i] = i;
        double[] row = new double[n];
        for (int k = 0; k < n; k++) {
            int p = k;
            for (int i = k + 1; i < n; i++) if (Math.abs(x[i * n + k]) > Math.abs(x[p * n + k])) p = i;
            if (p != k) {
                System.arraycopy(x, p * n, row, 0, n);
                System.arraycopy(x, k * n, x, p * n, n);
                System.arraycopy(row, 0, x, k * n, n);
                int t = perm[p]; perm[p] = perm[k]; perm[k] = t;
            }
            double pivot = x[k * n + k];
            if (pivot == 0) continue; // singular: this column is already zero below the diagonal
            for (int i = k + 1; i < n; i++) {
                double f = x[i * n + k] /= pivot;
                if (f == 0) continue;
                for (int j = k + 1; j < n; j++) x[i * n + j] -= f * x[k * n + j];
            }
        }
        return plu(x, perm, n);
    }

    // ------------------------------------------------------------------ triangular solves

    /**
     * {@code scipy.linalg.solve_triangular(a, b, lower=lower)}: {@code x} with {@code a x = b}, reading only the lower
     * (or upper) triangle of {@code a}. O(n² k) flops for {@code k} right-hand sides.
     *
     * @param a a square triangular matrix
     * @param b a right-hand side: {@code n} values or an {@code n x k} matrix
     * @param lower whether {@code a} is lower (else upper) triangular
     * @param unitDiagonal whether to take {@code a}'s diagonal as ones (it is not read)
     * @return {@code x}, of {@code b}'s shape
     * @throws IllegalArgumentException if {@code a} has a zero on its diagonal (singular) or the shapes disagree
     */
    public static NDArray solveTriangular(NDArray a, NDArray b, boolean lower, boolean unitDiagonal) {
        int n = checkTriangular(a, b, unitDiagonal);
        if (DTRSM == null || n == 0 || b.size() == 0) return solveTriangularJava(a, b, lower, unitDiagonal);
        int k = b.ndim() == 1 ? 1 : (int) b.shape(1);
        double[] am = a.toDoubleArray(), x = b.toDoubleArray();
        try {
            DTRSM.invokeExact(ROW_MAJOR, LEFT, lower ? LOWER : UPPER, NO_TRANS, unitDiagonal ? UNIT : NON_UNIT, n, k, 1.0, seg(am), n, seg(x), k);
        } catch (Throwable t) {
            throw failed("cblas_dtrsm", 0, t);
        }
        return NDArray.fromArray(x, b.shapeArray());
    }

    private static int checkTriangular(NDArray a, NDArray b, boolean unitDiagonal) {
        int n = square(a, "solveTriangular")[0];
        if ((b.ndim() != 1 && b.ndim() != 2) || b.shape(0) != n) {
            throw new IllegalArgumentException("got a right-hand side of shape " + Shapes.format(b.shape) + ", expected " + n
                    + " rows (1-D or 2-D) for a " + n + "x" + n + " triangular matrix");
        }
        if (!unitDiagonal) {
            for (int i = 0; i < n; i++) {
                if (a.getDouble(i, i) == 0) {
                    throw new IllegalArgumentException("got a singular triangular matrix (zero on the diagonal at " + i
                            + "), expected a non-zero diagonal (np.linalg.LinAlgError)");
                }
            }
        }
        return n;
    }

    /**
     * {@link #solveTriangular} in Java: forward or back substitution, one row of {@code x} at a time.
     *
     * @param a a square triangular matrix
     * @param b {@code n} values or an {@code n x k} matrix
     * @param lower whether {@code a} is lower (else upper) triangular
     * @param unitDiagonal whether to take {@code a}'s diagonal as ones
     * @return {@code x}, of {@code b}'s shape
     */
    public static NDArray solveTriangularJava(NDArray a, NDArray b, boolean lower, boolean unitDiagonal) {
        int n = checkTriangular(a, b, unitDiagonal);
        int k = b.ndim() == 1 ? 1 : (int) b.shape(1);
        double[] am = a.toDoubleArray(), x = b.toDoubleArray();
        for (int s = 0; s < n; s++) {
            int i = lower ? s : n - 1 - s;
            int jlo = lower ? 0 : i + 1, jhi = lower ? i : n;
            for (int j = jlo; j < jhi; j++) {
                double f = am[i * n + j];
                if (f == 0) continue;
                for (int c = 0; c < k; c++) x[i * k + c] -= f * x[j * k + c];
            }
            if (!unitDiagonal) {
                double d = am[i * n + i];
                for (int c = 0; c < k; c++) x[i * k + c] /= d;
            }
        }
        return NDArray.fromArray(x, b.shapeArray());
    }
}
