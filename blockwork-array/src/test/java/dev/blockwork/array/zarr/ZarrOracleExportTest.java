package dev.blockwork.array.zarr;

import static dev.blockwork.array.zarr.Fixtures.values;
import static org.assertj.core.api.Assertions.assertThat;

import dev.blockwork.array.Chunks;
import dev.blockwork.array.DArray;
import dev.blockwork.ndarray.DType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Writes our arrays to {@code target/zarr-ours/{v2,v3}} (shape (7, 5), chunks (3, 2), the fixture formulas) for the
 * other direction of the interop proof: {@code src/test/resources/zarr/check_ours_v2.py} (zarr-python 2) and
 * {@code check_ours_v3.mjs} (zarrita) read them and compare with the same formulas. Those scripts are run by hand
 * (tests must not need Python or node); this test checks that the export is complete and readable here.
 */
class ZarrOracleExportTest {
    static final String[] V2 = {"none", "zlib", "gzip", "zstd", "blosc", "lz4"};
    static final String[] V3 = {"none", "gzip", "zstd", "blosc", "lz4", "crc32c"};

    static ZarrCodec[] codec(String n) {
        return switch (n) {
            case "none" -> new ZarrCodec[0];
            case "zlib" -> new ZarrCodec[] {ZarrCodec.zlib(1)};
            case "gzip" -> new ZarrCodec[] {ZarrCodec.gzip(1)};
            case "zstd" -> new ZarrCodec[] {ZarrCodec.zstd(1)};
            case "blosc" -> new ZarrCodec[] {ZarrCodec.blosc("lz4", 5, 1)};
            case "lz4" -> new ZarrCodec[] {ZarrCodec.lz4(1)};
            case "crc32c" -> new ZarrCodec[] {ZarrCodec.blosc("lz4", 5, 1), ZarrCodec.crc32c()};
            default -> throw new IllegalArgumentException(n);
        };
    }

    static final Map<DType, String> PREFIX = Map.of(DType.FLOAT64, "f8", DType.FLOAT32, "f4", DType.INT64, "i8", DType.INT32, "i4", DType.BOOL, "b1");

    @Test
    void exportsEveryDtypeCodecAndOrder() throws IOException {
        Path root = Path.of("target", "zarr-ours");
        int n = 0;
        for (int format : new int[] {2, 3}) {
            Path dir = root.resolve("v" + format);
            ZarrGroup.create(dir, format, Map.of("made_by", "blockwork"));
            for (DType t : Fixtures.DTYPES) {
                for (String c : format == 2 ? V2 : V3) {
                    for (char order : new char[] {'C', 'F'}) {
                        String name = PREFIX.get(t) + "_" + c + "_" + order;
                        DArray x = DArray.fromArray(values(t, 7, 5), Chunks.of(3, 2));
                        Zarr.write(x, dir.resolve(name), ZarrWriteOptions.defaults().format(format).codecs(codec(c)).order(order)
                                .overwrite(true).fillValue(t == DType.BOOL ? (Object) false : (Object) 0L));
                        Fixtures.assertExact(DArray.fromZarr(dir, name).compute(), values(t, 7, 5), name);
                        n++;
                    }
                }
            }
        }
        assertThat(n).isEqualTo(2 * 5 * 6 * 2);
        assertThat(Files.exists(root.resolve("v3/f8_crc32c_F/c/2/2"))).isTrue();
    }
}
