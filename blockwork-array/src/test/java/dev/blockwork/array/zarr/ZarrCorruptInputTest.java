package dev.blockwork.array.zarr;

import static dev.blockwork.array.zarr.Fixtures.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blockwork.array.Chunks;
import dev.blockwork.array.DArray;
import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.Index;
import dev.blockwork.ndarray.NDArray;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Broken stores fail with messages that name the file and say what was expected: truncated chunks under every codec,
 * bad JSON, unknown codecs and dtypes, a chunk of the wrong size, a missing codec library; a missing chunk is not an
 * error (it reads as the fill value).
 */
class ZarrCorruptInputTest {
    @TempDir
    Path tmp;

    /** Every message along the cause chain, joined: failures inside block tasks arrive wrapped by the scheduler. */
    static String messages(Throwable t) {
        StringBuilder b = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) b.append(c.getMessage()).append(" | ");
        return b.toString();
    }

    Path write(String codec, int format) throws IOException {
        Path p = tmp.resolve(codec + format + ".zarr");
        DArray.fromArray(values(DType.FLOAT64, 8, 8), Chunks.of(4, 4))
                .toZarr(p, ZarrWriteOptions.defaults().format(format).codecs(ZarrOracleExportTest.codec(codec)));
        return p;
    }

    static Stream<String> codecs() { return Stream.of("none", "zlib", "gzip", "zstd", "blosc", "lz4"); }

    @ParameterizedTest
    @MethodSource("codecs")
    void aTruncatedChunkNamesItsFile(String codec) throws IOException {
        Path p = write(codec, 2);
        Path chunk = p.resolve("1.0");
        byte[] b = Files.readAllBytes(chunk);
        Files.write(chunk, Arrays.copyOf(b, b.length / 2));
        assertThatThrownBy(() -> DArray.fromZarr(p).compute()).satisfies(e ->
                assertThat(messages(e)).contains(chunk.toString()).containsPattern("truncated|corrupt|decodes to"));
        // the other chunks still read
        assertThat(ZarrArray.open(p).read(new long[] {0, 0}, new long[] {4, 8}).toDoubleArray())
                .containsExactly(values(DType.FLOAT64, 8, 8).get(Index.range(0, 4), Index.all()).copy().toDoubleArray());
    }

    @Test
    void aCrc32cMismatchIsCaught() throws IOException {
        Path p = tmp.resolve("crc.zarr");
        DArray.fromArray(values(DType.INT32, 4, 4), Chunks.of(4, 4))
                .toZarr(p, ZarrWriteOptions.defaults().format(3).codecs(ZarrCodec.crc32c()));
        Path chunk = p.resolve("c/0/0");
        byte[] b = Files.readAllBytes(chunk);
        b[3] ^= 1;
        Files.write(chunk, b);
        assertThatThrownBy(() -> ZarrArray.open(p).read(new long[] {0, 0}, new long[] {4, 4})).isInstanceOf(ZarrFormatException.class)
                .hasMessageContaining(chunk.toString()).hasMessageContaining("crc32c mismatch");
    }

    @Test
    void badJsonNamesTheFileAndThePlace() throws IOException {
        Path p = write("none", 2);
        Files.writeString(p.resolve(".zarray"), "{\"zarr_format\": 2, \"shape\": [8, 8 \"chunks\": [4, 4]}");
        assertThatThrownBy(() -> DArray.fromZarr(p)).isInstanceOf(ZarrFormatException.class)
                .hasMessageContaining(p.resolve(".zarray").toString()).hasMessageContaining("bad JSON at character 34")
                .hasMessageContaining("expected ',' or ']'");
        Path q = write("none", 3);
        Files.writeString(q.resolve("zarr.json"), "[1, 2]");
        assertThatThrownBy(() -> DArray.fromZarr(q)).isInstanceOf(ZarrFormatException.class)
                .hasMessageContaining("zarr.json: got a JSON ArrayList, expected a JSON object");
    }

    @Test
    void unknownCodecsDtypesAndFieldsSayWhatIsExpected() throws IOException {
        Path p = write("blosc", 2);
        Path meta = p.resolve(".zarray");
        String good = Files.readString(meta);
        Files.writeString(meta, good.replace("\"blosc\"", "\"snappy9\""));
        assertThatThrownBy(() -> DArray.fromZarr(p)).isInstanceOf(ZarrFormatException.class).hasMessageContaining(meta.toString())
                .hasMessageContaining("unknown Zarr v2 codec id 'snappy9'").hasMessageContaining("expected one of blosc, zstd, lz4, zlib, gzip");
        Files.writeString(meta, good.replace("\"<f8\"", "\"<u2\""));
        assertThatThrownBy(() -> DArray.fromZarr(p)).isInstanceOf(ZarrFormatException.class)
                .hasMessageContaining("got dtype \"<u2\", expected one of float64 float32 int64 int32 bool");
        Files.writeString(meta, good.replace("\"filters\": null", "\"filters\": [{\"id\": \"delta\"}]"));
        assertThatThrownBy(() -> DArray.fromZarr(p)).isInstanceOf(ZarrFormatException.class).hasMessageContaining("no v2 filter is supported");
        Path q = write("zstd", 3);
        Path m3 = q.resolve("zarr.json");
        Files.writeString(m3, Files.readString(m3).replace("\"zstd\"", "\"bz9\""));
        assertThatThrownBy(() -> DArray.fromZarr(q)).isInstanceOf(ZarrFormatException.class).hasMessageContaining("unknown Zarr v3 codec 'bz9'");
        assertThatThrownBy(() -> DArray.fromZarr(tmp.resolve("nothing-here"))).isInstanceOf(ZarrFormatException.class)
                .hasMessageContaining("no Zarr array at").hasMessageContaining("the directory does not exist");
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void aChunkOfTheWrongSizeIsAnError(String codec) throws IOException {
        Path p = write(codec, 2);
        Path meta = p.resolve(".zarray");
        // the metadata now promises 4x5 chunks, the files hold 4x4
        Files.writeString(meta, Files.readString(meta).replace("\"chunks\": [4, 4]", "\"chunks\": [4, 5]"));
        assertThat(ZarrArray.open(p).chunkShape()).containsExactly(4, 5);
        assertThatThrownBy(() -> ZarrArray.open(p).read(new long[] {0, 0}, new long[] {4, 5})).isInstanceOf(ZarrFormatException.class)
                .hasMessageContaining(p.resolve("0.0").toString()).hasMessageContaining("expected 160");
    }

    @Test
    void aMissingChunkIsTheFillValue() throws IOException {
        Path p = tmp.resolve("m.zarr");
        DArray.fromArray(values(DType.FLOAT32, 8, 8), Chunks.of(4, 4)).toZarr(p, ZarrWriteOptions.defaults().fillValue(Double.NaN));
        Files.delete(p.resolve("0.1"));
        NDArray want = values(DType.FLOAT32, 8, 8).copy();
        want.get(Index.range(0, 4), Index.range(4, 8)).assign(NDArray.scalar(Double.NaN));
        Fixtures.assertArray(DArray.fromZarr(p), want, "missing chunk");
    }

    @Test
    void aMissingCodecLibraryNamesThePackageToInstall() {
        NativeLibrary lib = NativeLibrary.load("blosc", "libblosc1", "libblosc-not-installed.so.9");
        assertThat(lib.available()).isFalse();
        assertThatThrownBy(lib::require).isInstanceOf(CodecUnavailableException.class)
                .hasMessageContaining("the Zarr codec 'blosc' needs the native library libblosc-not-installed.so.9")
                .hasMessageContaining("apt-get install libblosc1")
                .satisfies(e -> assertThat(((CodecUnavailableException) e).packageName()).isEqualTo("libblosc1"));
    }

    @Test
    void theNativeCodecsAreOnThisMachine() {
        // .ci/run installs libblosc1; libzstd1 and liblz4-1 come with every Debian. A failure here names what is missing.
        for (NativeLibrary lib : new NativeLibrary[] {BloscCodec.LIB, ZstdCodec.LIB, Lz4Codec.LIB}) lib.require();
        assertThat(BloscCodec.LIB.available() && ZstdCodec.LIB.available() && Lz4Codec.LIB.available()).isTrue();
    }
}
