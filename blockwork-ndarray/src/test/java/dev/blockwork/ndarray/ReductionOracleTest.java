package dev.blockwork.ndarray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reductions against plain nested loops, on random layouts, axes and dtypes; and the mergeable partials. */
class ReductionOracleTest {

    /** Naive reduction: visits every element, groups by the kept index. */
    static double[] naive(NDArray a, int[] axes, String op) {
        long[] keep = a.shapeArray();
        for (int x : axes) keep[x] = 1;
        int outN = (int) Shapes.size(keep);
        double[] acc = new double[outN];
        long[] cnt = new long[outN];
        double[] sumsq = new double[outN];
        java.util.Arrays.fill(acc, switch (op) {
            case "prod", "all" -> 1;
            case "min" -> Double.POSITIVE_INFINITY;
            case "max" -> Double.NEGATIVE_INFINITY;
            default -> 0;
        });
        long n = a.size();
        for (int pass = 0; pass < (op.equals("var") ? 2 : 1); pass++) {
            for (long f = 0; f < n; f++) {
                long[] idx = Cases.unravel(f, a.shapeArray());
                long[] k = idx.clone();
                for (int x : axes) k[x] = 0;
                int o = 0;
                for (int d = 0; d < k.length; d++) o = (int) (o * keep[d] + k[d]);
                double v = a.getDouble(idx);
                switch (op) {
                    case "sum", "mean" -> { acc[o] += v; cnt[o]++; }
                    case "prod" -> acc[o] *= v;
                    case "min" -> acc[o] = Double.isNaN(v) || Double.isNaN(acc[o]) ? Double.NaN : Math.min(acc[o], v);
                    case "max" -> acc[o] = Double.isNaN(v) || Double.isNaN(acc[o]) ? Double.NaN : Math.max(acc[o], v);
                    case "any" -> acc[o] = acc[o] != 0 || v != 0 ? 1 : 0;
                    case "all" -> acc[o] = acc[o] != 0 && v != 0 ? 1 : 0;
                    case "var" -> {
                        if (pass == 0) { acc[o] += v; cnt[o]++; }
                        else { double d = v - acc[o] / cnt[o]; sumsq[o] += d * d; }
                    }
                    default -> throw new IllegalArgumentException(op);
                }
            }
        }
        if (op.equals("mean")) for (int i = 0; i < outN; i++) acc[i] /= cnt[i];
        if (op.equals("var")) for (int i = 0; i < outN; i++) acc[i] = sumsq[i] / cnt[i];
        return acc;
    }

