package dev.blockwork.array;

import dev.blockwork.ndarray.Shape;

/**
 * Short static helpers for code that reads like NumPy/Dask:
 * <pre>{@code
 * import static dev.blockwork.array.DArrays.*;
 * DArray x = DArray.ones(shape(1000, 1000), chunks(100, 100));
 * x.add(x.mul(2)).compute();
 * }</pre>
 */
public final class DArrays {
    private DArrays() {}

    /** {@link Shape#of}. */
    public static Shape shape(long... dims) { return Shape.of(dims); }

    /** {@link Chunks#of}: per-axis block sizes, -1 for a whole axis, 0 for auto. */
    public static ChunkSpec chunks(long... perAxis) { return Chunks.of(perAxis); }

    /** {@link Chunks#auto()}. */
    public static ChunkSpec autoChunks() { return Chunks.auto(); }
}
