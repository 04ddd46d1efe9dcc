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
 */
public record Boundary(Mode mode, double value) implements java.io.Serializable {
    public enum Mode { CONSTANT, REFLECT, PERIODIC, NONE }

    public static Boundary constant(double value) { return new Boundary(Mode.CONSTANT, value); }

    public static Boundary reflect() { return new Boundary(Mode.REFLECT, 0); }

    public static Boundary periodic() { return new Boundary(Mode.PERIODIC, 0); }

    public static Boundary none() { return new Boundary(Mode.NONE, 0); }
}
