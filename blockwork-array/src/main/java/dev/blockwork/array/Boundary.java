package dev.blockwork.array;

/**
 * How {@link DArray#mapOverlap} fills ghost cells beyond the array's edges.
 *
 * <ul>
 * <li>{@link #constant(double)} — a fixed value.</li>
 * <li>{@link #reflect()} — mirror including the edge cell ({@code np.pad(mode='symmetric')}, Dask's "reflect").</li>
 * <li>{@link #periodic()} — wrap around ({@code np.pad(mode='wrap')}).</li>
 * <li>{@link #none()} — no ghost cells at the edges: edge blocks are extended inwards only.</li>
 * </ul>
 *
 * @param mode  the kind of boundary
 * @param value the fill value of {@link Mode#CONSTANT} (ignored by the others)
 */
public record Boundary(Mode mode, double value) implements java.io.Serializable {
    /** The kinds of boundary; {@link #value()} matters only for {@link #CONSTANT}. */
    public enum Mode {
        /** Ghost cells hold a fixed value. */
        CONSTANT,
        /** Mirror including the edge cell. */
        REFLECT,
        /** Wrap around to the other end. */
        PERIODIC,
        /** No ghost cells at the array's edges. */
        NONE
    }

    /**
     * Ghost cells of {@code value}, converted to the array's dtype ({@code boundary=value} in Dask).
     *
     * @param value the fill value
     * @return the boundary
     */
    public static Boundary constant(double value) { return new Boundary(Mode.CONSTANT, value); }

    /** {@return a mirror including the edge cell ({@code np.pad(mode='symmetric')}, Dask's {@code "reflect"})} */
    public static Boundary reflect() { return new Boundary(Mode.REFLECT, 0); }

    /** {@return a wrap-around boundary ({@code np.pad(mode='wrap')}, Dask's {@code "periodic"})} */
    public static Boundary periodic() { return new Boundary(Mode.PERIODIC, 0); }

    /** {@return no ghost cells at the array's edges: edge blocks are extended inwards only (Dask's {@code "none"})} */
    public static Boundary none() { return new Boundary(Mode.NONE, 0); }
}
