package dev.blockwork.array;

import dev.blockwork.graph.Key;
import dev.blockwork.graph.Keys;
import dev.blockwork.graph.Task;
import dev.blockwork.ndarray.Blas;
import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Matrix product over blocks (2-D, and batched n-D with NumPy's broadcasting of the leading axes): output block (i, j) is one task that accumulates
 * {@code sum_l a[i, l] @ b[l, j]} into one buffer with the NDArray BLAS bridge ({@link Blas#dgemm} /
 * {@link Blas#sgemm} with beta = 1), so no per-pair temporaries exist. Integer and bool operands are multiplied
 * as int64 with {@link dev.blockwork.ndarray.LongGemm} (wrapping like NumPy's int64) and narrowed to the result dtype.
 */
final class MatmulLayer extends ArrayLayer {
    private final String a, b;
    private final int kBlocks;
    private final DType dtype;
    private final long[] aShape, bShape; // for batch broadcasting: a batch axis of extent 1 uses block 0

    MatmulLayer(String name, DArray a, DArray b, Chunks out, DType dtype) {
        super(name, Set.copyOf(java.util.List.of(a.layerName(), b.layerName())), out); // a @ a: the same layer twice
        this.a = a.layerName();
        this.b = b.layerName();
        this.kBlocks = a.chunks().numBlocks(a.ndim() - 1);
        this.dtype = dtype;
        this.aShape = a.shape;
        this.bShape = b.shape;
    }

    /** The operand's block index for output block {@code idx} and contraction block {@code l}. */
    private static int[] operandIndex(int[] idx, long[] shape, int row, int col) {
        int n = shape.length, lead = idx.length - n;
        int[] r = new int[n];
        for (int d = 0; d < n - 2; d++) r[d] = shape[d] == 1 ? 0 : idx[lead + d];
        r[n - 2] = row;
        r[n - 1] = col;
        return r;
    }

    @Override
    Task task(Key key, int[] idx) {
        int nd = idx.length;
        List<Key> as = new ArrayList<>(), bs = new ArrayList<>();
        for (int l = 0; l < kBlocks; l++) {
            as.add(Key.of(a, operandIndex(idx, aShape, idx[nd - 2], l)));
            bs.add(Key.of(b, operandIndex(idx, bShape, l, idx[nd - 1])));
        }
        long[] shape = chunks.blockShape(idx);
        return new Task(key, "matmul", args -> multiply((Object[]) args[0], (Object[]) args[1], shape), new Object[] {new Keys(as), new Keys(bs)});
    }

    private NDArray multiply(Object[] as, Object[] bs, long[] shape) {
        DType ct = dtype == DType.FLOAT32 ? DType.FLOAT32 : dtype.isFloat() ? DType.FLOAT64 : DType.INT64;
        if (shape.length > 2) { // batched: the NDArray matmul per contraction block, summed
            NDArray out = NDArray.zeros(ct, shape);
            for (int l = 0; l < as.length; l++) {
                NDArray p = prepare((NDArray) as[l], ct).matmul(prepare((NDArray) bs[l], ct));
                out = dev.blockwork.ndarray.Expr.of(out).add(dev.blockwork.ndarray.Expr.of(p)).evaluate(shape);
            }
            return dtype == ct ? out : out.astype(dtype);
        }
        int m = (int) shape[0], n = (int) shape[1];
        NDArray out = NDArray.zeros(ct, shape);
        for (int l = 0; l < as.length; l++) {
            NDArray x = prepare((NDArray) as[l], ct), y = prepare((NDArray) bs[l], ct);
            int k = (int) x.shape(1);
            if (k == 0 || m == 0 || n == 0) continue;
            if (ct == DType.INT64) {
                dev.blockwork.ndarray.LongGemm.gemm(m, n, k, (long[]) x.data(), x.offset(), k, (long[]) y.data(), y.offset(), n,
                        (long[]) out.data(), 0, n);
            } else if (ct == DType.FLOAT32) {
                Blas.sgemm(m, n, k, 1f, (float[]) x.data(), x.offset(), k, (float[]) y.data(), y.offset(), n, 1f, (float[]) out.data(), 0, n);
            } else {
                Blas.dgemm(m, n, k, 1.0, (double[]) x.data(), x.offset(), k, (double[]) y.data(), y.offset(), n, 1.0, (double[]) out.data(), 0, n);
            }
        }
        return dtype == ct ? out : out.astype(dtype);
    }

    private static NDArray prepare(NDArray x, DType ct) {
        return x.dtype() == ct ? x.contiguous() : x.astype(ct);
    }
}
