package dev.blockwork.ndarray;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code NDArray}'s scalar overloads: NumPy's weak-scalar dtypes (NEP 50) and values against a plain loop. */
class NDArrayScalarOpsTest {

    @Test
    void anIntLiteralKeepsAnIntegerArraysDtypeAndAFloatOneWidensIt() {
        NDArray i32 = NDArray.fromArray(new int[] {1, 2, 3, 4}, 2, 2);
        assertThat(i32.mul(2).dtype()).isEqualTo(DType.INT32);                 // np: int32 * 2 -> int32
        assertThat(i32.add(1).toDoubleArray()).containsExactly(2, 3, 4, 5);
        assertThat(i32.sub(5).toDoubleArray()).containsExactly(-4, -3, -2, -1);
        assertThat(i32.mul(2.5).dtype()).isEqualTo(DType.FLOAT64);             // np: int32 * 2.5 -> float64
        assertThat(i32.mul(2.5).toDoubleArray()).containsExactly(2.5, 5, 7.5, 10);
        assertThat(i32.div(2).dtype()).isEqualTo(DType.FLOAT64);               // true division
        assertThat(i32.div(2).toDoubleArray()).containsExactly(0.5, 1, 1.5, 2);
        assertThat(i32.mul(2).shape()).isEqualTo(i32.shape());
    }

    @Test
    void aFloatScalarKeepsFloat32AndMatchesALoop() {
        float[] v = {0.5f, -1.25f, 3f};
        NDArray f32 = NDArray.fromArray(v, 3);
        NDArray r = f32.mul(3.0).add(1.0).div(2L).sub(0.25);
        assertThat(r.dtype()).isEqualTo(DType.FLOAT32);                         // np: float32 * 3.0 -> float32
        double[] got = r.toDoubleArray();
        for (int k = 0; k < v.length; k++) {
            float want = ((v[k] * 3f) + 1f) / 2f - 0.25f;
            assertThat(got[k]).isEqualTo(want);
        }
    }

    @Test
    void aComplexArrayTimesARealScalarStaysComplex() {
        NDArray c = NDArray.zeros(DType.COMPLEX128, 2).add(NDArray.of(1, 2));
        NDArray r = c.mul(2).add(0.5);
        assertThat(r.dtype()).isEqualTo(DType.COMPLEX128);
        assertThat(r.real().toDoubleArray()).containsExactly(2.5, 4.5);
        assertThat(r.imag().toDoubleArray()).containsExactly(0, 0);
    }
}
