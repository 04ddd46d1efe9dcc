package dev.blockwork.ndarray;

/**
 * NumPy's {@code numpy.fft} on one {@link NDArray}: complex transforms ({@link #fft}, {@link #ifft}), real ones
 * ({@link #rfft}, {@link #irfft}), their n-dimensional forms ({@link #fftn}, {@link #ifftn}, {@link #rfftn},
 * {@link #irfftn}) and the helpers {@link #fftfreq}, {@link #rfftfreq}, {@link #fftshift}, {@link #ifftshift}.
 *
 * <p>Conventions are NumPy's: {@code n} is the transform length along the axis (the input is cropped or
 * zero-padded to it; {@code -1} keeps the axis length, for {@code irfft} {@code 2 * (len - 1)}); {@link Norm}
 * says which direction is scaled. Complex results are complex128; {@code irfft} gives float64. Any real or complex
 * input dtype is accepted (real input is read as float64). Lengths of any size work: mixed radix for lengths whose
 * prime factors are at most 31, Bluestein otherwise ({@link FftPlan}).
 *
 * <p>Implementation overview: the input is made C-contiguous and seen as {@code (outer, len, inner)} around the
 * axis; lanes are gathered {@value #BATCH} at a time when {@code inner > 1} (adjacent lanes share cache lines, so
 * the strided gather reads whole lines), transformed one by one on split real/imaginary buffers and scattered into
 * a contiguous result. One call runs on the calling thread; the DArray layer parallelises over blocks.
 */
public final class Fft {
    private Fft() {}

    static final int BATCH = 8;

    /** Which direction is scaled, NumPy's {@code norm=}: backward (1/n on the inverse, the default), ortho, forward. */
    public enum Norm {
        /** 1 on the forward transform, 1/n on the inverse (NumPy's default). */
        BACKWARD,
        /** 1/sqrt(n) both ways, so the transforms are unitary. */
        ORTHO,
        /** 1/n on the forward transform, 1 on the inverse. */
        FORWARD;

        /**
         * The scale of a transform of length {@code n} in the given direction.
         *
         * @param n       the transform length
         * @param inverse true for the inverse transform
         * @return the factor applied to every output value
         */
        public double scale(long n, boolean inverse) {
            return switch (this) {
                case BACKWARD -> inverse ? 1.0 / n : 1.0;
                case FORWARD -> inverse ? 1.0 : 1.0 / n;
                case ORTHO -> 1.0 / Math.sqrt(n);
            };
        }

        /**
         * The norm of NumPy's name: {@code "backward"}, {@code "ortho"} or {@code "forward"} (null is backward, as
         * NumPy's default).
         *
         * @param name the name, lower case, or null
         * @return the norm
         * @throws IllegalArgumentException for any other name
         */
        public static Norm of(String name) {
            if (name == null) return BACKWARD;
            return switch (name) {
                case "backward" -> BACKWARD;
                case "ortho" -> ORTHO;
                case "forward" -> FORWARD;
                default -> throw new IllegalArgumentException("got norm '" + name + "', expected backward, ortho or forward");
            };
        }
    }

    /**
     * {@code np.fft.fft(x, n, axis, norm)}: the complex DFT along {@code axis}.
     *
     * @param x    the input, any real or complex dtype
     * @param n    the transform length: the axis is cropped or zero-padded to it; negative (-1) for the axis length
     * @param axis the axis; negative counts from the end
     * @param norm which direction is scaled
     * @return a new complex128 array, {@code n} long on the axis
     * @throws IllegalArgumentException  if {@code n} is 0 or too large, or is negative and the axis empty
     * @throws IndexOutOfBoundsException if the axis is out of range
     */
    public static NDArray fft(NDArray x, long n, int axis, Norm norm) { return c2c(x, n, axis, norm, false); }

