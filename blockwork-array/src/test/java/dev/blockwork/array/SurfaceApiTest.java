package dev.blockwork.array;

import static dev.blockwork.array.ArrayAssert.assertEq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.Index;
import dev.blockwork.ndarray.NDArray;
import dev.blockwork.schedule.ComputeOptions;
import org.junit.jupiter.api.Test;

/** API conveniences of issue 14: int-literal ranges, dtype names, reversed operands, options for lazy masks, generators. */
class SurfaceApiTest {

    @Test
    void indexRangeTakesIntLiterals() {
        DArray x = DArray.arange(10, Chunks.uniform(4));
        assertEq(x.get(Index.range(0, 3)), NDArray.fromArray(new long[] {0, 1, 2}));
        assertEq(x.get(Index.range(null, 2L)), NDArray.fromArray(new long[] {0, 1}));
        assertEq(x.get(Index.range(-2L, null)), NDArray.fromArray(new long[] {8, 9}));
    }

    @Test
    void indexStringsParseLikePython() {
        assertThat(Index.parse(":3, ::2, None, -1", 3)).containsExactly(Index.range(null, 3L), Index.range(null, null, 2),
                Index.newAxis(), Index.at(-1));
        assertThat(Index.parse("1:-1:3", 1)).containsExactly(Index.range(1L, -1L, 3));
        assertThat(Index.parse("..., 0", 3)).containsExactly(Index.all(), Index.all(), Index.at(0));
        assertThat(Index.parse("", 2)).isEmpty();
        assertThatThrownBy(() -> Index.parse("1:x", 1)).hasMessageContaining("got '1:x' in index '1:x', expected an integer");
        assertThatThrownBy(() -> Index.parse("::0", 1)).hasMessageContaining("non-zero step");
        NDArray a = NDArray.arange(24).reshape(2, 3, 4);
        DArray x = DArray.fromArray(a, Chunks.uniform(2));
        assertEq(x.get(":, ::-2, None, 1:3"), a.get(Index.all(), Index.range(null, null, -2), Index.newAxis(), Index.range(1, 3)));
        assertEq(x.get("-1, ..., 2"), a.get(Index.at(-1), Index.all(), Index.at(2)));
        assertThat(a.get("1").shape()).containsExactly(3, 4);
    }

    @Test
    void dtypeFromNumPyNames() {
        assertThat(DType.of("float64")).isEqualTo(DType.FLOAT64);
        assertThat(DType.of("<f8")).isEqualTo(DType.FLOAT64);
        assertThat(DType.of("f4")).isEqualTo(DType.FLOAT32);
        assertThat(DType.of(">i8")).isEqualTo(DType.INT64);
        assertThat(DType.of("int32")).isEqualTo(DType.INT32);
        assertThat(DType.of("|b1")).isEqualTo(DType.BOOL);
        assertThat(DType.of("bool")).isEqualTo(DType.BOOL);
        for (DType t : DType.values()) {
            assertThat(DType.of(t.numpyName())).isEqualTo(t);
            assertThat(DType.of(t.descr())).isEqualTo(t);
        }
        assertThatThrownBy(() -> DType.of("complex128")).hasMessageContaining("got dtype 'complex128', expected one of");
    }

    @Test
    void reversedScalarOperands() {
        DArray x = DArray.fromArray(new double[] {1, 2, 4}, Chunks.uniform(2));
        assertEq(x.rpow(2.0), NDArray.of(2, 4, 16));                // 2 ** x
        assertEq(x.rsub(10L), NDArray.of(9, 8, 6));
        assertEq(x.rdiv(8L), NDArray.of(8, 4, 2));
        assertEq(x.rmod(5.0), NDArray.of(0, 1, 1));                 // 5 % x
        assertEq(x.rfloorDivide(9L), NDArray.of(9, 4, 2));
        DArray i = DArray.fromArray(new long[] {1, 2, 3}, Chunks.uniform(2));
        assertEq(i.rpow(3L), NDArray.fromArray(new long[] {3, 9, 27}));
        assertEq(i.rmod(-7L), NDArray.fromArray(new long[] {0, 1, 2})); // Python: -7 % 2 == 1, -7 % 3 == 2
    }

    @Test
    void compressWithALazyMaskUsesTheCallersOptions() {
        DArray x = DArray.fromArray(new double[] {1, 2, 3, 4}, Chunks.uniform(3));
        DArray m = x.gt(2.0);
        assertEq(x.compress(m, 0, ArrayAssert.SYNC), NDArray.of(3, 4));
        assertThatThrownBy(() -> x.compress(m, 0, ComputeOptions.defaults().withScheduler("no-such-scheduler")))
                .hasMessageContaining("no-such-scheduler");
    }

    @Test
    void exponentialIsCounterBasedAndHasTheRightMean() {
        DRandom r = new DRandom(5);
        NDArray a = r.exponential(2.0, Shape.of(50_000), Chunks.uniform(7_000)).compute();
        NDArray b = r.exponential(2.0, Shape.of(50_000), Chunks.uniform(50_000)).compute();
        assertThat(a).isEqualTo(b); // the chunking does not change the values
        double mean = a.mean().item();
        assertThat(mean).isBetween(2.0 - 4 * 2.0 / Math.sqrt(50_000), 2.0 + 4 * 2.0 / Math.sqrt(50_000)); // 4 sigma
        assertThat(a.min().item()).isGreaterThanOrEqualTo(0.0);
        assertEq(r.standardNormal(Shape.of(10), Chunks.uniform(3)), r.normal(Shape.of(10), Chunks.uniform(5)).compute());
    }
}
