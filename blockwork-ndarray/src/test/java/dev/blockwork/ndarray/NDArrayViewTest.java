package dev.blockwork.ndarray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Views, element access, creation and value semantics; expected values written out by hand from NumPy. */
class NDArrayViewTest {
    final NDArray a = NDArray.arange(0, 24, 1, DType.FLOAT64).reshape(2, 3, 4);

    @Test
    void slicingWithStepsAndNegativesMatchesPython() {
        NDArray s = a.get(Index.at(1), Index.range(null, null, -1), Index.range(1L, null, 2)); // a[1, ::-1, 1::2]
        assertThat(s.shape()).isEqualTo(Shape.of(3, 2));
        assertThat(s.toDoubleArray()).containsExactly(21, 23, 17, 19, 13, 15);
        assertThat(s.data()).isSameAs(a.data());
        NDArray t = a.get(Index.at(-1), Index.range(-2L, null), Index.range(3L, 0L, -2)); // a[-1, -2:, 3:0:-2]
        assertThat(t.toDoubleArray()).containsExactly(19, 17, 23, 21);
        assertThat(a.slice(2, 10L, 20L, 1).shape()).isEqualTo(Shape.of(2, 3, 0));
        assertThat(a.slice(0, null, null, -1).getDouble(0, 0, 0)).isEqualTo(12);
        assertThat(a.get(Index.newAxis(), Index.all(), Index.newAxis()).shape()).isEqualTo(Shape.of(1, 2, 1, 3, 4));
        assertThat(a.index(2, 3).toDoubleArray()).containsExactly(3, 7, 11, 15, 19, 23);
    }

