package dev.blockwork.array.zarr;

import static dev.blockwork.array.zarr.Fixtures.assertArray;
import static dev.blockwork.array.zarr.Fixtures.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blockwork.array.Chunks;
import dev.blockwork.array.DArray;
import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.Index;
import dev.blockwork.ndarray.NDArray;
import dev.blockwork.ndarray.Shape;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our writer read back by our reader: formats × dtypes × codecs × orders, from irregular blocks into Zarr chunks
 * that leave partial edge chunks; region writes, fill values, attributes, separators, 0-d, overwrite rules.
 */
class ZarrRoundTripTest {
    @TempDir
    Path tmp;

    static final Map<String, ZarrCodec[]> CODECS = Map.of(
            "none", new ZarrCodec[0],
            "zlib", new ZarrCodec[] {ZarrCodec.zlib(1)},
            "gzip", new ZarrCodec[] {ZarrCodec.gzip(5)},
            "zstd", new ZarrCodec[] {ZarrCodec.zstd(3)},
            "blosc", new ZarrCodec[] {ZarrCodec.blosc("lz4", 5, 1)},
            "blosc-zstd-bit", new ZarrCodec[] {ZarrCodec.blosc("zstd", 3, 2)},
            "lz4", new ZarrCodec[] {ZarrCodec.lz4(1)});

    static Stream<Arguments> cases() {
        List<Arguments> r = new ArrayList<>();
        for (int format : new int[] {2, 3}) {
            for (DType t : Fixtures.DTYPES) {
                for (String c : CODECS.keySet().stream().sorted().toList()) {
                    for (char order : new char[] {'C', 'F'}) r.add(Arguments.of(format, t, c, order));
                }
            }
        }
        r.add(Arguments.of(3, DType.FLOAT64, "blosc+crc32c", 'C'));
        r.add(Arguments.of(3, DType.INT32, "crc32c", 'F'));
        return r.stream();
    }

    static ZarrCodec[] codecs(String name) {
        return switch (name) {
            case "blosc+crc32c" -> new ZarrCodec[] {ZarrCodec.blosc("lz4", 5, 1), ZarrCodec.crc32c()};
            case "crc32c" -> new ZarrCodec[] {ZarrCodec.crc32c()};
            default -> CODECS.get(name);
        };
    }

    @ParameterizedTest(name = "v{0} {1} {2} {3}")
    @MethodSource("cases")
    void writesAndReadsBackExactly(int format, DType t, String codec, char order) throws IOException {
        NDArray want = values(t, 13, 6);
        DArray x = DArray.fromArray(want, Chunks.explicit(new long[] {5, 5, 3}, new long[] {1, 3, 2}));
        Path p = tmp.resolve("a.zarr");
        ZarrArray z = Zarr.write(x, p, ZarrWriteOptions.defaults().format(format).codecs(codecs(codec)).order(order).chunks(4, 4));
        assertThat(z.order()).isEqualTo(order);
        assertThat(Files.exists(p.resolve(format == 2 ? ".zarray" : "zarr.json"))).isTrue();
        assertThat(Files.exists(p.resolve(format == 2 ? "3.1" : "c/3/1"))).as("edge chunk written").isTrue();
        ZarrArray back = ZarrArray.open(p);
        assertThat(back.codecs()).hasSize(codecs(codec).length);
        assertThat(back.chunkShape()).containsExactly(4, 4);
        assertArray(DArray.fromZarr(p), want, "v" + format + " " + t + " " + codec + " " + order);
    }

