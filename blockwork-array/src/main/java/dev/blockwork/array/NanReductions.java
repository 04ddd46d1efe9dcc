package dev.blockwork.array;

import dev.blockwork.ndarray.DType;

/**
 * NaN-ignoring reductions and counts ({@code np.nansum}, {@code nanmean}, {@code nanmin}, {@code nanmax},
 * {@code count_nonzero}), built from fused element-wise operations and the ordinary reductions, so they
 * inherit the tree combine and the fusion with their input: {@code x.nansum()} is one pass over each block.
 * Integer and bool inputs have no NaN and give the plain reduction. NumPy's all-NaN rules: {@code nansum} 0,
 * {@code nanmean}/{@code nanmin}/{@code nanmax} NaN (NumPy also warns).
 */
final class NanReductions {
    private NanReductions() {}

    static DArray nansum(DArray x, int[] axes, boolean keepDims) {
        return x.dtype().isFloat() ? DArray.where(x.isnan(), 0.0, x).sum(axes, keepDims) : x.sum(axes, keepDims);
    }

    static DArray nanmean(DArray x, int[] axes, boolean keepDims) {
        if (!x.dtype().isFloat()) return x.mean(axes, keepDims);
        DArray count = x.isnan().not().sum(axes, keepDims);
        return nansum(x, axes, keepDims).div(count).astype(DType.resultOfMean(x.dtype()));
    }

    static DArray nanmin(DArray x, int[] axes, boolean keepDims, boolean max) {
        if (!x.dtype().isFloat()) return max ? x.max(axes, keepDims) : x.min(axes, keepDims);
        DArray nan = x.isnan();
        DArray filled = DArray.where(nan, max ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY, x);
        DArray m = max ? filled.max(axes, keepDims) : filled.min(axes, keepDims);
        return DArray.where(nan.all(axes, keepDims), Double.NaN, m);
    }

    static DArray nanprod(DArray x, int[] axes, boolean keepDims) {
        return x.dtype().isFloat() ? DArray.where(x.isnan(), 1.0, x).prod(axes, keepDims) : x.prod(axes, keepDims);
    }

    /**
     * {@code np.nanvar}: two passes, the NaN-free mean (keepdims) then the NaN-free sum of squared deviations,
     * divided by {@code max(count - ddof, 0)} (inf or NaN when that is 0, as {@link DArray#var}).
     */
    static DArray nanvar(DArray x, int ddof, int[] axes, boolean keepDims, boolean std) {
        if (!x.dtype().isFloat()) return std ? x.std(ddof, axes, keepDims) : x.var(ddof, axes, keepDims);
        DArray nan = x.isnan();
        DArray count = nan.not().sum(axes, true);
        DArray mean = nansum(x, axes, true).div(count);
        DArray dev = DArray.where(nan, 0.0, x.sub(mean));
        DArray v = dev.mul(dev).sum(axes, true).div(count.sub((long) ddof).maximum(0L));
        if (std) v = v.sqrt();
        if (!keepDims) v = v.squeeze(ReductionBuilder.normalizeAxes(axes, x.ndim()));
        return v.astype(DType.resultOfMean(x.dtype()));
    }

    /**
     * {@code np.nanargmin}/{@code nanargmax}: NaNs replaced by +inf (-inf), then argmin (argmax), as NumPy does; an
     * all-NaN slice gives the index of its first element (NumPy raises ValueError).
     */
    static DArray nanarg(DArray x, Integer axis, boolean max) {
        DArray y = x.dtype().isFloat() ? DArray.where(x.isnan(), max ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY, x) : x;
        if (axis == null) return max ? y.argmax() : y.argmin();
        return max ? y.argmax(axis) : y.argmin(axis);
    }

    /** {@code np.nancumsum}/{@code nancumprod}: NaNs count as 0 (1). */
    static DArray nancumulative(DArray x, int axis, boolean prod) {
        DArray y = x.dtype().isFloat() ? DArray.where(x.isnan(), prod ? 1.0 : 0.0, x) : x;
        return prod ? y.cumprod(axis) : y.cumsum(axis);
    }

    /** {@code np.count_nonzero}: int64 counts of elements that are not 0 (NaN counts). */
    static DArray countNonzero(DArray x, int[] axes, boolean keepDims) {
        return x.astype(DType.BOOL).sum(axes, keepDims);
    }
}
