package dev.blockwork.ndarray;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void basics() {
        NDArray a = NDArray.arange(0, 12, 1, DType.FLOAT64).reshape(3, 4);
        System.out.println(a);
        NDArray t = a.transpose();
        System.out.println(t.copy());
        NDArray y = Expr.of(a).add(Expr.of(a).mul(2)).evaluate();
        System.out.println(y);
        assertThat(y.getDouble(2, 3)).isEqualTo(33.0);
        System.out.println(a.sum(0));
        System.out.println(a.sum(1));
        System.out.println(a.sum());
        System.out.println(a.get(Index.range(null, null, -1L), Index.at(1)));
        System.out.println(a.matmul(t));
        System.out.println(new Random(1).uniform(2, 3));
        System.out.println(a.var(0, 0));
        System.out.println(NDArray.arange(0, 3, 1, DType.INT32));
        System.out.println(Blas.activePath());
    }
}