    /**
     * {@code np.fft.fft(x)}: the DFT along the last axis, unscaled.
     *
     * @param x the input, any real or complex dtype, at least 1-D
     * @return a new complex128 array of {@code x}'s shape
     */
    public static NDArray fft(NDArray x) { return fft(x, -1, -1, Norm.BACKWARD); }

    /**
     * {@code np.fft.ifft(x, n, axis, norm)}: the inverse DFT along {@code axis}.
     *
     * @param x    the input, any real or complex dtype
     * @param n    the transform length: the axis is cropped or zero-padded to it; negative (-1) for the axis length
     * @param axis the axis; negative counts from the end
     * @param norm which direction is scaled
     * @return a new complex128 array, {@code n} long on the axis
     * @throws IllegalArgumentException  if {@code n} is 0 or too large, or is negative and the axis empty
     * @throws IndexOutOfBoundsException if the axis is out of range
     */
    public static NDArray ifft(NDArray x, long n, int axis, Norm norm) { return c2c(x, n, axis, norm, true); }

    /**
     * {@code np.fft.ifft(x)}: the inverse DFT along the last axis, scaled by 1/n.
     *
     * @param x the input, any real or complex dtype, at least 1-D
     * @return a new complex128 array of {@code x}'s shape
     */
    public static NDArray ifft(NDArray x) { return ifft(x, -1, -1, Norm.BACKWARD); }

    /**
     * {@code np.fft.rfft(x, n, axis, norm)}: the non-negative frequencies ({@code n/2 + 1}) of a real input's DFT.
     *
     * @param x    the input, any real dtype
     * @param n    the transform length: the axis is cropped or zero-padded to it; negative (-1) for the axis length
     * @param axis the axis; negative counts from the end
     * @param norm which direction is scaled
     * @return a new complex128 array, {@code n/2 + 1} long on the axis
     * @throws IllegalArgumentException  if {@code x} is complex128, or {@code n} is 0 or too large, or is negative and the
     *                                   axis empty
     * @throws IndexOutOfBoundsException if the axis is out of range
     */
    public static NDArray rfft(NDArray x, long n, int axis, Norm norm) {
        requireReal(x, "rfft");
        int ax = Shapes.normalizeAxis(axis, x.ndim());
        long len = n < 0 ? x.shape[ax] : checkLength(n, "rfft");
        NDArray full = c2c(x, len, ax, norm, false);
        return full.slice(ax, 0L, len / 2 + 1, 1).copy();
    }

    /**
     * {@code np.fft.rfft(x)}: along the last axis, unscaled.
     *
     * @param x the input, any real dtype, at least 1-D
     * @return a new complex128 array, {@code len/2 + 1} long on the last axis
     * @throws IllegalArgumentException if {@code x} is complex128
     */
    public static NDArray rfft(NDArray x) { return rfft(x, -1, -1, Norm.BACKWARD); }

