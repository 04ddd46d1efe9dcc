package dev.blockwork.ndarray;

/**
 * Dense linear algebra on one 2-D block, in float64 ({@code np.linalg.solve, inv, det, cholesky, qr, svd, lstsq}):
 * LU with partial pivoting, Cholesky–Banachiewicz, Householder QR and one-sided Jacobi SVD (Hestenes), written for
 * clarity rather than BLAS speed (O(n^3) plain loops). Inputs of any dtype are converted to float64; a singular
 * matrix for {@code solve}/{@code inv} and a non-positive-definite one for {@code cholesky} throw
 * IllegalArgumentException, as NumPy raises LinAlgError. Signs of QR and SVD factors may differ from LAPACK's
 * (the factorisations are equally valid).
 */
public final class Decompositions {
    private Decompositions() {}

    private static double[][] rows(NDArray a) {
        if (a.ndim() != 2) throw new IllegalArgumentException("got a " + a.ndim() + "-d array, expected a 2-D matrix");
        int m = (int) a.shape(0), n = (int) a.shape(1);
        double[] v = a.toDoubleArray();
        double[][] r = new double[m][n];
        for (int i = 0; i < m; i++) System.arraycopy(v, i * n, r[i], 0, n);
        return r;
    }

    private static NDArray array(double[][] r, int m, int n) {
        double[] v = new double[m * n];
        for (int i = 0; i < m; i++) System.arraycopy(r[i], 0, v, i * n, n);
        return NDArray.fromArray(v, m, n);
    }

    private static void square(NDArray a, String what) {
        if (a.ndim() != 2 || a.shape(0) != a.shape(1)) {
            throw new IllegalArgumentException("got shape " + Shapes.format(a.shape) + ", expected a square matrix for " + what);
        }
    }

    /** LU with partial pivoting in place; returns the permutation sign (0 when singular) and fills {@code perm}. */
    private static int lu(double[][] a, int[] perm) {
        int n = a.length, sign = 1;
        for (int i = 0; i < n; i++) perm[i] = i;
        for (int k = 0; k < n; k++) {
            int p = k;
            for (int i = k + 1; i < n; i++) if (Math.abs(a[i][k]) > Math.abs(a[p][k])) p = i;
            if (a[p][k] == 0) return 0;
            if (p != k) {
                double[] t = a[p]; a[p] = a[k]; a[k] = t;
                int q = perm[p]; perm[p] = perm[k]; perm[k] = q;
                sign = -sign;
            }
            for (int i = k + 1; i < n; i++) {
                double f = a[i][k] /= a[k][k];
                for (int j = k + 1; j < n; j++) a[i][j] -= f * a[k][j];
            }
        }
        return sign;
    }

    /**
     * {@code np.linalg.det}, from the LU factorisation.
     *
     * @param a a square matrix, any real dtype
     * @return its determinant (0 for a singular matrix)
     * @throws IllegalArgumentException if {@code a} is not a square 2-D matrix
     */
    public static double det(NDArray a) {
        square(a, "det");
        double[][] m = rows(a);
        int[] perm = new int[m.length];
        int sign = lu(m, perm);
        if (sign == 0) return 0.0;
        double d = sign;
        for (int i = 0; i < m.length; i++) d *= m[i][i];
        return d;
    }

