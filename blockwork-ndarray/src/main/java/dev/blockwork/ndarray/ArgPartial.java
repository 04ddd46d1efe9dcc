package dev.blockwork.ndarray;

/**
 * A mergeable partial for argmin/argmax: the best value seen and its flat index. Blocks report local flat
 * indices; {@link #globalize} maps one to the flat index in the whole (chunked) array, and {@link #merge}
 * keeps NumPy's rules: the first NaN wins, ties go to the smaller index.
 *
 * @param value the best value (NaN if any element was NaN)
 * @param index its C-order flat index (-1 for an empty partial)
 */
public record ArgPartial(double value, long index) implements java.io.Serializable {
    /** The partial of no elements (a block of size 0); merging with it gives the other partial. */
    public static final ArgPartial EMPTY = new ArgPartial(Double.NaN, -1);

    /** {@return whether this partial saw no element} */
    public boolean isEmpty() { return index < 0; }

    /**
     * The better of two partials for argmax ({@code max} true) or argmin: a NaN beats any number, then the larger
     * (smaller) value, then the smaller index.
     *
     * @param o   the other partial
     * @param max true for argmax, false for argmin
     * @return {@code this} or {@code o}, whichever wins; the non-empty one if either is empty
     */
    public ArgPartial merge(ArgPartial o, boolean max) {
        if (o.isEmpty()) return this;
        if (isEmpty()) return o;
        boolean thisNan = Double.isNaN(value), oNan = Double.isNaN(o.value);
        if (thisNan || oNan) {
            if (thisNan && oNan) return index <= o.index ? this : o;
            return thisNan ? this : o;
        }
        if (value == o.value) return index <= o.index ? this : o;
        return (max ? o.value > value : o.value < value) ? o : this;
    }

    /**
     * This partial with its block-local flat index mapped to the flat index in a larger array.
     *
     * @param blockShape  the block's shape, which the local index counts in (C order)
     * @param blockOffset the block's first position in the larger array, per axis
     * @param globalShape the larger array's shape
     * @return the partial with the C-order flat index into {@code globalShape}; an empty one unchanged
     */
    public ArgPartial globalize(long[] blockShape, long[] blockOffset, long[] globalShape) {
        if (isEmpty()) return this;
        long rem = index, g = 0, gstride = 1;
        long[] local = new long[blockShape.length];
        for (int k = blockShape.length - 1; k >= 0; k--) {
            local[k] = rem % blockShape[k];
            rem /= blockShape[k];
        }
        for (int k = blockShape.length - 1; k >= 0; k--) {
            g += (blockOffset[k] + local[k]) * gstride;
            gstride *= globalShape[k];
        }
        return new ArgPartial(value, g);
    }
}
