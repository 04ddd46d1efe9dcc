package dev.blockwork.ndarray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** complex128 storage: creation, views, copies, casts, repr (NumPy's strings), NPY, the block codec, Java serialization. */
class ComplexArrayTest {
    private static NDArray z(double... reIm) { return NDArray.fromComplex(reIm); }

    @Test
    void creationPartsAndElementAccess() {
        NDArray c = NDArray.complex(NDArray.of(1, 2, 3), NDArray.of(-1, 0.5, 0));
        assertThat(c.dtype()).isEqualTo(DType.COMPLEX128);
        assertThat(c.getReal(1)).isEqualTo(2);
        assertThat(c.getImag(1)).isEqualTo(0.5);
        c.setComplex(7, 8, 2);
        assertThat(c.getImag(2)).isEqualTo(8);
        assertThat(c.real().toDoubleArray()).containsExactly(1, 2, 7);
        assertThat(c.imag().toDoubleArray()).containsExactly(-1, 0.5, 8);
        assertThat(NDArray.of(1, -2).imag().toDoubleArray()).containsExactly(0, 0);
        // broadcasting parts: (2,1) with (3,)
        NDArray b = NDArray.complex(NDArray.fromArray(new double[] {1, 2}, 2, 1), NDArray.of(10, 20, 30));
        assertThat(b.shape()).isEqualTo(Shape.of(2, 3));
        assertThat(b.getReal(1, 2)).isEqualTo(2);
        assertThat(b.getImag(1, 2)).isEqualTo(30);
        assertThat(DType.promote(DType.INT32, DType.COMPLEX128)).isEqualTo(DType.COMPLEX128);
        assertThat(DType.of("complex128")).isEqualTo(DType.COMPLEX128);
        assertThat(DType.fromDescr("<c16")).isEqualTo(DType.COMPLEX128);
    }

    @Test
    void viewsCopiesAndCasts() {
        NDArray c = NDArray.fromComplex(new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, 2, 3);
        NDArray t = c.transpose();
        assertThat(t.getReal(2, 1)).isEqualTo(10);
        assertThat(t.getImag(2, 1)).isEqualTo(11);
        NDArray rev = c.slice(1, null, null, -1).copy();
        assertThat(rev.getReal(0, 0)).isEqualTo(4);
        assertThat(rev.isContiguous()).isTrue();
        assertThat(c.reshape(3, 2).getImag(2, 1)).isEqualTo(11);
        assertThat(t.reshape(6).getReal(1)).isEqualTo(6); // C order of the transposed view
        assertThat(NDArray.of(1.5, 2).astype(DType.COMPLEX128)).isEqualTo(z(1.5, 0, 2, 0));
        assertThat(z(1.5, 9, -2, 3).astype(DType.FLOAT64).toDoubleArray()).containsExactly(1.5, -2); // NumPy drops imag
        NDArray dst = NDArray.zeros(DType.COMPLEX128, 2, 3);
        dst.slice(1, 0L, 1L, 1).assign(NDArray.fromArray(new double[] {5, 6}, 2, 1));
        assertThat(dst.getReal(1, 0)).isEqualTo(6);
        assertThat(dst.getImag(1, 0)).isZero();
        assertThat(NDArray.concatenate(0, c, NDArray.zeros(DType.FLOAT64, 1, 3)).shape()).isEqualTo(Shape.of(3, 3));
        assertThat(c.conj().conj()).isEqualTo(c);
        assertThat(c.hashCode()).isEqualTo(c.copy().hashCode());
    }

    @Test
    void arithmeticSpecialCases() {
        // Smith's division keeps huge operands finite, and 1/(0+0j) gives inf/nan as NumPy
        NDArray q = z(1e300, 1e300).div(z(1e300, 1e300));
        assertThat(q.getReal(0)).isEqualTo(1.0);
        assertThat(q.getImag(0)).isEqualTo(0.0);
        NDArray inf = z(1, 0).div(z(0, 0));
        assertThat(Double.isInfinite(inf.getReal(0))).isTrue();
        assertThat(z(3, 4).abs().item()).isEqualTo(5.0);
        assertThat(z(0, 1).angle().item()).isEqualTo(Math.PI / 2);
        assertThat(z(1, 2).mul(NDArray.of(2)).allClose(z(2, 4))).isTrue();
        assertThat(NDArray.of(2).sub(z(1, 2))).isEqualTo(z(1, -2));
        assertThat(z(1, 2).allClose(z(1, 2 + 1e-12))).isTrue();
        assertThat(z(1, 2).allClose(z(1, 2.1))).isFalse();
        assertThat(z(Double.NaN, 0).allClose(z(Double.NaN, 0), 0, 0, true)).isTrue();
        assertThat(z(Double.NaN, 0).allClose(z(Double.NaN, 0))).isFalse();
    }

    @Test
    void reprMatchesNumPy() {
        // strings from NumPy 2.4's repr
        assertThat(z(1, 2, 3.5, -4).toString()).isEqualTo("array([1. +2.j, 3.5-4.j])");
        assertThat(z(1, 2.5, 3, -4).toString()).isEqualTo("array([1.+2.5j, 3.-4.j ])");
        assertThat(NDArray.fromComplex(new double[] {1, 20, 1, -3, 0, 0, -2.25, 0.5}, 2, 2).toString())
                .isEqualTo("array([[ 1.  +20.j ,  1.   -3.j ],\n       [ 0.   +0.j , -2.25 +0.5j]])");
        assertThat(NDArray.zeros(DType.COMPLEX128, 0).toString()).isEqualTo("array([], dtype=complex128)");
    }

    @Test
    void npyRoundTripAndNumPyFile(@TempDir Path dir) throws Exception {
        NDArray c = NDArray.fromComplex(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, 3, 2).transpose();
        Path p = dir.resolve("c.npy");
        Npy.write(p, c);
        assertThat(Npy.readDescriptor(p).dtype()).isEqualTo(DType.COMPLEX128);
        assertThat(new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.ISO_8859_1)).contains("'descr': '<c16'");
        assertThat(Npy.read(p)).isEqualTo(c.copy());
        NDArray numpy = Fixtures.load("fft_in_c"); // written by np.save
        assertThat(numpy.shape()).isEqualTo(Shape.of(6, 10));
    }

    @Test
    void codecAndJavaSerializationKeepTheDtype() throws Exception {
        NDArray c = NDArray.fromComplex(new double[] {1, 2, 3, 4, 5, 6, 7, 8}, 2, 2).slice(0, 1L, 2L, 1);
        NDArrayBlockCodec codec = new NDArrayBlockCodec();
        var flat = codec.flatten(c);
        assertThat(flat.shape()).containsExactly(1, 2, 2);
        assertThat(flat.length()).isEqualTo(4);
        double[] copy = java.util.Arrays.copyOfRange((double[]) flat.array(), flat.offset(), flat.offset() + flat.length());
        NDArray back = codec.rebuild(new dev.blockwork.spi.BlockCodec.Flat(flat.dtype(), flat.shape(), copy, 0, flat.length()));
        assertThat(back).isEqualTo(c.copy());
        assertThatThrownBy(() -> codec.rebuild(new dev.blockwork.spi.BlockCodec.Flat("COMPLEX128", new long[] {3}, new double[3], 0, 3)))
                .hasMessageContaining("trailing axis of 2");
        var bytes = new java.io.ByteArrayOutputStream();
        try (var out = new java.io.ObjectOutputStream(bytes)) { out.writeObject(c); }
        try (var in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject()).isEqualTo(c.copy());
        }
    }
}
