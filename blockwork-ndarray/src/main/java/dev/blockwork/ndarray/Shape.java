package dev.blockwork.ndarray;

import java.util.Arrays;

/**
 * The extent of an array along each axis, like NumPy's and Dask's {@code .shape} tuple: both
 * {@link NDArray#shape()} and the chunked {@code DArray.shape()} return one, so shapes of the two compare with
 * {@link #equals}. Built with {@code Shape.of(1000, 1000)}; {@code Shape.of()} (or {@link #scalar()}) is 0-d.
 *
 * <p>Immutable and safe to share between threads. Extents are non-negative. {@link #toString()} prints NumPy's
 * tuple form: {@code (1000, 1000)}, {@code (5,)}, {@code ()}. Code that needs the raw extents in a loop uses
 * {@code shapeArray()} on the array (a {@code long[]} copy) or {@link #toArray()}.
 */
public final class Shape implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private static final Shape SCALAR = new Shape(new long[0]);

    /** The extents, outermost first; never written after construction, nor handed out. */
    private final long[] dims;

    private Shape(long[] dims) { this.dims = dims; }

    /**
     * A shape with these extents, copied.
     *
     * @param dims the extent of each axis, outermost first; none for a 0-d shape
     * @return the shape
     * @throws IllegalArgumentException when an extent is negative
     */
    public static Shape of(long... dims) {
        if (dims.length == 0) return SCALAR;
        for (long d : dims) {
            if (d < 0) throw new IllegalArgumentException("negative dimensions are not allowed, got shape " + toString(dims));
        }
        return new Shape(dims.clone());
    }

    /**
     * The 0-d shape {@code ()}, of a scalar; the same as {@code Shape.of()}.
     *
     * @return the 0-d shape
     */
    public static Shape scalar() { return SCALAR; }

    /**
     * Number of axes.
     *
     * @return the number of axes, 0 for a scalar
     */
    public int ndim() { return dims.length; }

    /**
     * The extent of one axis; negative axes count from the end, as in NumPy ({@code dim(-1)} is the last).
     *
     * @param axis an axis in {@code [-ndim, ndim)}
     * @return the extent of that axis
     * @throws IndexOutOfBoundsException when the axis is out of range
     */
    public long dim(int axis) {
        int a = axis < 0 ? axis + dims.length : axis;
        if (a < 0 || a >= dims.length) {
            throw new IndexOutOfBoundsException("got axis " + axis + ", expected one in [-" + dims.length + ", "
                    + dims.length + ") for shape " + this);
        }
        return dims[a];
    }

    /**
     * A copy of the extents; writing to it does not change this shape.
     *
     * @return a fresh array of the extents, outermost first
     */
    public long[] toArray() { return dims.clone(); }

    /**
     * Number of elements: the product of the extents (1 for a 0-d shape).
     *
     * @return the element count
     * @throws ArithmeticException when the count overflows a {@code long}
     */
    public long size() {
        long n = 1;
        for (long d : dims) n = Math.multiplyExact(n, d);
        return n;
    }

    /**
     * True for another Shape with the same extents.
     *
     * @param o the object to compare with
     * @return whether {@code o} is a Shape of equal extents
     */
    @Override
    public boolean equals(Object o) { return o instanceof Shape s && Arrays.equals(dims, s.dims); }

    @Override
    public int hashCode() { return Arrays.hashCode(dims); }

    /**
     * NumPy's tuple form: {@code (3, 4)}, {@code (3,)}, {@code ()}.
     *
     * @return the text
     */
    @Override
    public String toString() { return toString(dims); }

    /**
     * Formats any extents the way {@link #toString()} does, without copying or validating them; for messages
     * about a shape that may be invalid, e.g. {@code (-1, 3)}.
     *
     * @param dims the extents
     * @return the text, e.g. {@code (3, 4)}
     */
    public static String toString(long[] dims) {
        if (dims.length == 1) return "(" + dims[0] + ",)";
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < dims.length; i++) b.append(i == 0 ? "" : ", ").append(dims[i]);
        return b.append(')').toString();
    }
}
