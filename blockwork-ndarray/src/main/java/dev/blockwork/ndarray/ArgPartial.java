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
    public static final ArgPartial EMPTY = new ArgPartial(Double.NaN, -1);

    public boolean isEmpty() { return index < 0; }

    /** The better of two partials for argmax ({@code max} true) or argmin. */
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

    /** This partial with its block-local flat index mapped to the flat index in a larger array. */
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
