package dev.blockwork.ndarray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@link Fft} and complex128 kernels against NumPy fixtures made by {@code src/test/python/make_fft_fixtures.py}. */
class FftFixtureTest {
    private static final Fft.Norm B = Fft.Norm.BACKWARD;

    private static NDArray f(String name) { return Fixtures.load("fft_" + name); }

    private static void close(NDArray got, String expected) {
        NDArray want = f(expected);
        assertThat(got.dtype()).as(expected).isEqualTo(want.dtype());
        assertThat(got.shape()).as(expected).isEqualTo(want.shape());
        assertThat(got.allClose(want, 1e-10, 1e-12)).as(expected + ": got " + got + " want " + want).isTrue();
    }

    @Test
    void fixturesReadAsComplex128() {
        NDArray c = f("in_c");
        assertThat(c.dtype()).isEqualTo(DType.COMPLEX128);
        assertThat(c.shape()).isEqualTo(Shape.of(6, 10));
    }

    @Test
    void complexTransforms() {
        NDArray c = f("in_c");
        close(Fft.fft(c), "fft_c_axis1");
        close(Fft.fft(c, -1, 0, B), "fft_c_axis0");
        close(Fft.fft(c, 7, -1, B), "fft_c_n7");
        close(Fft.fft(c, 16, -1, Fft.Norm.ORTHO), "fft_c_n16_ortho");
        close(Fft.ifft(c, -1, 0, Fft.Norm.FORWARD), "ifft_c_axis0_forward");
        close(Fft.ifft(c), "ifft_c");
        close(Fft.fft(f("in_r")), "fft_r");
    }

    @Test
    void realTransforms() {
        NDArray r = f("in_r"), c = f("in_c");
        close(Fft.rfft(r), "rfft_r");
        close(Fft.rfft(r, 9, 0, B), "rfft_r_axis0_n9");
        close(Fft.irfft(c), "irfft_c");
        close(Fft.irfft(c, 11, -1, B), "irfft_c_n11");
        close(Fft.irfft(c, 25, 0, B), "irfft_c_n25_axis0");
    }

    @Test
    void nDimensionalTransforms() {
        NDArray c = f("in_c"), c3 = f("in_c3"), r = f("in_r");
        close(Fft.fft2(c), "fft2_c");
        close(Fft.ifft2(c), "ifft2_c");
        close(Fft.fftn(c3, null, null, B), "fftn_c3");
        close(Fft.fftn(c3, new long[] {4, 6}, new int[] {0, 2}, B), "fftn_c3_s");
        close(Fft.ifftn(c3, null, null, B), "ifftn_c3");
        close(Fft.rfftn(r, null, null, B), "rfftn_r");
        close(Fft.irfftn(c3, null, null, B), "irfftn_c3");
        close(Fft.rfftn(r, null, new int[] {-2, -1}, B), "rfft2_r");
    }

    @Test
    void helpers() {
        close(Fft.fftfreq(8, 0.1), "fftfreq_8");
        close(Fft.fftfreq(9, 1.0), "fftfreq_9");
        close(Fft.rfftfreq(9, 0.5), "rfftfreq_9");
        close(Fft.fftshift(f("in_r"), null), "fftshift_r");
        close(Fft.ifftshift(f("in_r"), null), "ifftshift_r");
        close(Fft.fftshift(f("in_c3"), new int[] {1}), "fftshift_c3_axis1");
    }

    @Test
    void complexArithmeticAndParts() {
        NDArray x = f("cx"), y = f("cy");
        close(x.mul(y), "cx_mul_cy");
        close(x.div(y), "cx_div_cy");
        close(x.add(f("in_r").get(Index.range(0L, 6L, 1), Index.range(0L, 4L, 1))), "cx_add_r");
        close(x.abs(), "cx_abs");
        close(x.angle(), "cx_angle");
        NDArray back = NDArray.complex(x.real(), x.imag());
        assertThat(back).isEqualTo(x);
        assertThat(x.conj().imag().allClose(x.imag().expr().neg().evaluate())).isTrue();
        assertThat(x.sub(x).abs().max().item()).isZero();
    }

    @Test
    void badInputIsRefusedWithAMessage() {
        NDArray c = f("in_c");
        assertThatThrownBy(() -> Fft.rfft(c)).hasMessageContaining("complex128");
        assertThatThrownBy(() -> Fft.fft(c, 0, -1, B)).hasMessageContaining("n = 0");
        assertThatThrownBy(() -> Fft.fft(c, -1, 2, B)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> Fft.fftn(c, null, new int[] {0, 0}, B)).hasMessageContaining("repeated axis");
        assertThatThrownBy(() -> Fft.fftn(c, new long[] {3}, new int[] {0, 1}, B)).hasMessageContaining("one per axis");
        assertThatThrownBy(() -> Fft.Norm.of("none")).hasMessageContaining("backward, ortho or forward");
        assertThatThrownBy(() -> c.expr()).hasMessageContaining("complex128");
        assertThatThrownBy(() -> c.sum()).hasMessageContaining("complex128");
    }
}
