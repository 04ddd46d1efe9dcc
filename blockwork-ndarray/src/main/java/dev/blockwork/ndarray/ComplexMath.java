package dev.blockwork.ndarray;

import java.util.Arrays;

/**
 * Kernels for complex128 arrays (interleaved {@code re, im} doubles; see {@link DType#COMPLEX128}): creation from
 * real and imaginary parts, {@code real imag abs conj angle}, the four arithmetic operations with broadcasting and
 * real or complex operands, copies and assignment, equality and {@code allclose}.
 *
 * <p>Implementation overview: every kernel walks its operands row by row ({@link #rows}): all axes but the last
 * are an odometer, the last axis is a strided inner loop over the doubles, so views (slices, transposes, broadcasts)
 * need no copy. Real operands of a binary operation are widened to a complex copy first (one pass) so the inner
 * loops see only {@code double[]} storage. Division follows Smith's algorithm (as NumPy), which avoids overflow in
 * {@code |b|^2}; {@code abs} is {@link Math#hypot}.
 */
final class ComplexMath {
    private ComplexMath() {}

    /** Binary arithmetic on complex numbers. */
    enum Op { ADD, SUB, MUL, DIV }

    /** One row of the walk: {@code len} elements starting at element positions {@code pos[k]} with strides {@code st[k]}. */
    @FunctionalInterface
    interface Row {
        void run(int[] pos, int[] st, int len);
    }

    /** Walks {@code shape} row by row over {@code ops}, which are views already broadcast to {@code shape}. */
    static void rows(long[] shape, NDArray[] ops, Row row) {
        for (long d : shape) if (d == 0) return;
        int n = shape.length, k = ops.length;
        int len = n == 0 ? 1 : (int) shape[n - 1];
        int[] st = new int[k], pos = new int[k];
        for (int j = 0; j < k; j++) st[j] = n == 0 ? 0 : (int) ops[j].strides[n - 1];
        long[] idx = new long[Math.max(0, n - 1)];
        while (true) {
            for (int j = 0; j < k; j++) {
                long p = ops[j].offset;
                for (int d = 0; d < n - 1; d++) p += idx[d] * ops[j].strides[d];
                pos[j] = (int) p;
            }
            row.run(pos, st, len);
            int d = n - 2;
            while (d >= 0 && ++idx[d] >= shape[d]) { idx[d] = 0; d--; }
            if (d < 0) return;
        }
    }

    private static void requireComplex(NDArray z, String what) {
        if (z.dtype != DType.COMPLEX128) throw new IllegalArgumentException(what + " needs a complex128 array, got " + z.dtype.numpyName());
    }

    private static void requireReal(NDArray x, String what) {
        if (x.dtype == DType.COMPLEX128) throw new IllegalArgumentException(what + " needs a real array, got complex128");
    }

    /** {@code re + 1j*im} with broadcasting; both parts real (any real dtype, read as double). */
    static NDArray complex(NDArray re, NDArray im) {
        requireReal(re, "the real part");
        requireReal(im, "the imaginary part");
        long[] shape = Shapes.broadcast(re.shape, im.shape);
        NDArray r = re.astype(DType.FLOAT64).broadcastTo(shape), i = im.astype(DType.FLOAT64).broadcastTo(shape);
        NDArray out = NDArray.zeros(DType.COMPLEX128, shape);
        double[] o = (double[]) out.data, a = (double[]) r.data, b = (double[]) i.data;
        rows(shape, new NDArray[] {out, r, i}, (p, s, len) -> {
            for (int x = 0; x < len; x++) {
                int q = 2 * (p[0] + x * s[0]);
                o[q] = a[p[1] + x * s[1]];
                o[q + 1] = b[p[2] + x * s[2]];
            }
        });
        return out;
    }

    /** {@code x.astype(complex128)}: imaginary parts 0 (a copy also when {@code x} is complex already). */
    static NDArray toComplex(NDArray x) {
        if (x.dtype == DType.COMPLEX128) return copy(x);
        NDArray re = x.astype(DType.FLOAT64);
        NDArray out = NDArray.zeros(DType.COMPLEX128, x.shape);
        double[] o = (double[]) out.data, a = (double[]) re.data;
        for (int i = 0, n = a.length; i < n; i++) o[2 * i] = a[i];
        return out;
    }

