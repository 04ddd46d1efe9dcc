package dev.blockwork.array;

import dev.blockwork.ndarray.NDArray;
import dev.blockwork.ndarray.Npy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** NumPy {@code .npy} files through the ndarray module's {@link Npy}; unwraps its UncheckedIOException. */
final class NpyBridge {
    private NpyBridge() {}

    /** Reads an array; public for tests through {@link DArray#fromNpy}. */
    static NDArray read(Path path) throws IOException {
        try {
            NDArray a = Npy.read(path);
            long[] s = Npy.readDescriptor(path).shape();
            // guard: the header's shape is the truth (0-d files must stay 0-d)
            return java.util.Arrays.equals(a.shapeArray(), s) ? a : a.reshape(s);
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
