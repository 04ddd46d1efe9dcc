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

    /**
     * {@link Shape#of}.
     *
     * @param dims the length of each axis
     * @return the shape
     */
    public static Shape shape(long... dims) { return Shape.of(dims); }

    /**
     * {@link Chunks#of}: per-axis block sizes, -1 for a whole axis, 0 for auto.
     *
     * @param perAxis one block size per axis
     * @return the chunk spec, resolved against a shape when an array is built
     */
    public static ChunkSpec chunks(long... perAxis) { return Chunks.of(perAxis); }

    /** {@return {@link Chunks#auto()}: blocks of about {@link ArraySettings#CHUNK_BYTES} each} */
    public static ChunkSpec autoChunks() { return Chunks.auto(); }
}