    /** A fresh C-contiguous complex copy of {@code z}. */
    static NDArray copy(NDArray z) {
        requireComplex(z, "copy");
        NDArray out = NDArray.zeros(DType.COMPLEX128, z.shape);
        assign(out, z);
        return out;
    }

    /**
     * Copies {@code src} (broadcast to {@code dst}'s shape) into {@code dst}. A complex {@code dst} takes real
     * sources with imaginary part 0; a real {@code dst} takes the real part of a complex source (NumPy's cast,
     * which warns with ComplexWarning).
     */
    static void assign(NDArray dst, NDArray src) {
        NDArray s = src.broadcastTo(dst.shape);
        if (dst.dtype == DType.COMPLEX128 && s.dtype == DType.COMPLEX128) {
            double[] o = (double[]) dst.data, a = (double[]) s.data;
            rows(dst.shape, new NDArray[] {dst, s}, (p, st, len) -> {
                if (st[0] == 1 && st[1] == 1) {
                    System.arraycopy(a, 2 * p[1], o, 2 * p[0], 2 * len);
                    return;
                }
                for (int x = 0; x < len; x++) {
                    int q = 2 * (p[0] + x * st[0]), r = 2 * (p[1] + x * st[1]);
                    o[q] = a[r];
                    o[q + 1] = a[r + 1];
                }
            });
        } else if (dst.dtype == DType.COMPLEX128) {
            NDArray re = s.astype(DType.FLOAT64).broadcastTo(dst.shape);
            double[] o = (double[]) dst.data, a = (double[]) re.data;
            rows(dst.shape, new NDArray[] {dst, re}, (p, st, len) -> {
                for (int x = 0; x < len; x++) {
                    int q = 2 * (p[0] + x * st[0]);
                    o[q] = a[p[1] + x * st[1]];
                    o[q + 1] = 0;
                }
            });
        } else {
            real(s).astype(dst.dtype).broadcastTo(dst.shape).expr().evaluateInto(dst);
        }
    }

    /** The real part (float64); a real array is returned as float64 values. */
    static NDArray real(NDArray z) { return part(z, 0); }

    /** The imaginary part (float64). */
    static NDArray imag(NDArray z) { return part(z, 1); }

    private static NDArray part(NDArray z, int which) {
        requireComplex(z, which == 0 ? "real" : "imag");
        NDArray out = NDArray.zeros(DType.FLOAT64, z.shape);
        double[] o = (double[]) out.data, a = (double[]) z.data;
        rows(z.shape, new NDArray[] {out, z}, (p, st, len) -> {
            for (int x = 0; x < len; x++) o[p[0] + x] = a[2 * (p[1] + x * st[1]) + which];
        });
        return out;
    }

    /** {@code |z|} (float64), as {@code hypot(re, im)}. */
    static NDArray abs(NDArray z) { return unaryReal(z, false); }

    /** {@code np.angle(z)} in radians (float64), {@code atan2(im, re)}. */
    static NDArray angle(NDArray z) { return unaryReal(z, true); }

    private static NDArray unaryReal(NDArray z, boolean angle) {
        requireComplex(z, angle ? "angle" : "abs");
        NDArray out = NDArray.zeros(DType.FLOAT64, z.shape);
        double[] o = (double[]) out.data, a = (double[]) z.data;
        rows(z.shape, new NDArray[] {out, z}, (p, st, len) -> {
            for (int x = 0; x < len; x++) {
                int q = 2 * (p[1] + x * st[1]);
                o[p[0] + x] = angle ? Math.atan2(a[q + 1], a[q]) : Math.hypot(a[q], a[q + 1]);
            }
        });
        return out;
    }

    /** The complex conjugate (a fresh complex array). */
    static NDArray conj(NDArray z) {
        NDArray out = copy(z);
        double[] o = (double[]) out.data;
        for (int i = 1; i < o.length; i += 2) o[i] = -o[i];
        return out;
    }

