package dev.blockwork.array;

import dev.blockwork.ndarray.NDArray;
import dev.blockwork.ndarray.Npy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** NumPy {@code .npy} files through the ndarray module's {@link Npy}; unwraps its UncheckedIOException. */
final class NpyBridge {
    private NpyBridge() {}

    static NDArray read(Path path) throws IOException {
        try {
            return Npy.read(path);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    static void write(Path path, NDArray a) throws IOException {
        try {
            Npy.write(path, a);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