    static int[] randomAxes(SplittableRandom r, int ndim) {
        return java.util.stream.IntStream.range(0, ndim).filter(i -> r.nextBoolean()).toArray();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sum", "prod", "min", "max", "mean", "var", "any", "all"})
    void randomArraysAndAxes(String op) {
        SplittableRandom r = new SplittableRandom(op.hashCode());
        for (int rep = 0; rep < 40; rep++) {
            DType t = Cases.DTYPES[r.nextInt(5)];
            long[] shape = Cases.shape(r);
            if (shape.length == 0) shape = new long[] {Cases.TAIL_SIZES[r.nextInt(5)]};
            NDArray a = Cases.view(r, t, shape);
            if (op.equals("prod") && t.isFloat()) a = Expr.of(a).div(10.0).astype(t).evaluate();
            if (op.equals("prod") && !t.isFloat() && t != DType.BOOL) {
                Expr e = Expr.of(a);
                a = Expr.where(e.ge(Expr.scalar(-1L)).and(e.le(Expr.scalar(1L))), e, Expr.scalar(1L)).evaluate();
            }
            if ((op.equals("sum") || op.equals("mean") || op.equals("var")) && t == DType.INT64) a = Expr.of(a).astype(DType.INT32).evaluate();
            int[] axes = r.nextInt(4) == 0 ? null : randomAxes(r, shape.length); // null: every axis; empty: none (axis=())
            boolean keep = r.nextBoolean();
            NDArray got = switch (op) {
                case "sum" -> a.sum(axes, keep);
                case "prod" -> a.prod(axes, keep);
                case "min" -> a.min(axes, keep);
                case "max" -> a.max(axes, keep);
                case "mean" -> a.mean(axes, keep);
                case "var" -> a.var(0, axes, keep);
                case "any" -> a.any(axes, keep);
                default -> a.all(axes, keep);
            };
            int[] eff = axes == null ? java.util.stream.IntStream.range(0, shape.length).toArray() : axes;
            double[] want = naive(a, eff, op);
            DType wantType = switch (op) {
                case "sum", "prod" -> DType.resultOfSum(a.dtype());
                case "mean", "var" -> DType.resultOfMean(a.dtype());
                case "any", "all" -> DType.BOOL;
                default -> a.dtype();
            };
            String what = op + " " + a.dtype() + a.shape() + " axes " + java.util.Arrays.toString(axes) + " keep " + keep;
            assertThat(got.dtype()).as(what).isEqualTo(wantType);
            long[] wantShape = a.shapeArray();
            for (int x : eff) wantShape[x] = keep ? 1 : -1;
            assertThat(got.shape()).as(what).isEqualTo(Shape.of(java.util.Arrays.stream(wantShape).filter(d -> d >= 0).toArray()));
            NDArray w = NDArray.fromArray(want, got.shapeArray().length == 0 ? new long[] {1} : got.shapeArray());
            double tol = got.dtype() == DType.FLOAT32 ? 1e-4 : 1e-12 * Math.max(1, a.size());
            assertThat(got.reshape(w.shapeArray()).astype(DType.FLOAT64).allClose(w, tol, tol, true))
                    .as("%s\ngot  %s\nwant %s", what, got, w).isTrue();
        }
    }

    @Test
    void argminArgmaxAlongAxesAgainstLoops() {
        SplittableRandom r = new SplittableRandom(3);
        for (int rep = 0; rep < 30; rep++) {
            long[] shape = Cases.shape(r);
            if (shape.length == 0) continue;
            NDArray a = Cases.view(r, Cases.DTYPES[r.nextInt(4)], shape);
            int ax = r.nextInt(shape.length);
            NDArray got = a.argmax(ax);
            NDArray moved = a.swapAxes(ax, -1);
            long[] outShape = got.shapeArray();
            for (long f = 0; f < got.size(); f++) {
                long[] o = Cases.unravel(f, outShape);
                long[] idx = java.util.Arrays.copyOf(o, shape.length);
                // in moved's axis order the reduced axis is last
                long[] m = new long[shape.length];
                int q = 0;
                for (int d = 0; d < shape.length; d++) if (d != ax) m[d] = o[q++];
                long best = -1;
                double bv = 0;
                for (long i = 0; i < shape[ax]; i++) {
                    m[ax] = i;
                    double v = a.getDouble(m);
                    if (best < 0 || (Double.isNaN(v) && !Double.isNaN(bv)) || (!Double.isNaN(bv) && v > bv)) { best = i; bv = v; }
                }
                assertThat(got.getLongFlat(f)).as("argmax axis %d of %s at %s", ax, a, java.util.Arrays.toString(idx)).isEqualTo(best);
            }
            assertThat(moved.ndim()).isEqualTo(shape.length);
        }
    }

    @Test
    void emptyAndNanRules() {
        NDArray empty = NDArray.zeros(DType.FLOAT64, 0, 3);
        assertThat(empty.sum().item()).isZero();
        assertThat(empty.prod().item()).isEqualTo(1.0);
        assertThat(empty.sum(0).shape()).isEqualTo(Shape.of(3));
        assertThat(empty.sum(1).shape()).isEqualTo(Shape.of(0));
        assertThatThrownBy(() -> empty.min()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zero-size");
        assertThatThrownBy(() -> empty.max(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(0, 3)");
        assertThatThrownBy(() -> empty.argmax()).isInstanceOf(IllegalArgumentException.class);
        assertThat(Double.isNaN(empty.mean().item())).isTrue();
        assertThat(empty.min(1).shape()).isEqualTo(Shape.of(0));
        NDArray withNan = NDArray.of(1, Double.NaN, 3);
        assertThat(Double.isNaN(withNan.max().item())).isTrue();
        assertThat(Double.isNaN(withNan.min().item())).isTrue();
        assertThat(withNan.argmin()).isEqualTo(1);
        assertThat(NDArray.arange(0, 5, 1, DType.INT32).sum().dtype()).isEqualTo(DType.INT64);
        assertThat(NDArray.arange(0, 5, 1, DType.INT32).mean().dtype()).isEqualTo(DType.FLOAT64);
        assertThat(NDArray.ones(DType.FLOAT32, 4).mean().dtype()).isEqualTo(DType.FLOAT32);
        assertThat(Double.isNaN(NDArray.of(1.0).var(1).item())).isTrue();
        assertThatThrownBy(() -> NDArray.zeros(DType.FLOAT64, 2, 2).sum(2)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("axis 2");
    }

    @Test
    void momentsMergeEqualsWholeWhateverTheSplit() {
        SplittableRandom r = new SplittableRandom(9);
        NDArray x = new Random(1).normal(3, 2, new long[] {10_000});
        Moments whole = Moments.of(x);
        for (int rep = 0; rep < 20; rep++) {
            int cut1 = r.nextInt(10_000), cut2 = cut1 + r.nextInt(10_000 - cut1);
            Moments a = Moments.of(x.slice(0, 0L, (long) cut1, 1)), b = Moments.of(x.slice(0, (long) cut1, (long) cut2, 1)),
                    c = Moments.of(x.slice(0, (long) cut2, null, 1));
            Moments m = r.nextBoolean() ? a.merge(b).merge(c) : a.merge(b.merge(c));
            assertThat(m.count()).isEqualTo(10_000);
            assertThat(m.mean()).isCloseTo(whole.mean(), org.assertj.core.data.Offset.offset(1e-12));
            assertThat(m.variance(1)).isCloseTo(x.var(1).item(), org.assertj.core.data.Offset.offset(1e-10));
        }
        assertThat(whole.std(0)).isCloseTo(x.std(0).item(), org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void argPartialsMergeToTheGlobalArgmax() {
        NDArray x = new Random(2).uniform(6, 8);
        long want = x.argmax();
        ArgPartial best = ArgPartial.EMPTY;
        for (long i = 0; i < 6; i += 3) {
            for (long j = 0; j < 8; j += 4) {
                NDArray block = x.get(Index.range(i, i + 3), Index.range(j, j + 4));
                ArgPartial p = Expr.of(block).argmax().globalize(block.shapeArray(), new long[] {i, j}, x.shapeArray());
                best = best.merge(p, true);
            }
        }
        assertThat(best.index()).isEqualTo(want);
        assertThat(best.value()).isEqualTo(x.max().item());
        ArgPartial nan = new ArgPartial(Double.NaN, 7), one = new ArgPartial(1, 2);
        assertThat(one.merge(nan, true)).isEqualTo(nan);
        assertThat(new ArgPartial(1, 5).merge(one, false).index()).isEqualTo(2);
    }

    @Test
    void fusedReductionsNeverNeedTheOperand() {
        Expr x = Expr.ones(DType.FLOAT64, 2000, 1000);
        assertThat(x.add(x.mul(2)).sum().item()).isEqualTo(6e6);
        assertThat(x.mul(2).max().item()).isEqualTo(2.0);
        assertThat(x.gt(0.5).all()).isTrue();
        assertThat(x.moments().mean()).isEqualTo(1.0);
        assertThat(Expr.ones(DType.INT32, 10).sum().dtype()).isEqualTo(DType.INT64);
    }
}
