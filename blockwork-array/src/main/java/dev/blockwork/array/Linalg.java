package dev.blockwork.array;

import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.Decompositions;
import dev.blockwork.ndarray.Lapack;
import dev.blockwork.ndarray.NDArray;
import java.util.List;

/**
 * {@code dask.array.linalg}: blocked linear algebra on chunked arrays, every result float64 and lazy.
 *
 * <ul>
 * <li>Tall-and-skinny arrays (one block along the columns, any number of row blocks): {@link #tsqr} / {@link #qr}
 *     (direct TSQR), {@link #svd} (TSQR, then the SVD of the small R), {@link #lstsq}; a short-and-fat array's
 *     {@code svd} goes through its transpose. Cost and memory: see {@link Tsqr}.</li>
 * <li>Large arrays of low rank: {@link #svdCompressed} (randomised SVD with power iterations; see
 *     {@link RandomizedSvd}).</li>
 * <li>Square arrays with square blocks (the same chunks on both axes): {@link #cholesky}, {@link #lu},
 *     {@link #solveTriangular}, {@link #solve}, {@link #inv} as tile algorithms (see {@link TiledLinalg}); an array of
 *     at most 4 MiB is factored in one block whatever its chunks.</li>
 * <li>{@link #norm}: vector and matrix norms along axes; {@link #det} (gathered into one block).</li>
 * </ul>
 *
 * <p>The dense kernels inside the blocks are {@link Lapack}'s: native LAPACK when the BLAS library exports it
 * (OpenBLAS does), else pure Java ({@link #kernelPath()} says which). Errors found while computing (a singular matrix,
 * not positive definite) fail the compute with an IllegalArgumentException in its cause chain, as NumPy raises
 * LinAlgError; wrong shapes or chunks throw IllegalArgumentException at once, naming what was expected.
 */
public final class Linalg {
    private Linalg() {}

    /**
     * The per-block kernels in use: {@code "java"} or {@code "native:<library>"} ({@link Lapack#activePath()}).
     *
     * @return the LAPACK path
     */
    public static String kernelPath() { return Lapack.activePath(); }

    private static long[] shape2(DArray a) {
        if (a.ndim() != 2) throw new IllegalArgumentException("got a " + a.ndim() + "-d array of shape " + a.shape() + ", expected a 2-D matrix");
        return a.shape;
    }

    /**
     * {@code np.linalg.solve(a, b)}: {@code x} with {@code a x = b}, by a tiled LU with partial pivoting within diagonal
     * blocks (Dask's algorithm; see {@link TiledLinalg}). The result has {@code b}'s shape and chunks.
     *
     * @param a a square matrix with square blocks (any chunks up to 4 MiB)
     * @param b 1-D or 2-D, with as many rows as {@code a}
     * @return {@code x}
     */
    public static DArray solve(DArray a, DArray b) { return TiledLinalg.solve(a, b, false); }

    /**
     * {@code np.linalg.inv}: {@link #solve} with the identity, chunked like {@code a}.
     *
     * @param a a square matrix with square blocks (any chunks up to 4 MiB)
     * @return {@code a⁻¹}
     */
    public static DArray inv(DArray a) { return TiledLinalg.inv(a, false); }

    /**
     * {@code np.linalg.det}: a 0-d float64, computed in one block.
     *
     * @param a a square matrix
     * @return its determinant
     */
    public static DArray det(DArray a) {
        shape2(a);
        long[][] c = {{1}, {1}};
        return a.rechunk(Chunks.whole()).mapBlocks((b, i) -> NDArray.full(Decompositions.det(b), DType.FLOAT64, 1, 1), Chunks.ofTrusted(c), DType.FLOAT64).reshape();
    }

    /**
     * {@code np.linalg.cholesky}: the lower-triangular {@code L} with {@code L Lᵀ = a}, reading {@code a}'s lower
     * triangle; chunked like {@code a}.
     *
     * @param a a symmetric positive-definite matrix with square blocks (any chunks up to 4 MiB)
     * @return {@code L}
     */
    public static DArray cholesky(DArray a) { return TiledLinalg.cholesky(a, false); }

    /**
     * {@code scipy.linalg.lu(a)} / {@code dask.array.linalg.lu}: {@code [P, L, U]} with {@code a = P L U}, chunked like
     * {@code a}; pivoting is within diagonal blocks ({@code P} is block diagonal), as Dask's.
     *
     * @param a a square matrix with square blocks (any chunks up to 4 MiB)
     * @return {@code [P, L, U]}
     */
    public static List<DArray> lu(DArray a) { return TiledLinalg.lu(a, false); }

    /**
     * {@code scipy.linalg.solve_triangular(a, b, lower=lower)}: block substitution; the result has {@code b}'s shape
     * and chunks.
     *
     * @param a a triangular matrix with square blocks (any chunks up to 4 MiB); only its lower (or upper) triangle is read
     * @param b 1-D or 2-D, with as many rows as {@code a}
     * @param lower whether {@code a} is lower (else upper) triangular
     * @return {@code x} with {@code a x = b}
     */
    public static DArray solveTriangular(DArray a, DArray b, boolean lower) { return TiledLinalg.solveTriangular(a, b, lower, false, false); }

