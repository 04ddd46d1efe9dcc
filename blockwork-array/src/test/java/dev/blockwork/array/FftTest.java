package dev.blockwork.array;

import static dev.blockwork.array.ArrayAssert.assertEq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.Fft.Norm;
import dev.blockwork.ndarray.NDArray;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Fft} on random chunkings (seeded; the seed is in every message) against the one-block
 * {@link dev.blockwork.ndarray.Fft}, which FftFixtureTest checks against NumPy; complex element-wise DArray ops.
 */
class FftTest {
    private static NDArray randomComplex(Random r, long... shape) {
        NDArray re = NDArray.zeros(DType.FLOAT64, shape), im = NDArray.zeros(DType.FLOAT64, shape);
        for (long i = 0; i < re.size(); i++) { re.setDoubleFlat(i, r.nextGaussian()); im.setDoubleFlat(i, r.nextGaussian()); }
        return NDArray.complex(re, im);
    }

    private static NDArray randomReal(Random r, long... shape) {
        NDArray re = NDArray.zeros(DType.FLOAT64, shape);
        for (long i = 0; i < re.size(); i++) re.setDoubleFlat(i, r.nextGaussian());
        return re;
    }

    @Test
    void oneDimensionalTransformsOnRandomChunkings() {
        long seed = 151201L;
        Random r = new Random(seed);
        for (int trial = 0; trial < 12; trial++) {
            long[] s = PropertyTest.randomShape(r, 1 + r.nextInt(3));
            NDArray z = randomComplex(r, s), x = randomReal(r, s);
            int axis = r.nextInt(s.length) - (r.nextBoolean() ? s.length : 0);
            long n = r.nextBoolean() ? -1 : 1 + r.nextInt(12);
            Norm norm = Norm.values()[r.nextInt(3)];
            String ctx = "seed " + seed + " trial " + trial + " shape " + Arrays.toString(s) + " axis " + axis + " n " + n + " " + norm;
            DArray dz = DArray.fromArray(z, PropertyTest.randomChunks(r, s)), dx = DArray.fromArray(x, PropertyTest.randomChunks(r, s));
            assertEq(Fft.fft(dz, n, axis, norm), dev.blockwork.ndarray.Fft.fft(z, n, axis, norm), ctx);
            assertEq(Fft.ifft(dz, n, axis, norm), dev.blockwork.ndarray.Fft.ifft(z, n, axis, norm), ctx);
            assertEq(Fft.rfft(dx, n, axis, norm), dev.blockwork.ndarray.Fft.rfft(x, n, axis, norm), ctx);
            long m = s[Math.floorMod(axis, s.length)];
            if (n > 0 || m > 1) assertEq(Fft.irfft(dz, n, axis, norm), dev.blockwork.ndarray.Fft.irfft(z, n, axis, norm), ctx);
        }
    }

    @Test
    void nDimensionalTransformsAndRoundTrips() {
        long seed = 99L;
        Random r = new Random(seed);
        for (int trial = 0; trial < 6; trial++) {
            long[] s = PropertyTest.randomShape(r, 2 + r.nextInt(2));
            NDArray z = randomComplex(r, s), x = randomReal(r, s);
            String ctx = "seed " + seed + " trial " + trial + " shape " + Arrays.toString(s);
            DArray dz = DArray.fromArray(z, PropertyTest.randomChunks(r, s)), dx = DArray.fromArray(x, PropertyTest.randomChunks(r, s));
            assertEq(dz.fft2(), dev.blockwork.ndarray.Fft.fft2(z), ctx);
            assertEq(dz.fftn(), dev.blockwork.ndarray.Fft.fftn(z, null, null, Norm.BACKWARD), ctx);
            assertEq(dz.fftn().ifftn(), z, ctx + " round trip");
            assertEq(Fft.rfftn(dx, null, null, Norm.BACKWARD), dev.blockwork.ndarray.Fft.rfftn(x, null, null, Norm.BACKWARD), ctx);
            long[] even = s.clone();
            even[s.length - 1] = 2 * (s[s.length - 1] / 2 + 1);
            assertEq(Fft.irfftn(Fft.rfftn(dx, null, null, Norm.BACKWARD), s, null, Norm.BACKWARD), x, ctx + " real round trip");
            assertEq(Fft.fftshift(dx, null), dev.blockwork.ndarray.Fft.fftshift(x, null), ctx);
            assertEq(Fft.ifftshift(Fft.fftshift(dx, new int[] {0}), new int[] {0}), x, ctx);
        }
    }

    @Test
    void frequenciesAndTheChunksOfTheResult() {
        assertEq(Fft.fftfreq(9, 0.25, Chunks.of(4)), dev.blockwork.ndarray.Fft.fftfreq(9, 0.25));
        assertEq(Fft.rfftfreq(10, 1, Chunks.of(2)), dev.blockwork.ndarray.Fft.rfftfreq(10, 1));
        DArray x = DArray.fromArray(randomReal(new Random(3), 6, 20), Chunks.of(2, 5));
        DArray f = x.rfft(-1, 1);
        assertThat(f.chunks().sizes()[0]).containsExactly(2, 2, 2); // other axes keep their chunks
        assertThat(f.chunks().sizes()[1]).containsExactly(11);
        assertThat(f.dtype()).isEqualTo(DType.COMPLEX128);
    }

    @Test
    void complexElementwiseOnDArrays() {
        Random r = new Random(5);
        NDArray a = randomComplex(r, 5, 7), b = randomComplex(r, 7), x = randomReal(r, 5, 7);
        DArray da = DArray.fromArray(a, Chunks.of(2, 3)), db = DArray.fromArray(b, Chunks.of(4)), dx = DArray.fromArray(x, Chunks.of(3, 7));
        assertEq(da.add(db), a.add(b));
        assertEq(da.sub(dx), a.sub(x));
        assertEq(dx.mul(da), x.mul(a));
        assertEq(da.div(db), a.div(b));
        assertEq(da.mul(2.0), a.mul(NDArray.scalar(2)));
        assertEq(da.real(), a.real());
        assertEq(da.imag(), a.imag());
        assertEq(da.conj(), a.conj());
        assertEq(da.abs(), a.abs());
        assertEq(da.angle(), a.angle());
        assertEq(dx.astype(DType.COMPLEX128), x.astype(DType.COMPLEX128));
        assertEq(DArray.complex(dx, dx.mul(2.0)), NDArray.complex(x, x.expr().mul(2).evaluate()));
        assertEq(da.iscomplex(), a.imag().expr().ne(0).evaluate());
        assertThatThrownBy(() -> da.sin()).hasMessageContaining("complex128");
        assertThatThrownBy(() -> Fft.rfft(da)).hasMessageContaining("complex128");
        assertThatThrownBy(() -> Fft.fft(da, 0, 0, Norm.BACKWARD)).hasMessageContaining("n = 0");
        assertThatThrownBy(() -> Fft.fft(da, -1, 2, Norm.BACKWARD)).hasMessageContaining("axis 2 is out of bounds");
    }
}
