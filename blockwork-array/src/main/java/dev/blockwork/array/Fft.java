package dev.blockwork.array;

import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.Fft.Norm;
import dev.blockwork.ndarray.NDArray;

/**
 * Dask's {@code dask.array.fft} for {@link DArray}: {@code fft ifft rfft irfft}, {@code fft2 ifft2 rfft2 irfft2},
 * {@code fftn ifftn rfftn irfftn}, {@code fftfreq rfftfreq fftshift ifftshift}, with NumPy's arguments ({@code n}
 * or {@code s} lengths, axes, {@link Norm}) and dtypes (complex128 results, float64 for the inverse real transforms).
 *
 * <p><b>Chunking.</b> A 1-D transform needs each lane whole. Where Dask raises when the axis has several chunks,
 * Blockwork rechunks that axis into one chunk (the other axes keep theirs) and transforms each block with
 * {@link dev.blockwork.ndarray.Fft}; a lane must therefore fit in one task. An n-dimensional transform is the 1-D
 * transforms one axis after the other (last axis first), each with its own rechunk: the array is never one block,
 * so blocks are transformed in parallel, at the cost of one rechunk (a transpose-like all-to-all) per axis after
 * the first. Rechunk the input first to choose the block shapes yourself.
 */
public final class Fft {
    private Fft() {}

    private enum Kind { C2C, INVERSE_C2C, R2C, C2R }

    /**
     * {@code da.fft.fft(x, n, axis, norm)}: the complex transform along one axis, which is rechunked to one block
     * (lazy: only builds the graph).
     *
     * @param x    the input, real or complex
     * @param n    the transform length (the axis is cropped or zero-padded to it); -1 keeps the axis length
     * @param axis the axis, negative from the end
     * @param norm the scaling ({@code BACKWARD}: none forwards, 1/n backwards)
     * @return the complex128 transform, the axis of length {@code n} in one block
     * @throws IllegalArgumentException if {@code n} is 0 or below -1, the axis is empty and {@code n} is -1, or
     *         {@code axis} is out of range
     */
    public static DArray fft(DArray x, long n, int axis, Norm norm) { return along(x, n, axis, norm, Kind.C2C); }

    /**
     * {@code da.fft.fft(x)}: along the last axis, its own length, no scaling.
     *
     * @param x the input, real or complex
     * @return the complex128 transform, the last axis in one block
     */
    public static DArray fft(DArray x) { return fft(x, -1, -1, Norm.BACKWARD); }

    /**
     * {@code da.fft.ifft(x, n, axis, norm)}: the inverse complex transform along one axis, rechunked to one block.
     *
     * @param x    the input, real or complex
     * @param n    the transform length; -1 keeps the axis length
     * @param axis the axis, negative from the end
     * @param norm the scaling ({@code BACKWARD}: 1/n)
     * @return the complex128 inverse, the axis of length {@code n} in one block
     * @throws IllegalArgumentException as {@link #fft(DArray, long, int, Norm)}
     */
    public static DArray ifft(DArray x, long n, int axis, Norm norm) { return along(x, n, axis, norm, Kind.INVERSE_C2C); }

    /**
     * {@code da.fft.ifft(x)}: along the last axis, its own length, scaled by 1/n.
     *
     * @param x the input, real or complex
     * @return the complex128 inverse
     */
    public static DArray ifft(DArray x) { return ifft(x, -1, -1, Norm.BACKWARD); }

    /**
     * {@code da.fft.rfft(x, n, axis, norm)}: the {@code n/2 + 1} non-negative frequencies of a real input along one
     * axis, rechunked to one block.
     *
     * @param x    the real input
     * @param n    the transform length; -1 keeps the axis length
     * @param axis the axis, negative from the end
     * @param norm the scaling
     * @return the complex128 half spectrum, the axis of length {@code n/2 + 1} in one block
     * @throws IllegalArgumentException if {@code x} is complex, or as {@link #fft(DArray, long, int, Norm)}
     */
    public static DArray rfft(DArray x, long n, int axis, Norm norm) {
        if (x.dtype().isComplex()) throw new IllegalArgumentException("rfft needs a real input, got complex128 (use fft)");
        return along(x, n, axis, norm, Kind.R2C);
    }

    /**
     * {@code da.fft.rfft(x)}: along the last axis, its own length, no scaling.
     *
     * @param x the real input
     * @return the complex128 half spectrum
     * @throws IllegalArgumentException if {@code x} is complex
     */
    public static DArray rfft(DArray x) { return rfft(x, -1, -1, Norm.BACKWARD); }

