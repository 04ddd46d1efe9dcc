package dev.blockwork.ndarray;

/**
 * Reads and writes the Java primitive array behind an {@link NDArray}, per dtype.
 * Hot bulk loops switch on the dtype once, outside the loop, so C2 can vectorise each arm.
 *
 * <p>Complex128 (interleaved {@code double[]}, element {@code p} at {@code [2p]} and {@code [2p+1]}): the scalar
 * accessors here read and write the real part only (writing sets the imaginary part to 0), as NumPy's cast of a
 * complex to a real number; {@link ComplexMath} has the complex kernels.
 */
final class Storage {
    private Storage() {}

    static Object allocate(DType dtype, int n) {
        return switch (dtype) {
            case FLOAT64 -> new double[n];
            case FLOAT32 -> new float[n];
            case INT64 -> new long[n];
            case INT32 -> new int[n];
            case BOOL -> new boolean[n];
            case COMPLEX128 -> new double[Math.multiplyExact(2, n)];
        };
    }

    static int length(Object data) {
        return switch (data) {
            case double[] d -> d.length;
            case float[] f -> f.length;
            case long[] l -> l.length;
            case int[] i -> i.length;
            case boolean[] b -> b.length;
            default -> throw new IllegalArgumentException("not a supported storage array: " + data.getClass());
        };
    }

    static DType dtypeOf(Object data) {
        return switch (data) {
            case double[] d -> DType.FLOAT64;
            case float[] f -> DType.FLOAT32;
            case long[] l -> DType.INT64;
            case int[] i -> DType.INT32;
            case boolean[] b -> DType.BOOL;
            default -> throw new IllegalArgumentException("not a supported storage array: " + data.getClass());
        };
    }

    static double getD(DType t, Object data, int pos) {
        return switch (t) {
            case FLOAT64 -> ((double[]) data)[pos];
            case FLOAT32 -> ((float[]) data)[pos];
            case INT64 -> ((long[]) data)[pos];
            case INT32 -> ((int[]) data)[pos];
            case BOOL -> ((boolean[]) data)[pos] ? 1.0 : 0.0;
            case COMPLEX128 -> ((double[]) data)[2 * pos];
        };
    }

    static long getL(DType t, Object data, int pos) {
        return switch (t) {
            case FLOAT64 -> (long) ((double[]) data)[pos];
            case FLOAT32 -> (long) ((float[]) data)[pos];
            case INT64 -> ((long[]) data)[pos];
            case INT32 -> ((int[]) data)[pos];
            case BOOL -> ((boolean[]) data)[pos] ? 1L : 0L;
            case COMPLEX128 -> (long) ((double[]) data)[2 * pos];
        };
    }

    static void setD(DType t, Object data, int pos, double v) {
        switch (t) {
            case FLOAT64 -> ((double[]) data)[pos] = v;
            case FLOAT32 -> ((float[]) data)[pos] = (float) v;
            case INT64 -> ((long[]) data)[pos] = (long) v;
            case INT32 -> ((int[]) data)[pos] = (int) (long) v;
            case BOOL -> ((boolean[]) data)[pos] = v != 0;
            case COMPLEX128 -> { ((double[]) data)[2 * pos] = v; ((double[]) data)[2 * pos + 1] = 0; }
        }
    }

    static void setL(DType t, Object data, int pos, long v) {
        switch (t) {
            case FLOAT64 -> ((double[]) data)[pos] = v;
            case FLOAT32 -> ((float[]) data)[pos] = v;
            case INT64 -> ((long[]) data)[pos] = v;
            case INT32 -> ((int[]) data)[pos] = (int) v;
            case BOOL -> ((boolean[]) data)[pos] = v != 0;
            case COMPLEX128 -> { ((double[]) data)[2 * pos] = v; ((double[]) data)[2 * pos + 1] = 0; }
        }
    }

    /** dst[dstOff + i] = data[pos + i*stride] as double, for i in [0, n). */
    static void gatherD(DType t, Object data, int pos, int stride, double[] dst, int dstOff, int n) {
        switch (t) {
            case FLOAT64 -> {
                double[] a = (double[]) data;
                if (stride == 1) System.arraycopy(a, pos, dst, dstOff, n);
                else for (int i = 0; i < n; i++) dst[dstOff + i] = a[pos + i * stride];
            }
            case FLOAT32 -> {
                float[] a = (float[]) data;
                for (int i = 0; i < n; i++) dst[dstOff + i] = a[pos + i * stride];
            }
            case INT64 -> {
                long[] a = (long[]) data;
                for (int i = 0; i < n; i++) dst[dstOff + i] = a[pos + i * stride];
            }
            case INT32 -> {
                int[] a = (int[]) data;
                for (int i = 0; i < n; i++) dst[dstOff + i] = a[pos + i * stride];
            }
            case BOOL -> {
                boolean[] a = (boolean[]) data;
                for (int i = 0; i < n; i++) dst[dstOff + i] = a[pos + i * stride] ? 1.0 : 0.0;
            }
            case COMPLEX128 -> {
                double[] a = (double[]) data;
                for (int i = 0; i < n; i++) dst[dstOff + i] = a[2 * (pos + i * stride)];
            }
        }
    }

