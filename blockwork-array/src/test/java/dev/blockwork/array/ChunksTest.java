package dev.blockwork.array;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.Shape;
import org.junit.jupiter.api.Test;

/** Every accepted chunk-spec form of {@link Chunks#normalize} and its errors. */
class ChunksTest {
    static final Shape S = Shape.of(1000, 250);

    static long[][] norm(ChunkSpec spec) { return Chunks.normalize(spec, S, DType.FLOAT64).sizes(); }

    @Test
    void uniformPerAxisWithIrregularLastBlock() {
        long[][] c = norm(Chunks.of(100, 100));
        assertThat(c[0]).hasSize(10).containsOnly(100);
        assertThat(c[1]).containsExactly(100, 100, 50);
    }

    @Test
    void wholeAxis() {
        assertThat(norm(Chunks.of(100, -1))[1]).containsExactly(250);
        assertThat(norm(Chunks.whole())).isDeepEqualTo(new long[][] {{1000}, {250}});
    }

    @Test
    void oneSizeForEveryAxis() {
        assertThat(norm(Chunks.uniform(300))).isDeepEqualTo(new long[][] {{300, 300, 300, 100}, {250}});
    }

    @Test
    void explicitIrregular() {
        assertThat(norm(Chunks.explicit(new long[] {600, 400}, new long[] {50, 200}))).isDeepEqualTo(new long[][] {{600, 400}, {50, 200}});
    }

    @Test
    void autoAimsAtTargetBytes() {
        long[][] c = norm(Chunks.auto(1 << 20));
        long elems = c[0][0] * c[1][0];
        assertThat(elems * 8).isBetween(1L << 19, 1L << 21);
        assertThat(norm(Chunks.auto())).isDeepEqualTo(new long[][] {{1000}, {250}}); // 2 MB < 128 MiB: one block
        long[][] mixed = Chunks.normalize(Chunks.of(ChunkSpec.AUTO, -1), Shape.of(1_000_000, 100), DType.FLOAT64).sizes();
        assertThat(mixed[1]).containsExactly(100);
        assertThat(mixed[0].length).isGreaterThan(1);
    }

    @Test
    void zeroLengthAxisHasOneEmptyBlock() {
        assertThat(Chunks.normalize(Chunks.of(10, 10), Shape.of(0, 5), DType.FLOAT64).sizes()).isDeepEqualTo(new long[][] {{0}, {5}});
    }

    @Test
    void errorsSayGotAndExpected() {
        assertThatThrownBy(() -> norm(Chunks.of(100))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got chunks for 1 axes, expected 2").hasMessageContaining("(1000, 250)");
        assertThatThrownBy(() -> norm(Chunks.explicit(new long[] {500, 400}, new long[] {250})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sum to 900, expected the axis length 1000");
        assertThatThrownBy(() -> norm(Chunks.of(-5, 10))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got block size -5");
        assertThatThrownBy(() -> Chunks.auto(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Chunks.normalize(Chunks.of(-1, -1), Shape.of(100_000, 100_000), DType.FLOAT64))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("elements per block");
        assertThatThrownBy(() -> Shape.of(3, -1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got shape (3, -1)");
    }

    @Test
    void queries() {
        Chunks c = Chunks.normalize(Chunks.of(100, 100), S, DType.FLOAT64);
        assertThat(c.numBlocks()).containsExactly(10, 3);
        assertThat(c.blockCount()).isEqualTo(30);
        assertThat(c.blockShape(new int[] {9, 2})).containsExactly(100, 50);
        assertThat(c.blockOffset(new int[] {9, 2})).containsExactly(900, 200);
        assertThat(c.toString()).isEqualTo("((100, 100, 100, 100, 100, 100, 100, 100, 100, 100), (100, 100, 50))");
    }
}
