package dev.blockwork.array;

import static dev.blockwork.array.DArrays.chunks;
import static dev.blockwork.array.DArrays.shape;
import static org.assertj.core.api.Assertions.assertThat;

import dev.blockwork.ndarray.NDArray;
import dev.blockwork.ndarray.Shape;
import org.junit.jupiter.api.Test;

/** A DArray and the NDArray it computes to report one {@link Shape} type, equal by value and printed alike. */
class ShapeAcrossArraysTest {

    private static void assertSameShape(DArray lazy) {
        NDArray computed = lazy.compute();
        assertThat(computed.shape()).as("shape of %s", lazy).isEqualTo(lazy.shape()).hasSameHashCodeAs(lazy.shape());
        assertThat(computed.shape().equals(lazy.shape())).isTrue();
        assertThat(computed.shape()).hasToString(lazy.shape().toString());
        assertThat(computed.shapeArray()).containsExactly(lazy.shapeArray());
    }

    @Test
    void computedArraysKeepTheirShape() {
        DArray x = DArray.ones(shape(1000, 1000), chunks(100, 100));
        DArray z = x.add(x.mul(2));
        assertThat(z.shape()).isEqualTo(Shape.of(1000, 1000)).hasToString("(1000, 1000)");
        assertSameShape(z);
        assertThat(z.compute().shape()).hasToString("(1000, 1000)");
    }

    @Test
    void oneDZeroDAndEmptyShapesToo() {
        DArray v = DArray.arange(13, chunks(5));
        assertSameShape(v);
        assertThat(v.compute().shape()).hasToString("(13,)");

        DArray s = v.sum();
        assertSameShape(s);
        assertThat(s.shape()).isEqualTo(Shape.scalar()).hasToString("()");

        DArray m = DArray.ones(shape(6, 7, 4), chunks(4, 3, 2));
        assertSameShape(m.sum(1));
        assertSameShape(m.get(":0, 1:, ::2"));
        assertThat(m.get(":0, 1:, ::2").shape()).isEqualTo(Shape.of(0, 6, 2));
    }

    @Test
    void shapeArrayIsACopyOnBothSides() {
        DArray x = DArray.ones(shape(3, 4), chunks(2, 2));
        x.shapeArray()[0] = 99;
        assertThat(x.shape()).isEqualTo(Shape.of(3, 4));
        NDArray r = x.compute();
        r.shapeArray()[0] = 99;
        assertThat(r.shape()).isEqualTo(Shape.of(3, 4));
    }
}
