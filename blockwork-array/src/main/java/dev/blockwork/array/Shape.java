package dev.blockwork.array;

import java.util.Arrays;

/**
 * The extent of an array along each axis, e.g. {@code Shape.of(1000, 1000)}; {@code Shape.of()} is 0-d.
 * Immutable. Extents are non-negative.
 */
public final class Shape {
    private final long[] dims;

    private Shape(long[] dims) { this.dims = dims; }

    /** A shape with these extents; a negative extent throws IllegalArgumentException. */
    public static Shape of(long... dims) {
        for (long d : dims) {
            if (d < 0) throw new IllegalArgumentException("negative dimensions are not allowed, got shape " + Arrays.toString(dims));
        }
        return new Shape(dims.clone());
    }

    public int ndim() { return dims.length; }

    public long dim(int axis) { return dims[axis]; }

    /** A copy of the extents. */
    public long[] toArray() { return dims.clone(); }

    /** Number of elements (1 for a 0-d shape). */
    public long size() {
        long n = 1;
        for (long d : dims) n *= d;
        return n;
    }

    @Override
    public boolean equals(Object o) { return o instanceof Shape s && Arrays.equals(dims, s.dims); }

    @Override
    public int hashCode() { return Arrays.hashCode(dims); }

    /** NumPy style: {@code (3, 4)}, {@code (3,)}, {@code ()}. */
    @Override
    public String toString() { return format(dims); }

    static String format(long[] dims) {
        if (dims.length == 1) return "(" + dims[0] + ",)";
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < dims.length; i++) b.append(i == 0 ? "" : ", ").append(dims[i]);
        return b.append(')').toString();
    }
}
