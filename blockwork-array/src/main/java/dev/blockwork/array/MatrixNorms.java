package dev.blockwork.array;

import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.Lapack;
import dev.blockwork.ndarray.NDArray;
import java.util.List;

/**
 * {@code np.linalg.norm(x, ord, axis, keepdims)}: vector norms along one axis ({@code ord} 2 (default), 1, inf,
 * -inf, 0, or any p, through {@link Statistics#norm}) and matrix norms over two axes ({@code "fro"} (default),
 * {@code "nuc"}, 1, -1, 2, -2, inf, -inf). Column- and row-sum norms (±1, ±inf) and Frobenius are two chunked
 * reductions; the spectral and nuclear norms need singular values: of a 2-D array through TSQR (one pass, any number
 * of row blocks; see {@link Tsqr}), of a stack of matrices per matrix inside its block (the two matrix axes are
 * rechunked whole). With no axes, a 1-D array gets a vector norm, a 2-D array a matrix norm, and with no ord either
 * any array gets the 2-norm of all its elements.
 */
final class MatrixNorms {
    private MatrixNorms() {}

    /** {@code "inf"}, {@code "-inf"} or a number, else IllegalArgumentException. */
    static double number(String ord, String what) {
        if (ord.equals("inf")) return Double.POSITIVE_INFINITY;
        if (ord.equals("-inf")) return Double.NEGATIVE_INFINITY;
        try {
            return Double.parseDouble(ord);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("norm: got ord '" + ord + "' for a " + what + ", expected " + (what.equals("vector norm")
                    ? "a number, 'inf' or '-inf'" : "'fro', 'nuc', 1, -1, 2, -2, 'inf' or '-inf'"));
        }
    }

    static DArray norm(DArray x, String ord, int[] axes, boolean keepDims) {
        int nd = x.ndim();
        if (axes == null) {
            if (ord == null) {
                DArray r = Statistics.norm(x.ravel(), 2, null, false);
                if (!keepDims) return r;
                long[] ones = new long[nd];
                java.util.Arrays.fill(ones, 1);
                return r.reshape(ones);
            }
            if (nd == 1) axes = new int[] {0};
            else if (nd == 2) axes = new int[] {0, 1};
            else throw new IllegalArgumentException("norm: got ord '" + ord + "' for a " + nd + "-d array without axes, expected a 1-D or 2-D array (or axes)");
        }
        int[] ax = new int[axes.length];
        for (int i = 0; i < axes.length; i++) ax[i] = ShapeOps.axis(axes[i], nd);
        if (ax.length == 1) return Statistics.norm(x, ord == null ? 2 : number(ord, "vector norm"), ax, keepDims);
        if (ax.length != 2 || ax[0] == ax[1]) {
            throw new IllegalArgumentException("norm: got axes " + java.util.Arrays.toString(axes) + ", expected one axis (vector norm) or two distinct axes (matrix norm)");
        }
        String o = ord == null ? "fro" : ord;
        int row = ax[0], col = ax[1];
        DArray a = x.astype(DType.resultOfFloatFunction(x.dtype()));
        DArray r;
        switch (o) {
            case "fro" -> r = a.mul(a).sum(new int[] {row, col}, true).sqrt();
            case "nuc", "2", "-2", "2.0", "-2.0" -> r = spectral(a, row, col, o.equals("nuc") ? 0 : number(o, "matrix norm") > 0 ? 1 : -1);
            default -> {
                double p = number(o, "matrix norm");
                DArray abs = a.abs();
                if (Math.abs(p) == 1) r = abs.sum(new int[] {row}, true);
                else if (Double.isInfinite(p)) r = abs.sum(new int[] {col}, true);
                else throw new IllegalArgumentException("norm: got ord '" + ord + "' for a matrix norm, expected 'fro', 'nuc', 1, -1, 2, -2, 'inf' or '-inf'");
                int other = Math.abs(p) == 1 ? col : row;
                r = p > 0 ? r.max(new int[] {other}, true) : r.min(new int[] {other}, true);
            }
        }
        return keepDims ? r : r.squeeze(row, col);
    }

    /** Nuclear (kind 0), largest (1) or smallest (-1) singular value over axes {@code row, col}, keeping them as length 1. */
    private static DArray spectral(DArray a, int row, int col, int kind) {
        int nd = a.ndim();
        if (nd == 2) {
            DArray s = Tsqr.svd(row == 0 ? a : a.transpose()).get(1);
            DArray v = kind == 0 ? s.sum() : kind > 0 ? s.max() : s.min();
            return v.reshape(1, 1);
        }
        int[] perm = new int[nd];
        int p = 0;
        for (int d = 0; d < nd; d++) if (d != row && d != col) perm[p++] = d;
        perm[p++] = row;
        perm[p] = col;
        DArray y = a.transpose(perm).astype(DType.FLOAT64);
        DArray v = Gufunc.apply((blocks, info) -> perMatrix(blocks[0], kind), "(m,n)->()", List.of(y), DType.FLOAT64);
        int lo = Math.min(row, col), hi = Math.max(row, col);
        return v.expandDims(lo).expandDims(hi);
    }

    private static NDArray perMatrix(NDArray block, int kind) {
        long[] s = block.shapeArray();
        int nd = s.length;
        long count = 1;
        for (int d = 0; d < nd - 2; d++) count *= s[d];
        NDArray mats = block.reshape(count, s[nd - 2], s[nd - 1]);
        double[] out = new double[(int) count];
        for (int i = 0; i < count; i++) {
            NDArray sv = Lapack.svd(mats.slice(0, (long) i, (long) i + 1, 1).copy().reshape(s[nd - 2], s[nd - 1]))[1];
            double v = kind == 0 ? 0 : kind > 0 ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            for (int j = 0; j < sv.size(); j++) {
                double x = sv.getDouble(j);
                v = kind == 0 ? v + x : kind > 0 ? Math.max(v, x) : Math.min(v, x);
            }
            out[i] = sv.size() == 0 ? 0 : v;
        }
        return NDArray.fromArray(out, java.util.Arrays.copyOf(s, nd - 2));
    }
}
