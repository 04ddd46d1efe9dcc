/**
 * Blockwork ndarray: the in-memory n-dimensional array ({@code NDArray}) and its kernels. Registers the
 * block codec that moves NDArrays through shared memory and spill files.
 *
 * <p>Native BLAS/LAPACK are called through the FFM API: {@code --enable-native-access=dev.blockwork.ndarray} on the
 * module path ({@code ALL-UNNAMED} on the class path) keeps the JDK from warning.
 *
 * <p>Open for the same reason as {@code dev.blockwork.core}: arrays and kernel functions are serialized.
 */
open module dev.blockwork.ndarray {
    requires transitive dev.blockwork.core;
    exports dev.blockwork.ndarray;
    provides dev.blockwork.spi.BlockCodec with dev.blockwork.ndarray.NDArrayBlockCodec;
}
