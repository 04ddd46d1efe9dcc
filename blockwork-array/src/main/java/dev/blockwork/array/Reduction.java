package dev.blockwork.array;

/**
 * The reductions {@link DArray#reduce} offers, with NumPy's result dtypes: SUM/PROD of ints and bool give int64,
 * MIN/MAX keep the dtype, MEAN/VAR/STD give float64 (float32 stays float32), ANY/ALL give bool,
 * ARGMIN/ARGMAX give int64 (over one axis or, flattened, over all).
 */
public enum Reduction { SUM, PROD, MIN, MAX, ANY, ALL, MEAN, VAR, STD, ARGMIN, ARGMAX }
