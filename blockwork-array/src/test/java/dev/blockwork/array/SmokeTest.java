package dev.blockwork.array;

import static dev.blockwork.array.ArrayAssert.assertEq;
import static dev.blockwork.array.DArrays.chunks;
import static dev.blockwork.array.DArrays.shape;
import static org.assertj.core.api.Assertions.assertThat;

import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.NDArray;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void seedExample() {
        DArray x = DArray.ones(shape(1000, 1000), chunks(100, 100));
        DArray z = x.add(x.mul(2));
        assertEq(z, NDArray.full(3.0, DType.FLOAT64, 1000, 1000));
        assertThat(z.sum().compute().item()).isEqualTo(3e6);
    }

    @Test
    void mixed() {
        NDArray a = NDArray.arange(0, 60, 1, DType.FLOAT64).reshape(6, 10);
        DArray x = DArray.fromArray(a, chunks(4, 3));
        assertEq(x.mul(x).add(1), a.expr().mul(a.expr()).add(1.0).evaluate());
        assertEq(x.sum(0), a.sum(0));
        assertEq(x.sum(1), a.sum(1));
        assertEq(x.mean(), a.mean());
        assertEq(x.std(0), a.std(0, 0));
        assertEq(x.argmax(1), a.argmax(1));
        assertEq(x.argmin(), NDArray.full(a.argmin(), DType.INT64));
    }
}