    /**
     * {@code np.fft.irfft(x, n, axis, norm)}: the real signal of length {@code n} (default {@code 2 * (m - 1)} for
     * {@code m} input frequencies) whose spectrum's non-negative half is {@code x}; float64. The imaginary parts of
     * frequency 0 (and of {@code n/2} for even {@code n}) are dropped, as NumPy does.
     *
     * @param x    the non-negative half of a spectrum, any real or complex dtype
     * @param n    the output length; negative (-1) for {@code 2 * (m - 1)}
     * @param axis the axis; negative counts from the end
     * @param norm which direction is scaled
     * @return a new float64 array, {@code n} long on the axis
     * @throws IllegalArgumentException  if {@code n} is 0 or too large, or is negative with fewer than 2 frequencies
     * @throws IndexOutOfBoundsException if the axis is out of range
     */
    public static NDArray irfft(NDArray x, long n, int axis, Norm norm) {
        int ax = Shapes.normalizeAxis(axis, x.ndim());
        long m = x.shape[ax];
        long len = n < 0 ? 2 * (m - 1) : checkLength(n, "irfft");
        if (len < 1) throw new IllegalArgumentException("irfft got an axis of " + m + " frequencies, expected at least 2 (or give n)");
        // the Hermitian extension: X[k] for k <= len/2 from x (cropped or zero-padded), X[len-k] = conj(X[k])
        long half = len / 2 + 1;
        NDArray z = x.dtype.isComplex() ? x : x.astype(DType.COMPLEX128);
        long[] s = z.shapeArray();
        s[ax] = len;
        NDArray spec = NDArray.zeros(DType.COMPLEX128, s);
        long take = Math.min(half, m);
        spec.slice(ax, 0L, take, 1).assign(z.slice(ax, 0L, take, 1));
        long mirror = len - half; // k = half .. len-1 take conj of X[len - k] = X[len-half .. 1]
        if (mirror > 0) {
            long from = Math.min(mirror, take - 1);
            if (from > 0) {
                NDArray src = z.slice(ax, 1L, from + 1, 1).conj();
                // X[len - k] for k = 1..from goes to index len - k: a reversed slice
                spec.slice(ax, len - 1, len - from - 1, -1).assign(src);
            }
        }
        return c2c(spec, len, ax, norm, true).real();
    }

    /**
     * {@code np.fft.irfft(x)}: along the last axis, scaled by 1/n, {@code n = 2 * (m - 1)}.
     *
     * @param x the non-negative half of a spectrum, at least 2 long on the last axis
     * @return a new float64 array
     * @throws IllegalArgumentException if the last axis has fewer than 2 frequencies
     */
    public static NDArray irfft(NDArray x) { return irfft(x, -1, -1, Norm.BACKWARD); }

    /**
     * {@code np.fft.fftn(x, s, axes, norm)}: 1-D transforms along each of {@code axes} (null: all), lengths {@code s}
     * (null: as is).
     *
     * @param x    the input, any real or complex dtype
     * @param s    the transform length per axis (the axis cropped or zero-padded to it), or null for the axes' lengths
     * @param axes the axes, not repeated; negative count from the end; null for the last {@code s.length} (all if
     *             {@code s} is null too)
     * @param norm which direction is scaled
     * @return a new complex128 array
     * @throws IllegalArgumentException  if {@code s} and {@code axes} differ in length, an axis repeats, there is no
     *                                   axis, or a length is 0
     * @throws IndexOutOfBoundsException if an axis is out of range
     */
    public static NDArray fftn(NDArray x, long[] s, int[] axes, Norm norm) { return nd(x, s, axes, norm, false); }

    /**
     * {@code np.fft.ifftn(x, s, axes, norm)}: 1-D inverse transforms along each of {@code axes}, as {@link #fftn}.
     *
     * @param x    the input, any real or complex dtype
     * @param s    the transform length per axis (the axis cropped or zero-padded to it), or null for the axes' lengths
     * @param axes the axes, not repeated; negative count from the end; null for the last {@code s.length} (all if
     *             {@code s} is null too)
     * @param norm which direction is scaled
     * @return a new complex128 array
     * @throws IllegalArgumentException  if {@code s} and {@code axes} differ in length, an axis repeats, there is no
     *                                   axis, or a length is 0
     * @throws IndexOutOfBoundsException if an axis is out of range
     */
    public static NDArray ifftn(NDArray x, long[] s, int[] axes, Norm norm) { return nd(x, s, axes, norm, true); }

    /**
     * {@code np.fft.fft2(x)}: the last two axes.
     *
     * @param x the input, any real or complex dtype, at least 2-D
     * @return a new complex128 array of {@code x}'s shape
     * @throws IndexOutOfBoundsException if {@code x} has fewer than 2 axes
     */
    public static NDArray fft2(NDArray x) { return fftn(x, null, new int[] {-2, -1}, Norm.BACKWARD); }

