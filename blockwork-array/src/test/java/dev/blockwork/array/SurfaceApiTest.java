package dev.blockwork.array;

import static dev.blockwork.array.ArrayAssert.assertEq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.Index;
import dev.blockwork.ndarray.NDArray;
import dev.blockwork.ndarray.Shape;
import dev.blockwork.schedule.ComputeOptions;
import org.junit.jupiter.api.Test;

/** API conveniences of issue 14: int-literal ranges, dtype names, reversed operands, options for lazy masks, generators. */
class SurfaceApiTest {

    @Test
    void indexRangeTakesIntLiterals() {
        DArray x = DArray.arange(10, Chunks.uniform(4));
        assertEq(x.get(Index.range(0, 3)), NDArray.fromArray(new long[] {0, 1, 2}));
        assertEq(x.get(Index.range(null, 2L)), NDArray.fromArray(new long[] {0, 1}));
        assertEq(x.get(Index.range(-2L, null)), NDArray.fromArray(new long[] {8, 9}));
    }

    @Test
    void indexStringsParseLikePython() {
        assertThat(Index.parse(":3, ::2, None, -1", 3)).containsExactly(Index.range(null, 3L), Index.range(null, null, 2),
                Index.newAxis(), Index.at(-1));
        assertThat(Index.parse("1:-1:3", 1)).containsExactly(Index.range(1L, -1L, 3));
        assertThat(Index.parse("..., 0", 3)).containsExactly(Index.all(), Index.all(), Index.at(0));
        assertThat(Index.parse("", 2)).isEmpty();
        assertThatThrownBy(() -> Index.parse("1:x", 1)).hasMessageContaining("got '1:x' in index '1:x', expected an integer");
        assertThatThrownBy(() -> Index.parse("::0", 1)).hasMessageContaining("non-zero step");
        NDArray a = NDArray.arange(24).reshape(2, 3, 4);
        DArray x = DArray.fromArray(a, Chunks.uniform(2));
        assertEq(x.get(":, ::-2, None, 1:3"), a.get(Index.all(), Index.range(null, null, -2), Index.newAxis(), Index.range(1, 3)));
        assertEq(x.get("-1, ..., 2"), a.get(Index.at(-1), Index.all(), Index.at(2)));
        assertThat(a.get("1").shape()).isEqualTo(Shape.of(3, 4));
    }

    @Test
    void moreElementwiseFunctionsAgainstNumPy() {
        // values printed by NumPy 2.4.6 for the same inputs
        DArray x = DArray.fromArray(new double[] {0.5, -3.0, 1e10, -0.0}, Chunks.uniform(3));
        assertEq(x.arcsinh(), NDArray.of(0.48121182505960347, -1.8184464592320668, 23.7189981105004, -0.0));
        assertEq(DArray.fromArray(new double[] {1.0, 2.5, 1e10}, Chunks.uniform(2)).arccosh(), NDArray.of(0.0, 1.566799236972411, 23.7189981105004));
        assertEq(DArray.fromArray(new double[] {0.5, -0.9, 1.0}, Chunks.uniform(2)).arctanh(),
                NDArray.of(0.5493061443340549, -1.4722194895832204, Double.POSITIVE_INFINITY));
        assertEq(DArray.fromArray(new double[] {-27.0, 2.0}, Chunks.uniform(1)).cbrt(), NDArray.of(-3.0, 1.2599210498948732));
        assertEq(DArray.fromArray(new double[] {3.0, -1.0, 0.5}, Chunks.uniform(2)).exp2().add(0.0), NDArray.of(8.0, 0.5, 1.4142135623730951));
        assertEq(DArray.fromArray(new double[] {1.0, -2.0}, Chunks.uniform(1)).copysign(DArray.fromArray(new double[] {-0.0, 3.0}, Chunks.uniform(2))),
                NDArray.of(-1.0, 2.0));
        assertThat(DArray.fromArray(new double[] {1.0}, Chunks.uniform(1)).nextafter(DArray.fromArray(new double[] {0.0}, Chunks.uniform(1)))
                .compute().getDouble(0)).isEqualTo(0.9999999999999999);
        assertThat(DArray.fromArray(new float[] {1f}, Chunks.uniform(1)).nextafter(DArray.fromArray(new float[] {2f}, Chunks.uniform(1)))
                .compute().getDouble(0)).isEqualTo((double) Math.nextUp(1f)); // np.nextafter(np.float32(1), 2) == 1.0000001
        assertEq(DArray.fromArray(new long[] {0, 1, 2, -1, -2}, Chunks.uniform(2)).reciprocal(),
                NDArray.fromArray(new long[] {Long.MIN_VALUE, 1, 0, -1, 0}));
        assertEq(DArray.fromArray(new long[] {15, 25, -35}, Chunks.uniform(2)).round(-1), NDArray.fromArray(new long[] {20, 20, -40}));
        assertEq(DArray.fromArray(new double[] {1.25, 2.675, 1234.5678}, Chunks.uniform(2)).round(2), NDArray.of(1.25, 2.68, 1234.57));
        assertEq(DArray.fromArray(new double[] {1250.0, 1350.0}, Chunks.uniform(1)).round(-2), NDArray.of(1200.0, 1400.0));
        double inf = Double.POSITIVE_INFINITY;
        assertEq(DArray.fromArray(new double[] {-inf, 1.0, inf}, Chunks.uniform(2)).logaddexp(DArray.fromArray(new double[] {-inf, 2.0, inf}, Chunks.uniform(1))),
                NDArray.of(-inf, 2.313261687518223, inf));
        assertEq(DArray.fromArray(new double[] {1, 1e10, inf, Double.NaN, 1.0}, Chunks.uniform(2))
                .isclose(DArray.fromArray(new double[] {1.00001, 1.0001e10, inf, Double.NaN, 1.1}, Chunks.uniform(3))),
                NDArray.fromArray(new boolean[] {true, false, true, false, false}));
        assertEq(DArray.outer(DArray.arange(3, Chunks.uniform(2)), DArray.arange(2, Chunks.uniform(1))),
                NDArray.fromNested(new long[][] {{0, 0}, {0, 1}, {0, 2}}));
        assertEq(DArray.fromArray(NDArray.arange(12).reshape(3, 4), Chunks.uniform(2)).trace(1), NDArray.full(1L + 6 + 11, DType.INT64));
        assertEq(DArray.tri(3, 4, 0, Chunks.uniform(2), DType.INT64), NDArray.fromNested(new long[][] {{1, 0, 0, 0}, {1, 1, 0, 0}, {1, 1, 1, 0}}));
        DArray a = DArray.arange(3, Chunks.uniform(2));
        assertEq(DArray.vstack(java.util.List.of(a, a)), NDArray.fromNested(new long[][] {{0, 1, 2}, {0, 1, 2}}));
        assertEq(DArray.hstack(java.util.List.of(a, a)), NDArray.fromArray(new long[] {0, 1, 2, 0, 1, 2}));
        assertThat(DArray.dstack(java.util.List.of(a, a)).shape()).isEqualTo(Shape.of(1, 3, 2));
    }

