package dev.blockwork.array.zarr;

import static dev.blockwork.array.zarr.Fixtures.assertArray;
import static dev.blockwork.array.zarr.Fixtures.values;
import static org.assertj.core.api.Assertions.assertThat;

import dev.blockwork.array.Chunks;
import dev.blockwork.array.DArray;
import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.Index;
import dev.blockwork.ndarray.NDArray;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Arrays written by zarr-python 2 ({@code src/test/resources/zarr/make_v2.py}) and by zarrita, a v3 writer
 * ({@code make_v3.mjs}), read back exactly: every dtype, codec and order, edge chunks, nested chunk keys, big-endian,
 * fill values of missing chunks, 0-d, groups, attributes and consolidated metadata.
 */
class ZarrFixtureTest {
    /** {@code <dtype>_<codec>_<order>} arrays of shape (7, 5) with chunks (3, 2), in both formats. */
    static Stream<String> plainArrays() throws IOException {
        List<String> r = new ArrayList<>();
        for (String f : List.of("v2", "v3")) {
            try (var s = Files.list(Fixtures.dir(f))) {
                s.map(p -> p.getFileName().toString()).filter(n -> n.matches("(f8|f4|i8|i4|b1)_[a-z0-9]+_[CF]")).sorted()
                        .forEach(n -> r.add(f + "/" + n));
            }
        }
        return r.stream();
    }

    @ParameterizedTest
    @MethodSource("plainArrays")
    void everyDtypeCodecAndOrderReadsBackExactly(String name) throws IOException {
        String[] p = name.split("/");
        String[] parts = p[1].split("_");
        DArray a = DArray.fromZarr(Fixtures.dir(p[0]), p[1]);
        ZarrArray z = ZarrArray.open(Fixtures.dir(p[0]).resolve(p[1]));
        assertThat(z.order()).as("order of %s", name).isEqualTo(parts[2].charAt(0));
        assertThat(z.zarrFormat()).isEqualTo(p[0].equals("v2") ? 2 : 3);
        assertThat(a.chunks()).as("one block per Zarr chunk, partial at the edges").isEqualTo(Chunks.ofSizes(new long[] {3, 3, 1}, new long[] {2, 2, 1}));
        assertArray(a, values(Fixtures.dtypeOf(parts[0]), 7, 5), name);
        // blocks of several chunks, and blocks cutting through chunks, read the same values
        assertArray(Zarr.read(z.path(), Chunks.of(6, 4)), values(Fixtures.dtypeOf(parts[0]), 7, 5), name + " in 6x4 blocks");
        assertArray(Zarr.read(z.path(), Chunks.of(4, 3)), values(Fixtures.dtypeOf(parts[0]), 7, 5), name + " in 4x3 blocks");
    }

    @ParameterizedTest
    @MethodSource("formats")
    void nestedChunkKeysAndSeparators(String f) throws IOException {
        Path root = Fixtures.dir(f);
        assertArray(DArray.fromZarr(root, "nested_f8"), values(DType.FLOAT64, 4, 3, 5), f + " nested");
        assertThat(Files.exists(root.resolve(f.equals("v2") ? "nested_f8/1/1/2" : "nested_f8/c/1/1/2"))).as("the fixture nests").isTrue();
        if (f.equals("v3")) {
            assertArray(DArray.fromZarr(root, "dotsep_i4"), values(DType.INT32, 7, 5), "v3 v2-style keys");
            assertThat(Files.exists(root.resolve("dotsep_i4/c.2.1"))).isTrue();
        } else {
            assertArray(DArray.fromZarr(root, "bigendian_i4"), values(DType.INT32, 7, 5), "v2 >i4");
        }
    }

    static Stream<String> formats() { return Stream.of("v2", "v3"); }

    @ParameterizedTest
    @MethodSource("formats")
    void missingChunksReadAsTheFillValue(String f) throws IOException {
        Path root = Fixtures.dir(f);
        NDArray nan = values(DType.FLOAT64, 7, 5).copy();
        nan.get(Index.range(3, 7), Index.all()).assign(NDArray.scalar(Double.NaN));
        assertThat(Files.exists(root.resolve(f.equals("v2") ? "fill_nan_f8/1.0" : "fill_nan_f8/c/1/0"))).as("chunk never written").isFalse();
        assertArray(DArray.fromZarr(root, "fill_nan_f8"), nan, f + " NaN fill");
        assertThat(ZarrArray.open(root.resolve("fill_nan_f8")).fillValue()).isEqualTo(Double.NaN);
        NDArray minus = values(DType.INT32, 7, 5).copy();
        minus.get(Index.range(3, 7), Index.all()).assign(NDArray.scalar(-1, DType.INT32));
        assertArray(DArray.fromZarr(root, "fill_int_i4"), minus, f + " -1 fill");
    }

    @Test
    void v2GroupsAttributesConsolidatedMetadataAndZeroD() throws IOException {
        ZarrGroup g = ZarrGroup.open(Fixtures.dir("v2"));
        assertThat(g.consolidated()).as(".zmetadata found").isTrue();
        assertThat(g.attributes()).containsEntry("title", "Blockwork Zarr v2 fixtures");
        assertThat(g.members()).contains("sub", "f8_blosc_F", "nested_f8").doesNotContain("sub/vec_f4");
        ZarrGroup sub = g.group("sub");
        assertThat(sub.attributes()).isEqualTo(Map.of("units", "K"));
        ZarrArray vec = g.array("sub/vec_f4");
        assertThat(vec.attributes()).containsEntry("long_name", "a vector").containsEntry("scale", 2.5);
        assertArray(DArray.fromZarr(Fixtures.dir("v2"), "sub/vec_f4"), values(DType.FLOAT32, 11), "v2 1-d");
        DArray s = DArray.fromZarr(Fixtures.dir("v2"), "sub/scalar_f8");
        assertThat(s.ndim()).isZero();
        assertThat(s.compute().item()).isEqualTo(42.5);
    }

    @Test
    void v3GroupAndArrayAttributes() throws IOException {
        ZarrGroup g = ZarrGroup.open(Fixtures.dir("v3"));
        assertThat(g.zarrFormat()).isEqualTo(3);
        assertThat(g.attributes()).containsEntry("made_by", "zarrita 0.7.5");
        assertThat(g.members()).contains("attrs_f4", "f8_zstd_F");
        ZarrArray a = g.array("attrs_f4");
        assertThat(a.attributes()).containsEntry("long_name", "with attributes").containsEntry("scale", 2.5);
        assertArray(a.toDArray(), values(DType.FLOAT32, 7, 5), "v3 attrs");
    }
}