    /**
     * {@code np.fft.ifft2(x)}: the inverse over the last two axes.
     *
     * @param x the input, any real or complex dtype, at least 2-D
     * @return a new complex128 array of {@code x}'s shape
     * @throws IndexOutOfBoundsException if {@code x} has fewer than 2 axes
     */
    public static NDArray ifft2(NDArray x) { return ifftn(x, null, new int[] {-2, -1}, Norm.BACKWARD); }

    /**
     * {@code np.fft.rfftn(x, s, axes, norm)}: rfft along the last of {@code axes}, fft along the others.
     *
     * @param x    the input, any real dtype
     * @param s    the transform length per axis (the axis cropped or zero-padded to it), or null for the axes' lengths
     * @param axes the axes, not repeated; negative count from the end; null for the last {@code s.length} (all if
     *             {@code s} is null too)
     * @param norm which direction is scaled
     * @return a new complex128 array, {@code s[-1]/2 + 1} long on the last transformed axis
     * @throws IllegalArgumentException  if {@code x} is complex128, {@code s} and {@code axes} differ in length, an axis repeats, there is no
     *                                   axis, or a length is 0
     * @throws IndexOutOfBoundsException if an axis is out of range
     */
    public static NDArray rfftn(NDArray x, long[] s, int[] axes, Norm norm) {
        int[] ax = axes(x.ndim(), axes, s);
        int last = ax.length - 1;
        NDArray r = rfft(x, s == null ? -1 : s[last], ax[last], norm);
        for (int i = last - 1; i >= 0; i--) r = fft(r, s == null ? -1 : s[i], ax[i], norm);
        return r;
    }

    /**
     * {@code np.fft.irfftn(x, s, axes, norm)}: ifft along all but the last of {@code axes}, irfft along the last.
     *
     * @param x    the input, any real or complex dtype
     * @param s    the output length per axis, or null for the axes' lengths (and {@code 2 * (m - 1)} on the last)
     * @param axes the axes, not repeated; negative count from the end; null for the last {@code s.length} (all if
     *             {@code s} is null too)
     * @param norm which direction is scaled
     * @return a new float64 array
     * @throws IllegalArgumentException  if {@code s} and {@code axes} differ in length, an axis repeats, there is no
     *                                   axis, or a length is 0
     * @throws IndexOutOfBoundsException if an axis is out of range
     */
    public static NDArray irfftn(NDArray x, long[] s, int[] axes, Norm norm) {
        int[] ax = axes(x.ndim(), axes, s);
        int last = ax.length - 1;
        NDArray r = x;
        for (int i = 0; i < last; i++) r = ifft(r, s == null ? -1 : s[i], ax[i], norm);
        return irfft(r, s == null ? -1 : s[last], ax[last], norm);
    }

    private static NDArray nd(NDArray x, long[] s, int[] axes, Norm norm, boolean inverse) {
        int[] ax = axes(x.ndim(), axes, s);
        NDArray r = x;
        for (int i = ax.length - 1; i >= 0; i--) r = c2c(r, s == null ? -1 : s[i], ax[i], norm, inverse);
        return r;
    }

