/**
 * Blockwork array: chunked, lazy n-dimensional arrays ({@code DArray}) with NumPy semantics, linear
 * algebra, FFT, and Zarr v2/v3 storage. The Blosc/Zstd/LZ4 codecs are called through the FFM API:
 * {@code --enable-native-access=dev.blockwork.array} on the module path ({@code ALL-UNNAMED} on the class path)
 * keeps the JDK from warning.
 *
 * <p>Open because block functions are serialized to worker JVMs.
 */
open module dev.blockwork.array {
    requires transitive dev.blockwork.core;
    requires transitive dev.blockwork.ndarray;
    exports dev.blockwork.array;
    exports dev.blockwork.array.zarr;
    provides dev.blockwork.config.SettingsGroup with dev.blockwork.array.ArraySettings;
}
