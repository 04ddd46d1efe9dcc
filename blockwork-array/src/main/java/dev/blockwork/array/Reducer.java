package dev.blockwork.array;

import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.Expr;
import dev.blockwork.ndarray.NDArray;
import java.util.List;

/**
 * The arithmetic of one reduction in three steps (Dask's chunk / combine / aggregate): a mergeable partial
 * per block (or per strip of a block), a pairwise merge of partials, and the final values.
 * Partials keep the reduced axes as length 1 ("keepdims"), so merging is element-wise.
 * Implementations are immutable and thread-safe.
 */
interface Reducer extends java.io.Serializable {
    /** The result dtype. */
    DType outDtype();

    /** The expression actually reduced (e.g. cast to float64 for mean and variance). */
    default Expr prepare(Expr e) { return e; }

    /** Partial over every axis of a block, consuming the expression's tiles (never materialised). */
    Object partialAll(Expr e, long[] blockShape, long[] globalOffset, long[] globalShape);

    /**
     * Partial over every axis of a block whose every element is the constant {@code c}, in O(1) (constant folding
     * carried into reductions: {@code (ones*2 + 1).sum()} is {@code 3 * n}).
     */
    Object partialConstant(FusedNode.Full c, long[] blockShape, long[] globalOffset, long[] globalShape);

    /** Partial of an evaluated block (or strip) over {@code axes}, keepdims; {@code globalOffset} is its position. */
    Object partialAxes(NDArray block, int[] axes, long[] globalOffset);

    /**
     * Partial over {@code axes} (keepdims) of a block's expression, reduced by the ndarray kernel slab by slab
     * without materialising it; null when this reduction has no such kernel (the caller then evaluates strips).
     */
    default Object partialAxes(Expr e, int[] axes, long[] blockShape) { return null; }

    /** True when this reduction's partial over axis 0 can be built from float64 sums over axis 0 ({@link #fromLeadingSum}). */
    default boolean sumsLeadingAxisInFloat64() { return false; }

    /** The partial from float64 sums over axis 0 (keepdims) of {@code count} rows. */
    default Object fromLeadingSum(NDArray sums, long count) { throw new UnsupportedOperationException(); }

    /** Merges two partials of the same cells. */
    Object merge(Object a, Object b);

    /** Joins partials of consecutive strips along the (kept) axis {@code axis}. */
    Object concat(List<Object> parts, int axis);

    /** The final values (keepdims shape) of a fully merged partial. */
    NDArray finish(Object partial);

    /**
     * The partial of a block that is empty along a reduced axis, for reductions without an identity (min, max,
     * argmin, argmax): it merges as "nothing", so a 0-length block never reaches the kernel (which would throw
     * "zero-size array"). The builder has already refused reductions whose whole extent is empty.
     */
    enum Empty { PARTIAL }

    /** True for min/max/argmin/argmax: a block empty along a reduced axis has no partial (see {@link Empty}). */
    default boolean needsElements() { return false; }

    /** Merges a list of partials as a balanced pairwise tree, skipping {@link Empty#PARTIAL}s. */
    default Object mergeAll(List<Object> parts) {
        Object[] a = parts.stream().filter(p -> p != Empty.PARTIAL).toArray();
        if (a.length == 0) return Empty.PARTIAL;
        int n = a.length;
        while (n > 1) {
            int m = 0;
            for (int i = 0; i < n; i += 2) a[m++] = i + 1 < n ? merge(a[i], a[i + 1]) : a[i];
            n = m;
        }
        return a[0];
    }

    /** {@link #concatArrays} for partials that are NDArrays (reducers whose partial is one block), along {@code axis}. */
    static NDArray concatPartials(List<Object> parts, int axis) {
        List<NDArray> p = new java.util.ArrayList<>(parts.size());
        for (Object o : parts) p.add((NDArray) o);
        return concatArrays(p, axis);
    }

    static NDArray concatArrays(List<NDArray> parts, int axis) {
        if (parts.size() == 1) return parts.get(0);
        long[] s = parts.get(0).shapeArray();
        long total = 0;
        for (NDArray p : parts) total += p.shape(axis);
        s[axis] = total;
        NDArray out = NDArray.zeros(parts.get(0).dtype(), s);
        long at = 0;
        for (NDArray p : parts) {
            long n = p.shape(axis);
            out.slice(axis, at, at + n, 1).assign(p);
            at += n;
        }
        return out;
    }

    /** A shape of {@code ndim} ones (a keepdims scalar). */
    static long[] ones(int ndim) {
        long[] s = new long[ndim];
        java.util.Arrays.fill(s, 1);
        return s;
    }

    static Reducer of(Reduction op, DType in, int ddof, long[] globalShape, int ndim) {
        return switch (op) {
            case SUM, PROD, MIN, MAX, ANY, ALL -> new SimpleReducer(op, in, ndim);
            case MEAN -> new MeanReducer(in, ndim);
            case VAR, STD -> new MomentsReducer(in, ddof, op == Reduction.STD, ndim);
            case ARGMIN, ARGMAX -> new ArgReducer(op == Reduction.ARGMAX, globalShape, ndim);
        };
    }
}
