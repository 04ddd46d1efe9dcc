package dev.blockwork.array;

import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.Shape;

/**
 * {@code cov}, {@code corrcoef} and {@code linalg.norm} from the existing reductions and {@code matmul}: centring is
 * a fused subtraction of the (keepdims) mean, the product a blocked matmul.
 */
final class Statistics {
    private Statistics() {}

    /**
     * {@code np.cov(x, rowvar=True, ddof)}: rows are variables, columns observations (a 1-D x is one variable);
     * {@code (x - mean) @ (x - mean).T / (n - ddof)}; a 0-d result for one variable, as NumPy.
     */
    static DArray cov(DArray x0, int ddof) {
        if (x0.ndim() > 2) throw new IllegalArgumentException("got a " + x0.ndim() + "-d array, expected 1-D or 2-D for cov");
        DArray x = (x0.ndim() == 1 ? x0.reshape(1, x0.size()) : x0).astype(DType.FLOAT64);
        long n = x.shape[1];
        DArray c = x.sub(x.mean(new int[] {1}, true));
        DArray r = c.matmul(c.transpose()).div((double) Math.max(0, n - ddof));
        return x.shape[0] == 1 ? r.reshape() : r;
    }

    /** {@code np.corrcoef(x)}: {@code cov / sqrt(outer(diag, diag))}, clipped to [-1, 1] as NumPy. */
    static DArray corrcoef(DArray x) {
        DArray c = cov(x, 1);
        if (c.ndim() == 0) return c.div(c);
        DArray d = c.diagonal(0).sqrt();
        return c.div(d.reshape(d.size(), 1)).div(d.reshape(1, d.size())).clip(-1.0, 1.0);
    }

    /** {@code np.average(x, axis, weights)}: weights of x's shape, or 1-D along the axis. */
    static DArray average(DArray x, DArray weights, int axis) {
        long[] shape = x.shape;
        int a = ShapeOps.axis(axis, shape.length);
        DArray w = weights;
        if (weights.ndim() == 1 && shape.length > 1) {
            if (weights.shape[0] != shape[a]) {
                throw new IllegalArgumentException("got 1-D weights of length " + weights.shape[0] + ", expected the length "
                        + shape[a] + " of axis " + a + " (shape " + Shape.toString(shape) + ")");
            }
            long[] s = new long[shape.length - a];
            java.util.Arrays.fill(s, 1);
            s[0] = shape[a];
            w = weights.reshape(s);
        } else if (!java.util.Arrays.equals(weights.shape, shape)) {
            throw new IllegalArgumentException("got weights of shape " + weights.shape() + ", expected shape " + Shape.toString(shape)
                    + " or 1-D of length " + shape[a]);
        }
        DArray num = x.mul(w).sum(new int[] {a}, false);
        DArray den = w.broadcastTo(Shape.of(shape)).sum(new int[] {a}, false);
        DType t = DType.resultOfMean(DType.promote(x.dtype(), weights.dtype()));
        return num.astype(DType.FLOAT64).div(den.astype(DType.FLOAT64)).astype(t);
    }

    /**
     * {@code np.linalg.norm(x, ord)} of the whole array: {@code ord} 2 (or "fro") is the 2-norm of the flattened
     * values, 1 the sum of magnitudes, inf the largest magnitude, -inf the smallest, 0 the count of non-zeros, any
     * other p {@code sum(|x|^p)^(1/p)} (vector norms; for a 2-D x, ord 2 here is Frobenius, not the spectral norm).
     */
    static DArray norm(DArray x, double ord, int[] axes, boolean keepDims) {
        DArray a = x.astype(DType.resultOfFloatFunction(x.dtype())).abs();
        if (ord == 2) return a.mul(a).sum(axes, keepDims).sqrt();
        if (ord == 1) return a.sum(axes, keepDims);
        if (ord == Double.POSITIVE_INFINITY) return a.max(axes, keepDims);
        if (ord == Double.NEGATIVE_INFINITY) return a.min(axes, keepDims);
        if (ord == 0) return a.ne(0).sum(axes, keepDims).astype(a.dtype());
        return a.pow(ord).sum(axes, keepDims).pow(1 / ord);
    }
}
