package dev.blockwork.ndarray;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Results checked against files NumPy 2.4 wrote (oracle b of the module's test plan). */
class NumPyFixtureTest {
    static final DType[] ORDER = {DType.FLOAT64, DType.FLOAT32, DType.INT64, DType.INT32, DType.BOOL};

    static void assertClose(NDArray actual, NDArray expected, double rtol) {
        assertThat(actual.shape()).as("shape").isEqualTo(expected.shape());
        assertThat(actual.dtype()).as("dtype").isEqualTo(expected.dtype());
        assertThat(actual.allClose(expected, rtol, 1e-300, true))
                .as("values\nactual   %s\nexpected %s", actual, expected).isTrue();
    }

    @Test
    void promotionTableMatchesNumPy() {
        NDArray add = Fixtures.load("promotion_add"), div = Fixtures.load("promotion_div");
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                DType a = ORDER[i], b = ORDER[j];
                assertThat(DType.promote(a, b)).as("%s + %s", a, b).isEqualTo(ORDER[(int) add.getLong(i, j)]);
                assertThat(DType.resultOfDivide(a, b)).as("%s / %s", a, b).isEqualTo(ORDER[(int) div.getLong(i, j)]);
                assertThat(Expr.ones(a, 2).add(Expr.ones(b, 2)).dtype()).isEqualTo(DType.promote(a, b));
                assertThat(Expr.ones(a, 2).div(Expr.ones(b, 2)).dtype()).isEqualTo(DType.resultOfDivide(a, b));
            }
        }
    }

    @Test
    void elementwiseMatchesNumPy() {
        NDArray xa = Fixtures.load("ew_x"), ya = Fixtures.load("ew_y");
        Expr x = Expr.of(xa), y = Expr.of(ya);
        Map<String, BinaryOperator<Expr>> bin = Map.ofEntries(
                Map.entry("add", Expr::add), Map.entry("sub", Expr::sub), Map.entry("mul", Expr::mul),
                Map.entry("div", Expr::div), Map.entry("pow", (a, b) -> a.abs().pow(b)), Map.entry("minimum", Expr::minimum),
                Map.entry("maximum", Expr::maximum), Map.entry("lt", Expr::lt), Map.entry("le", Expr::le),
                Map.entry("gt", Expr::gt), Map.entry("ge", Expr::ge), Map.entry("eq", Expr::eq), Map.entry("ne", Expr::ne),
                Map.entry("where", (a, b) -> Expr.where(a.gt(b), a, b)),
                Map.entry("fused", (a, b) -> a.add(a.mul(2)).div(Expr.scalar(1L).add(b.abs())).sub(a.abs().sqrt())));
        Map<String, UnaryOperator<Expr>> un = Map.ofEntries(
                Map.entry("sqrt", Expr::sqrt), Map.entry("exp", Expr::exp), Map.entry("log", Expr::log),
                Map.entry("sin", Expr::sin), Map.entry("cos", Expr::cos), Map.entry("tanh", Expr::tanh),
                Map.entry("floor", Expr::floor), Map.entry("ceil", Expr::ceil), Map.entry("round", Expr::round),
                Map.entry("abs", Expr::abs), Map.entry("negative", Expr::neg));
        bin.forEach((name, f) -> assertClose(f.apply(x, y).evaluate(), Fixtures.load("ew_" + name), 1e-14));
        un.forEach((name, f) -> assertClose(f.apply(x).evaluate(), Fixtures.load("ew_" + name), 1e-14));
        // rounding must be exact, half to even
        assertThat(x.round().evaluate()).isEqualTo(Fixtures.load("ew_round"));
    }

    @Test
    void mixedDtypesMatchNumPy() {
        Expr i32a = Expr.of(Fixtures.load("mx_i32a")), i32b = Expr.of(Fixtures.load("mx_i32b"));
        Expr f32a = Expr.of(Fixtures.load("mx_f32a")), f32b = Expr.of(Fixtures.load("mx_f32b"));
        Expr i64 = Expr.of(Fixtures.load("mx_i64")), bo = Expr.of(Fixtures.load("mx_bool"));
        NDArray boArr = Fixtures.load("mx_bool");
        assertClose(i32a.add(f32a).evaluate(), Fixtures.load("mx_i32_add_f32"), 1e-15);
        assertClose(i64.add(f32a).evaluate(), Fixtures.load("mx_i64_add_f32"), 1e-15);
        assertThat(bo.add(i32a).evaluate()).isEqualTo(Fixtures.load("mx_bool_add_i32"));
        assertClose(i32a.div(i32b).evaluate(), Fixtures.load("mx_i32_div_i32"), 1e-15);
        assertThat(f32a.mul(f32b).evaluate()).isEqualTo(Fixtures.load("mx_f32_mul_f32"));
        assertThat(f32a.div(f32b).evaluate()).isEqualTo(Fixtures.load("mx_f32_div_f32"));
        assertThat(f32a.abs().sqrt().evaluate()).isEqualTo(Fixtures.load("mx_f32_sqrt"));
        assertThat(f32a.add(0.1).evaluate()).isEqualTo(Fixtures.load("mx_f32_add_pyfloat"));
        assertThat(i32a.mul(3L).evaluate()).isEqualTo(Fixtures.load("mx_i32_mul_pyint"));
        assertThat(i32a.mul(0.5).evaluate()).isEqualTo(Fixtures.load("mx_i32_mul_pyfloat"));
        assertThat(i32a.pow(i32b.abs()).evaluate()).isEqualTo(Fixtures.load("mx_i32_pow_i32"));
        assertThat(i32a.maximum(i32b).evaluate()).isEqualTo(Fixtures.load("mx_i32_max_i32"));
        assertThat(bo.and(Expr.of(boArr.get(Index.range(null, null, -1)))).evaluate()).isEqualTo(Fixtures.load("mx_bool_and_bool"));
        assertThat(i32a.xor(i32b).evaluate()).isEqualTo(Fixtures.load("mx_i32_xor_i32"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"all", "a0", "a1", "a2", "a02"})
    void reductionsMatchNumPy(String tag) {
        NDArray r = Fixtures.load("red_x"), rn = Fixtures.load("red_xnan"), ri = Fixtures.load("red_i32");
        int[] axes = switch (tag) {
            case "all" -> null; // axis=None
            case "a0" -> new int[] {0};
            case "a1" -> new int[] {1};
            case "a2" -> new int[] {2};
            default -> new int[] {0, 2};
        };
        assertClose(r.sum(axes), Fixtures.load("red_sum_" + tag), 1e-13);
        assertClose(r.mean(axes), Fixtures.load("red_mean_" + tag), 1e-13);
        assertClose(r.var(0, axes), Fixtures.load("red_var0_" + tag), 1e-12);
        assertClose(r.std(1, axes), Fixtures.load("red_std1_" + tag), 1e-12);
        assertClose(r.min(axes), Fixtures.load("red_min_" + tag), 0);
        assertClose(r.max(axes), Fixtures.load("red_max_" + tag), 0);
        assertClose(Expr.of(r).div(5).evaluate().prod(axes), Fixtures.load("red_prod_" + tag), 1e-12);
        assertClose(rn.max(axes), Fixtures.load("red_nanmax_" + tag), 0);
        assertThat(ri.sum(axes)).isEqualTo(Fixtures.load("red_i32sum_" + tag));
        assertClose(ri.mean(axes), Fixtures.load("red_i32mean_" + tag), 1e-14);
    }

    @Test
    void argReductionsMatchNumPy() {
        NDArray r = Fixtures.load("red_x"), rn = Fixtures.load("red_xnan");
        for (int ax = 0; ax < 3; ax++) {
            assertThat(r.argmin(ax)).isEqualTo(Fixtures.load("red_argmin_a" + ax));
            assertThat(rn.argmax(ax)).isEqualTo(Fixtures.load("red_argmax_a" + ax));
        }
        assertThat(rn.argmax()).isEqualTo(Fixtures.load("red_argmax_all").getLong());
    }

    @Test
    void matmulMatchesNumPy() {
        NDArray a = Fixtures.load("mm_a"), b = Fixtures.load("mm_b");
        assertClose(a.matmul(b), Fixtures.load("mm_c"), 1e-12);
        assertClose(a.astype(DType.FLOAT32).matmul(b.astype(DType.FLOAT32)), Fixtures.load("mm_c32"), 1e-5);
        NDArray ba = Fixtures.load("mm_ba"), bb = Fixtures.load("mm_bb");
        assertClose(ba.matmul(bb), Fixtures.load("mm_bc"), 1e-12);
        assertClose(ba.matmul(Fixtures.load("mm_v")), Fixtures.load("mm_bav"), 1e-12);
    }

    @Test
    void npyReaderReadsEveryDtypeInBothOrders() {
        NDArray base = NDArray.arange(24).reshape(2, 3, 4);
        for (DType t : ORDER) {
            NDArray c = Fixtures.load("io_" + t.numpyName() + "_c"), f = Fixtures.load("io_" + t.numpyName() + "_f");
            NDArray expect = switch (t) {
                case BOOL -> Expr.of(base).sub(Expr.of(base).div(3L).floor().mul(3L)).eq(0).evaluate();
                case FLOAT64, FLOAT32 -> Expr.of(base).mul(1.25).sub(7L).astype(t).evaluate();
                default -> Expr.of(base).mul(1000003L).sub(7L).astype(t).evaluate();
            };
            assertThat(c).as("%s C order", t).isEqualTo(expect);
            assertThat(f).as("%s Fortran order", t).isEqualTo(expect);
            assertThat(c.isContiguous()).isTrue();
            assertThat(Npy.readDescriptor(Fixtures.path("io_" + t.numpyName() + "_f")).fortranOrder()).isTrue();
        }
        NDArray z = Fixtures.load("io_0d");
        assertThat(z.ndim()).isZero();
        assertThat(z.item()).isEqualTo(3.25);
        assertThat(Fixtures.load("io_0d_i32")).isEqualTo(NDArray.full(-7L, DType.INT32));
        assertThat(Fixtures.load("io_empty").shape()).isEqualTo(Shape.of(0, 3));
        assertThat(Fixtures.load("io_1d")).isEqualTo(NDArray.arange(0, 5, 1, DType.FLOAT64));
        assertThat(Fixtures.load("io_v2")).isEqualTo(NDArray.arange(0, 6, 1, DType.FLOAT64).reshape(2, 3));
        assertThat(Fixtures.load("io_v3")).isEqualTo(NDArray.arange(0, 6, 1, DType.INT32).reshape(3, 2));
        assertThat(Fixtures.load("io_be_f8")).isEqualTo(NDArray.arange(0, 6, 1, DType.FLOAT64).reshape(2, 3));
        assertThat(Fixtures.load("io_be_i4")).isEqualTo(NDArray.arange(0, 6, 1, DType.INT32).reshape(3, 2));
        assertThat(Fixtures.load("io_be_i8_f")).isEqualTo(NDArray.arange(6).reshape(3, 2));
    }
}
