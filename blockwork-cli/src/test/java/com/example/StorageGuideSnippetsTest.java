package com.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blockwork.array.Chunks;
import dev.blockwork.array.DArray;
import dev.blockwork.array.zarr.Zarr;
import dev.blockwork.array.zarr.ZarrArray;
import dev.blockwork.array.zarr.ZarrCodec;
import dev.blockwork.array.zarr.ZarrWriteOptions;
import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/storage.md's first snippet, as a user types it in their own package. Keep in step with the guide. */
class StorageGuideSnippetsTest {
    @TempDir
    Path tmp;

    @Test
    void theStorageSnippetRunsFromAUsersPackage() throws Exception {
        Path data = tmp.resolve("data.zarr"), out = tmp.resolve("out.zarr"), out3 = tmp.resolve("out3.zarr"), big = tmp.resolve("big.zarr");
        DArray.fromFunction(Shape.of(300, 200), Chunks.of(100, 100), DType.FLOAT64, ix -> ix[0] + ix[1])
                .toZarr(data, ZarrWriteOptions.defaults());
        DArray part = DArray.ones(Shape.of(100, 1000), Chunks.of(100, 100)).astype(DType.FLOAT32);

        // --- as in docs/storage.md
        DArray x = DArray.fromZarr(data);                                  // v2 or v3, lazily: one task per chunk
        x.mul(2).toZarr(out, ZarrWriteOptions.defaults());                  // v2, Blosc lz4 + shuffle (zarr-python 2's default)
        x.toZarr(out3, ZarrWriteOptions.defaults().format(3).codecs(ZarrCodec.zstd(3)).order('F'));
        ZarrArray a = Zarr.create(big, Shape.of(1000, 1000), DType.FLOAT32,
                ZarrWriteOptions.defaults().chunks(100, 100).fillValue(Double.NaN));   // metadata only
        part.toZarr(big, ZarrWriteOptions.defaults().region(200, 0));       // into an existing array
        // ---

        assertThat(DArray.fromZarr(out).sum().compute().item()).isEqualTo(2 * x.sum().compute().item());
        assertThat(Files.exists(out3.resolve("zarr.json"))).isTrue();
        assertThat(DArray.fromZarr(out3).compute()).isEqualTo(x.compute());
        assertThat(a.toDArray().get("200:300, :").sum().compute().item()).isEqualTo(100_000.0);
        assertThat(Double.isNaN(a.toDArray().get("0:1, 0:1").compute().getDouble(0, 0))).isTrue();
    }
}
