package dev.blockwork.array;

import dev.blockwork.ndarray.NDArray;

/** A user function applied to one block ({@link DArray#mapBlocks}, {@link DArray#mapOverlap}). */
@FunctionalInterface
public interface BlockFunction extends java.io.Serializable {
    /**
     * The result block for {@code block}; {@code info} says where the block sits. It must not modify {@code block}.
     *
     * @param block the input block (a view: read it, do not write it)
     * @param info  where the block sits in the array
     * @return the output block, of the shape and dtype the caller declared
     */
    NDArray apply(NDArray block, BlockInfo info);

    /**
     * Where a block sits: its index in the block grid, the offset of its first element and its shape (Dask's
     * {@code block_info}).
     *
     * @param index  the block's position in the block grid, one entry per axis
     * @param offset the global index of the block's first element, per axis
     * @param shape  the block's shape
     */
    record BlockInfo(int[] index, long[] offset, long[] shape) implements java.io.Serializable {}
}