    @Test
    void regionWritesLandInPlaceAndLeaveTheRestAsTheFillValue() throws IOException {
        Path p = tmp.resolve("r.zarr");
        ZarrArray a = Zarr.create(p, Shape.of(10, 8), DType.FLOAT64, ZarrWriteOptions.defaults().chunks(3, 4).fillValue(-2.0).format(3));
        NDArray part = values(DType.FLOAT64, 6, 4);
        DArray.fromArray(part, Chunks.of(2, 2)).toZarr(p, ZarrWriteOptions.defaults().region(3, 4));
        NDArray want = NDArray.full(-2.0, DType.FLOAT64, 10, 8);
        want.get(Index.range(3, 9), Index.range(4, 8)).assign(part);
        assertArray(a.toDArray(), want, "region");
        // a second region at the array's end (a partial edge chunk), from an int array (converted to float64)
        NDArray tail = values(DType.INT32, 1, 8);
        DArray.fromArray(tail, Chunks.of(1, 8)).toZarr(p, ZarrWriteOptions.defaults().region(9, 0));
        want.get(Index.range(9, 10), Index.all()).assign(tail);
        assertArray(DArray.fromZarr(p), want, "edge region");
        assertThatThrownBy(() -> DArray.fromArray(part, Chunks.of(2, 2)).toZarr(p, ZarrWriteOptions.defaults().region(1, 4)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("region [1, 7) along axis 0").hasMessageContaining("chunk boundary");
    }

    @Test
    void attributesDimensionNamesSeparatorAndFill() throws IOException {
        Path p = tmp.resolve("attrs.zarr");
        Map<String, Object> attrs = Map.of("units", "K", "scale", 0.5, "levels", List.of(1L, 2L, 3L), "nested", Map.of("ok", true));
        DArray x = DArray.fromArray(values(DType.INT64, 5, 4), Chunks.of(2, 3));
        Zarr.write(x, p, ZarrWriteOptions.defaults().format(3).attributes(attrs).dimensionNames("y", "x").fillValue(7));
        ZarrArray z = ZarrArray.open(p);
        assertThat(z.attributes()).isEqualTo(attrs);
        assertThat(z.fillValue()).isEqualTo(7L);
        assertThat(Files.readString(p.resolve("zarr.json"))).contains("\"dimension_names\": [\n        \"y\",");
        Path q = tmp.resolve("slash.zarr");
        assertThatThrownBy(() -> Zarr.write(x, q, ZarrWriteOptions.defaults().fillValue(Double.NaN)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got fill value NaN for int64, expected an integer");
        Zarr.write(x, q, ZarrWriteOptions.defaults().dimensionSeparator("/").fillValue(-1).attributes(attrs));
        assertThat(Files.exists(q.resolve("2/1"))).as("v2 with '/' nests chunk files").isTrue();
        assertThat(ZarrArray.open(q).attributes()).isEqualTo(attrs);
        assertArray(DArray.fromZarr(q), values(DType.INT64, 5, 4), "slash");
        ZarrArray withNew = z.withAttributes(Map.of("units", "m"));
        assertThat(ZarrArray.open(p).attributes()).isEqualTo(Map.of("units", "m")).isEqualTo(withNew.attributes());
    }

    @Test
    void zeroDAndGroups() throws IOException {
        Path g = tmp.resolve("g.zarr");
        ZarrGroup.create(g, 2, Map.of("title", "t"));
        Zarr.write(DArray.fromArray(NDArray.scalar(3.25), Chunks.auto()), g.resolve("s"), ZarrWriteOptions.defaults());
        Zarr.write(DArray.fromArray(values(DType.BOOL, 9), Chunks.of(4)), g.resolve("b"), ZarrWriteOptions.defaults().codecs(ZarrCodec.zstd(1)));
        ZarrGroup back = ZarrGroup.open(g);
        assertThat(back.members()).containsExactly("b", "s");
        assertThat(back.attributes()).containsEntry("title", "t");
        assertThat(DArray.fromZarr(g, "s").compute().item()).isEqualTo(3.25);
        assertArray(DArray.fromZarr(g, "b"), values(DType.BOOL, 9), "bool in a group");
        assertThatThrownBy(() -> DArray.fromZarr(g)).isInstanceOf(ZarrFormatException.class)
                .hasMessageContaining("is a Zarr v2 group, not an array").hasMessageContaining("members: b, s");
        Path g3 = tmp.resolve("g3.zarr");
        ZarrGroup.create(g3, 3, Map.of());
        assertThat(ZarrGroup.open(g3).zarrFormat()).isEqualTo(3);
    }

    @Test
    void anExistingArrayIsReplacedOnlyWhenAsked() throws IOException {
        Path p = tmp.resolve("o.zarr");
        DArray x = DArray.fromArray(values(DType.FLOAT32, 4, 4), Chunks.of(2, 2));
        x.toZarr(p, ZarrWriteOptions.defaults());
        assertThatThrownBy(() -> x.toZarr(p, ZarrWriteOptions.defaults())).isInstanceOf(FileAlreadyExistsException.class)
                .hasMessageContaining("overwrite(true)");
        DArray y = DArray.fromArray(values(DType.INT32, 3), Chunks.of(2));
        y.toZarr(p, ZarrWriteOptions.defaults().overwrite(true).format(3));
        assertThat(Files.exists(p.resolve(".zarray"))).as("old metadata gone").isFalse();
        assertThat(Files.exists(p.resolve("0.0"))).as("old chunks gone").isFalse();
        assertArray(DArray.fromZarr(p), values(DType.INT32, 3), "replaced");
    }

    @Test
    void zarrToZarrTransformWithoutAssembling() throws IOException {
        Path a = tmp.resolve("in.zarr"), b = tmp.resolve("out.zarr");
        DArray.fromArray(values(DType.FLOAT64, 30, 20), Chunks.of(7, 6)).toZarr(a, ZarrWriteOptions.defaults());
        DArray.fromZarr(a).mul(2).add(1).toZarr(b, ZarrWriteOptions.defaults().format(3).codecs(ZarrCodec.zstd(1)).chunks(10, 10));
        NDArray want = DArray.fromArray(values(DType.FLOAT64, 30, 20), Chunks.of(30, 20)).mul(2).add(1).compute();
        assertArray(DArray.fromZarr(b), want, "transform");
        assertThat(DArray.fromZarr(b).sum().compute().item()).isEqualTo(DArray.fromArray(want, Chunks.of(10, 10)).sum().compute().item());
    }
}