    /**
     * {@code dask.array.linalg.tsqr}: the reduced QR {@code [Q, R]} of a tall-and-skinny array by direct TSQR;
     * {@code Q} has {@code a}'s row chunks and one column block, {@code R} is one block. An array with several column
     * blocks is rechunked to one when its row blocks then stay within {@code array.chunkBytes}, else refused.
     *
     * @param a an {@code m x n} matrix
     * @return {@code [Q (m x k), R (k x n)]}, {@code k = min(m, n)}
     */
    public static List<DArray> tsqr(DArray a) { return Tsqr.qr(a); }

    /**
     * {@code np.linalg.qr(a)} (mode "reduced"): {@link #tsqr}.
     *
     * @param a an {@code m x n} matrix with one column block (or one that can be joined)
     * @return {@code [Q, R]}
     */
    public static List<DArray> qr(DArray a) { return Tsqr.qr(a); }

    /**
     * {@code np.linalg.svd(a, full_matrices=False)}: {@code [U, S, Vt]}, {@code S} descending, through TSQR for a
     * tall-and-skinny array (and the transpose for a short-and-fat one): {@code U} has {@code a}'s row chunks.
     *
     * @param a an {@code m x n} matrix, one block along its shorter side (or one that can be joined)
     * @return {@code [U, S, Vt]}
     */
    public static List<DArray> svd(DArray a) { return Tsqr.svd(a); }

    /**
     * {@code dask.array.linalg.svd_compressed(a, k, n_power_iter, n_oversamples, seed)}: an approximate rank-{@code k}
     * SVD {@code [U (m x k), S (k,), Vt (k x n)]} by randomised range finding with power iterations (Halko et al.).
     *
     * @param a a 2-D array, any chunks
     * @param k the rank, {@code 1 <= k <= min(m, n)}
     * @param nPowerIter power iterations (0 for none; 1 or 2 sharpen slowly decaying spectra)
     * @param oversampling extra random directions beyond {@code k} (Dask's default is 10)
     * @param seed the seed of the Gaussian test matrix: the same seed and chunks give the same result
     * @return {@code [U, S, Vt]}
     */
    public static List<DArray> svdCompressed(DArray a, int k, int nPowerIter, int oversampling, long seed) {
        return RandomizedSvd.svdCompressed(a, k, nPowerIter, oversampling, seed);
    }

    /**
     * {@code np.linalg.lstsq(a, b)}: {@code [x, residuals, rank, s]} through TSQR and the SVD of {@code R}:
     * {@code x} is the minimum-norm least-squares solution (singular values below {@code eps · max(m, n) · s_max}
     * count as zero), {@code residuals} the squared 2-norms of {@code b − a x} per column (shape {@code (1,)} for 1-D
     * {@code b}, {@code (r,)} for {@code r} columns; empty when {@code m <= n}; unlike NumPy it is not emptied when
     * {@code a} is rank-deficient, as the rank is known only once computed), {@code rank} a 0-d int64 and {@code s}
     * the singular values of {@code a}.
     *
     * @param a an {@code m x n} matrix, {@code m >= n}, with one column block (or one that can be joined)
     * @param b 1-D or 2-D with {@code m} rows
     * @return {@code [x, residuals, rank, s]}
     */
    public static List<DArray> lstsq(DArray a, DArray b) { return Tsqr.lstsq(a, b); }

    /**
     * {@code np.linalg.norm(x, ord, axis, keepdims)}: a vector norm along one axis ({@code ord} null (2), a number,
     * {@code "inf"}, {@code "-inf"}) or a matrix norm over two ({@code ord} null ({@code "fro"}), {@code "nuc"},
     * {@code "1"}, {@code "-1"}, {@code "2"}, {@code "-2"}, {@code "inf"}, {@code "-inf"}); see {@link MatrixNorms}.
     *
     * @param x the array
     * @param ord the order, or null for the default
     * @param axes one or two axes, or null: a 1-D array's vector norm, a 2-D array's matrix norm, or (ord null) the
     *     2-norm of all elements
     * @param keepDims whether the reduced axes stay as length 1
     * @return the norm(s)
     */
    public static DArray norm(DArray x, String ord, int[] axes, boolean keepDims) { return MatrixNorms.norm(x, ord, axes, keepDims); }

    /**
     * {@code np.linalg.norm(x, ord)}: see {@link #norm(DArray, String, int[], boolean)}.
     *
     * @param x a 1-D or 2-D array
     * @param ord the order, or null
     * @return the norm
     */
    public static DArray norm(DArray x, String ord) { return MatrixNorms.norm(x, ord, null, false); }
}
