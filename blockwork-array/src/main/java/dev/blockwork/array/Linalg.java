package dev.blockwork.array;

import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.Decompositions;
import dev.blockwork.ndarray.NDArray;
import java.util.List;

/**
 * {@code dask.array.linalg} for matrices that fit in one block: {@code solve}, {@code inv}, {@code det},
 * {@code cholesky}, {@code qr}, {@code svd}, {@code lstsq}. Each operand is rechunked into one block and the float64
 * kernels of {@link Decompositions} run in one task per result; a factorisation with several results (qr, svd) runs
 * once per result array. Dask's blocked algorithms (tsqr for tall-skinny matrices, blocked LU) are not here.
 * Errors (a singular matrix, not positive definite) fail the compute with IllegalArgumentException.
 */
public final class Linalg {
    private Linalg() {}

    private static DArray whole(DArray a) { return a.rechunk(Chunks.whole()); }

    private static DArray single(DArray a, long[] shape, BlockFunction f) {
        long[][] c = new long[shape.length][];
        for (int d = 0; d < shape.length; d++) c[d] = new long[] {shape[d]};
        return whole(a).mapBlocks(f, Chunks.ofTrusted(c), DType.FLOAT64);
    }

    private static long[] shape2(DArray a) {
        if (a.ndim() != 2) throw new IllegalArgumentException("got a " + a.ndim() + "-d array of shape " + a.shape() + ", expected a 2-D matrix");
        return a.shapeArray();
    }

    /** {@code np.linalg.solve(a, b)}: a square, b 1-D or 2-D. */
    public static DArray solve(DArray a, DArray b) {
        long[] s = shape2(a);
        if (s[0] != s[1] || b.shapeArray().length == 0 || b.shapeArray()[0] != s[0]) {
            throw new IllegalArgumentException("got shapes " + a.shape() + " and " + b.shape() + ", expected a square a and b with " + s[0] + " rows");
        }
        return DArray.blockwise((bs, info) -> Decompositions.solve(bs[0], bs[1]), b.ndim() == 1 ? "i" : "ik",
                List.of(whole(a), whole(b)), List.of("ij", b.ndim() == 1 ? "i" : "ik"), DType.FLOAT64);
    }

    /** {@code np.linalg.inv}. */
    public static DArray inv(DArray a) { return single(a, shape2(a), (b, i) -> Decompositions.inv(b)); }

    /** {@code np.linalg.det}: a 0-d float64. */
    public static DArray det(DArray a) {
        shape2(a);
        return single(a, new long[] {1, 1}, (b, i) -> NDArray.full(Decompositions.det(b), DType.FLOAT64, 1, 1)).reshape();
    }

    /** {@code np.linalg.cholesky}: the lower-triangular factor. */
    public static DArray cholesky(DArray a) { return single(a, shape2(a), (b, i) -> Decompositions.cholesky(b)); }

    /** {@code np.linalg.qr(a)} (reduced): {@code [Q, R]}. */
    public static List<DArray> qr(DArray a) {
        long[] s = shape2(a);
        long k = Math.min(s[0], s[1]);
        return List.of(single(a, new long[] {s[0], k}, (b, i) -> Decompositions.qr(b)[0]),
                single(a, new long[] {k, s[1]}, (b, i) -> Decompositions.qr(b)[1]));
    }

    /** {@code np.linalg.svd(a, full_matrices=False)}: {@code [U, S, Vt]}, S descending. */
    public static List<DArray> svd(DArray a) {
        long[] s = shape2(a);
        long k = Math.min(s[0], s[1]);
        DArray sv = single(a, new long[] {1, k}, (b, i) -> Decompositions.svd(b)[1].reshape(1, k)).reshape(k);
        return List.of(single(a, new long[] {s[0], k}, (b, i) -> Decompositions.svd(b)[0]), sv,
                single(a, new long[] {k, s[1]}, (b, i) -> Decompositions.svd(b)[2]));
    }

    /** {@code np.linalg.lstsq(a, b)[0]}: the minimum-norm least-squares solution. */
    public static DArray lstsq(DArray a, DArray b) {
        long[] s = shape2(a);
        if (b.ndim() == 0 || b.shapeArray()[0] != s[0]) {
            throw new IllegalArgumentException("got shapes " + a.shape() + " and " + b.shape() + ", expected b with " + s[0] + " rows");
        }
        String bi = b.ndim() == 1 ? "i" : "ik";
        return DArray.blockwise((bs, info) -> Decompositions.lstsq(bs[0], bs[1]), b.ndim() == 1 ? "j" : "jk",
                List.of(whole(a), whole(b)), List.of("ij", bi), DType.FLOAT64);
    }
}
