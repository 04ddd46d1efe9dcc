package dev.blockwork.array.zarr;

import static dev.blockwork.array.zarr.Fixtures.assertArray;
import static dev.blockwork.array.zarr.Fixtures.values;
import static org.assertj.core.api.Assertions.assertThat;

import dev.blockwork.array.Chunks;
import dev.blockwork.array.DArray;
import dev.blockwork.ndarray.DType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Consolidated metadata is what members are listed and opened from: the members' own metadata files are deleted
 * after consolidating, so a read that works can only have used the consolidated copy. v2's layout is
 * {@code zarr.consolidate_metadata}'s ({@code .zmetadata}); v3's is zarr-python 3's inline {@code consolidated_metadata}.
 */
class ZarrConsolidatedTest {
    @TempDir
    Path tmp;

    @Test
    void v2ZmetadataAlone() throws IOException {
        Path g = tmp.resolve("g2.zarr");
        ZarrGroup.create(g, 2, Map.of("title", "t"));
        DArray.fromArray(values(DType.INT32, 7, 5), Chunks.of(3, 2)).toZarr(g.resolve("a"),
                ZarrWriteOptions.defaults().attributes(Map.of("units", "m")));
        Map<String, Object> md = new LinkedHashMap<>();
        md.put(".zgroup", Json.parse(Files.readString(g.resolve(".zgroup"))));
        md.put("a/.zarray", Json.parse(Files.readString(g.resolve("a/.zarray"))));
        md.put("a/.zattrs", Json.parse(Files.readString(g.resolve("a/.zattrs"))));
        Files.writeString(g.resolve(".zmetadata"), Json.write(Map.of("metadata", md, "zarr_consolidated_format", 1L)));
        Files.delete(g.resolve("a/.zarray"));
        Files.delete(g.resolve("a/.zattrs"));
        ZarrGroup back = ZarrGroup.open(g);
        assertThat(back.consolidated()).isTrue();
        assertThat(back.members()).containsExactly("a");
        assertThat(back.array("a").attributes()).containsEntry("units", "m");
        assertArray(DArray.fromZarr(g, "a"), values(DType.INT32, 7, 5), "v2 consolidated");
    }

    @Test
    void v3InlineConsolidatedMetadataAlone() throws IOException {
        Path g = tmp.resolve("g3.zarr");
        ZarrGroup.create(g, 3, Map.of());
        DArray.fromArray(values(DType.FLOAT32, 7, 5), Chunks.of(3, 2)).toZarr(g.resolve("x/y"),
                ZarrWriteOptions.defaults().format(3).codecs(ZarrCodec.zstd(1)));
        Map<String, Object> md = new LinkedHashMap<>();
        md.put("x", Map.of("zarr_format", 3L, "node_type", "group", "attributes", Map.of()));
        md.put("x/y", Json.parse(Files.readString(g.resolve("x/y/zarr.json"))));
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("zarr_format", 3L);
        root.put("node_type", "group");
        root.put("attributes", Map.of("k", "v"));
        root.put("consolidated_metadata", Map.of("kind", "inline", "must_understand", false, "metadata", md));
        Files.writeString(g.resolve("zarr.json"), Json.write(root));
        Files.delete(g.resolve("x/y/zarr.json"));
        ZarrGroup back = ZarrGroup.open(g);
        assertThat(back.consolidated()).isTrue();
        assertThat(back.members()).containsExactly("x");
        assertThat(back.attributes()).containsEntry("k", "v");
        assertArray(DArray.fromZarr(g, "x/y"), values(DType.FLOAT32, 7, 5), "v3 consolidated");
    }
}
