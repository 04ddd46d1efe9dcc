package dev.blockwork.array;

import static dev.blockwork.array.ArrayAssert.assertEq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.NDArray;
import dev.blockwork.ndarray.Npy;
import dev.blockwork.ndarray.QuantileMethod;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Sorting, sets and statistics of {@link DArray} against NumPy fixtures (made by
 * {@code src/test/python/make_sort_stats_fixtures.py}), each on a random chunking (seeded; seed in the messages).
 */
class SortStatsFixtureTest {
    private static final long SEED = 1512L;
    private final Random r = new Random(SEED);

    private static NDArray f(String name) { return Npy.read(NumpyFixtureTest.fixture("ss_" + name)); }

    private DArray in(String name) {
        NDArray a = f("in_" + name);
        return DArray.fromArray(a, PropertyTest.randomChunks(r, a.shapeArray()));
    }

    private static void eq(DArray got, String want) { assertEq(got, f(want), "seed " + SEED + " " + want); }

    @Test
    void sortAndArgsort() {
        eq(in("f").sort(0), "sort_f_0");
        eq(in("f").sort(1), "sort_f_1");
        eq(in("f").argsort(0), "argsort_f_0");
        eq(in("i").argsort(-1), "argsort_i_1");
        eq(in("i").sort(0), "sort_i_0");
        assertThatThrownBy(() -> in("f").sort(2)).hasMessageContaining("axis 2 is out of bounds");
    }

    @Test
    void topkIsATreeWithTheSameAnswer() {
        for (int rep = 0; rep < 4; rep++) {
            eq(in("t").topk(3, 1), "topk_t_3_1");
            eq(in("t").argtopk(3, 1), "argtopk_t_3_1");
            eq(in("t").topk(-4, 0), "topk_t_-4_0");
            eq(in("t").argtopk(-4, 0), "argtopk_t_-4_0");
        }
        // many chunks: several levels of the tree
        DArray t = DArray.fromArray(f("in_t"), Chunks.of(2, 1));
        assertThat(t.chunks().numBlocks(1)).isGreaterThan(Sorting.SPLIT_EVERY);
        eq(t.topk(3, 1), "topk_t_3_1");
        eq(t.argtopk(3, 1), "argtopk_t_3_1");
        assertThatThrownBy(() -> t.topk(12, 1)).hasMessageContaining("expected 1 <= |k| <= 11");
    }

    @Test
    void uniqueWithCountsAndInverse() {
        List<DArray> fc = in("f").uniqueCounts();
        eq(fc.get(0), "unique_f");
        eq(fc.get(1), "unique_f_counts");
        List<DArray> ic = in("i").uniqueCounts();
        eq(ic.get(0), "unique_i");
        eq(ic.get(1), "unique_i_counts");
        eq(in("i").uniqueInverse().get(1), "unique_i_inverse");
    }

    @Test
    void isinSearchsortedDigitizeBincount() {
        eq(in("i").isin(-3, 0, 5, 19), "isin_i");
        eq(in("i").isin(DArray.fromArray(NDArray.fromArray(new long[] {19, 5, 0, -3, 5}), Chunks.of(2))), "isin_i");
        double[] bins = {-10.0, -2.5, 0.0, 0.0, 3.0, 8.0}, dec = {8.0, 3.0, 0.0, 0.0, -2.5, -10.0};
        eq(in("i").digitize(bins), "digitize_i");
        eq(in("i").digitize(bins, true), "digitize_i_right");
        eq(in("i").digitize(dec), "digitize_i_dec");
        eq(in("i").digitize(dec, true), "digitize_i_dec_right");
        eq(in("i").searchsorted(in("u").sort(0), false), "searchsorted_i_left");
        eq(in("u").bincountMinlength(null, 0), "bincount_u");
        eq(in("u").bincountMinlength(in("w"), 40), "bincount_u_w_40");
        assertThatThrownBy(() -> in("i").digitize(new double[] {0, 2, 1})).hasMessageContaining("monotonically increasing or decreasing");
        assertThatThrownBy(() -> in("i").bincountMinlength(null, 0)).hasMessageContaining("expected non-negative values");
        assertThatThrownBy(() -> in("f").bincountMinlength(null, 0)).hasMessageContaining("non-negative integer array");
        assertThatThrownBy(() -> in("i").searchsorted(in("u"), false)).hasMessageContaining("expected a non-decreasing array");
    }