    /** dst[dstOff + i] = data[pos + i*stride] as long (floats truncate toward zero), for i in [0, n). */
    static void gatherL(DType t, Object data, int pos, int stride, long[] dst, int dstOff, int n) {
        switch (t) {
            case FLOAT64 -> {
                double[] a = (double[]) data;
                for (int i = 0; i < n; i++) dst[dstOff + i] = (long) a[pos + i * stride];
            }
            case FLOAT32 -> {
                float[] a = (float[]) data;
                for (int i = 0; i < n; i++) dst[dstOff + i] = (long) a[pos + i * stride];
            }
            case INT64 -> {
                long[] a = (long[]) data;
                if (stride == 1) System.arraycopy(a, pos, dst, dstOff, n);
                else for (int i = 0; i < n; i++) dst[dstOff + i] = a[pos + i * stride];
            }
            case INT32 -> {
                int[] a = (int[]) data;
                for (int i = 0; i < n; i++) dst[dstOff + i] = a[pos + i * stride];
            }
            case BOOL -> {
                boolean[] a = (boolean[]) data;
                for (int i = 0; i < n; i++) dst[dstOff + i] = a[pos + i * stride] ? 1L : 0L;
            }
            case COMPLEX128 -> {
                double[] a = (double[]) data;
                for (int i = 0; i < n; i++) dst[dstOff + i] = (long) a[2 * (pos + i * stride)];
            }
        }
    }

    /** data[pos + i*stride] = src[srcOff + i] converted to dtype t. */
    static void scatterD(DType t, Object data, int pos, int stride, double[] src, int srcOff, int n) {
        switch (t) {
            case FLOAT64 -> {
                double[] a = (double[]) data;
                if (stride == 1) System.arraycopy(src, srcOff, a, pos, n);
                else for (int i = 0; i < n; i++) a[pos + i * stride] = src[srcOff + i];
            }
            case FLOAT32 -> {
                float[] a = (float[]) data;
                for (int i = 0; i < n; i++) a[pos + i * stride] = (float) src[srcOff + i];
            }
            case INT64 -> {
                long[] a = (long[]) data;
                for (int i = 0; i < n; i++) a[pos + i * stride] = (long) src[srcOff + i];
            }
            case INT32 -> {
                int[] a = (int[]) data;
                for (int i = 0; i < n; i++) a[pos + i * stride] = (int) (long) src[srcOff + i];
            }
            case BOOL -> {
                boolean[] a = (boolean[]) data;
                for (int i = 0; i < n; i++) a[pos + i * stride] = src[srcOff + i] != 0;
            }
            case COMPLEX128 -> {
                double[] a = (double[]) data;
                for (int i = 0; i < n; i++) { int p = 2 * (pos + i * stride); a[p] = src[srcOff + i]; a[p + 1] = 0; }
            }
        }
    }

    /** data[pos + i*stride] = src[srcOff + i] converted to dtype t (int32 wraps, bool is != 0). */
    static void scatterL(DType t, Object data, int pos, int stride, long[] src, int srcOff, int n) {
        switch (t) {
            case FLOAT64 -> {
                double[] a = (double[]) data;
                for (int i = 0; i < n; i++) a[pos + i * stride] = src[srcOff + i];
            }
            case FLOAT32 -> {
                float[] a = (float[]) data;
                for (int i = 0; i < n; i++) a[pos + i * stride] = src[srcOff + i];
            }
            case INT64 -> {
                long[] a = (long[]) data;
                if (stride == 1) System.arraycopy(src, srcOff, a, pos, n);
                else for (int i = 0; i < n; i++) a[pos + i * stride] = src[srcOff + i];
            }
            case INT32 -> {
                int[] a = (int[]) data;
                for (int i = 0; i < n; i++) a[pos + i * stride] = (int) src[srcOff + i];
            }
            case BOOL -> {
                boolean[] a = (boolean[]) data;
                for (int i = 0; i < n; i++) a[pos + i * stride] = src[srcOff + i] != 0;
            }
            case COMPLEX128 -> {
                double[] a = (double[]) data;
                for (int i = 0; i < n; i++) { int p = 2 * (pos + i * stride); a[p] = src[srcOff + i]; a[p + 1] = 0; }
            }
        }
    }
}