    @Test
    void percentilesAgainstNumPy() {
        double nan = Double.NaN;
        NDArray a = NDArray.fromNested(new double[][] {{3, 1, 4, 1, 5}, {9, 2, 6, 5, 3}, {5, 8, 9, 7, 9}});
        DArray x = DArray.fromArray(a, Chunks.explicit(new long[] {1, 0, 2}, new long[] {2, 3}));
        // np.percentile(a, 30, axis=1), axis=0, np.median(a, axis=0), np.percentile(a, 87.5, axis=1)
        assertEq(x.percentile(30, 1), NDArray.of(1.4, 3.4, 7.2));
        assertEq(x.percentile(30, 0), NDArray.of(4.2, 1.6, 5.2, 3.4, 4.2));
        assertEq(x.median(0), NDArray.of(5, 2, 6, 5, 5));
        assertEq(x.percentile(87.5, 1), NDArray.of(4.5, 7.5, 9.0));
        NDArray b = a.copy();
        b.setDouble(nan, 0, 1);
        DArray y = DArray.fromArray(b, Chunks.uniform(2));
        assertEq(y.nanpercentile(30, 1), NDArray.of(2.8, 3.4, 7.2));
        assertEq(y.percentile(30, 1), NDArray.of(nan, 3.4, 7.2));
        assertEq(DArray.arange(0, 11, 1, Chunks.uniform(4), DType.FLOAT64).quantile(0.3, 0), NDArray.scalar(3.0));
        assertThat(DArray.fromArray(new int[] {1, 2, 3, 4}, Chunks.uniform(3)).median(0).dtype()).isEqualTo(DType.FLOAT64);
        assertEq(DArray.fromArray(new int[] {1, 2, 3, 4}, Chunks.uniform(3)).median(0), NDArray.scalar(2.5));
    }

