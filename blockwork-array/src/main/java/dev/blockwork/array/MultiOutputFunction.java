package dev.blockwork.array;

import dev.blockwork.ndarray.NDArray;

/**
 * A gufunc with several outputs ({@link DArray#applyGufunc(MultiOutputFunction, String, java.util.List, java.util.List)}):
 * one block of every output from the operands' blocks.
 */
@FunctionalInterface
public interface MultiOutputFunction extends java.io.Serializable {
    /**
     * The blocks of all outputs, in signature order, for the operands' blocks (loop dimensions plus whole core
     * dimensions); it must not modify the blocks.
     *
     * @param blocks the operands' blocks
     * @param info where the output block sits
     * @return one block per output
     */
    NDArray[] apply(NDArray[] blocks, BlockFunction.BlockInfo info);
}
