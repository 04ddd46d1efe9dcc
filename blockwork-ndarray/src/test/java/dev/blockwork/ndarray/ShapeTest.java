package dev.blockwork.ndarray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

/** {@link Shape}: value semantics and NumPy's tuple text, the same from NDArray and Expr. */
class ShapeTest {

    @Test
    void equalExtentsAreEqualAndHashAlike() {
        Shape a = Shape.of(1000, 1000);
        Shape b = Shape.of(new long[] {1000, 1000});
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(Shape.of(1000)).isNotEqualTo(Shape.of(1000, 1000, 1)).isNotEqualTo(Shape.of(1000, 999));
        assertThat(a).isNotEqualTo(new long[] {1000, 1000});
        assertThat(Shape.of()).isEqualTo(Shape.scalar()).hasSameHashCodeAs(Shape.scalar());
        assertThat(Shape.of(0)).isNotEqualTo(Shape.scalar());
    }

    @Test
    void printsLikeNumPyTuples() {
        assertThat(Shape.scalar()).hasToString("()");
        assertThat(Shape.of(5)).hasToString("(5,)");
        assertThat(Shape.of(1000, 1000)).hasToString("(1000, 1000)");
        assertThat(Shape.of(2, 0, 3)).hasToString("(2, 0, 3)");
        assertThat(Shape.toString(new long[] {-1, 3})).isEqualTo("(-1, 3)");
    }

    @Test
    void axesCountFromTheEndWhenNegative() {
        Shape s = Shape.of(2, 3, 4);
        assertThat(s.ndim()).isEqualTo(3);
        assertThat(s.dim(0)).isEqualTo(2);
        assertThat(s.dim(2)).isEqualTo(4);
        assertThat(s.dim(-1)).isEqualTo(4);
        assertThat(s.dim(-3)).isEqualTo(2);
        assertThatThrownBy(() -> s.dim(3)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("got axis 3, expected one in [-3, 3) for shape (2, 3, 4)");
        assertThatThrownBy(() -> s.dim(-4)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> Shape.scalar().dim(0)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void sizeIsTheProductAndOneWhenZeroD() {
        assertThat(Shape.of(2, 3, 4).size()).isEqualTo(24);
        assertThat(Shape.of(2, 0, 4).size()).isZero();
        assertThat(Shape.scalar().size()).isEqualTo(1);
        assertThatThrownBy(() -> Shape.of(1L << 40, 1L << 40).size()).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void copiesInAndOut() {
        long[] dims = {2, 3};
        Shape s = Shape.of(dims);
        dims[0] = 7;
        s.toArray()[1] = 9;
        assertThat(s).isEqualTo(Shape.of(2, 3));
        assertThat(s.toArray()).containsExactly(2, 3);
    }

    @Test
    void negativeExtentsAreRejected() {
        assertThatThrownBy(() -> Shape.of(2, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("negative dimensions are not allowed, got shape (2, -1)");
    }

    @Test
    void survivesJavaSerialization() throws Exception {
        Shape s = Shape.of(4, 5);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(s);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject()).isEqualTo(s);
        }
    }

    @Test
    void arraysAndExpressionsReportShapes() {
        NDArray a = NDArray.zeros(DType.FLOAT64, 2, 3);
        assertThat(a.shape()).isEqualTo(Shape.of(2, 3)).hasToString("(2, 3)");
        assertThat(a.shapeArray()).containsExactly(2, 3);
        a.shapeArray()[0] = 9;
        assertThat(a.shape()).isEqualTo(Shape.of(2, 3));
        assertThat(NDArray.scalar(1.0).shape()).isEqualTo(Shape.scalar()).hasToString("()");
        assertThat(NDArray.arange(5).shape()).hasToString("(5,)");
        Expr e = Expr.of(a).add(Expr.of(NDArray.ones(DType.FLOAT64, 3)));
        assertThat(e.shape()).isEqualTo(a.shape());
        assertThat(e.shapeArray()).containsExactly(2, 3);
        assertThat(e.evaluate().shape()).isEqualTo(e.shape());
    }

    /** The factories and shape operations take a Shape as another array gives it: no {@code toArray()} needed. */
    @Test
    void factoriesAndShapeOperationsTakeAShape() {
        NDArray a = NDArray.arange(0, 6, 1, DType.FLOAT64).reshape(2, 3);
        assertThat(NDArray.zeros(DType.FLOAT64, a.shape()).shape()).isEqualTo(a.shape());
        assertThat(NDArray.ones(DType.INT32, a.shape()).getLong(1, 2)).isEqualTo(1);
        assertThat(NDArray.full(2.5, DType.FLOAT64, a.shape()).getDouble(0, 1)).isEqualTo(2.5);
        assertThat(NDArray.full(Long.MAX_VALUE, DType.INT64, a.shape()).getLong(1, 1)).as("all 64 bits").isEqualTo(Long.MAX_VALUE);
        assertThat(NDArray.fromArray(new double[] {1, 2, 3, 4, 5, 6}, a.shape()).getDouble(1, 0)).isEqualTo(4.0);
        assertThat(NDArray.fromArray(new long[] {1, 2, 3, 4, 5, 6}, Shape.of(3, 2)).getLong(2, 1)).isEqualTo(6);
        assertThat(a.reshape(Shape.of(3, 2)).getDouble(2, 1)).isEqualTo(5.0);
        assertThat(NDArray.arange(0, 3, 1, DType.FLOAT64).broadcastTo(Shape.of(4, 3)).getDouble(3, 2)).isEqualTo(2.0);
    }
}
