package dev.blockwork.array;

/**
 * {@code np.kron(a, b)}, the Kronecker product, as a broadcast product: with both operands padded to the same rank
 * by leading length-1 axes, {@code a} is viewed as {@code (a0, 1, a1, 1, ...)} and {@code b} as
 * {@code (1, b0, 1, b1, ...)}, their fused product {@code (a0, b0, a1, b1, ...)} is reshaped to
 * {@code (a0·b0, a1·b1, ...)}; block {@code (i, j)} of the product depends only on blocks of {@code a} and {@code b}.
 * The dtype is the operands' promoted one.
 */
final class Products {
    private Products() {}

    static DArray kron(DArray a, DArray b) {
        int n = Math.max(a.ndim(), b.ndim());
        DArray x = pad(a, n), y = pad(b, n);
        long[] out = new long[n];
        for (int d = 0; d < n; d++) out[d] = x.shape[d] * y.shape[d];
        if (n == 0) return x.mul(y);
        for (int d = n - 1; d >= 0; d--) {
            x = x.expandDims(d + 1);
            y = y.expandDims(d);
        }
        return x.mul(y).reshape(out);
    }

    private static DArray pad(DArray a, int n) {
        DArray x = a;
        while (x.ndim() < n) x = x.expandDims(0);
        return x;
    }
}