    /**
     * {@code da.fft.irfft(x, n, axis, norm)}: a real (float64) signal of length {@code n}, default {@code 2 (m - 1)},
     * from a half spectrum of length {@code m} along one axis, rechunked to one block.
     *
     * @param x    the half spectrum
     * @param n    the output length; -1 for {@code 2 (m - 1)}
     * @param axis the axis, negative from the end
     * @param norm the scaling ({@code BACKWARD}: 1/n)
     * @return the float64 signal, the axis of length {@code n} in one block
     * @throws IllegalArgumentException if {@code n} is 0 or below -1, or the output length would be below 1
     */
    public static DArray irfft(DArray x, long n, int axis, Norm norm) { return along(x, n, axis, norm, Kind.C2R); }

    /**
     * {@code da.fft.irfft(x)}: along the last axis, length {@code 2 (m - 1)}, scaled by 1/n.
     *
     * @param x the half spectrum
     * @return the float64 signal
     */
    public static DArray irfft(DArray x) { return irfft(x, -1, -1, Norm.BACKWARD); }

    /**
     * {@code da.fft.fftn(x, s, axes, norm)}: null {@code axes} is all axes (or the last {@code s.length}). One 1-D
     * transform per axis, last axis first, each with its own rechunk.
     *
     * @param x    the input, real or complex
     * @param s    the transform length per axis of {@code axes}, or {@code null} for the axis lengths
     * @param axes the axes, or {@code null}
     * @param norm the scaling
     * @return the complex128 transform
     * @throws IllegalArgumentException if {@code s} and {@code axes} differ in length, or as {@link #fft(DArray, long, int, Norm)}
     */
    public static DArray fftn(DArray x, long[] s, int[] axes, Norm norm) {
        int[] ax = dev.blockwork.ndarray.Fft.axes(x.ndim(), axes, s);
        DArray r = x;
        for (int i = ax.length - 1; i >= 0; i--) r = fft(r, s == null ? -1 : s[i], ax[i], norm);
        return r;
    }

    /**
     * {@code da.fft.ifftn(x, s, axes, norm)}: the inverse of {@link #fftn}, one axis after the other.
     *
     * @param x    the input, real or complex
     * @param s    the transform length per axis of {@code axes}, or {@code null} for the axis lengths
     * @param axes the axes, or {@code null} for all (or the last {@code s.length})
     * @param norm the scaling
     * @return the complex128 inverse
     * @throws IllegalArgumentException as {@link #fftn}
     */
    public static DArray ifftn(DArray x, long[] s, int[] axes, Norm norm) {
        int[] ax = dev.blockwork.ndarray.Fft.axes(x.ndim(), axes, s);
        DArray r = x;
        for (int i = ax.length - 1; i >= 0; i--) r = ifft(r, s == null ? -1 : s[i], ax[i], norm);
        return r;
    }

    /**
     * {@code da.fft.rfftn(x, s, axes, norm)}: rfft along the last of {@code axes}, then fft along the others.
     *
     * @param x    the real input
     * @param s    the transform length per axis of {@code axes}, or {@code null} for the axis lengths
     * @param axes the axes, or {@code null} for all (or the last {@code s.length})
     * @param norm the scaling
     * @return the complex128 transform, the last axis halved to {@code n/2 + 1}
     * @throws IllegalArgumentException if {@code x} is complex, or as {@link #fftn}
     */
    public static DArray rfftn(DArray x, long[] s, int[] axes, Norm norm) {
        int[] ax = dev.blockwork.ndarray.Fft.axes(x.ndim(), axes, s);
        int last = ax.length - 1;
        DArray r = rfft(x, s == null ? -1 : s[last], ax[last], norm);
        for (int i = last - 1; i >= 0; i--) r = fft(r, s == null ? -1 : s[i], ax[i], norm);
        return r;
    }

    /**
     * {@code da.fft.irfftn(x, s, axes, norm)}: ifft along all but the last of {@code axes}, then irfft along it.
     *
     * @param x    the half spectrum
     * @param s    the output length per axis of {@code axes}, or {@code null} (the last axis then {@code 2 (m - 1)})
     * @param axes the axes, or {@code null} for all (or the last {@code s.length})
     * @param norm the scaling
     * @return the float64 signal
     * @throws IllegalArgumentException as {@link #fftn}
     */
    public static DArray irfftn(DArray x, long[] s, int[] axes, Norm norm) {
        int[] ax = dev.blockwork.ndarray.Fft.axes(x.ndim(), axes, s);
        int last = ax.length - 1;
        DArray r = x;
        for (int i = 0; i < last; i++) r = ifft(r, s == null ? -1 : s[i], ax[i], norm);
        return irfft(r, s == null ? -1 : s[last], ax[last], norm);
    }

    /**
     * {@code da.fft.fft2(x)}: the last two axes.
     *
     * @param x the input, at least 2-D
     * @return the complex128 transform
     */
    public static DArray fft2(DArray x) { return fftn(x, null, new int[] {-2, -1}, Norm.BACKWARD); }

    /**
     * {@code da.fft.ifft2(x)}: the inverse over the last two axes.
     *
     * @param x the input, at least 2-D
     * @return the complex128 inverse
     */
    public static DArray ifft2(DArray x) { return ifftn(x, null, new int[] {-2, -1}, Norm.BACKWARD); }

