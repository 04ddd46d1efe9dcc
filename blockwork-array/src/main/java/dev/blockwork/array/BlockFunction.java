package dev.blockwork.array;

import dev.blockwork.ndarray.NDArray;

/** A user function applied to one block ({@link DArray#mapBlocks}, {@link DArray#mapOverlap}). */
@FunctionalInterface
public interface BlockFunction extends java.io.Serializable {
    /** The result block for {@code block}; {@code info} says where the block sits. It must not modify {@code block}. */
    NDArray apply(NDArray block, BlockInfo info);

    /** Where a block sits: its index in the block grid, the offset of its first element and its shape. */
    record BlockInfo(int[] index, long[] offset, long[] shape) implements java.io.Serializable {}
}
