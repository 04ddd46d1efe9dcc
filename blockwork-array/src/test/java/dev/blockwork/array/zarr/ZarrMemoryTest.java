package dev.blockwork.array.zarr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blockwork.array.DArray;
import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.Shape;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A read that cannot fit in the heap says which block needs how much, instead of an OutOfMemoryError. */
class ZarrMemoryTest {
    @TempDir
    Path tmp;

    @Test
    void aChunkLargerThanTheHeapNamesTheTaskAndItsNeeds() throws IOException {
        long max = Runtime.getRuntime().maxMemory();
        long side = (long) Math.ceil(Math.sqrt(max / 8.0)) + 1024; // one float64 chunk a little larger than the whole heap
        Path p = tmp.resolve("huge.zarr");
        Zarr.create(p, Shape.of(side, side), DType.FLOAT64, ZarrWriteOptions.defaults().chunks(side, side));
        DArray x = DArray.fromZarr(p);
        assertThatThrownBy(() -> x.sum().compute(Fixtures.SYNC)).satisfies(e -> assertThat(ZarrCorruptInputTest.messages(e))
                .contains("reading the block at [0, 0] of shape [" + side + ", " + side + "] from Zarr array " + p.toAbsolutePath())
                .containsPattern("needs about \\d+ MiB").contains("heap is " + (max >> 20) + " MiB")
                .contains("read it in smaller blocks"));
    }
}