    @Test
    void valueDependentFunctionsAgainstNumPy() {
        double nan = Double.NaN;
        NDArray a = NDArray.fromNested(new double[][] {{3, 0, nan}, {0, -1, 3}, {nan, 2, 0}});
        DArray x = DArray.fromArray(a, Chunks.explicit(new long[] {2, 0, 1}, new long[] {1, 2}));
        assertEq(x.unique(ArrayAssert.SYNC), NDArray.of(-1, 0, 2, 3, nan));                       // np.unique
        assertEq(x.argwhere(ArrayAssert.THREADS), NDArray.fromNested(new long[][] {{0, 0}, {0, 2}, {1, 1}, {1, 2}, {2, 0}, {2, 1}}));
        java.util.List<DArray> nz = x.nonzero(ArrayAssert.SYNC);
        assertEq(nz.get(0), NDArray.fromArray(new long[] {0, 0, 1, 1, 2, 2}));
        assertEq(nz.get(1), NDArray.fromArray(new long[] {0, 2, 1, 2, 0, 1}));
        assertEq(x.flatnonzero(), NDArray.fromArray(new long[] {0, 2, 4, 5, 6, 7}));
        assertEq(x.isin(3, nan, -1), NDArray.fromNested(new boolean[][] {{true, false, false}, {false, true, true}, {false, false, false}}));
        DArray v = DArray.fromArray(new double[] {1, -5, nan, 1.5, 9}, Chunks.uniform(2));
        double[] sorted = {0, 1, 1, 2, nan};
        assertEq(v.searchsorted(sorted, false), NDArray.fromArray(new long[] {1, 0, 4, 3, 4}));
        assertEq(v.searchsorted(sorted, true), NDArray.fromArray(new long[] {3, 0, 5, 3, 4}));
        assertEq(DArray.fromArray(new double[] {0.5, 1, 3.2}, Chunks.uniform(2)).digitize(new double[] {0, 1, 2, 3}),
                NDArray.fromArray(new long[] {1, 2, 4}));
        assertEq(DArray.fromArray(new long[] {5, 1, 5, 2}, Chunks.uniform(3)).unique(), NDArray.fromArray(new long[] {1, 2, 5}));
    }

    @Test
    void histogramAndBincountAgainstNumPy() {
        double nan = Double.NaN;
        DArray x = DArray.fromArray(new double[] {0, 0.1, 0.25, 0.5, 0.7, 1.0, 1.5, nan, -0.2, 0.3}, Chunks.explicit(new long[] {3, 0, 4, 3}));
        DArray h = x.histogram(4, 0, 1);
        assertEq(h, NDArray.fromArray(new long[] {2, 2, 2, 1}));                               // np.histogram(x, 4, (0, 1))[0]
        assertThat(DArray.histogramEdges(4, 0, 1)).containsExactly(0, 0.25, 0.5, 0.75, 1.0);
        DArray w = DArray.arange(0, 10, 1, Chunks.uniform(4), DType.FLOAT64);
        assertEq(x.histogram(3, 0, 1, w), NDArray.of(12, 3, 9));                               // weights=np.arange(10.)
        assertEq(DArray.fromArray(new long[] {0, 1, 1, 3, 2, 1, 7}, Chunks.uniform(3)).bincount(9),
                NDArray.fromArray(new long[] {1, 3, 1, 1, 0, 0, 0, 1, 0}));                   // np.bincount(..., minlength=9)
        assertThatThrownBy(() -> DArray.fromArray(new long[] {0, 12}, Chunks.uniform(1)).bincount(9).compute(ArrayAssert.SYNC))
                .hasStackTraceContaining("got value 12 in bincount, expected 0 <= value < length 9");
        // against a naive count on random data
        java.util.Random r = new java.util.Random(3);
        double[] v = new double[5000];
        for (int i = 0; i < v.length; i++) v[i] = r.nextGaussian();
        long[] want = new long[17];
        double[] e = DArray.histogramEdges(17, -2, 2.5);
        for (double q : v) {
            if (q < -2 || q > 2.5) continue;
            int k = 16;
            for (int b = 0; b < 17; b++) if (q < e[b + 1]) { k = b; break; }
            want[k]++;
        }
        assertEq(DArray.fromArray(v, Chunks.uniform(777)).histogram(17, -2, 2.5), NDArray.fromArray(want));
    }

