package dev.blockwork.array;

import dev.blockwork.array.BlockFunction.BlockInfo;
import dev.blockwork.ndarray.NDArray;
import dev.blockwork.ndarray.Shape;

/**
 * Reads one block of a lazy array on demand: the per-file or per-block reader behind
 * {@link DArray#fromBlocks(Shape, ChunkSpec, dev.blockwork.ndarray.DType, BlockReader)} (Dask's {@code from_delayed}
 * over many files, or {@code from_array} over any object with {@code __getitem__}).
 *
 * <p>{@link #read} runs inside a block task, once per block per compute, possibly on several threads at once and,
 * with the {@code processes} scheduler, in another JVM: an implementation must be thread-safe and
 * {@link java.io.Serializable} (hold paths and settings, not open files). It must return a block of exactly
 * {@code info.shape()} and the declared dtype; anything else fails that block's task with a message naming the block.
 * A checked exception it throws fails the compute with that exception as the cause.
 */
@FunctionalInterface
public interface BlockReader extends java.io.Serializable {
    /**
     * Reads the block at {@code info.index()}, covering {@code info.shape()} elements from {@code info.offset()}.
     *
     * @param info where the block sits and its shape
     * @return the block: exactly {@code info.shape()}, of the declared dtype
     * @throws Exception anything reading fails with; it fails the compute as the cause
     */
    NDArray read(BlockInfo info) throws Exception;
}