    /**
     * {@code da.fft.rfft2(x)}: the real transform over the last two axes (the last halved).
     *
     * @param x the real input, at least 2-D
     * @return the complex128 half spectrum
     */
    public static DArray rfft2(DArray x) { return rfftn(x, null, new int[] {-2, -1}, Norm.BACKWARD); }

    /**
     * {@code da.fft.irfft2(x)}: the inverse real transform over the last two axes.
     *
     * @param x the half spectrum, at least 2-D
     * @return the float64 signal
     */
    public static DArray irfft2(DArray x) { return irfftn(x, null, new int[] {-2, -1}, Norm.BACKWARD); }

    /**
     * {@code da.fft.fftfreq(n, d, chunks)}: the sample frequencies of an {@code n}-point transform, float64
     * (computed now, then cut into blocks).
     *
     * @param n      the transform length
     * @param d      the sample spacing
     * @param chunks the blocks of the result
     * @return {@code [0, 1, ..., n/2-1, -n/2, ..., -1] / (d n)}
     */
    public static DArray fftfreq(long n, double d, ChunkSpec chunks) {
        return DArray.fromArray(dev.blockwork.ndarray.Fft.fftfreq(n, d), chunks);
    }

    /**
     * {@code da.fft.rfftfreq(n, d, chunks)}: the {@code n/2 + 1} non-negative frequencies, float64.
     *
     * @param n      the transform length
     * @param d      the sample spacing
     * @param chunks the blocks of the result
     * @return {@code [0, 1, ..., n/2] / (d n)}
     */
    public static DArray rfftfreq(long n, double d, ChunkSpec chunks) {
        return DArray.fromArray(dev.blockwork.ndarray.Fft.rfftfreq(n, d), chunks);
    }

    /**
     * {@code da.fft.fftshift(x, axes)}: rolls each axis (null: all) by {@code len / 2}; keeps the chunks.
     *
     * @param x    the spectrum
     * @param axes the axes to shift, or {@code null} for all
     * @return the spectrum with the zero frequency in the middle
     */
    public static DArray fftshift(DArray x, int[] axes) { return shift(x, axes, false); }

    /**
     * {@code da.fft.ifftshift(x, axes)}: the inverse roll, {@code -(len / 2)}.
     *
     * @param x    the shifted spectrum
     * @param axes the axes to shift back, or {@code null} for all
     * @return the spectrum with the zero frequency first
     */
    public static DArray ifftshift(DArray x, int[] axes) { return shift(x, axes, true); }

    private static DArray shift(DArray x, int[] axes, boolean inverse) {
        int[] ax = axes;
        if (ax == null) {
            ax = new int[x.ndim()];
            for (int i = 0; i < ax.length; i++) ax[i] = i;
        }
        DArray r = x;
        for (int a : ax) {
            int d = ShapeOps.axis(a, x.ndim());
            long len = x.shape[d];
            r = r.roll(inverse ? -(len / 2) : len / 2, d);
        }
        return r;
    }

    private static DArray along(DArray x, long n, int axis0, Norm norm, Kind kind) {
        int axis = ShapeOps.axis(axis0, x.ndim());
        long len = x.shape[axis];
        if (n == 0 || n < -1) throw new IllegalArgumentException(kind.name().toLowerCase() + " got n = " + n + ", expected n >= 1 (or -1 for the axis length)");
        long out = switch (kind) {
            case C2C, INVERSE_C2C -> n < 0 ? len : n;
            case R2C -> (n < 0 ? len : n) / 2 + 1;
            case C2R -> n < 0 ? 2 * (len - 1) : n;
        };
        if (out < 1 || (kind != Kind.C2R && n < 0 && len == 0)) {
            throw new IllegalArgumentException(kind.name().toLowerCase() + " got an axis " + axis0 + " of length " + len
                    + ", which gives no transform length; expected a longer axis or an explicit n");
        }
        DType outDtype = kind == Kind.C2R ? DType.FLOAT64 : DType.COMPLEX128;
        long[][] c = x.chunks().sizes();
        c[axis] = new long[] {len};
        DArray whole = x.rechunk(Chunks.ofTrusted(c));
        long[][] oc = whole.chunks().sizes();
        oc[axis] = new long[] {out};
        return whole.mapBlocks((b, info) -> switch (kind) {
            case C2C -> dev.blockwork.ndarray.Fft.fft(b, n, axis, norm);
            case INVERSE_C2C -> dev.blockwork.ndarray.Fft.ifft(b, n, axis, norm);
            case R2C -> dev.blockwork.ndarray.Fft.rfft(b, n, axis, norm);
            case C2R -> dev.blockwork.ndarray.Fft.irfft(b, n, axis, norm);
        }, Chunks.ofTrusted(oc), outDtype);
    }
}
