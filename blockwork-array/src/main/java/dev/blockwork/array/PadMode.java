package dev.blockwork.array;

/**
 * How {@link DArray#pad} fills the new cells (NumPy's {@code mode}), shown for {@code [1, 2, 3]} padded by 2 on each side:
 * <pre>{@code
 * CONSTANT  (value 0)   0 0 | 1 2 3 | 0 0
 * EDGE                  1 1 | 1 2 3 | 3 3
 * REFLECT               3 2 | 1 2 3 | 2 1     (mirror without the edge; width <= length - 1)
 * SYMMETRIC             2 1 | 1 2 3 | 3 2     (mirror with the edge; width <= length)
 * WRAP                  2 3 | 1 2 3 | 1 2     (periodic; width <= length)
 * }</pre>
 */
public enum PadMode {
    /** A fixed value ({@code constant_values}), 0 unless given. */
    CONSTANT,
    /** Repeats the edge cell. */
    EDGE,
    /** Mirrors without repeating the edge cell ({@code mode='reflect'}); width at most length - 1. */
    REFLECT,
    /** Mirrors including the edge cell ({@code mode='symmetric'}); width at most length. */
    SYMMETRIC,
    /** Wraps around to the other end ({@code mode='wrap'}); width at most length. */
    WRAP
}
