package dev.blockwork.array;

import static dev.blockwork.array.ArrayAssert.assertEq;

import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.Expr;
import dev.blockwork.ndarray.Index;
import dev.blockwork.ndarray.NDArray;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of {@code src/test/python/make_fixtures.py} against NumPy's own answer (values and dtype), for
 * three chunkings of the inputs: small irregular blocks, one block per axis, and blocks of 2 along every axis.
 */
class NumpyFixtureTest {
    /** How the inputs are cut: a function from an axis length to a block size. */
    enum Cut {
        THIRDS(n -> Math.max(1, (n + 2) / 3)), WHOLE(n -> -1L), TWOS(n -> 2L);

        final Function<Long, Long> size;

        Cut(Function<Long, Long> size) { this.size = size; }
    }

    record In(Map<String, DArray> x) {
        DArray get(String k) { return x.get(k); }
    }

    static final Map<String, Function<In, DArray>> CASES = new LinkedHashMap<>();

    static {
        CASES.put("add_a_b", i -> i.get("a").add(i.get("b")));
        CASES.put("mul_b_2", i -> i.get("b").mul(2.0));
        CASES.put("add_c_d", i -> i.get("c").add(i.get("d")));
        CASES.put("mul_c_b", i -> i.get("c").mul(i.get("b")));
        CASES.put("div_c_d", i -> i.get("c").div(DArray.where(i.get("d").eq(0), 1L, i.get("d"))));
        CASES.put("sub_d_c", i -> i.get("d").sub(i.get("c")));
        CASES.put("pow_p_2", i -> i.get("p").pow(2L));
        CASES.put("pow_p_b", i -> i.get("p").pow(i.get("b")));
        CASES.put("neg_a", i -> i.get("a").neg());
        CASES.put("abs_d", i -> i.get("d").abs());
        CASES.put("sqrt_p", i -> i.get("p").sqrt());
        CASES.put("exp_a", i -> i.get("a").exp());
        CASES.put("log_p", i -> i.get("p").log());
        CASES.put("sin_a", i -> i.get("a").sin());
        CASES.put("cos_b", i -> i.get("b").cos());
        CASES.put("tanh_a", i -> i.get("a").tanh());
        CASES.put("floor_a", i -> i.get("a").floor());
        CASES.put("ceil_b", i -> i.get("b").ceil());
        CASES.put("round_a", i -> i.get("a").round());
        CASES.put("minimum_a_b", i -> i.get("a").minimum(i.get("b")));
        CASES.put("maximum_c_d", i -> i.get("c").maximum(i.get("d")));
        CASES.put("lt_a_b", i -> i.get("a").lt(i.get("b")));
        CASES.put("ge_d_c", i -> i.get("d").ge(i.get("c")));
        CASES.put("eq_c_0", i -> i.get("c").eq(0));
        CASES.put("and_m_apos", i -> i.get("m").and(i.get("a").gt(0)));
        CASES.put("or_m_apos", i -> i.get("m").or(i.get("a").gt(0)));
        CASES.put("not_m", i -> i.get("m").not());
        CASES.put("where_m_a_c", i -> DArray.where(i.get("m"), i.get("a"), i.get("c")));
        CASES.put("chain", i -> {
            DArray a = i.get("a");
            return a.add(a.mul(2)).div(i.get("p").add(1)).sub(a.sin());
        });
        CASES.put("astype_a_i32", i -> i.get("a").astype(DType.INT32));
        CASES.put("sum_a_0", i -> i.get("a").sum(0));
        CASES.put("sum_a_1", i -> i.get("a").sum(1));
        CASES.put("sum_a", i -> i.get("a").sum());
        CASES.put("sum_d_0", i -> i.get("d").sum(0));
        CASES.put("sum_m", i -> i.get("m").sum());
        CASES.put("prod_c", i -> i.get("c").prod());
        CASES.put("mean_a_0", i -> i.get("a").mean(0));
        CASES.put("mean_b", i -> i.get("b").mean());
        CASES.put("mean_c", i -> i.get("c").mean());
        CASES.put("var_a_1", i -> i.get("a").var(1));
        CASES.put("std_a", i -> i.get("a").std());
        CASES.put("var_a_ddof1", i -> i.get("a").var(1, null, false));
        CASES.put("std_x3_02", i -> i.get("x3").std(0, 2));
        CASES.put("min_a_0", i -> i.get("a").min(0));
        CASES.put("max_d_1", i -> i.get("d").max(1));
        CASES.put("argmin_a_0", i -> i.get("a").argmin(0));
        CASES.put("argmax_a", i -> i.get("a").argmax());
        CASES.put("argmax_x3_1", i -> i.get("x3").argmax(1));
        CASES.put("any_m_0", i -> i.get("m").any(0));
        CASES.put("all_m_1", i -> i.get("m").all(1));
        CASES.put("sum_x3_keep", i -> i.get("x3").sum(new int[] {0, 2}, true));
        CASES.put("var_b", i -> i.get("b").var());
        CASES.put("std_b_ddof1", i -> i.get("b").std(1, null, false));
        CASES.put("mean_c_0", i -> i.get("c").mean(0));
        CASES.put("sum_c_0", i -> i.get("c").sum(0));
        CASES.put("min_c", i -> i.get("c").min());
        CASES.put("argmin_d_1", i -> i.get("d").argmin(1));
        CASES.put("argmax_b", i -> i.get("b").argmax());
        CASES.put("prod_m_0", i -> i.get("m").prod(0));
        CASES.put("max_m_1", i -> i.get("m").max(1));
        CASES.put("mean_m", i -> i.get("m").mean());
        CASES.put("slice_a", i -> i.get("a").get(Index.range(2L, 6L, 2), Index.range(null, null, -3)));
        CASES.put("index_a_3", i -> i.get("a").get(Index.at(3)));
        CASES.put("newaxis_a", i -> i.get("a").get(Index.all(), Index.newAxis(), Index.at(4)));
        CASES.put("take_a", i -> i.get("a").get(Index.range(null, null, -1)).take(new long[] {1, 5, 2, -1}, 1));
        CASES.put("mask_a", i -> i.get("a").compress(row0(i.get("m")), 1));
        CASES.put("slice_x3", i -> i.get("x3").get(Index.range(1L, null), Index.range(null, null, 2), Index.range(-2L, null)));
        CASES.put("transpose_a", i -> i.get("a").transpose());
        CASES.put("transpose_x3", i -> i.get("x3").transpose(2, 0, 1));
        CASES.put("swap_x3", i -> i.get("x3").swapAxes(0, 2));
        CASES.put("moveaxis_x3", i -> i.get("x3").moveAxis(0, -1));
        CASES.put("reshape_a_77", i -> i.get("a").reshape(77));
        CASES.put("reshape_a_11_7", i -> i.get("a").reshape(11, 7));
        CASES.put("reshape_x3", i -> i.get("x3").reshape(20, 6));
        CASES.put("reshape_x3_b", i -> i.get("x3").reshape(4, 30));
        CASES.put("reshape_x3_c", i -> i.get("x3").reshape(2, 2, 30));
        CASES.put("concat_a_d", i -> DArray.concatenate(List.of(i.get("a"), i.get("d")), 0));
        CASES.put("stack_a_a", i -> DArray.stack(List.of(i.get("a"), i.get("a")), 1));
        CASES.put("squeeze_c", i -> i.get("c").squeeze());
        CASES.put("expand_b", i -> i.get("b").expandDims(0));
        CASES.put("matmul_a_at", i -> i.get("a").matmul(i.get("a").transpose()));
        CASES.put("matmul_a_b", i -> i.get("a").matmul(i.get("b")));
        CASES.put("matmul_d_dt", i -> i.get("d").matmul(i.get("d").transpose()));
        CASES.put("tensordot_x3_y3", i -> DArray.tensordot(i.get("x3"), i.get("y3"), new int[] {1, 2}, new int[] {1, 0}));
        CASES.put("dot_b_b", i -> i.get("b").dot(i.get("b")));
        CASES.put("matmul_batched", i -> i.get("q4").matmul(i.get("r4")));
        CASES.put("matmul_x3_b6", i -> i.get("x3").matmul(i.get("y3").get(Index.all(), Index.at(0), Index.at(0)).astype(DType.FLOAT32)));
        CASES.put("overlap_constant", i -> i.get("a").mapOverlap(NumpyFixtureTest::stencil, new int[] {1, 1}, Boundary.constant(0)));
        CASES.put("overlap_reflect", i -> i.get("a").mapOverlap(NumpyFixtureTest::stencil, new int[] {1, 1}, Boundary.reflect()));
        CASES.put("overlap_periodic", i -> i.get("a").mapOverlap(NumpyFixtureTest::stencil, new int[] {1, 1}, Boundary.periodic()));
    }

