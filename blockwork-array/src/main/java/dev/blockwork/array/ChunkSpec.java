package dev.blockwork.array;

import dev.blockwork.ndarray.Shape;
import java.util.Arrays;

/**
 * How an array should be cut into blocks, before it is checked against a shape. Made by the factories on
 * {@link Chunks} ({@link Chunks#of}, {@link Chunks#uniform}, {@link Chunks#explicit}, {@link Chunks#auto()});
 * turned into concrete per-axis block sizes by {@link Chunks#normalize(ChunkSpec, Shape, dev.blockwork.ndarray.DType)}.
 * Immutable.
 */
public final class ChunkSpec {
    /** Per-axis entry meaning "the whole axis in one block" (NumPy/Dask {@code -1}). */
    public static final long WHOLE = -1;
    /**
     * Per-axis entry meaning "choose a size so that blocks are about the target bytes" (Dask {@code "auto"}).
     * It is -2, not 0: a block size of 0 is refused rather than silently meaning auto.
     */
    public static final long AUTO = -2;

    final long[] perAxis;      // null unless per-axis sizes were given
    final long uniform;        // > 0 or WHOLE or AUTO when perAxis and explicit are null
    final long[][] explicit;   // null unless explicit block sizes were given
    final long autoBytes;      // target bytes per block for AUTO entries; 0 = the configured default

    ChunkSpec(long[] perAxis, long uniform, long[][] explicit, long autoBytes) {
        this.perAxis = perAxis;
        this.uniform = uniform;
        this.explicit = explicit;
        this.autoBytes = autoBytes;
    }

    @Override
    public String toString() {
        if (explicit != null) return "Chunks.explicit" + Arrays.deepToString(explicit);
        if (perAxis != null) return "Chunks.of" + Arrays.toString(perAxis);
        if (uniform == AUTO) return autoBytes > 0 ? "Chunks.auto(" + autoBytes + " bytes)" : "Chunks.auto()";
        return "Chunks.uniform(" + uniform + ")";
    }
}