    @Test
    void statisticsAndMiscellanyAgainstNumPy() {
        double inf = Double.POSITIVE_INFINITY, nan = Double.NaN;
        NDArray a = NDArray.fromNested(new double[][] {{1, 2, 4, 7}, {3, 1, 0, 2}, {2, 2, 5, 9}});
        DArray x = DArray.fromArray(a, Chunks.explicit(new long[] {2, 1}, new long[] {1, 0, 3}));
        assertEq(x.cov(), NDArray.fromNested(new double[][] {{7.0, -0.6666666666666666, 8.666666666666666},
                {-0.6666666666666666, 1.6666666666666665, -0.3333333333333333}, {8.666666666666666, -0.3333333333333333, 11.0}}));
        assertEq(x.corrcoef(), NDArray.fromNested(new double[][] {{0.9999999999999998, -0.1951800145897066, 0.9876583293168621},
                {-0.1951800145897066, 1.0, -0.0778498944161523}, {0.9876583293168621, -0.0778498944161523, 1.0}}));
        assertEq(x.get(Index.at(0)).cov(), NDArray.scalar(7.0));
        assertEq(x.cov(0).get(Index.at(0)), NDArray.of(5.25, -0.5, 6.5));
        assertEq(x.norm(), NDArray.scalar(14.071247279470288));
        assertEq(x.norm(1), NDArray.scalar(38.0));
        assertEq(x.norm(inf), NDArray.scalar(9.0));
        assertEq(x.norm(3), NDArray.scalar(10.9751505177718));
        assertEq(x.norm(2, new int[] {1}, false), NDArray.of(8.366600265340756, 3.7416573867739413, 10.677078252031311));
        assertEq(DArray.fromArray(new double[] {1, 2, 4, 7, 11}, Chunks.uniform(2)).gradient(0), NDArray.of(1.0, 1.5, 2.5, 3.5, 4.0));
        assertEq(x.gradient(1), NDArray.fromNested(new double[][] {{1.0, 1.5, 2.5, 3.0}, {-2.0, -1.5, 0.5, 2.0}, {0.0, 1.5, 3.5, 4.0}}));
        assertEq(DArray.fromArray(new double[] {-0.0, 0.0, -1, 2, nan}, Chunks.uniform(2)).signbit(),
                NDArray.fromArray(new boolean[] {true, false, true, false, false}));
        assertEq(DArray.fromArray(new double[] {0, 0.5, 1.0}, Chunks.uniform(2)).sinc(), NDArray.of(1.0, 0.6366197723675814, 3.8981718325193755e-17));
        java.util.List<DArray> mf = DArray.fromArray(new double[] {2.5, -3.25, inf, -inf}, Chunks.uniform(3)).modf();
        assertEq(mf.get(0), NDArray.of(0.5, -0.25, 0.0, -0.0));
        assertEq(mf.get(1), NDArray.of(2, -3, inf, -inf));
        assertEq(DArray.fromArray(new double[] {nan, inf, -inf, 1.0}, Chunks.uniform(3)).nanToNum(),
                NDArray.of(0.0, Double.MAX_VALUE, -Double.MAX_VALUE, 1.0));
        assertEq(DArray.fromArray(new double[] {1.5, 3.0}, Chunks.uniform(1)).ldexp(DArray.fromArray(new long[] {2, -1}, Chunks.uniform(2))),
                NDArray.of(6.0, 1.5));
        assertEq(DArray.select(java.util.List.of(x.lt(2.0), x.gt(6.0)), java.util.List.of(x, x.neg()), 0.5),
                NDArray.fromNested(new double[][] {{1.0, 0.5, 0.5, -7.0}, {0.5, 1.0, 0.0, 0.5}, {0.5, 0.5, 0.5, -9.0}}));
        DArray c0 = DArray.fromArray(new long[] {1, 2, 3, 4}, Chunks.uniform(3)), c1 = c0.mul(10L), c2 = c0.mul(100L);
        DArray idx = DArray.fromArray(new long[] {0, 1, 2, 1}, Chunks.uniform(2));
        assertEq(DArray.choose(idx, java.util.List.of(c0, c1, c2)), NDArray.fromArray(new long[] {1, 20, 300, 40}));
        assertThatThrownBy(() -> DArray.choose(idx.add(1L), java.util.List.of(c0, c1, c2)).compute(ArrayAssert.SYNC))
                .hasStackTraceContaining("got index 3 in choose");
        assertEq(DArray.arange(6, Chunks.uniform(4)).delete(new long[] {1, -1}, 0), NDArray.fromArray(new long[] {0, 2, 3, 4}));
        assertEq(DArray.arange(4, Chunks.uniform(3)).insert(2, DArray.fromArray(NDArray.full(9L, DType.INT64), Chunks.of()), 0),
                NDArray.fromArray(new long[] {0, 1, 9, 2, 3}));
        assertEq(x.insert(1, DArray.fromArray(new double[] {7, 8, 9}, Chunks.uniform(2)), 1),
                NDArray.fromNested(new double[][] {{1, 7, 2, 4, 7}, {3, 8, 1, 0, 2}, {2, 9, 2, 5, 9}}));
        DArray z = DArray.zeros(Shape.of(2, 3, 4, 5), Chunks.uniform(2));
        assertThat(z.rollAxis(3, 1).shape()).isEqualTo(Shape.of(2, 5, 3, 4));   // np.rollaxis(z, 3, 1)
        assertThat(z.rollAxis(0, 3).shape()).isEqualTo(Shape.of(3, 4, 2, 5));   // np.rollaxis(z, 0, 3)
        assertEq(x.ediff1d(), a.reshape(12).expr().evaluate().get(Index.range(1, 12)).expr().sub(a.reshape(12).get(Index.range(0, 11))).evaluate());
        // apply_along_axis and topk against per-lane loops
        assertEq(x.applyAlongAxis(lane -> NDArray.of(lane.sum().item(), lane.max().item()), 1, 2, DType.FLOAT64),
                NDArray.fromNested(new double[][] {{14, 7}, {6, 3}, {18, 9}}));
        assertEq(x.topk(2, 1), NDArray.fromNested(new double[][] {{7, 4}, {3, 2}, {9, 5}}));
        assertEq(x.topk(-2, 0), NDArray.fromNested(new double[][] {{1, 1, 0, 2}, {2, 2, 4, 7}}));
        assertEq(x.argtopk(1, 1), NDArray.fromNested(new long[][] {{3}, {0}, {3}}));
    }

