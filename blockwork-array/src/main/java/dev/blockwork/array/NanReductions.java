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

    /** {@code np.count_nonzero}: int64 counts of elements that are not 0 (NaN counts). */
    static DArray countNonzero(DArray x, int[] axes, boolean keepDims) {
        return x.astype(DType.BOOL).sum(axes, keepDims);
    }
}
