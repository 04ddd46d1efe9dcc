package dev.blockwork.spi;

/**
 * How a transport (worker processes, a cluster) moves one kind of array block without knowing its class:
 * the block as one flat primitive array in C order plus what rebuilds it. A module that defines a block
 * type registers its codec through {@link java.util.ServiceLoader} ({@code META-INF/services/dev.blockwork.spi.BlockCodec});
 * transports find it with {@link BlockCodecs}, so they need no compile dependency on that module.
 *
 * <p>Contract: {@code rebuild(flatten(b))} equals {@code b} (as a C-contiguous block). Implementations are
 * stateless and thread-safe.
 *
 * @param <T> the block type, e.g. {@code NDArray}
 */
public interface BlockCodec<T> {
    /** {@return the exact class this codec moves (not its subclasses)} */
    Class<T> type();

    /**
     * Flattens a block for a transport, without changing it.
     *
     * @param block a block of {@link #type()}
     * @return its elements as a flat array (C order), with its element type's name and shape
     */
    Flat flatten(T block);

    /**
     * Rebuilds a block from what {@link #flatten} gave on the sending side.
     *
     * @param flat the block as received; {@code flat.array()} is the transport's own copy (offset 0), which the block may keep
     * @return the block {@code flat} describes
     */
    T rebuild(Flat flat);

    /**
     * The bytes of {@code block}'s elements (NumPy's {@code nbytes}), without copying anything: what the engine
     * counts against a memory limit. The default, -1, means unknown (such blocks are neither counted nor spilled).
     *
     * @param block a block
     * @return its size in bytes, or -1
     */
    default long sizeBytes(T block) { return -1; }

    /**
     * A block as its transport sees it.
     *
     * @param dtype  the element type's name, as the codec spells it (e.g. {@code FLOAT64})
     * @param shape  the block's shape
     * @param array  a {@code double[]}, {@code float[]}, {@code long[]}, {@code int[]}, {@code boolean[]} or {@code byte[]}
     * @param offset where the block's first element is in {@code array}
     * @param length how many elements (the product of {@code shape})
     */
    record Flat(String dtype, long[] shape, Object array, int offset, int length) {}
}