    @Test
    void einsumAgainstNumPy() {
        DArray a = DArray.fromArray(NDArray.arange(6).astype(DType.FLOAT64).reshape(2, 3), Chunks.explicit(new long[] {1, 1}, new long[] {2, 0, 1}));
        DArray b = DArray.fromArray(NDArray.arange(12).astype(DType.FLOAT64).reshape(3, 4).expr().sub(3.0).evaluate(), Chunks.uniform(2));
        DArray c = DArray.fromArray(new double[] {1, -2, 3}, Chunks.uniform(2));
        NDArray ab = NDArray.fromNested(new double[][] {{11, 14, 17, 20}, {20, 32, 44, 56}});
        assertEq(DArray.einsum("ij,jk->ik", a, b), ab);
        assertEq(DArray.einsum("ij,jk", a, b), ab);
        assertEq(DArray.einsum("ij->ji", a), NDArray.fromNested(new double[][] {{0, 3}, {1, 4}, {2, 5}}));
        assertEq(DArray.einsum("ji", a), NDArray.fromNested(new double[][] {{0, 3}, {1, 4}, {2, 5}}));
        assertEq(DArray.einsum("ij->", a), NDArray.scalar(15.0));
        DArray sq = DArray.fromArray(NDArray.arange(9).astype(DType.FLOAT64).reshape(3, 3), Chunks.uniform(2));
        assertEq(DArray.einsum("ii", sq), NDArray.scalar(12.0));
        assertEq(DArray.einsum("ii->i", sq), NDArray.of(0, 4, 8));
        assertEq(DArray.einsum("i,i", c, c), NDArray.scalar(14.0));
        assertEq(DArray.einsum("i,j->ij", c, c.get(Index.range(0, 2))), NDArray.fromNested(new double[][] {{1, -2}, {-2, 4}, {3, -6}}));
        assertEq(DArray.einsum("ij,j->i", a, c), NDArray.of(4, 10));
        assertEq(DArray.einsum("ij,ij->i", a, a), NDArray.of(5, 50));
        DArray p = DArray.fromArray(NDArray.arange(12).astype(DType.FLOAT64).reshape(2, 2, 3), Chunks.uniform(2));
        DArray q = DArray.fromArray(NDArray.arange(12).astype(DType.FLOAT64).reshape(2, 3, 2), Chunks.uniform(2));
        assertEq(DArray.einsum("bij,bjk->bik", p, q), NDArray.fromNested(new double[][][] {{{10, 13}, {28, 40}}, {{172, 193}, {244, 274}}}));
        DArray i32 = DArray.fromArray(new int[][] {{1, 2}, {3, 4}}, Chunks.uniform(1));
        assertThat(DArray.einsum("ij,jk->ik", i32, i32).dtype()).isEqualTo(DType.INT32); // no widening, as np.einsum
        assertThatThrownBy(() -> DArray.einsum("...i,i", a, c)).hasMessageContaining("without '...'");
        assertThatThrownBy(() -> DArray.einsum("ij,jk->ik", a, a)).hasMessageContaining("got size 2 for index 'j'");
    }