    /** Five-point mean on the interior of an extended block (the ghost rim of the result is trimmed). */
    static NDArray stencil(NDArray e, BlockFunction.BlockInfo info) {
        NDArray r = NDArray.zeros(e.dtype(), e.shapeArray());
        Index in = Index.range(1L, -1L), lo = Index.range(null, -2L), hi = Index.range(2L, null);
        Expr sum = Expr.of(e.get(lo, in)).add(Expr.of(e.get(in, in))).add(Expr.of(e.get(hi, in)))
                .add(Expr.of(e.get(in, lo))).add(Expr.of(e.get(in, hi)));
        sum.div(5.0).evaluateInto(r.get(in, in));
        return r;
    }

    static boolean[] row0(DArray m) {
        return m.compute().get(Index.at(0)).toBooleanArray();
    }

    static NDArray readFixture(Path p) {
        try {
            return NpyBridge.read(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Path fixture(String name) {
        try {
            return Paths.get(NumpyFixtureTest.class.getResource("/fixtures/" + name + ".npy").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<Arguments> cases() {
        return CASES.keySet().stream().flatMap(k -> Stream.of(Cut.values()).map(c -> Arguments.of(k, c)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void matchesNumpy(String name, Cut cut) {
        Map<String, DArray> in = new LinkedHashMap<>();
        for (String k : List.of("a", "b", "c", "d", "m", "x3", "y3", "p", "q4", "r4")) {
            NDArray v = readFixture(fixture("in_" + k));
            long[] s = v.shapeArray();
            long[] c = new long[s.length];
            for (int d = 0; d < s.length; d++) c[d] = cut.size.apply(s[d]);
            in.put(k, DArray.fromArray(v, Chunks.of(c)));
        }
        DArray actual = CASES.get(name).apply(new In(in));
        assertEq(actual, readFixture(fixture("out_" + name)), name + " " + cut);
    }
}
