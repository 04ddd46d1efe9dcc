package dev.blockwork.array;

import dev.blockwork.ndarray.NDArray;

/**
 * Several float64 arrays as one 1-D float64 block, for a task with several results (a QR's Q and R): a task's result
 * is one value, and a plain NDArray travels through every scheduler's transport (shared memory, the cluster's codec)
 * where an {@code NDArray[]} might not. Layout: {@code [count, ndim_0, dims_0..., ndim_1, dims_1..., data_0, data_1...]}
 * (dimensions are exact as doubles below 2^53).
 */
final class Packed {
    private Packed() {}

    static NDArray of(NDArray... parts) {
        long header = 1, data = 0;
        for (NDArray p : parts) { header += 1 + p.ndim(); data += p.size(); }
        if (header + data > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("got " + (header + data) + " values to pack, expected fewer than 2^31");
        double[] v = new double[(int) (header + data)];
        int h = 0, d = (int) header;
        v[h++] = parts.length;
        for (NDArray p : parts) {
            v[h++] = p.ndim();
            for (long s : p.shapeArray()) v[h++] = s;
            NDArray c = p.dtype() == dev.blockwork.ndarray.DType.FLOAT64 ? p.contiguous() : p.astype(dev.blockwork.ndarray.DType.FLOAT64);
            System.arraycopy((double[]) c.data(), c.offset(), v, d, (int) p.size());
            d += (int) p.size();
        }
        return NDArray.fromArray(v, v.length);
    }

    /** Part {@code i} of a packed block (a view, no copy). */
    static NDArray part(NDArray packed, int i) {
        NDArray c = packed.contiguous();
        double[] v = (double[]) c.data();
        int off = c.offset();
        int count = (int) v[off], h = off + 1;
        if (i < 0 || i >= count) throw new IllegalArgumentException("got part " + i + " of a packed block of " + count);
        long start = 0;
        long[] shape = null;
        int headerEnd = h;
        for (int p = 0; p < count; p++) headerEnd += 1 + (int) v[headerEnd];
        for (int p = 0; p < count; p++) {
            int nd = (int) v[h++];
            long[] s = new long[nd];
            long size = 1;
            for (int d = 0; d < nd; d++) { s[d] = (long) v[h++]; size *= s[d]; }
            if (p == i) { shape = s; break; }
            start += size;
        }
        long[] strides = new long[shape.length];
        long st = 1;
        for (int d = shape.length - 1; d >= 0; d--) { strides[d] = st; st *= shape[d]; }
        return NDArray.wrap(v, headerEnd + start, shape, strides);
    }
}
