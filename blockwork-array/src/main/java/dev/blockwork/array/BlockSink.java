package dev.blockwork.array;

import dev.blockwork.array.BlockFunction.BlockInfo;
import dev.blockwork.ndarray.NDArray;

/**
 * Receives the blocks of {@link DArray#store(BlockSink, dev.blockwork.schedule.ComputeOptions)}, one call per block,
 * each as soon as that block's task has computed it (Dask's {@code store} into any object with
 * {@code __setitem__}). The block is released after the call, so a store of an array larger than memory holds
 * only the blocks in flight.
 *
 * <p>{@link #write} may be called from several threads at once and, with the {@code processes} scheduler, in
 * another JVM: an implementation must be thread-safe and {@link java.io.Serializable}; blocks arrive in no
 * particular order. A checked exception it throws fails the compute with that exception as the cause; blocks
 * written before the failure stay written.
 */
@FunctionalInterface
public interface BlockSink extends java.io.Serializable {
    /**
     * Stores {@code block} (shape {@code info.shape()}) at {@code info.offset()}; {@code block} must not be kept or modified.
     *
     * @param block the computed block
     * @param info  where the block sits and its shape
     * @throws Exception anything writing fails with; it fails the compute as the cause
     */
    void write(NDArray block, BlockInfo info) throws Exception;
}
