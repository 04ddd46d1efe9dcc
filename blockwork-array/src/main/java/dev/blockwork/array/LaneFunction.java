package dev.blockwork.array;

import dev.blockwork.ndarray.NDArray;

/** A function of one 1-D lane along an axis ({@link DArray#applyAlongAxis}); the lane is a view and must not be modified. */
@FunctionalInterface
public interface LaneFunction extends java.io.Serializable {
    /**
     * Computes one lane's result.
     *
     * @param lane the 1-D lane (a view: do not modify it)
     * @return a 1-D array of the declared length and dtype
     */
    NDArray apply(NDArray lane);
}
