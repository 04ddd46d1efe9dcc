package dev.blockwork.array;

import dev.blockwork.graph.Key;
import dev.blockwork.ndarray.Blas;
import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.Lapack;
import dev.blockwork.ndarray.NDArray;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tile algorithms over square blocks, as {@code dask.array.linalg}: {@code cholesky}, {@code lu},
 * {@code solveTriangular}, {@code solve} and {@code inv} of an {@code n x n} array whose row and column chunks are
 * the same ({@code b} tiles per side). A matrix of at most {@link #SMALL_BYTES} is gathered into one block and
 * factored there (one task; any chunks), the result rechunked back to the input's chunks.
 *
 * <p>Left-looking recurrences, one task per output tile, each with the tiles it needs as arguments:
 * <ul>
 * <li>Cholesky: {@code L_kk = chol(A_kk − Σ_{j<k} L_kj L_kjᵀ)}, {@code L_ik = (A_ik − Σ_{j<k} L_ij L_kjᵀ) L_kk⁻ᵀ};
 *     reads the lower triangle of {@code A} (as NumPy). About {@code n³/3} flops, {@code b²/2} tasks.</li>
 * <li>LU ({@code A = P L U}, scipy's convention) with partial pivoting inside each diagonal tile, as Dask's: with
 *     {@code L̃ = P L}, {@code P_i L_ii U_ii = lu(A_ii − Σ_{p<i} L̃_ip U_pi)},
 *     {@code U_ij = L_ii⁻¹ P_iᵀ (A_ij − Σ L̃_ip U_pj)}, {@code L̃_ji = (A_ji − Σ L̃_jp U_pi) U_ii⁻¹}, then
 *     {@code L_jp = P_jᵀ L̃_jp}; {@code P} is block diagonal. About {@code 2n³/3} flops, {@code b²} tasks. Pivots never
 *     cross tiles, so a matrix whose leading diagonal tiles are singular fails (with a message saying so) where
 *     LAPACK's full pivoting would not: use larger chunks then.</li>
 * <li>Triangular solves: block forward or back substitution per column block of the right-hand side,
 *     {@code n² r} flops for {@code r} right-hand sides.</li>
 * <li>{@code solve(a, b)} is LU then {@code P_iᵀ b_i} and two triangular solves; {@code inv(a)} is
 *     {@code solve(a, eye)} with {@code a}'s chunks.</li>
 * </ul>
 * Memory: the factors (one {@code n x n} array each) plus, per task, its argument tiles; the scheduler releases a
 * tile when its last dependent has run.
 */
final class TiledLinalg {
    private TiledLinalg() {}

    /** Matrices up to this many bytes (4 MiB: 724 x 724 float64) are factored in one block. */
    static final long SMALL_BYTES = 4L << 20;

    static long side(DArray a, String what) {
        if (a.ndim() != 2 || a.shape[0] != a.shape[1]) {
            throw new IllegalArgumentException(what + ": got an array of shape " + a.shape() + ", expected a square 2-D matrix");
        }
        return a.shape[0];
    }

    /** {@code a} ready for the tile algorithms: one block when small, else checked to have square tiles. */
    static DArray prepare(DArray a, String what, boolean tiled) {
        long n = side(a, what);
        if (!tiled && (n * n * 8 <= SMALL_BYTES || a.chunks().blockCount() == 1)) return a.rechunk(Chunks.whole());
        if (!java.util.Arrays.equals(a.chunks().sizes(0), a.chunks().sizes(1))) {
            throw new IllegalArgumentException(what + ": got an array of shape " + a.shape() + " with chunks " + a.chunks()
                    + ", expected square blocks (the same chunks along both axes, e.g. a.rechunk(" + a.chunks().sizes(0)[0] + ")) for the tiled algorithm");
        }
        return a;
    }

    private static Key[][] tiles(BlockTasks t, DArray a) {
        int nr = a.numBlocks()[0], nc = a.numBlocks()[1];
        Key[][] k = new Key[nr][nc];
        for (int i = 0; i < nr; i++) for (int j = 0; j < nc; j++) k[i][j] = t.block(a, i, j);
        return k;
    }

    /** {@code a − Σ args[p] · f(args[p+1])} for the pairs from {@code from}, {@code f} a transpose or not (through BLAS). */
    static NDArray minusProducts(NDArray a, Object[] args, int from, boolean transposeRight) {
        int m = (int) a.shape(0), n = (int) a.shape(1);
        double[] c = a.toDoubleArray();
        for (int p = from; p + 1 < args.length; p += 2) {
            NDArray l = (NDArray) args[p], r = (NDArray) args[p + 1];
            if (transposeRight) r = r.transpose();
            int k = (int) l.shape(1);
            if (k == 0 || m == 0 || n == 0) continue;
            Blas.dgemm(m, n, k, -1, l.toDoubleArray(), 0, k, r.toDoubleArray(), 0, n, 1, c, 0, n);
        }
        return NDArray.fromArray(c, m, n);
    }

    private static Object[] args(Object first, List<Key> pairs) {
        Object[] a = new Object[1 + pairs.size()];
        a[0] = first;
        for (int i = 0; i < pairs.size(); i++) a[1 + i] = pairs.get(i);
        return a;
    }

    private static Object[] args(Object first, Object second, List<Key> pairs) {
        Object[] a = new Object[2 + pairs.size()];
        a[0] = first;
        a[1] = second;
        for (int i = 0; i < pairs.size(); i++) a[2 + i] = pairs.get(i);
        return a;
    }

    /** Zero tiles, one task per distinct shape. */
    private static final class Zeros {
        final BlockTasks t;
        final Map<String, Key> made = new HashMap<>();

        Zeros(BlockTasks t) { this.t = t; }

        Key of(long r, long c) { return made.computeIfAbsent(r + "x" + c, s -> t.constant("zeros", NDArray.zeros(DType.FLOAT64, r, c))); }
    }

    // ------------------------------------------------------------------ Cholesky

    static DArray cholesky(DArray a0, boolean tiled) {
        DArray a = prepare(a0, "cholesky", tiled);
        long[] c = a.chunks().sizes(0);
        int b = c.length;
        BlockTasks t = new BlockTasks("cholesky");
        Key[][] A = tiles(t, a), L = new Key[b][b];
        Zeros zeros = new Zeros(t);
        for (int k = 0; k < b; k++) {
            List<Key> pairs = new ArrayList<>();
            for (int j = 0; j < k; j++) { pairs.add(L[k][j]); pairs.add(L[k][j]); }
            L[k][k] = t.task("cholesky-diag", args -> Lapack.cholesky(minusProducts((NDArray) args[0], args, 1, true)), args(A[k][k], pairs));
            for (int i = k + 1; i < b; i++) {
                List<Key> ps = new ArrayList<>();
                for (int j = 0; j < k; j++) { ps.add(L[i][j]); ps.add(L[k][j]); }
                L[i][k] = t.task("cholesky-panel", args -> {
                    NDArray r = minusProducts((NDArray) args[0], args, 2, true);
                    return Lapack.solveTriangular((NDArray) args[1], r.transpose().copy(), true, false).transpose().copy();
                }, args(A[i][k], L[k][k], ps));
            }
            for (int j = k + 1; j < b; j++) L[k][j] = zeros.of(c[k], c[j]);
        }
        DArray out = t.output("cholesky", a.shape, a.chunks(), idx -> L[idx[0]][idx[1]]);
        return out.rechunk(a0.chunks());
    }

    // ------------------------------------------------------------------ LU

    /** The tiles of an LU inside a {@link BlockTasks}: packed diagonal {@code [P_i, L_ii, U_ii]} and the L and U tiles. */
    record Lu(Key[] diag, Key[][] l, Key[][] u, long[] chunks) {}

    static Lu luTiles(BlockTasks t, DArray a) {
        long[] c = a.chunks().sizes(0);
        int b = c.length;
        Key[][] A = tiles(t, a), Lt = new Key[b][b], U = new Key[b][b], L = new Key[b][b];
        Key[] D = new Key[b];
        Zeros zeros = new Zeros(t);
        for (int i = 0; i < b; i++) {
            List<Key> pairs = new ArrayList<>();
            for (int p = 0; p < i; p++) { pairs.add(Lt[i][p]); pairs.add(U[p][i]); }
            D[i] = t.task("lu-diag", args -> Packed.of(Lapack.lu(minusProducts((NDArray) args[0], args, 1, false))), args(A[i][i], pairs));
            int ii = i;
            for (int j = i + 1; j < b; j++) {
                List<Key> ps = new ArrayList<>();
                for (int p = 0; p < i; p++) { ps.add(Lt[i][p]); ps.add(U[p][j]); }
                U[i][j] = t.task("lu-row", args -> {
                    NDArray d = (NDArray) args[1];
                    NDArray r = Packed.part(d, 0).transpose().matmul(minusProducts((NDArray) args[0], args, 2, false));
                    return Lapack.solveTriangular(Packed.part(d, 1), r, true, true);
                }, args(A[i][j], D[i], ps));
                List<Key> qs = new ArrayList<>();
                for (int p = 0; p < i; p++) { qs.add(Lt[j][p]); qs.add(U[p][i]); }
                Lt[j][i] = t.task("lu-column", args -> {
                    NDArray r = minusProducts((NDArray) args[0], args, 2, false);
                    NDArray uii = Packed.part((NDArray) args[1], 2);
                    try {
                        return Lapack.solveTriangular(uii.transpose().copy(), r.transpose().copy(), true, false).transpose().copy();
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("lu: got a singular diagonal block " + ii + " (after elimination): the matrix is"
                                + " singular, or needs pivoting across blocks, which the tiled LU (as Dask's) does not do; use larger chunks", e);
                    }
                }, args(A[j][i], D[i], qs));
            }
            U[i][i] = t.task("lu-u", args -> Packed.part((NDArray) args[0], 2).copy(), D[i]);
            L[i][i] = t.task("lu-l", args -> Packed.part((NDArray) args[0], 1).copy(), D[i]);
        }
        for (int j = 0; j < b; j++) {
            for (int p = 0; p < b; p++) {
                if (p < j) L[j][p] = t.task("lu-l", args -> Packed.part((NDArray) args[0], 0).transpose().matmul((NDArray) args[1]), D[j], Lt[j][p]);
                if (p > j) L[j][p] = zeros.of(c[j], c[p]);
                if (p < j) U[j][p] = zeros.of(c[j], c[p]);
            }
        }
        return new Lu(D, L, U, c);
    }

    static List<DArray> lu(DArray a0, boolean tiled) {
        DArray a = prepare(a0, "lu", tiled);
        BlockTasks t = new BlockTasks("lu");
        Lu f = luTiles(t, a);
        Zeros zeros = new Zeros(t);
        int b = f.diag().length;
        Key[][] P = new Key[b][b];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < b; j++) {
                P[i][j] = i == j ? t.task("lu-p", args -> Packed.part((NDArray) args[0], 0).copy(), f.diag()[i]) : zeros.of(f.chunks()[i], f.chunks()[j]);
            }
        }
        long[] s = a.shape;
        return List.of(t.output("lu-p", s, a.chunks(), idx -> P[idx[0]][idx[1]]).rechunk(a0.chunks()),
                t.output("lu-l", s, a.chunks(), idx -> f.l()[idx[0]][idx[1]]).rechunk(a0.chunks()),
                t.output("lu-u", s, a.chunks(), idx -> f.u()[idx[0]][idx[1]]).rechunk(a0.chunks()));
    }

    // ------------------------------------------------------------------ triangular solves

    /** Block substitution: {@code X} with {@code A X = B}, {@code A}'s tiles lower (or upper) triangular. */
    static Key[][] substitute(BlockTasks t, Key[][] a, Key[][] bt, boolean lower, boolean unitDiagonal, String what) {
        int b = a.length, nc = bt[0].length;
        Key[][] x = new Key[b][nc];
        for (int s = 0; s < b; s++) {
            int i = lower ? s : b - 1 - s;
            for (int c = 0; c < nc; c++) {
                List<Key> pairs = new ArrayList<>();
                for (int j = lower ? 0 : i + 1; j < (lower ? i : b); j++) { pairs.add(a[i][j]); pairs.add(x[j][c]); }
                x[i][c] = t.task("solve-triangular", args -> {
                    try {
                        return Lapack.solveTriangular((NDArray) args[1], minusProducts((NDArray) args[0], args, 2, false), lower, unitDiagonal);
                    } catch (IllegalArgumentException e) {
                        if (what.equals("solve")) throw new IllegalArgumentException("got a singular matrix, expected an invertible one for solve (np.linalg.LinAlgError)", e);
                        throw e;
                    }
                }, args(bt[i][c], a[i][i], pairs));
            }
        }
        return x;
    }

    /** {@code b} as a 2-D array whose rows have {@code rows} chunks. */
    private static DArray rhs(DArray b, long n, long[] rows, String what, DArray a) {
        if ((b.ndim() != 1 && b.ndim() != 2) || b.shape[0] != n) {
            throw new IllegalArgumentException(what + ": got a of shape " + a.shape() + " and b of shape " + b.shape()
                    + ", expected b 1-D or 2-D with " + n + " rows");
        }
        DArray b2 = b.ndim() == 1 ? b.reshape(n, 1) : b;
        long[] cols = b2.chunks().sizes(1);
        return b2.rechunk(Chunks.ofTrusted(new long[][] {rows, cols}));
    }

    static DArray solveTriangular(DArray a0, DArray b0, boolean lower, boolean unitDiagonal, boolean tiled) {
        long n = side(a0, "solveTriangular");
        DArray a = prepare(a0, "solveTriangular", tiled);
        DArray b = rhs(b0, n, a.chunks().sizes(0), "solveTriangular", a0);
        BlockTasks t = new BlockTasks("solve-triangular");
        Key[][] x = substitute(t, tiles(t, a), tiles(t, b), lower, unitDiagonal, "solveTriangular");
        return result(t, x, b, b0);
    }

    private static DArray result(BlockTasks t, Key[][] x, DArray b, DArray b0) {
        DArray out = t.output("solve", b.shape, b.chunks(), idx -> x[idx[0]][idx[1]]);
        if (b0.ndim() == 1) out = out.reshape(b0.shape[0]);
        return out.rechunk(b0.chunks());
    }

    static DArray solve(DArray a0, DArray b0, boolean tiled) {
        long n = side(a0, "solve");
        DArray a = prepare(a0, "solve", tiled);
        DArray b = rhs(b0, n, a.chunks().sizes(0), "solve", a0);
        BlockTasks t = new BlockTasks("solve");
        Lu f = luTiles(t, a);
        Key[][] bt = tiles(t, b), pb = new Key[bt.length][bt[0].length];
        for (int i = 0; i < bt.length; i++) {
            for (int c = 0; c < bt[0].length; c++) {
                pb[i][c] = t.task("solve-permute", args -> Packed.part((NDArray) args[0], 0).transpose().matmul(((NDArray) args[1]).astype(DType.FLOAT64)),
                        f.diag()[i], bt[i][c]);
            }
        }
        Key[][] y = substitute(t, f.l(), pb, true, true, "solve");
        Key[][] x = substitute(t, f.u(), y, false, false, "solve");
        return result(t, x, b, b0);
    }

    static DArray inv(DArray a0, boolean tiled) {
        long n = side(a0, "inv");
        return solve(a0, DArray.eye(n, n, 0, Chunks.explicit(a0.chunks().sizes(0), a0.chunks().sizes(1)), DType.FLOAT64), tiled);
    }
}