    @Test
    void lastBatchAgainstNumPy() {
        double nan = Double.NaN;
        DArray a = DArray.fromArray(NDArray.arange(6).astype(DType.FLOAT64).reshape(2, 3), Chunks.uniform(2));
        assertEq(a.rot90(1), NDArray.fromNested(new double[][] {{2, 5}, {1, 4}, {0, 3}}));
        assertEq(a.rot90(2), NDArray.fromNested(new double[][] {{5, 4, 3}, {2, 1, 0}}));
        assertEq(a.rot90(-1), NDArray.fromNested(new double[][] {{3, 0}, {4, 1}, {5, 2}}));
        assertEq(DArray.fromArray(new double[] {-5, 5, 7, -7}, Chunks.uniform(3)).fmod(DArray.fromArray(new double[] {3, -3, 0, 2.5}, Chunks.uniform(2))),
                NDArray.of(-2, 2, nan, -2));
        assertEq(DArray.fromArray(new long[] {-5, 5, 7}, Chunks.uniform(2)).fmod(DArray.fromArray(new long[] {3, -3, 0}, Chunks.uniform(2))),
                NDArray.fromArray(new long[] {-2, 2, 0}));
        assertEq(DArray.fromArray(new double[] {-1.5, 0, 2, nan}, Chunks.uniform(3)).heaviside(0.5), NDArray.of(0, 0.5, 1, nan));
        assertEq(DArray.fromArray(new double[] {1.0, -1.0, 0.0}, Chunks.uniform(2)).spacing(), NDArray.of(2.220446049250313e-16, -2.220446049250313e-16, 5e-324));
        assertEq(DArray.fromArray(new double[] {-2, 3, -0.0}, Chunks.uniform(2)).angle(), NDArray.of(Math.PI, 0, Math.PI));
        DArray b = DArray.fromArray(new double[][] {{1, 2}, {3, 4}}, Chunks.uniform(1));
        assertEq(DArray.block(java.util.List.of(java.util.List.of(b, b.mul(10.0)), java.util.List.of(b.mul(100.0), b.mul(1000.0)))),
                NDArray.fromNested(new double[][] {{1, 2, 10, 20}, {3, 4, 30, 40}, {100, 200, 1000, 2000}, {300, 400, 3000, 4000}}));
        DArray x = DArray.fromArray(new double[] {1, 2, 4, 7, 11, 16}, Chunks.uniform(4));
        assertEq(x.moment(3, null), NDArray.scalar(84.74074074074079));
        assertEq(x.moment(2, null), NDArray.scalar(27.805555555555557));
        DArray c = DArray.fromArray(NDArray.arange(24).astype(DType.FLOAT64).reshape(4, 6), Chunks.uniform(3));
        assertEq(c.coarsen(Reduction.SUM, new long[] {2, 2}), NDArray.fromNested(new double[][] {{14, 22, 30}, {62, 70, 78}}));
        assertEq(DArray.vdot(DArray.arange(1, 4, 1, Chunks.uniform(2), DType.INT64), DArray.arange(4, 7, 1, Chunks.uniform(1), DType.INT64)),
                NDArray.full(32L, DType.INT64));
        assertEq(DArray.inner(a, a), NDArray.fromNested(new double[][] {{5, 14}, {14, 50}}));
        assertEq(DArray.union1d(DArray.fromArray(new long[] {3, 1, 2}, Chunks.uniform(2)), DArray.fromArray(new long[] {5, 1}, Chunks.uniform(1))),
                NDArray.fromArray(new long[] {1, 2, 3, 5}));
        java.util.List<DArray> un = DArray.unravelIndex(DArray.fromArray(new long[] {0, 5, 7, 11}, Chunks.uniform(3)), new long[] {3, 4});
        assertEq(un.get(0), NDArray.fromArray(new long[] {0, 1, 1, 2}));
        assertEq(un.get(1), NDArray.fromArray(new long[] {0, 1, 3, 3}));
        assertEq(DArray.ravelMultiIndex(java.util.List.of(DArray.fromArray(new long[] {0, 1, 2}, Chunks.uniform(2)),
                DArray.fromArray(new long[] {3, 1, 0}, Chunks.uniform(2))), new long[] {3, 4}), NDArray.fromArray(new long[] {3, 5, 8}));
        assertEq(DArray.trilIndices(3, 0).get(1), NDArray.fromArray(new long[] {0, 0, 1, 0, 1, 2}));
        assertEq(DArray.triuIndices(3, 1).get(0), NDArray.fromArray(new long[] {0, 0, 1}));
        assertEq(a.extract(a.gt(2.0)), NDArray.of(3, 4, 5));
        assertEq(a.append(a, 0), NDArray.fromNested(new double[][] {{0, 1, 2}, {3, 4, 5}, {0, 1, 2}, {3, 4, 5}}));
        assertThat(a.hsplit(3)).hasSize(3);
        assertEq(a.imag(), NDArray.zeros(DType.FLOAT64, 2, 3));
        assertEq(a.isreal(), NDArray.full(1L, DType.BOOL, 2, 3));
    }

    @Test
    void bitsFrexpAndAxesAgainstNumPy() {
        DArray x = DArray.fromArray(new long[] {1, 3, -1}, Chunks.uniform(2));
        DArray c = DArray.fromArray(new long[] {2, 63, 64}, Chunks.uniform(1));
        assertEq(x.leftShift(c), NDArray.fromArray(new long[] {4, Long.MIN_VALUE, 0}));          // np.left_shift
        assertEq(DArray.fromArray(new long[] {-8, 8, -1}, Chunks.uniform(2)).rightShift(DArray.fromArray(new long[] {1, 70, 3}, Chunks.uniform(3))),
                NDArray.fromArray(new long[] {-4, 0, -1}));
        assertEq(DArray.fromArray(new int[] {1}, Chunks.uniform(1)).leftShift(31L), NDArray.fromArray(new int[] {Integer.MIN_VALUE}));
        assertEq(DArray.fromArray(new int[] {1}, Chunks.uniform(1)).leftShift(32L), NDArray.fromArray(new int[] {0}));
        assertEq(x.invert(), NDArray.fromArray(new long[] {-2, -4, 0}));
        assertEq(x.bitwiseAnd(c), NDArray.fromArray(new long[] {0, 3, 64}));
        java.util.List<DArray> fr = DArray.fromArray(new double[] {8.0, -0.3, 0.0, 5e-324, Double.POSITIVE_INFINITY, 1.0}, Chunks.uniform(4)).frexp();
        assertEq(fr.get(0), NDArray.of(0.5, -0.6, 0.0, 0.5, Double.POSITIVE_INFINITY, 0.5));
        assertEq(fr.get(1), NDArray.fromArray(new int[] {4, -1, 0, -1073, 0, 1}));
        DArray f = DArray.fromArray(new double[] {Double.NEGATIVE_INFINITY, 1, Double.POSITIVE_INFINITY, Double.NaN}, Chunks.uniform(3));
        assertEq(f.isposinf(), NDArray.fromArray(new boolean[] {false, false, true, false}));
        assertEq(f.isneginf(), NDArray.fromArray(new boolean[] {true, false, false, false}));
        assertEq(f.notnull(), NDArray.fromArray(new boolean[] {true, true, true, false}));
        DArray a = DArray.fromArray(NDArray.arange(24).astype(DType.FLOAT64).reshape(2, 3, 4), Chunks.uniform(2));
        assertEq(a.applyOverAxes((y, ax) -> y.sum(ax), 0, 2), NDArray.fromNested(new double[][][] {{{60}, {92}, {124}}})); // np.apply_over_axes(np.sum, a, [0, 2])
        assertEq(DArray.triuIndicesFrom(DArray.eye(3, Chunks.uniform(2)), 1).get(1), NDArray.fromArray(new long[] {1, 2, 2}));
        java.util.List<DArray> u = DArray.unifyChunks(java.util.List.of(DArray.ones(Shape.of(6), Chunks.uniform(4)), DArray.ones(Shape.of(2, 6), Chunks.uniform(3))));
        assertThat(u.get(0).chunks().toString()).isEqualTo("((3, 1, 2),)");
        assertThat(u.get(1).chunks().toString()).isEqualTo("((2,), (3, 1, 2))");
    }

