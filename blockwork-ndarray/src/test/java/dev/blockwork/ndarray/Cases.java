package dev.blockwork.ndarray;

import java.util.SplittableRandom;

/** Seeded random inputs for the oracle tests: values, shapes and strided/transposed/reversed views. */
final class Cases {
    static final DType[] DTYPES = java.util.Arrays.stream(DType.values()).filter(t -> !t.isComplex()).toArray(DType[]::new);
    static final long[] TAIL_SIZES = {1, 6, 13, 207, 4098};

    private Cases() {}

    static NDArray values(SplittableRandom r, DType t, long... shape) {
        NDArray a = NDArray.zeros(t, shape);
        long n = a.size();
        for (long i = 0; i < n; i++) {
            switch (t) {
                case FLOAT64, FLOAT32 -> {
                    double v = r.nextInt(20) == 0 ? special(r) : r.nextDouble(-10, 10);
                    a.setDoubleFlat(i, v);
                }
                case INT64 -> a.setLongFlat(i, r.nextInt(10) == 0 ? r.nextLong() : r.nextLong(-100, 100));
                case INT32 -> a.setLongFlat(i, r.nextInt(10) == 0 ? r.nextInt() : r.nextInt(-100, 100));
                case BOOL -> a.setLongFlat(i, r.nextBoolean() ? 1 : 0);
            }
        }
        return a;
    }

    static double special(SplittableRandom r) {
        double[] s = {Double.NaN, 0.5, -2.5, 0.0, -0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1.5};
        return s[r.nextInt(s.length)];
    }

    /** An array of {@code shape} with random layout: contiguous, transposed, stepped, or reversed. */
    static NDArray view(SplittableRandom r, DType t, long... shape) {
        int n = shape.length;
        switch (r.nextInt(4)) {
            case 1 -> { // transposed storage
                long[] rev = new long[n];
                for (int i = 0; i < n; i++) rev[i] = shape[n - 1 - i];
                return values(r, t, rev).transpose();
            }
            case 2 -> { // every other element, sometimes reversed
                long[] big = new long[n];
                for (int i = 0; i < n; i++) big[i] = shape[i] * 2;
                NDArray a = values(r, t, big);
                Index[] idx = new Index[n];
                for (int i = 0; i < n; i++) idx[i] = r.nextBoolean() ? Index.range(null, null, 2) : Index.range(null, null, -2);
                return a.get(idx);
            }
            case 3 -> { // a slice inside a larger block, offset != 0
                long[] big = shape.clone();
                if (n > 0) big[0] += 3;
                NDArray a = values(r, t, big);
                return n > 0 ? a.slice(0, 2L, 2 + shape[0], 1) : a;
            }
            default -> { return values(r, t, shape); }
        }
    }

    static long[] shape(SplittableRandom r) {
        int n = r.nextInt(0, 5);
        long[] s = new long[n];
        long[] choices = {1, 2, 3, 5, 6, 13};
        for (int i = 0; i < n; i++) s[i] = choices[r.nextInt(choices.length)];
        return s;
    }

    /** {@code shape} with some axes set to 1 and maybe leading axes dropped (broadcasts back to shape). */
    static long[] broadcastable(SplittableRandom r, long[] shape) {
        int drop = shape.length == 0 ? 0 : r.nextInt(shape.length + 1);
        long[] s = java.util.Arrays.copyOfRange(shape, drop, shape.length);
        for (int i = 0; i < s.length; i++) if (r.nextInt(3) == 0) s[i] = 1;
        return s;
    }

    static long[] unravel(long flat, long[] shape) {
        long[] idx = new long[shape.length];
        for (int k = shape.length - 1; k >= 0; k--) {
            idx[k] = flat % shape[k];
            flat /= shape[k];
        }
        return idx;
    }

    /** Index into an operand of {@code opShape} broadcast to the output index {@code out}. */
    static long[] broadcastIndex(long[] out, long[] opShape) {
        long[] idx = new long[opShape.length];
        int lead = out.length - opShape.length;
        for (int i = 0; i < opShape.length; i++) idx[i] = opShape[i] == 1 ? 0 : out[lead + i];
        return idx;
    }
}