    @Test
    void histograms() {
        eq(in("x2").histogram(10, null, null, false), "hist_x2_10");
        assertThat(in("x2").histogramEdges(10, null)).containsExactly(f("hist_x2_10_edges").toDoubleArray());
        eq(in("x2").histogram(7, new double[] {-1, 2}, in("w2"), true), "hist_x2_7_range_w_density");
        double[] edges = {-3.0, -1.0, -0.5, 0.0, 0.25, 2.0, 3.5};
        eq(in("x2").histogram(edges, null, false), "hist_x2_edges");
        eq(in("x2").histogram(edges, null, true), "hist_x2_edges_density");
        double[] ex = {-2.0, -1.0, 0.0, 0.5, 2.0}, ey = {-3.0, 0.0, 1.0, 3.0};
        eq(DArray.histogram2d(in("x2"), in("y2"), ex, ey, null, false), "hist2d");
        eq(DArray.histogram2d(in("x2"), in("y2"), ex, ey, in("w2"), true), "hist2d_w_density");
        eq(DArray.histogramdd(List.of(in("x2"), in("y2"), in("w2")), new double[][] {ex, ey, {0.0, 0.3, 1.0}}, null, false), "histdd");
        assertThatThrownBy(() -> in("x2").histogram(new double[] {0, 1, 0.5}, null, false)).hasMessageContaining("monotonically increasing");
        assertThatThrownBy(() -> in("x2").histogram(0, null, null, false)).hasMessageContaining("expected bins > 0");
        assertThatThrownBy(() -> in("f").histogram(3, null, null, false)).hasMessageContaining("not finite");
        assertThatThrownBy(() -> in("x2").histogram(edges, in("w"), false)).hasMessageContaining("expected x's shape");
    }

    @Test
    void percentilesMediansAndMethods() {
        for (QuantileMethod m : QuantileMethod.values()) {
            String name = m.name().toLowerCase();
            eq(in("v3").percentile(30, 1, m), "pct_v3_30_1_" + name);
            eq(in("v3").percentile(50, 2, m), "pct_v3_50_2_" + name);
            assertThat(QuantileMethod.of(name)).isEqualTo(m);
        }
        eq(in("f").nanpercentile(75, 0, QuantileMethod.LINEAR), "nanpct_f_75_0");
        eq(in("v3").median(new int[] {0, 2}), "median_v3_02");
        eq(in("v3").median((int[]) null), "median_v3_all");
        // the approximate merge is exact with one block, close with many
        NDArray exact = f("pct_x2_q");
        double[] q = {0, 10, 50, 90, 100};
        eq(DArray.fromArray(f("in_x2"), Chunks.of(300)).percentile(q), "pct_x2_q");
        NDArray approx = DArray.fromArray(f("in_x2"), Chunks.of(37)).percentile(q).compute();
        for (int i = 0; i < q.length; i++) {
            assertThat(approx.getDouble(i)).as("approximate q %s", q[i]).isCloseTo(exact.getDouble(i), org.assertj.core.data.Offset.offset(0.15));
        }
        assertThat(approx.getDouble(0)).isEqualTo(exact.getDouble(0)); // min and max are exact
        assertThat(approx.getDouble(4)).isEqualTo(exact.getDouble(4));
        assertThatThrownBy(() -> in("v3").percentile(101, 0, QuantileMethod.LINEAR)).hasMessageContaining("expected 0 <= q <= 100");
        assertThatThrownBy(() -> QuantileMethod.of("weibull")).hasMessageContaining("expected one of linear");
        assertThatThrownBy(() -> in("v3").median(new int[] {0, 0})).hasMessageContaining("repeated axis");
    }

    @Test
    void complexIsRefusedWhereUnsupported() {
        DArray z = DArray.fromArray(f("in_x2"), Chunks.of(50)).astype(DType.COMPLEX128);
        assertThatThrownBy(() -> z.sort(0)).hasMessageContaining("complex128");
        assertThatThrownBy(() -> z.topk(2, 0)).hasMessageContaining("complex128");
        assertThatThrownBy(() -> z.percentile(50, 0, QuantileMethod.LINEAR)).hasMessageContaining("complex128");
    }
}
