package dev.blockwork.ndarray;

import dev.blockwork.spi.BlockCodec;
import dev.blockwork.spi.BlockCodecs;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** NDArray's block codec is found through the SPI and round-trips every dtype and views (as C-contiguous copies). */
class NDArrayBlockCodecTest {
    @Test
    void registeredAndRoundTripsEveryDtypeAndAView() {
        BlockCodec<NDArray> c = BlockCodecs.of(NDArray.class);
        assertThat(c).isInstanceOf(NDArrayBlockCodec.class);
        NDArray base = NDArray.arange(60).reshape(5, 12);
        for (DType t : DType.values()) {
            NDArray a = base.astype(t).transpose().slice(0, 1L, 11L, 3); // a strided view
            BlockCodec.Flat f = c.flatten(a);
            assertThat(f.dtype()).isEqualTo(t.name());
            assertThat(f.length()).isEqualTo(a.size() * (t.isComplex() ? 2 : 1)); // complex travels as its re, im doubles
            Object copy = java.lang.reflect.Array.newInstance(f.array().getClass().getComponentType(), f.length());
            System.arraycopy(f.array(), f.offset(), copy, 0, f.length()); // what a transport does
            NDArray back = c.rebuild(new BlockCodec.Flat(f.dtype(), f.shape(), copy, 0, f.length()));
            assertThat(back).isEqualTo(a);
            assertThat(back.shape()).isEqualTo(a.shape());
        }
    }

    @Test
    void aMismatchedStorageIsRefusedClearly() {
        BlockCodec<NDArray> c = BlockCodecs.of(NDArray.class);
        assertThatThrownBy(() -> c.rebuild(new BlockCodec.Flat("FLOAT64", new long[] {2}, new int[2], 0, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got a int[] for dtype FLOAT64, expected a double[]");
    }
}
