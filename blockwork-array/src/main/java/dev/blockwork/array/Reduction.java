package dev.blockwork.array;

/**
 * The reductions {@link DArray#reduce} offers, with NumPy's result dtypes: SUM/PROD of ints and bool give int64,
 * MIN/MAX keep the dtype, MEAN/VAR/STD give float64 (float32 stays float32), ANY/ALL give bool,
 * ARGMIN/ARGMAX give int64 (over one axis or, flattened, over all).
 */
public enum Reduction {
    /** {@code np.sum}: ints and bool sum to int64. */
    SUM,
    /** {@code np.prod}: ints and bool multiply to int64. */
    PROD,
    /** {@code np.min}: keeps the dtype. */
    MIN,
    /** {@code np.max}: keeps the dtype. */
    MAX,
    /** {@code np.any}: bool, true if any element is non-zero. */
    ANY,
    /** {@code np.all}: bool, true if every element is non-zero (true when empty). */
    ALL,
    /** {@code np.mean}: float64 (float32 stays float32). */
    MEAN,
    /** {@code np.var} with {@code ddof=0}: float64 (float32 stays float32). */
    VAR,
    /** {@code np.std} with {@code ddof=0}: float64 (float32 stays float32). */
    STD,
    /** {@code np.argmin}: int64 index of the first minimum. */
    ARGMIN,
    /** {@code np.argmax}: int64 index of the first maximum. */
    ARGMAX
}
