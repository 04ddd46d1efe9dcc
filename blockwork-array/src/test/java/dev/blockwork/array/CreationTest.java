package dev.blockwork.array;

import static dev.blockwork.array.ArrayAssert.assertEq;
import static dev.blockwork.array.DArrays.chunks;
import static dev.blockwork.array.DArrays.shape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.NDArray;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CreationTest {
    @Test
    void constants() {
        for (DType t : DType.values()) {
            assertEq(DArray.ones(shape(5, 7), chunks(2, 3), t), NDArray.ones(t, 5, 7));
            assertEq(DArray.zeros(shape(5, 7), chunks(2, -1), t), NDArray.zeros(t, 5, 7));
            assertEq(DArray.empty(shape(4), chunks(3), t), NDArray.zeros(t, 4));
        }
        assertEq(DArray.full(shape(3, 4), chunks(2, 2), 2.5, DType.FLOAT32), NDArray.full(2.5, DType.FLOAT32, 3, 4));
        assertEq(DArray.full(shape(3), chunks(2), Long.MAX_VALUE, DType.INT64), NDArray.full(Long.MAX_VALUE, DType.INT64, 3));
        assertEq(DArray.ones(shape(), chunks()), NDArray.ones(DType.FLOAT64));
    }

    @Test
    void sequences() {
        assertEq(DArray.arange(10, chunks(3)), NDArray.arange(10));
        assertEq(DArray.arange(1, 2, 0.1, chunks(4), DType.FLOAT64), NDArray.arange(1, 2, 0.1, DType.FLOAT64));
        assertEq(DArray.arange(10, 0, -3, chunks(2), DType.INT32), NDArray.arange(10, 0, -3, DType.INT32));
        assertEq(DArray.linspace(0, 1, 11, chunks(4)), NDArray.linspace(0, 1, 11));
        assertEq(DArray.linspace(0, 1, 10, false, chunks(3)), NDArray.linspace(0, 1, 10, false));
        assertEq(DArray.eye(7, 5, 1, chunks(3, 2), DType.INT32), NDArray.eye(7, 5, 1, DType.INT32));
        assertEq(DArray.eye(6, chunks(4, 4)), NDArray.eye(6));
    }

    @Test
    void fromFunctionUsesGlobalIndices() {
        DArray x = DArray.fromFunction(shape(5, 6), chunks(2, 4), DType.INT64, i -> i[0] * 10 + i[1]);
        assertEq(x, NDArray.fromFunction(new long[] {5, 6}, DType.INT64, i -> i[0] * 10 + i[1]));
    }

    @Test
    void fromJavaArraysAndBlocks() {
        double[][] rows = {{1, 2, 3}, {4, 5, 6}};
        assertEq(DArray.fromArray(rows, chunks(1, 2)), NDArray.of(rows));
        assertEq(DArray.fromArray(new long[] {1, 2, 3, 4, 5}, chunks(2)), NDArray.fromArray(new long[] {1, 2, 3, 4, 5}));
        NDArray a = NDArray.of(new double[][] {{1, 2}, {5, 6}}), b = NDArray.of(new double[][] {{3}, {7}});
        NDArray c = NDArray.of(new double[][] {{9, 10}}), d = NDArray.of(new double[][] {{11}});
        DArray x = DArray.fromBlocks(new int[] {2, 2}, a, b, c, d);
        assertThat(x.chunks().sizes()).isDeepEqualTo(new long[][] {{2, 1}, {2, 1}});
        assertEq(x, NDArray.of(new double[][] {{1, 2, 3}, {5, 6, 7}, {9, 10, 11}}));
        assertThatThrownBy(() -> DArray.fromBlocks(new int[] {2, 2}, a, b, c, NDArray.of(new double[][] {{1, 2}})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("block [1, 1] has shape (1, 2), expected (1, 1)");
    }

    @Test
    void randomIsReproducibleWhateverTheChunkingOrScheduler() {
        NDArray whole = new DRandom(7).uniform(shape(13, 9), chunks(-1, -1)).compute(ArrayAssert.SYNC);
        assertEq(new DRandom(7).uniform(shape(13, 9), chunks(4, 2)), whole);
        assertEq(new DRandom(7).uniform(shape(13, 9), Chunks.explicit(new long[] {1, 12}, new long[] {5, 4})), whole);
        assertThat(new NDArray[] {new DRandom(7).normal(shape(13, 9), chunks(5, 5)).compute(ArrayAssert.THREADS)})
                .containsExactly(new DRandom(7).normal(shape(13, 9), chunks(13, 1)).compute(ArrayAssert.SYNC));
        assertThat(whole).isEqualTo(new dev.blockwork.ndarray.Random(7).uniform(13, 9));
        NDArray ints = new DRandom(7).integers(-3, 4, shape(1000), chunks(77)).compute();
        assertThat(ints.min().item()).isEqualTo(-3);
        assertThat(ints.max().item()).isEqualTo(3);
        double m = new DRandom(7).normal(2, 3, shape(200, 200), chunks(64, 64)).mean().compute().item();
        assertThat(m).isBetween(1.9, 2.1);
        assertThat(new DRandom(8).uniform(shape(5), chunks(2)).compute()).isNotEqualTo(new DRandom(7).uniform(shape(5), chunks(2)).compute());
    }

    @Test
    void npyRoundTrip(@TempDir Path dir) throws Exception {
        DArray x = DArray.arange(0, 24, 1, chunks(5), DType.FLOAT32).reshape(4, 6);
        Path f = dir.resolve("x.npy");
        x.toNpy(f);
        assertThat(Files.size(f)).isGreaterThan(24 * 4);
        DArray y = DArray.fromNpy(f, chunks(3, 4));
        assertEq(y, x.compute());
    }

    @Test
    void eachCallOnAGeneratorDrawsANewStreamAndTheSequenceIsReproducible() {
        DRandom rng = new DRandom(42);
        NDArray x = rng.uniform(shape(1000), chunks(100)).compute(), y = rng.uniform(shape(1000), chunks(100)).compute();
        assertThat(x).isNotEqualTo(y);
        double corr = x.sub(x.mean()).mul(y.sub(y.mean())).mean().item() / (x.std(0).item() * y.std(0).item());
        assertThat(Math.abs(corr)).as("correlation of two draws").isLessThan(0.15); // independent: |r| ~ 1/sqrt(1000)
        DRandom again = new DRandom(42);
        assertThat(again.uniform(shape(1000), chunks(250)).compute()).as("first draw again, other chunks").isEqualTo(x);
        assertThat(again.uniform(shape(1000), chunks(1000)).compute()).as("second draw again").isEqualTo(y);
    }
}
