package dev.blockwork.array;

import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.NDArray;
import java.util.Arrays;

/**
 * Fills an array or strided view with one value, row by row with {@link Arrays#fill} on the backing Java array
 * (a plain memset-speed loop; used for constant-folded blocks, where no expression needs evaluating).
 */
final class ConstantFill {
    private ConstantFill() {}

    static void fill(NDArray out, FusedNode.Full c) {
        long[] shape = out.shapeArray(), strides = out.strides();
        int n = shape.length;
        for (long d : shape) if (d == 0) return;
        if (n == 0 || strides[n - 1] != 1) {
            c.fillSlow(out);
            return;
        }
        int row = (int) shape[n - 1];
        long[] idx = new long[n - 1];
        Object data = out.data();
        DType t = out.dtype();
        double v = c.asDouble();
        long lv = c.integral() ? c.longValue() : (long) v;
        while (true) {
            long p = out.offset();
            for (int d = 0; d < n - 1; d++) p += idx[d] * strides[d];
            int from = (int) p, to = from + row;
            switch (t) {
                case FLOAT64 -> Arrays.fill((double[]) data, from, to, v);
                case FLOAT32 -> Arrays.fill((float[]) data, from, to, (float) v);
                case INT64 -> Arrays.fill((long[]) data, from, to, lv);
                case INT32 -> Arrays.fill((int[]) data, from, to, (int) lv);
                case BOOL -> Arrays.fill((boolean[]) data, from, to, v != 0 || Double.isNaN(v));
                case COMPLEX128 -> {
                    double[] z = (double[]) data;
                    for (int i = from; i < to; i++) { z[2 * i] = v; z[2 * i + 1] = 0; }
                }
            }
            int d = n - 2;
            while (d >= 0 && ++idx[d] >= shape[d]) { idx[d] = 0; d--; }
            if (d < 0) return;
        }
    }
}