    @Test
    void transposeSqueezeExpandBroadcastReshape() {
        NDArray t = a.transpose();
        assertThat(t.shape()).isEqualTo(Shape.of(4, 3, 2));
        assertThat(t.getDouble(3, 2, 1)).isEqualTo(23);
        assertThat(t.isContiguous()).isFalse();
        assertThat(t.copy().isContiguous()).isTrue();
        assertThat(a.permute(1, 0, 2).getDouble(2, 1, 3)).isEqualTo(23);
        NDArray e = a.expandDims(1);
        assertThat(e.shape()).isEqualTo(Shape.of(2, 1, 3, 4));
        assertThat(e.squeeze().shape()).isEqualTo(Shape.of(2, 3, 4));
        assertThat(e.squeeze(1).shape()).isEqualTo(Shape.of(2, 3, 4));
        assertThatThrownBy(() -> a.squeeze(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(2, 3, 4)");
        NDArray row = NDArray.of(1, 2, 3);
        NDArray b = row.broadcastTo(4, 3);
        assertThat(b.strides()).containsExactly(0, 1);
        assertThat(b.sum().item()).isEqualTo(24);
        assertThatThrownBy(() -> row.broadcastTo(4, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot broadcast an array of shape (3,) to shape (4, 2)");
        NDArray r = a.reshape(6, -1);
        assertThat(r.shape()).isEqualTo(Shape.of(6, 4));
        assertThat(r.data()).isSameAs(a.data()); // contiguous: a view
        NDArray rt = t.reshape(-1);
        assertThat(rt.data()).isNotSameAs(a.data()); // not contiguous: a copy
        assertThat(rt.getDouble(1)).isEqualTo(12);
        assertThatThrownBy(() -> a.reshape(5, 5)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("size 24");
    }

    @Test
    void elementAccessAndErrors() {
        NDArray m = NDArray.zeros(DType.INT64, 2, 3);
        m.setLong(Long.MAX_VALUE, 1, 2);
        assertThat(m.getLong(1, 2)).isEqualTo(Long.MAX_VALUE);
        assertThat(m.getLong(-1, -1)).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> m.getLong(1, 3)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("index 3 is out of bounds for axis 1 with size 3");
        assertThatThrownBy(() -> m.getLong(1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(2, 3)");
        assertThatThrownBy(() -> a.get(Index.at(0), Index.at(0), Index.at(0), Index.at(0))).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> a.get(Index.at(5))).isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("axis 0 with size 2");
        NDArray bo = NDArray.zeros(DType.BOOL, 3);
        bo.setBool(true, 1);
        assertThat(bo.getBool(1)).isTrue();
        assertThat(bo.getDouble(1)).isEqualTo(1.0);
        NDArray f = NDArray.zeros(DType.FLOAT32, 2);
        f.setDouble(0.1, 0);
        assertThat(f.getDouble(0)).isEqualTo((double) 0.1f);
        a.transpose().copy().setDoubleFlat(0, 99); // copies never write through
        assertThat(a.getDouble(0, 0, 0)).isZero();
        NDArray view = a.copy().get(Index.at(1));
        view.setDouble(-1, 0, 0);
        assertThat(view.getDoubleFlat(0)).isEqualTo(-1);
    }

    @Test
    void creationRoutines() {
        assertThat(NDArray.arange(0, 1, 0.25, DType.FLOAT64).toDoubleArray()).containsExactly(0, 0.25, 0.5, 0.75);
        assertThat(NDArray.arange(5, 0, -2, DType.INT32).toIntArray()).containsExactly(5, 3, 1);
        assertThat(NDArray.linspace(0, 1, 5).toDoubleArray()).containsExactly(0, 0.25, 0.5, 0.75, 1);
        assertThat(NDArray.linspace(0, 1, 4, false).toDoubleArray()).containsExactly(0, 0.25, 0.5, 0.75);
        assertThat(NDArray.eye(3, 4, 1, DType.INT32).toIntArray()).containsExactly(0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1);
        assertThat(NDArray.eye(3, 3, -1, DType.BOOL).sum().getLong()).isEqualTo(2);
        assertThat(NDArray.full(7L, DType.INT64, 2, 2).toLongArray()).containsOnly(7);
        assertThat(NDArray.ones(DType.BOOL, 3).all()).isEqualTo(NDArray.full(1L, DType.BOOL));
        assertThat(NDArray.fromFunction(new long[] {2, 3}, DType.INT32, idx -> idx[0] * 10 + idx[1]).toIntArray())
                .containsExactly(0, 1, 2, 10, 11, 12);
        NDArray n = NDArray.fromNested(new long[][][] {{{1, 2}}, {{3, 4}}});
        assertThat(n.dtype()).isEqualTo(DType.INT64);
        assertThat(n.shape()).isEqualTo(Shape.of(2, 1, 2));
        assertThatThrownBy(() -> NDArray.of(new double[][] {{1, 2}, {3}})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not rectangular");
        assertThat(NDArray.scalar(2.5).ndim()).isZero();
        assertThat(NDArray.fromArray(new float[] {1, 2, 3, 4}, 2, 2).dtype()).isEqualTo(DType.FLOAT32);
        assertThatThrownBy(() -> NDArray.fromArray(new double[5], 2, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(2, 2)");
        NDArray w = NDArray.wrap(new double[10], 9, new long[] {5}, new long[] {-2});
        assertThat(w.shape()).isEqualTo(Shape.of(5));
        assertThatThrownBy(() -> NDArray.wrap(new double[10], 9, new long[] {6}, new long[] {-2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside");
    }

    @Test
    void concatenateAndStackAssembleBlocks() {
        NDArray whole = new Random(4).uniform(7, 5);
        NDArray top = whole.slice(0, 0L, 3L, 1), bottom = whole.slice(0, 3L, null, 1);
        assertThat(NDArray.concatenate(0, top, bottom)).isEqualTo(whole);
        NDArray left = whole.slice(1, null, 2L, 1), right = whole.slice(1, 2L, null, 1);
        assertThat(NDArray.concatenate(-1, left, right)).isEqualTo(whole);
        NDArray s = NDArray.stack(0, NDArray.of(1, 2), NDArray.of(3, 4));
        assertThat(s.shape()).isEqualTo(Shape.of(2, 2));
        assertThat(NDArray.stack(1, NDArray.of(1, 2), NDArray.of(3, 4)).toDoubleArray()).containsExactly(1, 3, 2, 4);
        assertThat(NDArray.concatenate(0, NDArray.arange(2), NDArray.of(0.5)).dtype()).isEqualTo(DType.FLOAT64);
        assertThatThrownBy(() -> NDArray.concatenate(0, top, left)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(3, 5)").hasMessageContaining("(7, 2)");
    }

    @Test
    void astypeFollowsNumPyCasting() {
        NDArray x = NDArray.of(-1.7, -0.5, 0, 0.5, 2.9);
        assertThat(x.astype(DType.INT32).toIntArray()).containsExactly(-1, 0, 0, 0, 2);
        assertThat(x.astype(DType.BOOL).toBooleanArray()).containsExactly(true, true, false, true, true);
        assertThat(NDArray.fromArray(new long[] {1L << 40}).astype(DType.INT32).toIntArray()).containsExactly(0);
        assertThat(NDArray.fromArray(new long[] {(1L << 53) + 1}).astype(DType.INT64).getLong(0)).isEqualTo((1L << 53) + 1);
        assertThat(NDArray.fromArray(new boolean[] {true, false}).astype(DType.FLOAT32).toFloatArray()).containsExactly(1f, 0f);
    }

    @Test
    void valueSemanticsAndRepr() {
        NDArray x = NDArray.of(1, Double.NaN);
        assertThat(x).isEqualTo(NDArray.of(1, Double.NaN)).hasSameHashCodeAs(NDArray.of(1, Double.NaN));
        assertThat(x).isNotEqualTo(x.astype(DType.FLOAT32));
        assertThat(x.allClose(NDArray.of(1 + 1e-9, Double.NaN))).isFalse();
        assertThat(x.allClose(NDArray.of(1 + 1e-9, Double.NaN), 1e-5, 1e-8, true)).isTrue();
        assertThat(NDArray.of(Double.POSITIVE_INFINITY).allClose(NDArray.of(Double.POSITIVE_INFINITY))).isTrue();
        assertThat(a.transpose()).isEqualTo(a.transpose().copy());
        assertThat(NDArray.arange(0, 6, 1, DType.FLOAT64).reshape(2, 3).toString())
                .isEqualTo("array([[0., 1., 2.],\n       [3., 4., 5.]])");
        assertThat(NDArray.arange(0, 3, 1, DType.INT32).toString()).isEqualTo("array([0, 1, 2], dtype=int32)");
        assertThat(NDArray.scalar(3).toString()).isEqualTo("array(3.)");
        assertThat(NDArray.fromArray(new boolean[] {true, false}).toString()).isEqualTo("array([ True, False])");
        assertThat(NDArray.of(0.5, 0.25).toString()).isEqualTo("array([0.5 , 0.25])");
        assertThat(NDArray.of(0.1, 1e10).toString()).isEqualTo("array([1.e-01, 1.e+10])");
        assertThat(NDArray.of(1.5, -2.25, Double.NaN).toString()).isEqualTo("array([ 1.5 , -2.25,   nan])");
        assertThat(NDArray.zeros(DType.FLOAT64, 2, 0).toString()).isEqualTo("array([], shape=(2, 0), dtype=float64)");
        assertThat(NDArray.scalar(0.1, DType.FLOAT32).toString()).isEqualTo("array(0.1, dtype=float32)");
        String big = NDArray.arange(2000).toString();
        assertThat(big).isEqualTo("array([   0,    1,    2, ..., 1997, 1998, 1999])");
    }
}