    /** {@code a op b} with broadcasting; either operand may be real, the result is complex128. */
    static NDArray binary(Op op, NDArray a, NDArray b) {
        long[] shape = Shapes.broadcast(a.shape, b.shape);
        NDArray x = (a.dtype == DType.COMPLEX128 ? a : toComplex(a)).broadcastTo(shape);
        NDArray y = (b.dtype == DType.COMPLEX128 ? b : toComplex(b)).broadcastTo(shape);
        NDArray out = NDArray.zeros(DType.COMPLEX128, shape);
        double[] o = (double[]) out.data, u = (double[]) x.data, v = (double[]) y.data;
        rows(shape, new NDArray[] {out, x, y}, (p, s, len) -> {
            for (int i = 0; i < len; i++) {
                int q = 2 * (p[0] + i), qa = 2 * (p[1] + i * s[1]), qb = 2 * (p[2] + i * s[2]);
                double ar = u[qa], ai = u[qa + 1], br = v[qb], bi = v[qb + 1];
                switch (op) {
                    case ADD -> { o[q] = ar + br; o[q + 1] = ai + bi; }
                    case SUB -> { o[q] = ar - br; o[q + 1] = ai - bi; }
                    case MUL -> { o[q] = ar * br - ai * bi; o[q + 1] = ar * bi + ai * br; }
                    case DIV -> divide(ar, ai, br, bi, o, q);
                }
            }
        });
        return out;
    }

    /** Smith's complex division {@code (ar + i ai) / (br + i bi)} into {@code o[q], o[q+1]}. */
    static void divide(double ar, double ai, double br, double bi, double[] o, int q) {
        double abr = Math.abs(br), abi = Math.abs(bi);
        if (abr == 0 && abi == 0) { // NumPy: division by complex zero gives inf/nan parts like the real division
            o[q] = ar / abr;
            o[q + 1] = ai / abi;
        } else if (abr >= abi) {
            double rat = bi / br, scl = 1.0 / (br + bi * rat);
            o[q] = (ar + ai * rat) * scl;
            o[q + 1] = (ai - ar * rat) * scl;
        } else {
            double rat = br / bi, scl = 1.0 / (bi + br * rat);
            o[q] = (ar * rat + ai) * scl;
            o[q + 1] = (ai * rat - ar) * scl;
        }
    }

    /** The interleaved doubles of {@code z} in C order (a fresh array of length {@code 2 * size}). */
    static double[] interleaved(NDArray z) {
        requireComplex(z, "interleaved");
        NDArray c = z.isContiguous() && z.offset == 0 && ((double[]) z.data).length == 2 * z.size() ? z : copy(z);
        return (double[]) c.data;
    }

    /** NumPy {@code allclose} on complex values: {@code |a - b| <= atol + rtol * |b|} with complex moduli. */
    static boolean allClose(NDArray a, NDArray b, double rtol, double atol, boolean equalNan) {
        long[] shape = Shapes.broadcast(a.shape, b.shape);
        double[] x = interleaved(copy((a.dtype == DType.COMPLEX128 ? a : toComplex(a)).broadcastTo(shape)));
        double[] y = interleaved(copy((b.dtype == DType.COMPLEX128 ? b : toComplex(b)).broadcastTo(shape)));
        for (int i = 0; i < x.length; i += 2) {
            boolean nanA = Double.isNaN(x[i]) || Double.isNaN(x[i + 1]), nanB = Double.isNaN(y[i]) || Double.isNaN(y[i + 1]);
            if (nanA || nanB) {
                if (equalNan && nanA && nanB) continue;
                return false;
            }
            if (x[i] == y[i] && x[i + 1] == y[i + 1]) continue; // equal infinities
            double d = Math.hypot(x[i] - y[i], x[i + 1] - y[i + 1]);
            if (!(d <= atol + rtol * Math.hypot(y[i], y[i + 1]))) return false;
        }
        return true;
    }

    /** Same shape and bit-equal parts (NaN equals NaN, as {@link NDArray#equals}). */
    static boolean equal(NDArray a, NDArray b) {
        return Arrays.equals(interleaved(a), interleaved(b));
    }

    static int hash(NDArray z) { return Arrays.hashCode(interleaved(z)); }
}
