package dev.blockwork.ndarray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The counter-based generator: chunk-invariance, reproducibility, rough distribution checks. */
class RandomTest {
    @Test
    void blocksFilledSeparatelyEqualTheWhole() {
        Random rng = new Random(42);
        long[] g = {17, 23};
        NDArray whole = rng.uniform(g), wholeN = rng.normal(g), wholeI = rng.integers(-5, 5, g);
        for (long[] chunk : new long[][] {{5, 7}, {17, 1}, {1, 23}, {4, 4}}) {
            for (long i = 0; i < g[0]; i += chunk[0]) {
                for (long j = 0; j < g[1]; j += chunk[1]) {
                    long bi = Math.min(chunk[0], g[0] - i), bj = Math.min(chunk[1], g[1] - j);
                    NDArray block = NDArray.zeros(DType.FLOAT64, bi, bj);
                    rng.fillUniform(block, new long[] {i, j}, g);
                    NDArray expect = whole.get(Index.range(i, i + bi), Index.range(j, j + bj));
                    assertThat(block).isEqualTo(expect.copy());
                    rng.fillNormal(block, new long[] {i, j}, g);
                    assertThat(block).isEqualTo(wholeN.get(Index.range(i, i + bi), Index.range(j, j + bj)).copy());
                    NDArray ib = NDArray.zeros(DType.INT64, bi, bj);
                    rng.fillIntegers(ib, -5, 5, new long[] {i, j}, g);
                    assertThat(ib).isEqualTo(wholeI.get(Index.range(i, i + bi), Index.range(j, j + bj)).copy());
                    // fused: a random leaf inside an expression, per block
                    NDArray fused = rng.uniformExpr(0, 1, new long[] {bi, bj}, new long[] {i, j}, g).mul(2).evaluate();
                    assertThat(fused).isEqualTo(Expr.of(expect).mul(2).evaluate());
                }
            }
        }
    }

    @Test
    void sameSeedSameValuesDifferentSeedDifferentValues() {
        assertThat(new Random(1).uniform(100)).isEqualTo(new Random(1).uniform(100));
        assertThat(new Random(1).uniform(100)).isNotEqualTo(new Random(2).uniform(100));
        assertThat(new Random(1).uniformAt(5)).isEqualTo(new Random(1).uniform(10).getDouble(5));
    }

    @Test
    void distributionsLookRight() {
        NDArray u = new Random(7).uniform(200_000);
        assertThat(u.min().item()).isGreaterThanOrEqualTo(0.0);
        assertThat(u.max().item()).isLessThan(1.0);
        assertThat(u.mean().item()).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.005));
        assertThat(u.var(0).item()).isCloseTo(1.0 / 12, org.assertj.core.data.Offset.offset(0.002));
        NDArray z = new Random(8).normal(3, 2, new long[] {200_000});
        assertThat(z.mean().item()).isCloseTo(3.0, org.assertj.core.data.Offset.offset(0.03));
        assertThat(z.std(0).item()).isCloseTo(2.0, org.assertj.core.data.Offset.offset(0.03));
        NDArray k = new Random(9).integers(-3, 4, 70_000);
        assertThat(k.min().getLong()).isEqualTo(-3);
        assertThat(k.max().getLong()).isEqualTo(3);
        for (long v = -3; v <= 3; v++) {
            long count = Expr.of(k).eq(Expr.scalar(v)).astype(DType.INT64).sum().getLong();
            assertThat(count).isBetween(9_000L, 11_000L);
        }
    }

    @Test
    void integersAreExactForWideRanges() {
        long low = Long.MIN_VALUE / 2, high = Long.MAX_VALUE / 2;
        NDArray k = new Random(3).integers(low, high, 1000);
        assertThat(k.min().getLong()).isGreaterThanOrEqualTo(low);
        assertThat(k.max().getLong()).isLessThan(high);
        assertThat(Expr.of(k).and(Expr.scalar(1L)).sum().getLong()).as("low bits vary").isBetween(400L, 600L);
    }

    @Test
    void badBlocksAreRejected() {
        Random rng = new Random(1);
        assertThatThrownBy(() -> rng.fillUniform(NDArray.zeros(DType.FLOAT64, 5), new long[] {8}, new long[] {10}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not fit");
        assertThatThrownBy(() -> rng.integers(3, 3, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void uniformRunsEqualTheScalarDefinitionAcrossThe32BitBoundaryAndStrides() {
        Random rng = new Random(11);
        long[] g1 = {1L << 33}, off1 = {(1L << 32) - 1000};
        NDArray run = rng.uniformExpr(0, 1, new long[] {3000}, off1, g1).evaluate();
        for (int i = 0; i < 3000; i++) {
            assertThat(run.getDoubleFlat(i)).as("index %d", off1[0] + i).isEqualTo(rng.uniformAt(off1[0] + i));
        }
        // a column of a 2-D array: consecutive elements are 2 apart in the global flat index (strided path)
        long[] g2 = {3000, 2};
        NDArray col = rng.uniformExpr(-1, 3, new long[] {3000, 1}, new long[] {0, 1}, g2).evaluate();
        for (int i = 0; i < 3000; i++) {
            assertThat(col.getDoubleFlat(i)).isEqualTo(-1 + 4 * rng.uniformAt(2L * i + 1));
        }
        NDArray u = rng.uniform(1 << 16);
        assertThat(u.min().getDouble()).isGreaterThanOrEqualTo(0.0);
        assertThat(u.max().getDouble()).isLessThan(1.0);
        long distinctLowBits = java.util.stream.IntStream.range(0, 4096)
                .mapToLong(i -> Double.doubleToRawLongBits(u.getDoubleFlat(i) + 1.0) & 0xFF).distinct().count();
        assertThat(distinctLowBits).as("the low mantissa bits vary").isGreaterThan(200);
    }
}
