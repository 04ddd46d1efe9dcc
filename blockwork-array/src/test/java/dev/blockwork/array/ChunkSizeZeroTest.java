package dev.blockwork.array;

import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.Shape;
import org.junit.jupiter.api.Test;

import static dev.blockwork.array.DArrays.chunks;
import static dev.blockwork.array.DArrays.shape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A block size of 0 is an error, not a silent "auto"; automatic sizes are asked for by name. */
class ChunkSizeZeroTest {
    @Test
    void zeroIsRefusedWithWhatToUseInstead() {
        assertThatThrownBy(() -> DArray.ones(shape(1000, 250), chunks(100, 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got block size 0 on axis 1")
                .hasMessageContaining("ChunkSpec.AUTO / Chunks.auto()")
                .hasMessageContaining("shape (1000, 250)");
        assertThatThrownBy(() -> Chunks.normalize(Chunks.uniform(0), Shape.of(10), DType.FLOAT64))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got block size 0 on axis 0");
        assertThatThrownBy(() -> Chunks.normalize(Chunks.of(-3), Shape.of(10), DType.FLOAT64))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got block size -3 on axis 0");
    }

    @Test
    void autoByNameStillWorks() {
        long[][] sizes = Chunks.normalize(Chunks.of(ChunkSpec.AUTO, -1), Shape.of(1000, 250), DType.FLOAT64).sizes();
        assertThat(sizes[1]).containsExactly(250);
        assertThat(sizes[0]).hasSize(1).containsExactly(1000);   // 2 MB: far below the 128 MiB default target
        assertThat(Chunks.normalize(Chunks.auto(), Shape.of(1000, 250), DType.FLOAT64).sizes())
                .isDeepEqualTo(new long[][] {{1000}, {250}});
        assertThat(DArray.ones(shape(1000, 250), chunks(ChunkSpec.AUTO, 100)).compute().shape()).isEqualTo(Shape.of(1000, 250));
    }
}
