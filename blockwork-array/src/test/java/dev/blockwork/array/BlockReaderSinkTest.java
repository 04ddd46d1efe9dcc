package dev.blockwork.array;

import static dev.blockwork.array.ArrayAssert.assertEq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.Index;
import dev.blockwork.ndarray.NDArray;
import dev.blockwork.ndarray.Npy;
import dev.blockwork.ndarray.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fromBlocks(shape, chunks, dtype, reader)} over per-file readers and {@code store(sink)} into a user's sink:
 * lazy (nothing read before a compute), one call per block, blocks checked against the declaration.
 */
class BlockReaderSinkTest {
    @TempDir
    Path tmp;

    /** A user's sink: keeps a copy of each block by its index (a real sink would write it somewhere). */
    static final class MapSink implements BlockSink {
        final Map<String, NDArray> got = new ConcurrentHashMap<>();

        @Override
        public void write(NDArray block, BlockFunction.BlockInfo info) {
            assertThat(block.shapeArray()).isEqualTo(info.shape());
            got.put(Arrays.toString(info.index()) + "@" + Arrays.toString(info.offset()), block.copy());
        }
    }

    @Test
    void storeHandsEveryBlockToTheSinkOnce() {
        NDArray want = NDArray.arange(0, 63, 1, DType.FLOAT64).reshape(7, 9);
        DArray x = DArray.fromArray(want, Chunks.of(3, 4)).mul(2);
        for (var o : new dev.blockwork.schedule.ComputeOptions[] {ArrayAssert.SYNC, ArrayAssert.THREADS}) {
            MapSink sink = new MapSink();
            x.store(sink, o);
            assertThat(sink.got).hasSize(9).containsKey("[2, 2]@[6, 8]");
            NDArray whole = NDArray.zeros(DType.FLOAT64, 7, 9);
            for (var e : sink.got.entrySet()) {
                String[] parts = e.getKey().split("@");
                long[] off = Arrays.stream(parts[1].replaceAll("[\\[\\] ]", "").split(",")).mapToLong(Long::parseLong).toArray();
                long[] s = e.getValue().shapeArray();
                whole.get(Index.range(off[0], off[0] + s[0]), Index.range(off[1], off[1] + s[1])).assign(e.getValue());
            }
            ArrayAssert.assertClose(whole, want.mul(NDArray.scalar(2.0)), "stored blocks");
        }
    }

    @Test
    void aSinkFailureFailsTheComputeWithItsCause() {
        DArray x = DArray.ones(Shape.of(4, 4), Chunks.of(2, 2));
        BlockSink bad = (b, info) -> {
            if (info.index()[0] == 1) throw new java.io.IOException("disk on fire at block " + Arrays.toString(info.index()));
        };
        assertThatThrownBy(() -> x.store(bad, ArrayAssert.SYNC)).hasStackTraceContaining("disk on fire at block [1, ");
    }

    @Test
    void fromBlocksReadsOneFilePerBlockLazily() throws Exception {
        NDArray want = NDArray.arange(0, 40, 1, DType.INT64).reshape(10, 4);
        for (int i = 0; i < 4; i++) {
            long lo = i * 3L, hi = Math.min(10, lo + 3);
            Npy.write(tmp.resolve("part-" + i + ".npy"), want.get(Index.range(lo, hi), Index.all()).copy());
        }
        String dir = tmp.toString();
        AtomicInteger reads = READS;
        reads.set(0);
        DArray x = DArray.fromBlocks(Shape.of(10, 4), Chunks.of(3, 4), DType.INT64, info -> {
            READS.incrementAndGet();
            return Npy.read(Path.of(dir, "part-" + info.index()[0] + ".npy"));
        });
        assertThat(reads.get()).as("nothing read while building").isZero();
        assertEq(x, want);
        assertThat(x.sum().compute().item()).isEqualTo(780.0);
        assertThat(reads.get()).isPositive();
    }

    static final AtomicInteger READS = new AtomicInteger();

    @Test
    void aReaderReturningTheWrongShapeNamesTheBlock() {
        DArray x = DArray.fromBlocks(Shape.of(4), Chunks.of(2), DType.FLOAT64, info -> NDArray.zeros(DType.FLOAT64, 3));
        assertThatThrownBy(() -> x.compute(ArrayAssert.SYNC)).hasStackTraceContaining("from-blocks reader function returned shape (3,) dtype float64 for block [0], expected shape (2,)");
    }
}
