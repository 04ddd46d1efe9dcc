package dev.blockwork.array;

import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.NDArray;
import java.util.function.DoubleBinaryOperator;
import java.util.function.LongBinaryOperator;

/**
 * Element-wise merge of two same-shaped reduction partials with plain loops. Partials are usually tiny (one cell
 * for a full reduction), where compiling an expression kernel would cost more than the arithmetic.
 */
final class SmallMerge {
    /** Partials up to this many elements merge here; larger ones go through the fused expression kernel. */
    static final long MAX_ELEMENTS = 4096;

    private SmallMerge() {}

    static boolean applies(NDArray a, NDArray b) {
        return a.size() <= MAX_ELEMENTS && a.dtype() == b.dtype() && java.util.Arrays.equals(a.shapeArray(), b.shapeArray());
    }

    static NDArray merge(NDArray a, NDArray b, DoubleBinaryOperator fd, LongBinaryOperator fl) {
        int n = (int) a.size();
        DType t = a.dtype();
        long[] s = a.shapeArray();
        return switch (t) {
            case FLOAT64 -> {
                double[] r = new double[n];
                for (int i = 0; i < n; i++) r[i] = fd.applyAsDouble(a.getDoubleFlat(i), b.getDoubleFlat(i));
                yield NDArray.fromArray(r, n).reshape(s);
            }
            case FLOAT32 -> {
                float[] r = new float[n];
                for (int i = 0; i < n; i++) r[i] = (float) fd.applyAsDouble(a.getDoubleFlat(i), b.getDoubleFlat(i));
                yield NDArray.fromArray(r, n).reshape(s);
            }
            case INT64 -> {
                long[] r = new long[n];
                for (int i = 0; i < n; i++) r[i] = fl.applyAsLong(a.getLongFlat(i), b.getLongFlat(i));
                yield NDArray.fromArray(r, n).reshape(s);
            }
            case INT32 -> {
                int[] r = new int[n];
                for (int i = 0; i < n; i++) r[i] = (int) fl.applyAsLong(a.getLongFlat(i), b.getLongFlat(i));
                yield NDArray.fromArray(r, n).reshape(s);
            }
            case BOOL -> {
                boolean[] r = new boolean[n];
                for (int i = 0; i < n; i++) r[i] = fl.applyAsLong(a.getLongFlat(i), b.getLongFlat(i)) != 0;
                yield NDArray.fromArray(r, n).reshape(s);
            }
            case COMPLEX128 -> throw new IllegalArgumentException("got a complex128 block, expected a real dtype for this merge");
        };
    }
}
