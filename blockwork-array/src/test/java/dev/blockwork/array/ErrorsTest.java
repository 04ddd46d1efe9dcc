package dev.blockwork.array;

import static dev.blockwork.array.DArrays.chunks;
import static dev.blockwork.array.DArrays.shape;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.Index;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad input fails when the array is built, with a message naming the shapes or values involved. */
class ErrorsTest {
    final DArray x = DArray.ones(shape(4, 5), chunks(2, 2));

    @Test
    void shapesThatDoNotBroadcast() {
        assertThatThrownBy(() -> x.add(DArray.ones(shape(3), chunks(2)))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(4, 5) (3,)");
        assertThatThrownBy(() -> DArray.where(x.gt(0), x, DArray.ones(shape(2, 5), chunks(1, 1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(2, 5)");
    }

    @Test
    void indicesOutOfRange() {
        assertThatThrownBy(() -> x.get(Index.at(4))).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("index 4 is out of bounds for axis 0 with size 4");
        assertThatThrownBy(() -> x.get(Index.all(), Index.at(-6))).isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("-6");
        assertThatThrownBy(() -> x.get(Index.at(0), Index.at(0), Index.at(0))).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("too many indices");
        assertThatThrownBy(() -> x.take(new long[] {1, 5}, 0)).isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("index 5");
    }

    @Test
    void maskOfTheWrongLength() {
        // np.compress: a short mask is padded with false, a long one may not select past the end
        assertThatThrownBy(() -> x.compress(new boolean[] {true, false, false, false, false, true}, 1))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("index 5 is out of bounds for axis 1 with size 5");
        assertThatThrownBy(() -> x.compress(x.gt(0), 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shape (4, 5)").hasMessageContaining("expected a 1-D bool array");
        DArray m = DArray.fromArray(new boolean[] {true, false, true, true, false}, chunks(2));
        org.assertj.core.api.Assertions.assertThat(x.compress(m, 1).shape()).isEqualTo(shape(4, 3));
    }

    @Test
    void dtypesAnOperationDoesNotTake() {
        DArray b = x.gt(0);
        assertThatThrownBy(b::neg).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> x.and(x)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(x::not).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void badAxesAndShapes() {
        assertThatThrownBy(() -> x.sum(2)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("axis 2 is out of bounds");
        assertThatThrownBy(() -> x.sum(0, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duplicate");
        assertThatThrownBy(() -> x.argmin(new int[] {0, 1}.length == 2 ? 5 : 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> x.reshape(3, 7)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("size 20");
        assertThatThrownBy(() -> x.transpose(0, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("repeated axis");
        assertThatThrownBy(() -> x.squeeze(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("size not equal to one");
        assertThatThrownBy(() -> x.matmul(x)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(4, 5) and (4, 5)");
        assertThatThrownBy(() -> DArray.concatenate(List.of(x, DArray.ones(shape(4, 3), chunks(2, 2))), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(4, 5) and (4, 3)");
        assertThatThrownBy(() -> DArray.stack(List.of(x, x.transpose()), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> x.mapOverlap((b, i) -> b, new int[] {5, 1}, Boundary.none())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got depth 5 on axis 0, expected at most the axis length 4");
        assertThatThrownBy(() -> DArray.ones(shape(0, 3), chunks(1, 1)).max()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("zero-size array");
        assertThatThrownBy(() -> x.reduce(Reduction.SUM, null, false, 0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("splitEvery");
        assertThatThrownBy(() -> DArray.arange(0, 10, 0, chunks(2), DType.INT64)).isInstanceOf(IllegalArgumentException.class);
    }
}