    /**
     * Normalised axes for an n-d transform; checks that {@code s} matches and the axes do not repeat.
     *
     * @param ndim the input's number of axes
     * @param axes the axes asked for, negative counting from the end, or null for the last {@code s.length} (all if
     *             {@code s} is null too)
     * @param s    the transform lengths, or null
     * @return the axes, each in {@code [0, ndim)}, in the order given
     * @throws IllegalArgumentException  if {@code s} and {@code axes} differ in length, an axis repeats, or there is
     *                                   no axis
     * @throws IndexOutOfBoundsException if an axis is out of range
     */
    public static int[] axes(int ndim, int[] axes, long[] s) {
        int[] ax;
        if (axes == null) {
            int k = s == null ? ndim : s.length;
            if (k > ndim) throw new IllegalArgumentException("got " + k + " transform lengths, expected at most " + ndim + " (the dimension)");
            ax = new int[k];
            for (int i = 0; i < k; i++) ax[i] = ndim - k + i;
        } else {
            ax = new int[axes.length];
            boolean[] seen = new boolean[ndim];
            for (int i = 0; i < axes.length; i++) {
                ax[i] = Shapes.normalizeAxis(axes[i], ndim);
                if (seen[ax[i]]) throw new IllegalArgumentException("got repeated axis " + axes[i] + " in " + java.util.Arrays.toString(axes));
                seen[ax[i]] = true;
            }
        }
        if (s != null && s.length != ax.length) {
            throw new IllegalArgumentException("got " + s.length + " lengths s for " + ax.length + " axes, expected one per axis");
        }
        if (ax.length == 0) throw new IllegalArgumentException("got no axes to transform, expected at least one");
        return ax;
    }

    private static long checkLength(long n, String what) {
        if (n < 1) throw new IllegalArgumentException(what + " got n = " + n + ", expected n >= 1 (or -1 for the axis length)");
        if (n > Integer.MAX_VALUE / 2) throw new IllegalArgumentException(what + " got n = " + n + ", expected at most " + Integer.MAX_VALUE / 2);
        return n;
    }

    private static void requireReal(NDArray x, String what) {
        if (x.dtype.isComplex()) throw new IllegalArgumentException(what + " needs a real input, got complex128 (use fft)");
    }

    /** The complex transform of {@code x} along {@code axis} with length {@code n} (-1: the axis length). */
    static NDArray c2c(NDArray x, long n0, int axis, Norm norm, boolean inverse) {
        int ax = Shapes.normalizeAxis(axis, x.ndim());
        int len = (int) x.shape[ax];
        int n = (int) (n0 < 0 ? len : checkLength(n0, inverse ? "ifft" : "fft"));
        if (n < 1) throw new IllegalArgumentException((inverse ? "ifft" : "fft") + " got an empty axis " + axis + ", expected n >= 1");
        double scale = norm.scale(n, inverse);
        boolean complexIn = x.dtype.isComplex();
        NDArray in = complexIn ? x.contiguous() : x.astype(DType.FLOAT64);
        long[] os = x.shapeArray();
        os[ax] = n;
        NDArray out = NDArray.zeros(DType.COMPLEX128, os);
        long outer = 1, inner = 1;
        for (int d = 0; d < ax; d++) outer *= x.shape[d];
        for (int d = ax + 1; d < x.ndim(); d++) inner *= x.shape[d];
        if (outer * inner == 0) return out;
        double[] src = (double[]) in.data, dst = (double[]) out.data;
        int inOff = in.offset, take = Math.min(len, n);
        FftPlan plan = FftPlan.of(n);
        int batch = (int) Math.min(BATCH, inner);
        double[][] br = new double[batch][n], bi = new double[batch][n];
        double[] sr = new double[n], si = new double[n];
        long inStride = inner, laneIn = (long) len * inner, laneOut = (long) n * inner;
        for (long o = 0; o < outer; o++) {
            for (long i0 = 0; i0 < inner; i0 += batch) {
                int b = (int) Math.min(batch, inner - i0);
                long base = inOff + o * laneIn + i0;
                for (int k = 0; k < take; k++) {
                    long p = base + k * inStride;
                    if (complexIn) {
                        for (int j = 0; j < b; j++) {
                            br[j][k] = src[(int) (2 * (p + j))];
                            bi[j][k] = src[(int) (2 * (p + j)) + 1];
                        }
                    } else {
                        for (int j = 0; j < b; j++) {
                            br[j][k] = src[(int) (p + j)];
                            bi[j][k] = 0;
                        }
                    }
                }
                for (int j = 0; j < b; j++) {
                    java.util.Arrays.fill(br[j], take, n, 0.0);
                    java.util.Arrays.fill(bi[j], take, n, 0.0);
                    if (inverse) plan.inverse(br[j], bi[j], sr, si); else plan.forward(br[j], bi[j], sr, si);
                }
                long obase = o * laneOut + i0;
                for (int k = 0; k < n; k++) {
                    long p = obase + (long) k * inner;
                    for (int j = 0; j < b; j++) {
                        int q = (int) (2 * (p + j));
                        dst[q] = br[j][k] * scale;
                        dst[q + 1] = bi[j][k] * scale;
                    }
                }
            }
        }
        return out;
    }

