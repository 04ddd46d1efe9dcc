package dev.blockwork.array;

import dev.blockwork.ndarray.NDArray;

/** A user function of the corresponding blocks of several arrays ({@link DArray#mapBlocks(MultiBlockFunction, java.util.List, dev.blockwork.ndarray.DType)}). */
@FunctionalInterface
public interface MultiBlockFunction extends java.io.Serializable {
    /**
     * The output block for the operands' blocks (in operand order, each with its own rank; an axis an operand
     * broadcasts has length 1 in its block, as Dask passes them); {@code info} describes the output block.
     * It must not modify the blocks.
     *
     * @param blocks the operands' blocks, in operand order
     * @param info   where the output block sits
     * @return the output block, of the shape and dtype the caller declared
     */
    NDArray apply(NDArray[] blocks, BlockFunction.BlockInfo info);
}
