package dev.blockwork.ndarray;

/**
 * NumPy {@code matmul} semantics on top of {@link Blas}: 1-D promotion, batched and broadcast leading dims.
 * Floats go to BLAS; integers and bool are multiplied as int64 by {@link LongGemm} (wrapping like NumPy) and
 * narrowed to the result dtype; an empty inner dimension gives zeros.
 */
final class Matmul {
    private Matmul() {}

    static NDArray matmul(NDArray a, NDArray b) {
        if (a.ndim() == 0 || b.ndim() == 0) throw new IllegalArgumentException("matmul: input operand does not have enough dimensions (0-d)");
        boolean aVec = a.ndim() == 1, bVec = b.ndim() == 1;
        NDArray x = aVec ? a.expandDims(0) : a, y = bVec ? b.expandDims(1) : b;
        long m = x.shape(-2), k = x.shape(-1), k2 = y.shape(-2), n = y.shape(-1);
        if (k != k2) {
            throw new IllegalArgumentException("matmul: mismatch in core dimension: shapes " + Shapes.format(a.shape) + " and "
                    + Shapes.format(b.shape) + " (" + k + " != " + k2 + ")");
        }
        long[] batchA = java.util.Arrays.copyOf(x.shape, x.ndim() - 2), batchB = java.util.Arrays.copyOf(y.shape, y.ndim() - 2);
        long[] batch = Shapes.broadcast(batchA, batchB);
        DType t = DType.promote(a.dtype, b.dtype);
        DType ct = t == DType.FLOAT32 ? DType.FLOAT32 : t.isFloat() ? DType.FLOAT64 : DType.INT64; // integers as integers
        long[] outShape = java.util.Arrays.copyOf(batch, batch.length + 2);
        outShape[batch.length] = m;
        outShape[batch.length + 1] = n;
        NDArray out = NDArray.zeros(ct, outShape);
        long nb = Shapes.size(batch);
        long[] xs = concat(batch, m, k), ys = concat(batch, k, n);
        NDArray xb = x.broadcastTo(xs), yb = y.broadcastTo(ys);
        long[] bidx = new long[batch.length];
        for (long bi = 0; bi < nb; bi++) {
            NDArray xa = xb, ya = yb;
            for (int d = 0; d < batch.length; d++) {
                xa = xa.index(0, bidx[d]);
                ya = ya.index(0, bidx[d]);
            }
            int co = (int) (bi * m * n);
            if (m == 0 || n == 0 || k == 0) {
                // nothing to add: the product over an empty inner dimension is zeros (BLAS would reject lda = 0)
            } else if (ct == DType.INT64) {
                NDArray xc = xa.dtype == ct ? xa.contiguous() : xa.astype(ct), yc = ya.dtype == ct ? ya.contiguous() : ya.astype(ct);
                LongGemm.gemm((int) m, (int) n, (int) k, (long[]) xc.data, xc.offset, (int) k, (long[]) yc.data, yc.offset, (int) n,
                        (long[]) out.data, co, (int) n);
            } else if (ct == DType.FLOAT32) {
                NDArray xc = xa.astype(ct), yc = ya.astype(ct);
                Blas.sgemm((int) m, (int) n, (int) k, 1f, (float[]) xc.data, 0, (int) k, (float[]) yc.data, 0, (int) n,
                        0f, (float[]) out.data, co, (int) n);
            } else {
                NDArray xc = xa.dtype == ct ? xa.contiguous() : xa.astype(ct), yc = ya.dtype == ct ? ya.contiguous() : ya.astype(ct);
                Blas.dgemm((int) m, (int) n, (int) k, 1.0, (double[]) xc.data, xc.offset, (int) k, (double[]) yc.data, yc.offset,
                        (int) n, 0.0, (double[]) out.data, co, (int) n);
            }
            for (int d = batch.length - 1; d >= 0; d--) {
                if (++bidx[d] < batch[d]) break;
                bidx[d] = 0;
            }
        }
        NDArray r = t == ct ? out : out.astype(t);
        if (aVec && bVec) return r.reshape(outShape.length == 2 ? new long[0] : java.util.Arrays.copyOf(batch, batch.length));
        if (aVec) return r.squeeze(-2);
        if (bVec) return r.squeeze(-1);
        return r;
    }

    private static long[] concat(long[] batch, long r, long c) {
        long[] s = java.util.Arrays.copyOf(batch, batch.length + 2);
        s[batch.length] = r;
        s[batch.length + 1] = c;
        return s;
    }
}
