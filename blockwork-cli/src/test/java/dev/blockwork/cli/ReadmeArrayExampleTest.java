package dev.blockwork.cli;

import dev.blockwork.array.DArray;
import dev.blockwork.ndarray.NDArray;
import org.junit.jupiter.api.Test;

import static dev.blockwork.array.DArrays.chunks;
import static dev.blockwork.array.DArrays.shape;
import static org.assertj.core.api.Assertions.assertThat;

/** The README's first-screen array example, kept compiling and correct. */
class ReadmeArrayExampleTest {
    @Test
    void seedExample() {
        DArray x = DArray.ones(shape(1000, 1000), chunks(100, 100));
        DArray z = x.add(x.mul(2));
        NDArray r = z.compute();
        assertThat(r.shape()).isEqualTo(shape(1000, 1000));
        assertThat(r.getDouble(999, 0)).isEqualTo(3.0);
        assertThat(z.sum().compute().item()).isEqualTo(3_000_000.0);
    }
}