    @Test
    void piecewiseAndShuffle() {
        DArray x = DArray.fromArray(new double[] {-2.5, -1, 0, 1, 2.5}, Chunks.uniform(2));
        assertEq(x.piecewise(java.util.List.of(x.lt(0.0), x.gt(1.0)),
                java.util.List.of(v -> v.neg(), v -> v.mul(10.0), v -> v.add(100.0))), NDArray.of(2.5, 1.0, 100.0, 101.0, 25.0));
        assertEq(x.piecewise(java.util.List.of(x.lt(0.0)), java.util.List.of(v -> v.mul(2.0))), NDArray.of(-5, -2, 0, 0, 0));
        DArray y = DArray.arange(10, Chunks.uniform(3));
        DArray sh = y.shuffle(new long[][] {{9, 0}, {5, 4, 3}, {1}}, 0);
        assertEq(sh, NDArray.fromArray(new long[] {9, 0, 5, 4, 3, 1}));
        assertThat(sh.chunks().toString()).isEqualTo("((2, 3, 1),)"); // each group in one block
    }

    @Test
    void histogram2dAndStore() {
        DArray x = DArray.fromArray(new double[] {0.1, 0.5, 0.9, 0.3, 1.0, 2.0, Double.NaN, 0.5}, Chunks.explicit(new long[] {3, 0, 5}));
        DArray y = DArray.fromArray(new double[] {0.2, 0.2, 0.8, 0.9, 0.0, 0.5, 0.5, 1.0}, Chunks.uniform(3));
        // np.histogram2d(x, y, bins=[2, 3], range=[[0, 1], [0, 1]])[0]
        assertEq(DArray.histogram2d(x, y, 2, 3, new double[] {0, 1}, new double[] {0, 1}), NDArray.fromNested(new long[][] {{1, 0, 1}, {2, 0, 2}}));
        NDArray target = NDArray.zeros(DType.FLOAT32, 8);
        y.store(target, ArrayAssert.SYNC);
        assertThat(target).isEqualTo(y.compute().astype(DType.FLOAT32));
        assertThatThrownBy(() -> y.store(NDArray.zeros(DType.FLOAT64, 3), ArrayAssert.SYNC)).hasMessageContaining("got a target of shape (3,)");
    }

    @Test
    void npyStackRoundTrip(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        NDArray a = NDArray.arange(60).reshape(6, 10).astype(DType.FLOAT32);
        DArray x = DArray.fromArray(a, Chunks.explicit(new long[] {2, 0, 4}, new long[] {3, 7}));
        java.nio.file.Path dir = tmp.resolve("stack");
        x.toNpyStack(dir, 0, ArrayAssert.THREADS);
        assertThat(java.nio.file.Files.exists(dir.resolve("0.npy"))).isTrue();
        assertThat(java.nio.file.Files.exists(dir.resolve("2.npy"))).isTrue();
        assertThat(DArray.fromNpy(dir.resolve("2.npy"), Chunks.whole()).compute()).isEqualTo(a.get(Index.range(2, 6)).copy()); // a plain .npy
        DArray y = DArray.fromNpyStack(dir);
        assertThat(y.chunks().toString()).isEqualTo("((2, 0, 4), (10,))");
        assertEq(y, a);
        DArray z = x.transpose();
        z.toNpyStack(tmp.resolve("t"), 1, ArrayAssert.SYNC);
        assertEq(DArray.fromNpyStack(tmp.resolve("t")), a.transpose().copy());
    }

