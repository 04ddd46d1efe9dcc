package dev.blockwork.array;

import dev.blockwork.ndarray.NDArray;

/**
 * A function of one instance of a gufunc's core dimensions (NumPy's {@code np.vectorize(f, signature=...)}, Dask's
 * {@code apply_gufunc(..., vectorize=True)}): it sees each operand's core array alone (loop dimensions removed) and
 * returns the output's core array; {@link DArray#applyGufuncVectorized} loops it over the loop dimensions.
 */
@FunctionalInterface
public interface CoreFunction extends java.io.Serializable {
    /**
     * The output's core array for one instance of the operands' core arrays (which it must not modify).
     *
     * @param cores one array per operand, of its core shape
     * @return the output's core array
     */
    NDArray apply(NDArray... cores);
}
