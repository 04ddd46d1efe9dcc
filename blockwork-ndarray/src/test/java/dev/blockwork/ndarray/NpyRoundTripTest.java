package dev.blockwork.ndarray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Write then read every dtype and shape, bad files, and the atomic write. Set
 * {@code -Dblockwork.npy.exportDir=DIR} to also leave the files in DIR for
 * {@code python3 src/test/python/make_fixtures.py --verify DIR} (NumPy reading what we wrote).
 */
class NpyRoundTripTest {
    @TempDir
    Path dir;

    @Test
    void everyDtypeAndShapeRoundTrips() throws IOException {
        SplittableRandom r = new SplittableRandom(1);
        String export = System.getProperty("blockwork.npy.exportDir");
        for (DType t : DType.values()) {
            for (long[] shape : new long[][] {{}, {1}, {7}, {3, 4}, {2, 0, 3}, {2, 3, 5}}) {
                NDArray a = Cases.view(r, t, shape);
                String name = t.numpyName() + "_" + Shapes.format(shape).replaceAll("[^0-9]+", "x") + ".npy";
                Path p = dir.resolve(name);
                Npy.write(p, a);
                NDArray back = Npy.read(p);
                assertThat(back).as(name).isEqualTo(a.copy());
                byte[] bytes = Files.readAllBytes(p);
                int headerEnd = 10 + (bytes[8] & 0xff) + ((bytes[9] & 0xff) << 8);
                assertThat(headerEnd % 64).as("header padded to 64 bytes").isZero();
                assertThat(bytes[headerEnd - 1]).isEqualTo((byte) '\n');
                if (export != null) Files.copy(p, Path.of(export).resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        String header = new String(Files.readAllBytes(dir.resolve("float64_x7x.npy")), StandardCharsets.ISO_8859_1);
        assertThat(header).contains("{'descr': '<f8', 'fortran_order': False, 'shape': (7,), }");
        assertThat(new String(Files.readAllBytes(dir.resolve("bool_x.npy")), StandardCharsets.ISO_8859_1)).contains("'shape': ()");
    }

    @Test
    void writeReplacesAtomicallyAndLeavesNoTempFiles() throws IOException {
        Path p = dir.resolve("x.npy");
        Npy.write(p, NDArray.ones(DType.FLOAT64, 3));
        Npy.write(p, NDArray.zeros(DType.INT32, 2, 2));
        assertThat(Npy.read(p)).isEqualTo(NDArray.zeros(DType.INT32, 2, 2));
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("x.npy");
        }
        assertThatThrownBy(() -> Npy.write(dir.resolve("missing/dir/y.npy"), NDArray.ones(DType.FLOAT64, 3)))
                .isInstanceOf(java.io.UncheckedIOException.class).hasMessageContaining("y.npy");
    }

    @Test
    void badFilesSayWhatIsWrong() throws IOException {
        Path p = dir.resolve("bad.npy");
        Files.write(p, "hello world, not numpy".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> Npy.read(p)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad magic");
        Npy.write(p, NDArray.ones(DType.FLOAT64, 10));
        byte[] good = Files.readAllBytes(p);
        Files.write(p, java.util.Arrays.copyOf(good, good.length - 8));
        assertThatThrownBy(() -> Npy.read(p)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("truncated").hasMessageContaining("(10,)");
        byte[] v9 = good.clone();
        v9[6] = 9;
        Files.write(p, v9);
        assertThatThrownBy(() -> Npy.read(p)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version 9.0");
        String text = new String(good, StandardCharsets.ISO_8859_1).replace("'<f8'", "'<c8'");
        Files.write(p, text.getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> Npy.read(p)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'<c8'");
        Files.write(p, java.util.Arrays.copyOf(good, 5));
        assertThatThrownBy(() -> Npy.read(p)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an NPY file");
    }

    @Test
    void largeHeaderUsesVersion2() {
        long[] shape = new long[32];
        java.util.Arrays.fill(shape, 1);
        byte[] h = NpyDescriptor.encode(DType.FLOAT64, shape, false);
        assertThat(h[6]).isEqualTo((byte) 1);
        assertThat(h.length % 64).isZero();
        NpyDescriptor d = NpyDescriptor.parseHeader(new String(h, 10, h.length - 10, StandardCharsets.US_ASCII), h.length, "x");
        assertThat(d.shape()).hasSize(32);
    }
}