    /**
     * {@code np.linalg.solve(a, b)} for a 1-D or 2-D right-hand side.
     *
     * @param a a square n x n matrix
     * @param b the right-hand side: n long, or n x k
     * @return float64 x with {@code a @ x == b}, of {@code b}'s shape
     * @throws IllegalArgumentException if {@code a} is not square, {@code b} has not n rows, or {@code a} is singular
     */
    public static NDArray solve(NDArray a, NDArray b) {
        square(a, "solve");
        int n = (int) a.shape(0);
        boolean vec = b.ndim() == 1;
        NDArray bb = vec ? b.reshape(b.shape(0), 1) : b;
        if (bb.ndim() != 2 || bb.shape(0) != n) {
            throw new IllegalArgumentException("got a right-hand side of shape " + Shapes.format(b.shape) + ", expected " + n + " rows");
        }
        double[][] m = rows(a), rhs = rows(bb);
        int[] perm = new int[n];
        if (lu(m, perm) == 0) throw new IllegalArgumentException("got a singular matrix, expected an invertible one (np.linalg.LinAlgError)");
        int k = (int) bb.shape(1);
        double[][] x = new double[n][k];
        for (int c = 0; c < k; c++) {
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                double s = rhs[perm[i]][c];
                for (int j = 0; j < i; j++) s -= m[i][j] * y[j];
                y[i] = s;
            }
            for (int i = n - 1; i >= 0; i--) {
                double s = y[i];
                for (int j = i + 1; j < n; j++) s -= m[i][j] * x[j][c];
                x[i][c] = s / m[i][i];
            }
        }
        NDArray r = array(x, n, k);
        return vec ? r.reshape(n) : r;
    }

    /**
     * {@code np.linalg.inv}.
     *
     * @param a a square matrix
     * @return its float64 inverse
     * @throws IllegalArgumentException if {@code a} is not square or is singular
     */
    public static NDArray inv(NDArray a) {
        square(a, "inv");
        return solve(a, NDArray.eye(a.shape(0)));
    }

    /**
     * {@code np.linalg.cholesky}: lower-triangular L with {@code L @ L.T == a} (a symmetric positive definite).
     *
     * @param a a symmetric positive definite matrix (only its lower triangle is read)
     * @return float64 L, zero above the diagonal
     * @throws IllegalArgumentException if {@code a} is not square or not positive definite
     */
    public static NDArray cholesky(NDArray a) {
        square(a, "cholesky");
        double[][] m = rows(a);
        int n = m.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = m[i][j];
                for (int k = 0; k < j; k++) s -= l[i][k] * l[j][k];
                if (i == j) {
                    if (!(s > 0)) throw new IllegalArgumentException("got a matrix that is not positive definite, expected one for cholesky"
                            + " (np.linalg.LinAlgError)");
                    l[i][i] = Math.sqrt(s);
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        return array(l, n, n);
    }

    /**
     * {@code np.linalg.qr(a)} (mode "reduced"): {@code [Q (m x k), R (k x n)]}, k = min(m, n), by Householder
     * reflections.
     *
     * @param a an m x n matrix
     * @return float64 Q with orthonormal columns and upper-triangular R, {@code Q @ R == a}
     * @throws IllegalArgumentException if {@code a} is not 2-D
     */
    public static NDArray[] qr(NDArray a) {
        double[][] r = rows(a);
        int m = r.length, n = m == 0 ? (int) a.shape(1) : r[0].length, k = Math.min(m, n);
        double[][] vs = new double[k][];
        for (int j = 0; j < k; j++) {
            double norm = 0;
            for (int i = j; i < m; i++) norm += r[i][j] * r[i][j];
            norm = Math.sqrt(norm);
            double[] v = new double[m];
            if (norm > 0) {
                double alpha = r[j][j] > 0 ? -norm : norm;
                for (int i = j; i < m; i++) v[i] = r[i][j];
                v[j] -= alpha;
                double vn = 0;
                for (int i = j; i < m; i++) vn += v[i] * v[i];
                if (vn > 0) {
                    for (int c = j; c < n; c++) {
                        double s = 0;
                        for (int i = j; i < m; i++) s += v[i] * r[i][c];
                        s = 2 * s / vn;
                        for (int i = j; i < m; i++) r[i][c] -= s * v[i];
                    }
                    double sc = Math.sqrt(vn);
                    for (int i = j; i < m; i++) v[i] /= sc;
                } else {
                    v = new double[m];
                }
            }
            vs[j] = v;
        }
        double[][] q = new double[m][k];
        for (int i = 0; i < Math.min(m, k); i++) q[i][i] = 1;
        for (int j = k - 1; j >= 0; j--) { // Q = H0 H1 ... applied to the first k columns of I
            double[] v = vs[j];
            for (int c = 0; c < k; c++) {
                double s = 0;
                for (int i = j; i < m; i++) s += v[i] * q[i][c];
                for (int i = j; i < m; i++) q[i][c] -= 2 * s * v[i];
            }
        }
        double[][] rr = new double[k][n];
        for (int i = 0; i < k; i++) for (int c = i; c < n; c++) rr[i][c] = r[i][c];
        return new NDArray[] {array(q, m, k), array(rr, k, n)};
    }

    /**
     * {@code np.linalg.svd(a, full_matrices=False)}: {@code [U (m x k), S (k,), Vt (k x n)]} with S descending, by
     * one-sided Jacobi rotations on the columns (converged to 1e-15 relative).
     *
     * @param a an m x n matrix
     * @return float64 factors with {@code U @ diag(S) @ Vt == a}
     * @throws IllegalArgumentException if {@code a} is not 2-D
     */
    public static NDArray[] svd(NDArray a) {
        int m = (int) a.shape(0), n = (int) a.shape(1);
        if (m < n) { // the SVD of the transpose, swapped
            NDArray[] t = svd(a.transpose().copy());
            return new NDArray[] {t[2].transpose().copy(), t[1], t[0].transpose().copy()};
        }
        double[][] u = rows(a);
        double[][] v = new double[n][n];
        for (int i = 0; i < n; i++) v[i][i] = 1;
        for (int sweep = 0; sweep < 60; sweep++) {
            double off = 0;
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    double alpha = 0, beta = 0, gamma = 0;
                    for (int i = 0; i < m; i++) {
                        alpha += u[i][p] * u[i][p];
                        beta += u[i][q] * u[i][q];
                        gamma += u[i][p] * u[i][q];
                    }
                    if (gamma == 0 || Math.abs(gamma) <= 1e-15 * Math.sqrt(alpha * beta)) continue;
                    off = Math.max(off, Math.abs(gamma) / Math.sqrt(alpha * beta));
                    double zeta = (beta - alpha) / (2 * gamma);
                    double t = Math.signum(zeta) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
                    if (zeta == 0) t = 1;
                    double c = 1 / Math.sqrt(1 + t * t), s = c * t;
                    for (int i = 0; i < m; i++) {
                        double x = u[i][p], y = u[i][q];
                        u[i][p] = c * x - s * y;
                        u[i][q] = s * x + c * y;
                    }
                    for (int i = 0; i < n; i++) {
                        double x = v[i][p], y = v[i][q];
                        v[i][p] = c * x - s * y;
                        v[i][q] = s * x + c * y;
                    }
                }
            }
            if (off <= 1e-15) break;
        }
        double[] sv = new double[n];
        for (int j = 0; j < n; j++) {
            double s = 0;
            for (int i = 0; i < m; i++) s += u[i][j] * u[i][j];
            sv[j] = Math.sqrt(s);
        }
        Integer[] order = new Integer[n];
        for (int j = 0; j < n; j++) order[j] = j;
        java.util.Arrays.sort(order, (x, y) -> Double.compare(sv[y], sv[x]));
        double[][] uu = new double[m][n], vt = new double[n][n];
        double[] ss = new double[n];
        for (int j = 0; j < n; j++) {
            int o = order[j];
            ss[j] = sv[o];
            for (int i = 0; i < m; i++) uu[i][j] = sv[o] > 0 ? u[i][o] / sv[o] : (i == j ? 1 : 0);
            for (int i = 0; i < n; i++) vt[j][i] = v[i][o];
        }
        return new NDArray[] {array(uu, m, n), NDArray.fromArray(ss), array(vt, n, n)};
    }

    /**
     * {@code np.linalg.lstsq(a, b)[0]}: the minimum-norm least-squares solution, through the SVD
     * (rcond = eps * max(m, n)).
     *
     * @param a an m x n matrix
     * @param b the right-hand side: m long, or m x k
     * @return float64 x minimising {@code ||a @ x - b||}: n long, or n x k
     * @throws IllegalArgumentException if {@code a} is not 2-D or {@code b} has not m rows
     */
    public static NDArray lstsq(NDArray a, NDArray b) {
        NDArray[] usv = svd(a);
        int m = (int) a.shape(0), n = (int) a.shape(1);
        boolean vec = b.ndim() == 1;
        NDArray bb = vec ? b.reshape(b.shape(0), 1) : b;
        if (bb.shape(0) != m) throw new IllegalArgumentException("got a right-hand side with " + bb.shape(0) + " rows, expected " + m);
        double[] s = usv[1].toDoubleArray();
        double cut = (s.length == 0 ? 0 : s[0]) * Math.ulp(1.0) * Math.max(m, n);
        NDArray utb = usv[0].transpose().matmul(bb.astype(DType.FLOAT64));
        for (int i = 0; i < s.length; i++) {
            double inv = s[i] > cut ? 1 / s[i] : 0;
            for (int c = 0; c < utb.shape(1); c++) utb.setDouble(utb.getDouble(i, c) * inv, i, c);
        }
        NDArray x = usv[2].transpose().matmul(utb);
        return vec ? x.reshape(n) : x;
    }
}