    /**
     * {@code np.fft.fftfreq(n, d)}: {@code [0, 1, ..., n/2-1 (or (n-1)/2), -n/2, ..., -1] / (d n)}, float64.
     *
     * @param n the transform length, &gt;= 1
     * @param d the sample spacing (1 for cycles per sample)
     * @return a new float64 array of length {@code n}
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public static NDArray fftfreq(long n, double d) {
        if (n < 1) throw new IllegalArgumentException("fftfreq got n = " + n + ", expected n >= 1");
        double[] f = new double[Math.toIntExact(n)];
        double v = 1.0 / (n * d);
        long pos = (n - 1) / 2 + 1;
        for (int i = 0; i < n; i++) f[i] = (i < pos ? i : i - n) * v;
        return NDArray.fromArray(f);
    }

    /**
     * {@code np.fft.rfftfreq(n, d)}: {@code [0, 1, ..., n/2] / (d n)}, float64.
     *
     * @param n the transform length, &gt;= 1
     * @param d the sample spacing
     * @return a new float64 array of length {@code n/2 + 1}
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public static NDArray rfftfreq(long n, double d) {
        if (n < 1) throw new IllegalArgumentException("rfftfreq got n = " + n + ", expected n >= 1");
        double[] f = new double[Math.toIntExact(n / 2 + 1)];
        double v = 1.0 / (n * d);
        for (int i = 0; i < f.length; i++) f[i] = i * v;
        return NDArray.fromArray(f);
    }

    /**
     * {@code np.fft.fftshift(x, axes)}: rolls each axis (null: all) by {@code len / 2} so frequency 0 is centred.
     *
     * @param x    the array, any dtype
     * @param axes the axes to roll, negative counting from the end, or null for all
     * @return a new array of {@code x}'s shape and dtype
     * @throws IndexOutOfBoundsException if an axis is out of range
     */
    public static NDArray fftshift(NDArray x, int[] axes) { return shift(x, axes, false); }

    /**
     * {@code np.fft.ifftshift(x, axes)}: the inverse of {@link #fftshift} (rolls by {@code -(len / 2)}).
     *
     * @param x    the array, any dtype
     * @param axes the axes to roll, negative counting from the end, or null for all
     * @return a new array of {@code x}'s shape and dtype
     * @throws IndexOutOfBoundsException if an axis is out of range
     */
    public static NDArray ifftshift(NDArray x, int[] axes) { return shift(x, axes, true); }

    private static NDArray shift(NDArray x, int[] axes, boolean inverse) {
        int[] ax = axes == null ? null : axes.clone();
        if (ax == null) {
            ax = new int[x.ndim()];
            for (int i = 0; i < ax.length; i++) ax[i] = i;
        }
        NDArray r = x;
        for (int a : ax) {
            int d = Shapes.normalizeAxis(a, x.ndim());
            long len = x.shape[d];
            long k = inverse ? len - len / 2 : len / 2; // roll right by k
            if (len == 0 || k % len == 0) continue;
            NDArray out = NDArray.zeros(r.dtype, r.shape);
            out.slice(d, k, len, 1).assign(r.slice(d, 0L, len - k, 1));
            out.slice(d, 0L, k, 1).assign(r.slice(d, len - k, len, 1));
            r = out;
        }
        return r == x ? x.copy() : r;
    }
}