    @Test
    void besselI0AgainstNumPy() {
        DArray x = DArray.fromArray(new double[] {0, 0.5, -1, 3.7, 10, 50, 700, Double.NaN}, Chunks.uniform(3));
        NDArray want = NDArray.of(1.0, 1.0634833707413234, 1.2660658777520082, 8.738617524169396, 2815.716628466254,
                2.9325537838493355e+20, 1.5295933476718735e+302, Double.NaN); // np.i0, NumPy 2.4.6
        NDArray got = x.i0().compute();
        assertThat(got.allClose(want, 1e-13, 0, true)).as("i0 %s", got).isTrue();
        assertThat(x.i0().add(0.0).mul(1.0).compute().allClose(want, 1e-13, 0, true)).isTrue(); // fused loop
    }

    static NDArray rampBlock(long n) { return NDArray.arange(n).astype(DType.FLOAT64); }

    @Test
    void fromDelayedBlocks() {
        var d1 = dev.blockwork.delayed.Delayed.of(SurfaceApiTest::rampBlock, 3L);
        var d2 = dev.blockwork.delayed.Delayed.of(SurfaceApiTest::rampBlock, 2L);
        DArray x = DArray.concatenate(java.util.List.of(DArray.fromDelayed(d1, Shape.of(3), DType.FLOAT64),
                DArray.fromDelayed(d2, Shape.of(2), DType.FLOAT64)), 0);
        assertEq(x.mul(2.0), NDArray.of(0, 2, 4, 0, 2));
        DArray wrong = DArray.fromDelayed(d1, Shape.of(4), DType.FLOAT64);
        assertThatThrownBy(() -> wrong.compute(ArrayAssert.SYNC)).hasStackTraceContaining("expected shape (4,)");
    }

    @Test
    void dtypeFromNumPyNames() {
        assertThat(DType.of("float64")).isEqualTo(DType.FLOAT64);
        assertThat(DType.of("<f8")).isEqualTo(DType.FLOAT64);
        assertThat(DType.of("f4")).isEqualTo(DType.FLOAT32);
        assertThat(DType.of(">i8")).isEqualTo(DType.INT64);
        assertThat(DType.of("int32")).isEqualTo(DType.INT32);
        assertThat(DType.of("|b1")).isEqualTo(DType.BOOL);
        assertThat(DType.of("bool")).isEqualTo(DType.BOOL);
        for (DType t : DType.values()) {
            assertThat(DType.of(t.numpyName())).isEqualTo(t);
            assertThat(DType.of(t.descr())).isEqualTo(t);
        }
        assertThatThrownBy(() -> DType.of("complex64")).hasMessageContaining("got dtype 'complex64', expected one of");
    }

    @Test
    void reversedScalarOperands() {
        DArray x = DArray.fromArray(new double[] {1, 2, 4}, Chunks.uniform(2));
        assertEq(x.rpow(2.0), NDArray.of(2, 4, 16));                // 2 ** x
        assertEq(x.rsub(10L), NDArray.of(9, 8, 6));
        assertEq(x.rdiv(8L), NDArray.of(8, 4, 2));
        assertEq(x.rmod(5.0), NDArray.of(0, 1, 1));                 // 5 % x
        assertEq(x.rfloorDivide(9L), NDArray.of(9, 4, 2));
        DArray i = DArray.fromArray(new long[] {1, 2, 3}, Chunks.uniform(2));
        assertEq(i.rpow(3L), NDArray.fromArray(new long[] {3, 9, 27}));
        assertEq(i.rmod(-7L), NDArray.fromArray(new long[] {0, 1, 2})); // Python: -7 % 2 == 1, -7 % 3 == 2
    }

    @Test
    void compressWithALazyMaskUsesTheCallersOptions() {
        DArray x = DArray.fromArray(new double[] {1, 2, 3, 4}, Chunks.uniform(3));
        DArray m = x.gt(2.0);
        assertEq(x.compress(m, 0, ArrayAssert.SYNC), NDArray.of(3, 4));
        assertThatThrownBy(() -> x.compress(m, 0, ComputeOptions.defaults().withScheduler("no-such-scheduler")))
                .hasMessageContaining("no-such-scheduler");
    }

    @Test
    void exponentialIsCounterBasedAndHasTheRightMean() {
        NDArray a = new DRandom(5).exponential(2.0, Shape.of(50_000), Chunks.uniform(7_000)).compute();
        NDArray b = new DRandom(5).exponential(2.0, Shape.of(50_000), Chunks.uniform(50_000)).compute();
        assertThat(a).isEqualTo(b); // the chunking does not change the values
        double mean = a.mean().item();
        assertThat(mean).isBetween(2.0 - 4 * 2.0 / Math.sqrt(50_000), 2.0 + 4 * 2.0 / Math.sqrt(50_000)); // 4 sigma
        assertThat(a.min().item()).isGreaterThanOrEqualTo(0.0);
        assertEq(new DRandom(6).standardNormal(Shape.of(10), Chunks.uniform(3)), new DRandom(6).normal(Shape.of(10), Chunks.uniform(5)).compute());
    }
}
