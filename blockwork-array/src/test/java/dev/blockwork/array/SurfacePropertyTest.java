package dev.blockwork.array;

import static dev.blockwork.array.ArrayAssert.assertEq;
import static org.assertj.core.api.Assertions.assertThat;

import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.NDArray;
import dev.blockwork.ndarray.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.LongBinaryOperator;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/**
 * Seeded property tests of the functions added for issue 14 (element-wise, NaN reductions, cumulative, shape)
 * against plain per-element references written here, on random shapes (extents 0 to 9), dtypes and chunkings
 * that include 0-length and irregular blocks; {@link ArrayAssert#assertEq} also runs sync and threads and checks
 * every block. A failure names its seed ({@code -Dblockwork.test.seed=N} replays, as {@link PropertyTest}).
 */
class SurfacePropertyTest {
    static final double INF = Double.POSITIVE_INFINITY, NAN = Double.NaN;

    static long[] shape(Random r, int minDims) {
        int n = minDims + r.nextInt(4 - minDims);
        long[] s = new long[n];
        for (int i = 0; i < n; i++) s[i] = r.nextInt(8) == 0 ? 0 : 1 + r.nextInt(9);
        return s;
    }

    /** Explicit chunks with irregular blocks and, often, 0-length blocks anywhere. */
    static ChunkSpec chunks(Random r, long[] s) {
        long[][] e = new long[s.length][];
        for (int d = 0; d < s.length; d++) {
            List<Long> parts = new ArrayList<>();
            long left = s[d];
            if (r.nextInt(3) == 0) parts.add(0L);
            while (left > 0) {
                long p = 1 + r.nextInt((int) left);
                parts.add(p);
                left -= p;
                if (r.nextInt(4) == 0) parts.add(0L);
            }
            if (parts.isEmpty()) parts.add(0L);
            e[d] = parts.stream().mapToLong(Long::longValue).toArray();
        }
        return Chunks.explicit(e);
    }

    /** Values in quarters (exact arithmetic), floats sprinkled with NaN, infinities and signed zeros. */
    static NDArray values(Random r, long[] s, DType t) {
        NDArray a = NDArray.zeros(t, s);
        for (long i = 0; i < a.size(); i++) {
            if (t.isFloat()) {
                int k = r.nextInt(12);
                a.setDoubleFlat(i, k == 0 ? NAN : k == 1 ? (r.nextBoolean() ? INF : -INF) : k == 2 ? (r.nextBoolean() ? 0.0 : -0.0)
                        : Math.round(r.nextGaussian() * 8) / 4.0);
            } else {
                a.setLongFlat(i, t == DType.BOOL ? r.nextInt(2) : r.nextInt(11) - 5);
            }
        }
        return a;
    }

    static NDArray mapD(NDArray a, DType out, DoubleUnaryOperator f) {
        NDArray r = NDArray.zeros(out, a.shapeArray());
        for (long i = 0; i < a.size(); i++) {
            double v = f.applyAsDouble(a.getDoubleFlat(i));
            if (out.isFloat()) r.setDoubleFlat(i, out == DType.FLOAT32 ? (float) v : v); else r.setLongFlat(i, (long) v);
        }
        return r;
    }

    static NDArray zipD(NDArray a, NDArray b, DType out, DoubleBinaryOperator f) {
        NDArray r = NDArray.zeros(out, a.shapeArray());
        for (long i = 0; i < a.size(); i++) {
            double v = f.applyAsDouble(a.getDoubleFlat(i), b.getDoubleFlat(i));
            if (out.isFloat()) r.setDoubleFlat(i, v); else r.setLongFlat(i, (long) v);
        }
        return r;
    }

    static NDArray zipL(NDArray a, NDArray b, DType out, LongBinaryOperator f) {
        NDArray r = NDArray.zeros(out, a.shapeArray());
        for (long i = 0; i < a.size(); i++) r.setLongFlat(i, f.applyAsLong(a.getLongFlat(i), b.getLongFlat(i)));
        return r;
    }

    static void withSeed(long seed, Runnable body) { PropertyTest.withSeed(seed, body); }

    static DType floatOut(DType t) { return t == DType.FLOAT32 ? DType.FLOAT32 : DType.FLOAT64; }

    // ------------------------------------------------------------------ element-wise

    @RepeatedTest(30)
    void unaryFunctionsMatchMath(RepetitionInfo info) {
        long seed = PropertyTest.seed(info);
        withSeed(seed, () -> {
            Random r = new Random(seed);
            long[] s = shape(r, 0);
            DType t = new DType[] {DType.FLOAT64, DType.FLOAT32, DType.INT64, DType.INT32}[r.nextInt(4)];
            NDArray a = values(r, s, t);
            DArray x = DArray.fromArray(a, chunks(r, s));
            if (r.nextBoolean()) x = x.mul(1L); // through a fused chain
            String ctx = t + Arrays.toString(s) + " " + x.chunks();
            DType f = floatOut(t);
            assertEq(x.tan(), mapD(a, f, Math::tan), "tan " + ctx);
            assertEq(x.arcsin(), mapD(a, f, Math::asin), "arcsin " + ctx);
            assertEq(x.arccos(), mapD(a, f, Math::acos), "arccos " + ctx);
            assertEq(x.arctan(), mapD(a, f, Math::atan), "arctan " + ctx);
            assertEq(x.sinh(), mapD(a, f, Math::sinh), "sinh " + ctx);
            assertEq(x.cosh(), mapD(a, f, Math::cosh), "cosh " + ctx);
            assertEq(x.log1p(), mapD(a, f, Math::log1p), "log1p " + ctx);
            assertEq(x.expm1(), mapD(a, f, Math::expm1), "expm1 " + ctx);
            assertEq(x.log10(), mapD(a, f, Math::log10), "log10 " + ctx);
            assertEq(x.log2(), mapD(a, f, v -> Math.log(v) / Math.log(2)), "log2 " + ctx);
            assertEq(x.abs().add(1.0).log().exp().log2(), mapD(a, f, v -> Math.log(Math.abs(v) + 1) / Math.log(2)), "fused log2 " + ctx);
            assertEq(x.sign(), mapD(a, t, v -> Double.isNaN(v) ? NAN : v > 0 ? 1 : v < 0 ? -1 : 0), "sign " + ctx);
            assertEq(x.trunc(), mapD(a, t, v -> v < 0 ? Math.ceil(v) : Math.floor(v)), "trunc " + ctx);
            assertEq(x.isnan(), mapD(a, DType.BOOL, v -> Double.isNaN(v) ? 1 : 0), "isnan " + ctx);
            assertEq(x.isinf(), mapD(a, DType.BOOL, v -> Double.isInfinite(v) ? 1 : 0), "isinf " + ctx);
            assertEq(x.isfinite(), mapD(a, DType.BOOL, v -> Double.isFinite(v) ? 1 : 0), "isfinite " + ctx);
            assertEq(x.logicalNot(), mapD(a, DType.BOOL, v -> v == 0 ? 1 : 0), "logicalNot " + ctx);
        });
    }

    /** Python's {@code a % b} and {@code a // b} on floats, by definition (exact for quarter-valued operands). */
    static double pyMod(double a, double b) {
        if (b == 0 || Double.isInfinite(a) || Double.isNaN(a) || Double.isNaN(b)) return NAN;
        if (Double.isInfinite(b)) return a == 0 ? Math.copySign(0.0, b) : (a > 0) == (b > 0) ? a : b;
        return a - Math.floor(a / b) * b;
    }

    @RepeatedTest(30)
    void binaryFunctionsMatchTheirDefinitions(RepetitionInfo info) {
        long seed = PropertyTest.seed(info);
        withSeed(seed, () -> {
            Random r = new Random(seed);
            long[] s = shape(r, 0);
            DType t = new DType[] {DType.FLOAT64, DType.INT64, DType.INT32}[r.nextInt(3)];
            NDArray a = values(r, s, t), b = values(r, s, t);
            DArray x = DArray.fromArray(a, chunks(r, s)), y = DArray.fromArray(b, chunks(r, s));
            String ctx = t + Arrays.toString(s) + " " + x.chunks() + " / " + y.chunks();
            DType f = floatOut(t);
            assertEq(x.arctan2(y), zipD(a, b, f, Math::atan2), "arctan2 " + ctx);
            assertEq(x.hypot(y), zipD(a, b, f, Math::hypot), "hypot " + ctx);
            assertEq(x.maximum(y), t.isFloat() ? zipD(a, b, t, (u, v) -> Double.isNaN(u) || Double.isNaN(v) ? NAN : Math.max(u, v))
                    : zipL(a, b, t, Math::max), "maximum " + ctx);
            assertEq(x.minimum(y), t.isFloat() ? zipD(a, b, t, (u, v) -> Double.isNaN(u) || Double.isNaN(v) ? NAN : Math.min(u, v))
                    : zipL(a, b, t, Math::min), "minimum " + ctx);
            assertEq(x.clip(-1.5, 2.0), mapD(a, DType.FLOAT64, v -> Double.isNaN(v) ? NAN : Math.min(Math.max(v, -1.5), 2.0)), "clip " + ctx);
            assertEq(x.logicalAnd(y), zipL(a.astype(DType.BOOL), b.astype(DType.BOOL), DType.BOOL, (u, v) -> u & v), "logicalAnd " + ctx);
            assertEq(x.logicalOr(y), zipL(a.astype(DType.BOOL), b.astype(DType.BOOL), DType.BOOL, (u, v) -> u | v), "logicalOr " + ctx);
            assertEq(x.logicalXor(y), zipL(a.astype(DType.BOOL), b.astype(DType.BOOL), DType.BOOL, (u, v) -> u ^ v), "logicalXor " + ctx);
            assertEq(DArray.where(x.gt(y), x, y.mul(2L)), t.isFloat() ? zipD(a, b, t, (u, v) -> u > v ? u : 2 * v)
                    : zipL(a, b, t, (u, v) -> u > v ? u : 2 * v), "where " + ctx);
            if (t.isFloat()) {
                assertEq(x.mod(y), zipD(a, b, t, SurfacePropertyTest::pyMod), "mod " + ctx);
                assertEq(x.floorDivide(y), zipD(a, b, t, (u, v) -> v == 0 ? u / v
                        : Double.isInfinite(v) || Double.isInfinite(u) || Double.isNaN(u) || Double.isNaN(v) ? ElementFloorDiv.of(u, v)
                        : Math.floor(u / v)), "floorDivide " + ctx);
            } else {
                assertEq(x.mod(y), zipL(a, b, t, (u, v) -> v == 0 ? 0 : Math.floorMod(u, v)), "mod " + ctx);
                assertEq(x.floorDivide(y), zipL(a, b, t, (u, v) -> v == 0 ? 0 : Math.floorDiv(u, v)), "floorDivide " + ctx);
                assertEq(x.mod(3L), zipL(a, a, t, (u, v) -> Math.floorMod(u, 3)), "mod scalar " + ctx);
            }
        });
    }

    /** NumPy's floor_divide where an operand is non-finite (values from np.floor_divide, NumPy 2.4). */
    static final class ElementFloorDiv {
        static double of(double u, double v) {
            if (Double.isNaN(u) || Double.isNaN(v) || Double.isInfinite(u)) return NAN; // inf // x and x // nan are nan
            return (u == 0 || (u > 0) == (v > 0)) ? (u == 0 ? Math.copySign(0.0, u / v) : 0.0) : -1.0; // finite // +-inf
        }
    }

    @Test
    void floatModAndFloorDivideSpecialCasesFromNumPy() {
        // np.remainder / np.floor_divide on float64, values printed by NumPy 2.4
        DArray a = DArray.fromArray(new double[] {5, -5, 5, -5, 0, -0.0, 5, 5, -7.5, 1, -1}, Chunks.uniform(4));
        DArray b = DArray.fromArray(new double[] {3, 3, -3, -3, 3, 3, 0, INF, 2, -INF, INF}, Chunks.uniform(3));
        assertEq(a.mod(b), NDArray.of(2, 1, -1, -2, 0, 0, NAN, 5, 0.5, -INF, INF));
        assertEq(a.floorDivide(b), NDArray.of(1, -2, -2, 1, 0, -0.0, INF, 0, -4, -1, -1));
        DArray u = DArray.fromArray(new double[] {1, -1, 0, -0.0, INF, 2}, Chunks.uniform(2));
        DArray v = DArray.fromArray(new double[] {INF, INF, -INF, INF, 3, NAN}, Chunks.uniform(5));
        assertEq(u.floorDivide(v), NDArray.of(0, -1, -0.0, -0.0, NAN, NAN));
        assertEq(u.mod(v), NDArray.of(1, INF, -0.0, 0, NAN, NAN));
        assertEq(DArray.fromArray(new double[] {-0.0}, Chunks.uniform(1)).sign(), NDArray.of(0.0)); // np.sign(-0.0) == 0.0
        assertEq(DArray.fromArray(new long[] {Long.MIN_VALUE, 7}, Chunks.uniform(1)).floorDivide(-1L),
                NDArray.fromArray(new long[] {Long.MIN_VALUE, -7})); // np.floor_divide(np.int64 min, -1) wraps
    }

    // ------------------------------------------------------------------ reductions

    /** Naive reduction over {@code axes} (null = all) keeping dims, folding every cell's values with {@code f}. */
    interface Fold { double apply(double[] values); }

    static NDArray naive(NDArray a, int[] axes, boolean keep, DType out, Fold f) {
        long[] s = a.shapeArray();
        boolean[] red = new boolean[s.length];
        for (int d = 0; d < s.length; d++) red[d] = axes == null;
        if (axes != null) for (int d : axes) red[d] = true;
        long[] ks = s.clone();
        for (int d = 0; d < s.length; d++) if (red[d]) ks[d] = 1;
        NDArray r = NDArray.zeros(out, ks);
        List<List<Double>> cells = new ArrayList<>();
        for (long i = 0; i < r.size(); i++) cells.add(new ArrayList<>());
        long[] idx = new long[s.length];
        for (long i = 0; i < a.size(); i++) {
            long rem = i;
            for (int d = s.length - 1; d >= 0; d--) { idx[d] = rem % s[d]; rem /= s[d]; }
            long cell = 0;
            for (int d = 0; d < s.length; d++) cell = cell * ks[d] + (red[d] ? 0 : idx[d]);
            cells.get((int) cell).add(a.getDoubleFlat(i));
        }
        for (int c = 0; c < cells.size(); c++) {
            double v = f.apply(cells.get(c).stream().mapToDouble(Double::doubleValue).toArray());
            if (out.isFloat()) r.setDoubleFlat(c, v); else r.setLongFlat(c, (long) v);
        }
        if (keep) return r;
        List<Long> dropped = new ArrayList<>();
        for (int d = 0; d < s.length; d++) if (!red[d]) dropped.add(s[d]);
        return r.reshape(dropped.stream().mapToLong(Long::longValue).toArray());
    }

    @RepeatedTest(30)
    void nanReductionsAndCountsMatchNaive(RepetitionInfo info) {
        long seed = PropertyTest.seed(info);
        withSeed(seed, () -> {
            Random r = new Random(seed);
            long[] s = shape(r, 1);
            DType t = new DType[] {DType.FLOAT64, DType.FLOAT32, DType.INT64, DType.BOOL}[r.nextInt(4)];
            NDArray a = values(r, s, t);
            if (t.isFloat()) a = mapD(a, t, v -> Double.isInfinite(v) ? 1.0 : v); // NaNs stay: they are the point
            DArray x = DArray.fromArray(a, chunks(r, s));
            int[] axes = null;
            if (r.nextBoolean()) {
                List<Integer> ax = new ArrayList<>();
                for (int d = 0; d < s.length; d++) if (r.nextBoolean()) ax.add(d);
                axes = ax.stream().mapToInt(Integer::intValue).toArray();
            }
            boolean keep = r.nextBoolean();
            String ctx = t + Arrays.toString(s) + " " + x.chunks() + " axes " + Arrays.toString(axes) + " keep " + keep;
            DType sumT = t.isFloat() ? t : DType.INT64;
            assertEq(x.nansum(axes, keep), naive(a, axes, keep, sumT, v -> Arrays.stream(v).filter(q -> !Double.isNaN(q)).sum()), "nansum " + ctx);
            assertEq(x.countNonzero(axes, keep), naive(a, axes, keep, DType.INT64, v -> Arrays.stream(v).filter(q -> q != 0).count()),
                    "countNonzero " + ctx);
            assertEq(x.any(axes, keep), naive(a, axes, keep, DType.BOOL, v -> Arrays.stream(v).anyMatch(q -> q != 0) ? 1 : 0), "any " + ctx);
            assertEq(x.all(axes, keep), naive(a, axes, keep, DType.BOOL, v -> Arrays.stream(v).allMatch(q -> q != 0) ? 1 : 0), "all " + ctx);
            if (t != DType.BOOL) {
                assertEq(x.nanmean(axes, keep), naive(a, axes, keep, floatOut(t),
                        v -> Arrays.stream(v).filter(q -> !Double.isNaN(q)).average().orElse(NAN)), "nanmean " + ctx);
                boolean empty = false;
                for (int d = 0; d < s.length; d++) {
                    final int dd = d;
                    if (s[d] == 0 && (axes == null || Arrays.stream(axes).anyMatch(q -> q == dd))) empty = true;
                }
                if (!empty) {
                    assertEq(x.nanmax(axes, keep), naive(a, axes, keep, t, v -> Arrays.stream(v).filter(q -> !Double.isNaN(q)).max().orElse(NAN)),
                            "nanmax " + ctx);
                    assertEq(x.nanmin(axes, keep), naive(a, axes, keep, t, v -> Arrays.stream(v).filter(q -> !Double.isNaN(q)).min().orElse(NAN)),
                            "nanmin " + ctx);
                }
            }
        });
    }

    @RepeatedTest(30)
    void cumulativeMatchesNaive(RepetitionInfo info) {
        long seed = PropertyTest.seed(info);
        withSeed(seed, () -> {
            Random r = new Random(seed);
            long[] s = shape(r, 1);
            DType t = new DType[] {DType.FLOAT64, DType.INT64, DType.INT32, DType.BOOL}[r.nextInt(4)];
            NDArray a = values(r, s, t);
            if (t.isFloat()) a = mapD(a, t, v -> Double.isFinite(v) ? v : 0.5); // keep products finite and comparable
            DArray x = DArray.fromArray(a, chunks(r, s));
            int axis = r.nextInt(s.length);
            DType out = t.isFloat() ? t : DType.INT64;
            String ctx = t + Arrays.toString(s) + " " + x.chunks() + " axis " + axis;
            assertEq(x.cumsum(axis), scan(a, axis, out, false), "cumsum " + ctx);
            assertEq(x.cumprod(axis), scan(a, axis, out, true), "cumprod " + ctx);
            assertEq(x.cumsum(), scan(a.reshape(a.size()), 0, out, false), "cumsum flat " + ctx);
        });
    }

    static NDArray scan(NDArray a, int axis, DType out, boolean prod) {
        long[] s = a.shapeArray();
        NDArray r = a.astype(out);
        long inner = 1;
        for (int d = axis + 1; d < s.length; d++) inner *= s[d];
        for (long i = 0; i < r.size(); i++) {
            long pos = (i / inner) % s[axis];
            if (pos == 0) continue;
            if (out.isFloat()) {
                double prev = r.getDoubleFlat(i - inner), cur = r.getDoubleFlat(i);
                r.setDoubleFlat(i, prod ? prev * cur : prev + cur);
            } else {
                long prev = r.getLongFlat(i - inner), cur = r.getLongFlat(i);
                r.setLongFlat(i, prod ? prev * cur : prev + cur);
            }
        }
        return r;
    }

    // ------------------------------------------------------------------ shape

    @RepeatedTest(30)
    void shapeFunctionsMatchNaive(RepetitionInfo info) {
        long seed = PropertyTest.seed(info);
        withSeed(seed, () -> {
            Random r = new Random(seed);
            long[] s = shape(r, 1);
            DType t = PropertyTest.TYPES[r.nextInt(PropertyTest.TYPES.length)];
            NDArray a = values(r, s, t);
            DArray x = DArray.fromArray(a, chunks(r, s));
            int axis = r.nextInt(s.length);
            long shift = r.nextInt(21) - 10;
            String ctx = t + Arrays.toString(s) + " " + x.chunks() + " axis " + axis + " shift " + shift;
            assertEq(x.flip(axis), permuted(a, axis, (p, n) -> n - 1 - p), "flip " + ctx);
            assertEq(x.roll(shift, axis), permuted(a, axis, (p, n) -> Math.floorMod(p - shift, n)), "roll " + ctx);
            assertEq(x.ravel(), a.reshape(a.size()).copy(), "ravel " + ctx);
            assertEq(x.roll(shift), permuted(a.reshape(a.size()), 0, (p, n) -> Math.floorMod(p - shift, n)).reshape(s), "roll flat " + ctx);
            NDArray flipAll = a;
            for (int d = 0; d < s.length; d++) flipAll = permuted(flipAll, d, (p, n) -> n - 1 - p);
            assertEq(x.flip(), flipAll, "flip all " + ctx);
            if (t != DType.BOOL) {
                int n = r.nextInt(3);
                NDArray d = a;
                for (int k = 0; k < n && d.shape(axis) > 0; k++) d = naiveDiff(d, axis);
                assertEq(x.diff(n, axis), d, "diff " + ctx);
            }
            long[] target = new long[s.length + 1];
            target[0] = 1 + r.nextInt(3);
            for (int d = 0; d < s.length; d++) target[d + 1] = s[d];
            assertEq(x.broadcastTo(Shape.of(target)), naiveBroadcast(a, target), "broadcastTo " + ctx);
            assertEq(x.broadcastTo(Shape.of(target)).sum(), naiveBroadcast(a, target).sum(), "broadcastTo sum " + ctx);
            assertEq(DArray.zerosLike(x), NDArray.zeros(t, s), "zerosLike " + ctx);
            assertEq(DArray.onesLike(x), NDArray.ones(t, s), "onesLike " + ctx);
            assertEq(DArray.fullLike(x, 7L), NDArray.full(7L, t, s).astype(t), "fullLike " + ctx);
            assertThat(DArray.zerosLike(x).chunks()).isEqualTo(x.chunks());
        });
    }

    @RepeatedTest(30)
    void moreReductionsAndElementwiseMatchNaive(RepetitionInfo info) {
        long seed = PropertyTest.seed(info);
        withSeed(seed, () -> {
            Random r = new Random(seed);
            long[] s = shape(r, 1);
            DType t = new DType[] {DType.FLOAT64, DType.FLOAT32, DType.INT64, DType.INT32}[r.nextInt(4)];
            NDArray a = values(r, s, t), b = values(r, s, t);
            if (t.isFloat()) {
                a = mapD(a, t, v -> Double.isInfinite(v) ? 0.75 : v);
                b = mapD(b, t, v -> Double.isInfinite(v) ? 0.75 : v);
            }
            DArray x = DArray.fromArray(a, chunks(r, s)), y = DArray.fromArray(b, chunks(r, s));
            int axis = r.nextInt(s.length);
            int[] ax = {axis};
            boolean keep = r.nextBoolean();
            String ctx = t + Arrays.toString(s) + " " + x.chunks() + " axis " + axis + " keep " + keep;
            DType f = floatOut(t), sumT = t.isFloat() ? t : DType.INT64;
            assertEq(x.nanprod(ax, keep), naive(a, ax, keep, sumT, v -> Arrays.stream(v).filter(q -> !Double.isNaN(q)).reduce(1, (p, q) -> p * q)),
                    "nanprod " + ctx);
            int ddof = r.nextInt(3);
            Fold var = v -> {
                double[] w = Arrays.stream(v).filter(q -> !Double.isNaN(q)).toArray();
                double m = Arrays.stream(w).average().orElse(NAN), ss = 0;
                for (double q : w) ss += (q - m) * (q - m);
                return ss / Math.max(0, w.length - ddof);
            };
            assertEq(x.nanvar(ddof, ax, keep), naive(a, ax, keep, f, var), "nanvar " + ctx);
            assertEq(x.nanstd(ddof, ax, keep), naive(a, ax, keep, f, v -> Math.sqrt(var.apply(v))), "nanstd " + ctx);
            assertEq(x.fmax(y), zipD(a, b, t, (u, v) -> Double.isNaN(u) ? v : Double.isNaN(v) ? u : Math.max(u, v)), "fmax " + ctx);
            assertEq(x.fmin(y), zipD(a, b, t, (u, v) -> Double.isNaN(u) ? v : Double.isNaN(v) ? u : Math.min(u, v)), "fmin " + ctx);
            assertEq(x.deg2rad(), mapD(a, f, v -> v * (Math.PI / 180)), "deg2rad " + ctx);
            assertEq(x.rad2deg(), mapD(a, f, v -> v * (180 / Math.PI)), "rad2deg " + ctx);
            assertEq(x.nancumsum(axis), scan(mapD(a, t, v -> Double.isNaN(v) ? 0 : v), axis, sumT, false), "nancumsum " + ctx);
            boolean empty = s[axis] == 0;
            for (long d : s) if (d == 0) empty = true;
            if (!empty) {
                assertEq(x.ptp(ax, keep), naive(a, ax, keep, t, v -> Arrays.stream(v).anyMatch(Double::isNaN) ? NAN
                        : Arrays.stream(v).max().getAsDouble() - Arrays.stream(v).min().getAsDouble()), "ptp " + ctx);
                assertEq(x.nanargmax(axis), naive(a, ax, false, DType.INT64, v -> {
                    int best = 0;
                    for (int i = 0; i < v.length; i++) if (!Double.isNaN(v[i]) && (Double.isNaN(v[best]) || v[i] > v[best])) best = i;
                    return best;
                }), "nanargmax " + ctx);
                NDArray w = mapD(values(r, new long[] {s[axis]}, DType.INT64), DType.INT64, v -> Math.abs(v) + 1);
                DArray dw = DArray.fromArray(w, chunks(r, new long[] {s[axis]}));
                NDArray wb = naiveBroadcastAlong(w, s, axis);
                DType at = DType.resultOfMean(DType.promote(t, DType.INT64));
                NDArray num = naive(zipD(a, wb, DType.FLOAT64, (u, v) -> u * v), ax, false, DType.FLOAT64, v -> Arrays.stream(v).sum());
                double den = Arrays.stream(w.toDoubleArray()).sum();
                assertEq(x.average(dw, axis), mapD(num, at, v -> v / den), "average " + ctx);
            }
        });
    }

    /** 1-D {@code w} laid along {@code axis} of shape {@code s}. */
    static NDArray naiveBroadcastAlong(NDArray w, long[] s, int axis) {
        NDArray r = NDArray.zeros(w.dtype(), s);
        long inner = 1;
        for (int d = axis + 1; d < s.length; d++) inner *= s[d];
        for (long i = 0; i < r.size(); i++) r.setLongFlat(i, w.getLongFlat((i / inner) % s[axis]));
        return r;
    }

    @RepeatedTest(20)
    void moreShapeFunctionsMatchNaive(RepetitionInfo info) {
        long seed = PropertyTest.seed(info);
        withSeed(seed, () -> {
            Random r = new Random(seed);
            long[] s = shape(r, 1);
            DType t = PropertyTest.TYPES[r.nextInt(PropertyTest.TYPES.length)];
            NDArray a = values(r, s, t);
            DArray x = DArray.fromArray(a, chunks(r, s));
            int axis = r.nextInt(s.length);
            long rep = r.nextInt(4);
            String ctx = t + Arrays.toString(s) + " " + x.chunks() + " axis " + axis + " rep " + rep;
            assertEq(x.repeat(rep, axis), permutedLen(a, axis, s[axis] * rep, p -> p / Math.max(1, rep)), "repeat " + ctx);
            long[] reps = new long[s.length];
            reps[axis] = rep;
            for (int d = 0; d < s.length; d++) if (d != axis) reps[d] = 1;
            assertEq(x.tile(reps), permutedLen(a, axis, s[axis] * rep, p -> p % Math.max(1, s[axis])), "tile " + ctx);
            int sections = 1 + r.nextInt(4);
            List<DArray> parts = x.arraySplit(sections, axis);
            assertThat(parts).hasSize(sections);
            long at = 0;
            for (int k = 0; k < sections; k++) {
                long len = s[axis] / sections + (k < s[axis] % sections ? 1 : 0);
                long from = at;
                assertEq(parts.get(k), permutedLen(a, axis, len, p -> from + p), "arraySplit " + k + " " + ctx);
                at += len;
            }
            if (s.length >= 2) {
                long k = r.nextInt(5) - 2;
                int n = s.length;
                NDArray lower = a.copy(), upper = a.copy();
                for (long i = 0; i < a.size(); i++) {
                    long col = i % s[n - 1], row = (i / s[n - 1]) % s[n - 2];
                    if (col - row > k) lower.setLongFlat(i, 0);
                    if (col - row < k) upper.setLongFlat(i, 0);
                }
                assertEq(x.tril(k), lower, "tril " + k + " " + ctx);
                assertEq(x.triu(k), upper, "triu " + k + " " + ctx);
            }
        });
    }

    @Test
    void creationAndSplittingAgainstNumPy() {
        // np.meshgrid([1, 2, 3], [4, 5]) and indexing="ij"; np.indices((2, 3)); np.atleast_3d; np.split by indices
        DArray gx = DArray.fromArray(new long[] {1, 2, 3}, Chunks.uniform(2)), gy = DArray.fromArray(new long[] {4, 5}, Chunks.uniform(1));
        List<DArray> xy = DArray.meshgrid(List.of(gx, gy), "xy");
        assertEq(xy.get(0), NDArray.fromNested(new long[][] {{1, 2, 3}, {1, 2, 3}}));
        assertEq(xy.get(1), NDArray.fromNested(new long[][] {{4, 4, 4}, {5, 5, 5}}));
        List<DArray> ij = DArray.meshgrid(List.of(gx, gy), "ij");
        assertEq(ij.get(0), NDArray.fromNested(new long[][] {{1, 1}, {2, 2}, {3, 3}}));
        assertEq(ij.get(1), NDArray.fromNested(new long[][] {{4, 5}, {4, 5}, {4, 5}}));
        assertEq(DArray.indices(Shape.of(2, 3), Chunks.uniform(2)),
                NDArray.fromNested(new long[][][] {{{0, 0, 0}, {1, 1, 1}}, {{0, 1, 2}, {0, 1, 2}}}));
        assertThat(gx.atLeast3d().shape()).isEqualTo(Shape.of(1, 3, 1));
        assertThat(gx.atLeast2d().shape()).isEqualTo(Shape.of(1, 3));
        assertThat(DArray.fromArray(NDArray.scalar(2.0), Chunks.of()).atLeast1d().shape()).isEqualTo(Shape.of(1));
        List<DArray> sp = DArray.arange(10, Chunks.uniform(4)).split(new long[] {3, 7, 20}, 0);
        assertThat(sp).hasSize(4);
        assertEq(sp.get(1), NDArray.fromArray(new long[] {3, 4, 5, 6}));
        assertThat(sp.get(3).shape()).isEqualTo(Shape.of(0));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DArray.arange(10, Chunks.uniform(4)).split(3, 0))
                .hasMessageContaining("does not result in an equal division");
        List<DArray> b = DArray.broadcastArrays(List.of(gx, gy.reshape(2, 1)));
        assertEq(b.get(0), NDArray.fromNested(new long[][] {{1, 2, 3}, {1, 2, 3}}));
        assertEq(b.get(1), NDArray.fromNested(new long[][] {{4, 4, 4}, {5, 5, 5}}));
        assertEq(DArray.fromArray(new double[] {1, 2, 3, 4}, Chunks.uniform(3)).tile(2, 1),
                NDArray.fromNested(new double[][] {{1, 2, 3, 4}, {1, 2, 3, 4}})); // np.tile([1, 2, 3, 4], (2, 1))
    }

    @RepeatedTest(40)
    void itemAssignmentMatchesAViewAssign(RepetitionInfo info) {
        long seed = PropertyTest.seed(info);
        withSeed(seed, () -> {
            Random r = new Random(seed);
            long[] s = shape(r, 1);
            DType t = PropertyTest.TYPES[r.nextInt(PropertyTest.TYPES.length)];
            NDArray a = values(r, s, t);
            DArray x = DArray.fromArray(a, chunks(r, s));
            dev.blockwork.ndarray.Index[] ix = new dev.blockwork.ndarray.Index[r.nextInt(s.length + 1)];
            for (int d = 0; d < ix.length; d++) {
                if (s[d] > 0 && r.nextInt(4) == 0) {
                    ix[d] = dev.blockwork.ndarray.Index.at(r.nextInt((int) s[d]) - (r.nextBoolean() ? s[d] : 0));
                } else {
                    long step = r.nextBoolean() ? 1 : (r.nextBoolean() ? 1 : -1) * (1 + r.nextInt(3));
                    Long lo = r.nextBoolean() ? null : (long) (r.nextInt(12) - 6), hi = r.nextBoolean() ? null : (long) (r.nextInt(12) - 6);
                    ix[d] = dev.blockwork.ndarray.Index.range(lo, hi, step);
                }
            }
            NDArray view = a.copy().get(ix);
            long[] sel = view.shapeArray();
            String ctx = t + Arrays.toString(s) + " " + x.chunks() + " index " + Arrays.toString(ix) + " selection " + Arrays.toString(sel);
            // a scalar
            NDArray want = a.copy();
            want.get(ix).fill(3);
            assertEq(x.set(ix, 3L), want, "set scalar " + ctx);
            // an array of the selection's shape, and one broadcast along the last selected axis
            DType vt = PropertyTest.TYPES[r.nextInt(PropertyTest.TYPES.length)];
            NDArray v = values(r, sel, vt);
            if (vt.isFloat()) v = mapD(v, vt, q -> Double.isFinite(q) ? q : 1.5);
            NDArray want2 = a.copy();
            want2.get(ix).assign(v);
            assertEq(x.set(ix, DArray.fromArray(v, chunks(r, sel))), want2, "set array " + vt + " " + ctx);
            if (sel.length > 0) {
                long[] row = {sel[sel.length - 1]};
                NDArray w = values(r, row, vt);
                if (vt.isFloat()) w = mapD(w, vt, q -> Double.isFinite(q) ? q : 1.5);
                NDArray want3 = a.copy();
                want3.get(ix).assign(w);
                assertEq(x.set(ix, DArray.fromArray(w, chunks(r, row))), want3, "set row " + vt + " " + ctx);
            }
            // a mask
            NDArray mask = values(r, s, DType.BOOL);
            NDArray want4 = a.copy();
            for (long i = 0; i < a.size(); i++) if (mask.getLongFlat(i) != 0) want4.setLongFlat(i, 7);
            assertEq(x.set(DArray.fromArray(mask, chunks(r, s)), 7.0), want4, "set mask " + ctx);
        });
    }

    @RepeatedTest(30)
    void padAndDiagMatchNaive(RepetitionInfo info) {
        long seed = PropertyTest.seed(info);
        withSeed(seed, () -> {
            Random r = new Random(seed);
            long[] s = shape(r, 1);
            DType t = PropertyTest.TYPES[r.nextInt(PropertyTest.TYPES.length)];
            NDArray a = values(r, s, t);
            DArray x = DArray.fromArray(a, chunks(r, s));
            for (PadMode mode : PadMode.values()) {
                long[][] w = new long[s.length][2];
                for (int d = 0; d < s.length; d++) {
                    long max = switch (mode) {
                        case CONSTANT -> 4;
                        case EDGE -> s[d] == 0 ? 0 : 4;
                        case SYMMETRIC, WRAP -> s[d];
                        case REFLECT -> Math.max(0, s[d] - 1);
                    };
                    w[d][0] = r.nextInt((int) max + 1);
                    w[d][1] = r.nextInt((int) max + 1);
                }
                assertEq(mode == PadMode.CONSTANT ? x.pad(w, 2.0) : x.pad(w, mode), naivePad(a, w, mode, 2.0),
                        "pad " + mode + " " + Arrays.deepToString(w) + " " + t + Arrays.toString(s) + " " + x.chunks());
            }
            long k = r.nextInt(7) - 3;
            if (s.length == 1) {
                long n = s[0] + Math.abs(k);
                NDArray want = NDArray.zeros(t, n, n);
                for (long i = 0; i < s[0]; i++) {
                    long row = k >= 0 ? i : i - k, col = k >= 0 ? i + k : i;
                    if (t.isFloat()) want.setDouble(a.getDouble(i), row, col); else want.setLong(a.getLong(i), row, col);
                }
                assertEq(x.diag(k), want, "diag 1-D k=" + k + " " + t + Arrays.toString(s) + " " + x.chunks());
            } else if (s.length == 2) {
                List<Double> d = new ArrayList<>();
                for (long i = 0; i < s[0]; i++) for (long j = 0; j < s[1]; j++) if (j - i == k) d.add(a.getDouble(i, j));
                NDArray want = NDArray.fromArray(d.stream().mapToDouble(Double::doubleValue).toArray(), d.size()).astype(t);
                assertEq(x.diag(k), want, "diag 2-D k=" + k + " " + t + Arrays.toString(s) + " " + x.chunks());
            }
        });
    }

    /** np.pad by definition: each output position maps to an input position (or the constant) axis by axis. */
    static NDArray naivePad(NDArray a, long[][] w, PadMode mode, double c) {
        long[] s = a.shapeArray(), o = s.clone();
        for (int d = 0; d < s.length; d++) o[d] = s[d] + w[d][0] + w[d][1];
        NDArray r = NDArray.zeros(a.dtype(), o);
        long[] idx = new long[o.length], src = new long[o.length];
        for (long f = 0; f < r.size(); f++) {
            long rem = f;
            for (int d = o.length - 1; d >= 0; d--) { idx[d] = rem % o[d]; rem /= o[d]; }
            boolean constant = false;
            for (int d = 0; d < o.length; d++) {
                long p = idx[d] - w[d][0], n = s[d];
                if (p >= 0 && p < n) { src[d] = p; continue; }
                switch (mode) {
                    case CONSTANT -> constant = true;
                    case EDGE -> src[d] = p < 0 ? 0 : n - 1;
                    case REFLECT -> src[d] = p < 0 ? -p : 2 * (n - 1) - p;
                    case SYMMETRIC -> src[d] = p < 0 ? -p - 1 : 2 * n - 1 - p;
                    case WRAP -> src[d] = Math.floorMod(p, n);
                }
            }
            if (a.dtype().isFloat()) r.setDoubleFlat(f, constant ? c : a.getDouble(src));
            else r.setLongFlat(f, constant ? (long) c : a.getLong(src));
        }
        return r;
    }

    @RepeatedTest(20)
    void vindexAndNdMasksMatchNaive(RepetitionInfo info) {
        long seed = PropertyTest.seed(info);
        withSeed(seed, () -> {
            Random r = new Random(seed);
            long[] s = shape(r, 1);
            for (int d = 0; d < s.length; d++) s[d] = Math.max(1, s[d]);
            DType t = PropertyTest.TYPES[r.nextInt(PropertyTest.TYPES.length)];
            NDArray a = values(r, s, t);
            DArray x = DArray.fromArray(a, chunks(r, s));
            int m = 1 + r.nextInt(s.length), k = r.nextInt(12);
            long[][] idx = new long[m][k];
            for (int d = 0; d < m; d++) for (int i = 0; i < k; i++) idx[d][i] = r.nextInt((int) (2 * s[d])) - s[d];
            long[] rest = Arrays.copyOfRange(s, m, s.length), os = new long[rest.length + 1];
            os[0] = k;
            System.arraycopy(rest, 0, os, 1, rest.length);
            NDArray want = NDArray.zeros(t, os);
            for (int i = 0; i < k; i++) {
                dev.blockwork.ndarray.Index[] ix = new dev.blockwork.ndarray.Index[m];
                for (int d = 0; d < m; d++) ix[d] = dev.blockwork.ndarray.Index.at(idx[d][i]);
                want.get(dev.blockwork.ndarray.Index.at(i)).assign(a.get(ix));
            }
            String ctx = t + Arrays.toString(s) + " " + x.chunks() + " m " + m;
            assertEq(x.vindex(idx), want, "vindex " + ctx);
            NDArray mask = values(r, Arrays.copyOf(s, m), DType.BOOL);
            List<NDArray> picked = new ArrayList<>();
            for (long f = 0; f < mask.size(); f++) {
                if (mask.getLongFlat(f) == 0) continue;
                dev.blockwork.ndarray.Index[] ix = new dev.blockwork.ndarray.Index[m];
                long rem = f;
                for (int d = m - 1; d >= 0; d--) { ix[d] = dev.blockwork.ndarray.Index.at(rem % s[d]); rem /= s[d]; }
                picked.add(a.get(ix).copy().reshape(prepend1(rest)));
            }
            long[] ms = os.clone();
            ms[0] = picked.size();
            NDArray wantMask = picked.isEmpty() ? NDArray.zeros(t, ms) : NDArray.concatenate(0, picked.toArray(new NDArray[0]));
            assertEq(x.get(DArray.fromArray(mask, chunks(r, Arrays.copyOf(s, m))), ArrayAssert.SYNC), wantMask, "mask " + ctx);
        });
    }

    @RepeatedTest(20)
    void mapBlocksOverSeveralArraysBroadcasts(RepetitionInfo info) {
        long seed = PropertyTest.seed(info);
        withSeed(seed, () -> {
            Random r = new Random(seed);
            long[] sa = shape(r, 1), sb = PropertyTest.broadcastPartner(r, sa);
            NDArray a = values(r, sa, DType.FLOAT64), b = values(r, sb, DType.INT32);
            DArray x = DArray.fromArray(a, chunks(r, sa)), y = DArray.fromArray(b, chunks(r, sb));
            DArray z = DArray.mapBlocks((blocks, bi) -> blocks[0].expr().mul(blocks[1].expr()).add(bi.offset().length).evaluate(),
                    List.of(x, y), DType.FLOAT64);
            NDArray want = a.expr().mul(b.expr()).add(sa.length).evaluate();
            assertEq(z, want, "mapBlocks " + Arrays.toString(sa) + " " + x.chunks() + " with " + Arrays.toString(sb) + " " + y.chunks());
        });
    }

    @RepeatedTest(20)
    void percentilesMatchASortedLane(RepetitionInfo info) {
        long seed = PropertyTest.seed(info);
        withSeed(seed, () -> {
            Random r = new Random(seed);
            long[] s = shape(r, 1);
            DType t = new DType[] {DType.FLOAT64, DType.FLOAT32, DType.INT64}[r.nextInt(3)];
            NDArray a = values(r, s, t);
            if (t.isFloat()) a = mapD(a, t, v -> Double.isInfinite(v) ? 2.25 : v);
            DArray x = DArray.fromArray(a, chunks(r, s));
            int axis = r.nextInt(s.length);
            double q = r.nextInt(5) == 0 ? 50 : r.nextDouble() * 100;
            Fold pct = v -> {
                if (v.length == 0 || Arrays.stream(v).anyMatch(Double::isNaN)) return NAN;
                double[] w = v.clone();
                Arrays.sort(w);
                double pos = q / 100 * (w.length - 1);
                int lo = (int) Math.floor(pos), hi = Math.min(w.length - 1, lo + 1);
                return w[lo] + (w[hi] - w[lo]) * (pos - lo);
            };
            String ctx = t + Arrays.toString(s) + " " + x.chunks() + " axis " + axis + " q " + q;
            assertEq(x.percentile(q, axis), naive(a, new int[] {axis}, false, floatOut(t), pct), "percentile " + ctx);
            assertEq(x.nanpercentile(q, axis), naive(a, new int[] {axis}, false, floatOut(t),
                    v -> pct.apply(Arrays.stream(v).filter(z -> !Double.isNaN(z)).toArray())), "nanpercentile " + ctx);
        });
    }

    @RepeatedTest(20)
    void einsumMatchesMatmulAndSums(RepetitionInfo info) {
        long seed = PropertyTest.seed(info);
        withSeed(seed, () -> {
            Random r = new Random(seed);
            long m = r.nextInt(6), k = r.nextInt(6), n = r.nextInt(6);
            DType t = new DType[] {DType.FLOAT64, DType.INT64, DType.INT32}[r.nextInt(3)];
            NDArray a = mapD(values(r, new long[] {m, k}, t), t, v -> Double.isFinite(v) ? v : 0.5);
            NDArray b = mapD(values(r, new long[] {k, n}, t), t, v -> Double.isFinite(v) ? v : 0.5);
            DArray x = DArray.fromArray(a, chunks(r, a.shapeArray())), y = DArray.fromArray(b, chunks(r, b.shapeArray()));
            String ctx = t + " " + x.chunks() + " " + y.chunks();
            assertEq(DArray.einsum("ij,jk->ik", x, y), a.matmul(b), "matmul " + ctx);
            assertEq(DArray.einsum("ij,jk->ki", x, y), a.matmul(b).transpose().copy(), "transposed " + ctx);
            assertEq(DArray.einsum("ij->j", x), a.sum(new int[] {0}, false).astype(t), "column sums " + ctx);
            assertEq(DArray.einsum("ij,ij->", x, x), a.expr().mul(a.expr()).evaluate().sum().astype(t).reshape(), "frobenius " + ctx);
        });
    }

    @RepeatedTest(20)
    void blockwiseMapsAndContracts(RepetitionInfo info) {
        long seed = PropertyTest.seed(info);
        withSeed(seed, () -> {
            Random r = new Random(seed);
            long m = r.nextInt(6), k = 1 + r.nextInt(6), n = r.nextInt(6);
            NDArray a = mapD(values(r, new long[] {m, k}, DType.FLOAT64), DType.FLOAT64, v -> Double.isFinite(v) ? v : 0.5);
            NDArray b = mapD(values(r, new long[] {k, n}, DType.FLOAT64), DType.FLOAT64, v -> Double.isFinite(v) ? v : 0.5);
            DArray x = DArray.fromArray(a, chunks(r, a.shapeArray())), y = DArray.fromArray(b, chunks(r, b.shapeArray()));
            String ctx = x.chunks() + " " + y.chunks();
            DArray mm = DArray.blockwise((bs, bi) -> bs[0].matmul(bs[1]), "ik", List.of(x, y), List.of("ij", "jk"), DType.FLOAT64);
            assertEq(mm, a.matmul(b), "blockwise matmul " + ctx);
            // element-wise with a transposed operand: out[j, i] = x[i, j] * 2 + y^T... (x and x^T share letters)
            DArray tr = DArray.blockwise((bs, bi) -> bs[0].transpose().expr().add(bs[1].expr()).evaluate(), "ji",
                    List.of(x, x.transpose()), List.of("ij", "ji"), DType.FLOAT64);
            assertEq(tr, a.transpose().expr().mul(2.0).evaluate(), "blockwise transpose " + ctx);
        });
    }

    @RepeatedTest(20)
    void userReductionMatchesNaive(RepetitionInfo info) {
        long seed = PropertyTest.seed(info);
        withSeed(seed, () -> {
            Random r = new Random(seed);
            long[] s = shape(r, 1);
            NDArray a = mapD(values(r, s, DType.FLOAT64), DType.FLOAT64, v -> Double.isFinite(v) ? v : 0.25);
            DArray x = DArray.fromArray(a, chunks(r, s));
            if (r.nextBoolean()) x = x.mul(1.0);
            int[] axes = r.nextBoolean() ? null : new int[] {r.nextInt(s.length)};
            boolean keep = r.nextBoolean();
            DArray sumsq = x.reduction((b, ax) -> b.expr().mul(b.expr()).evaluate().sum(ax, true), (p, q) -> p.add(q), p -> p,
                    axes, keep, DType.FLOAT64);
            assertEq(sumsq, naive(a, axes, keep, DType.FLOAT64, v -> Arrays.stream(v).map(q -> q * q).sum()),
                    "sum of squares " + Arrays.toString(s) + " " + x.chunks() + " axes " + Arrays.toString(axes));
            DArray count = DArray.ones(Shape.of(s), chunks(r, s)).reduction(
                    (b, ax) -> b.sum(ax, true), (p, q) -> p.add(q), p -> p, axes, keep, DType.FLOAT64);
            assertEq(count, naive(a, axes, keep, DType.FLOAT64, v -> v.length), "count of a constant " + Arrays.toString(s));
        });
    }

    @RepeatedTest(20)
    void pushAndCummaxMatchNaive(RepetitionInfo info) {
        long seed = PropertyTest.seed(info);
        withSeed(seed, () -> {
            Random r = new Random(seed);
            long[] s = shape(r, 1);
            NDArray a = values(r, s, DType.FLOAT64);
            for (long i = 0; i < a.size(); i++) if (r.nextInt(3) == 0) a.setDoubleFlat(i, NAN); // plenty of gaps
            DArray x = DArray.fromArray(a, chunks(r, s));
            int axis = r.nextInt(s.length);
            long limit = r.nextInt(4) - 1;
            long inner = 1;
            for (int d = axis + 1; d < s.length; d++) inner *= s[d];
            NDArray want = a.copy(), max = a.copy();
            for (long i = 0; i < a.size(); i++) {
                long p = (i / inner) % s[axis];
                double best = a.getDoubleFlat(i);
                for (long q = 1; q <= p; q++) { // naive running max over the lane so far
                    double v = a.getDoubleFlat(i - q * inner);
                    best = Double.isNaN(best) || Double.isNaN(v) ? NAN : Math.max(best, v);
                }
                max.setDoubleFlat(i, best);
                if (!Double.isNaN(a.getDoubleFlat(i))) continue;
                for (long q = 1; q <= p && (limit < 0 || q <= limit); q++) { // nearest non-NaN before, within the limit
                    double v = a.getDoubleFlat(i - q * inner);
                    if (!Double.isNaN(v)) { want.setDoubleFlat(i, v); break; }
                }
            }
            String ctx = Arrays.toString(s) + " " + x.chunks() + " axis " + axis + " limit " + limit;
            assertEq(x.push(limit, axis), want, "push " + ctx);
            assertEq(x.cummax(axis), max, "cummax " + ctx);
        });
    }

    @RepeatedTest(15)
    void gufuncsMatchNaive(RepetitionInfo info) {
        long seed = PropertyTest.seed(info);
        withSeed(seed, () -> {
            Random r = new Random(seed);
            long b0 = r.nextInt(4), m = 1 + r.nextInt(4), k = 1 + r.nextInt(4), n = 1 + r.nextInt(4);
            NDArray a = mapD(values(r, new long[] {b0, m, k}, DType.FLOAT64), DType.FLOAT64, v -> Double.isFinite(v) ? v : 0.5);
            NDArray b = mapD(values(r, new long[] {b0, k, n}, DType.FLOAT64), DType.FLOAT64, v -> Double.isFinite(v) ? v : 0.5);
            DArray x = DArray.fromArray(a, chunks(r, a.shapeArray())), y = DArray.fromArray(b, chunks(r, b.shapeArray()));
            DArray mm = DArray.applyGufunc((bs, bi) -> bs[0].matmul(bs[1]), "(m,n),(n,p)->(m,p)", List.of(x, y), DType.FLOAT64);
            assertEq(mm, a.matmul(b), "gufunc matmul " + x.chunks() + " " + y.chunks());
            DArray inner = DArray.applyGufunc((bs, bi) -> bs[0].expr().mul(bs[0].expr()).evaluate().sum(new int[] {bs[0].ndim() - 1}, false),
                    "(i)->()", List.of(x), DType.FLOAT64);
            assertEq(inner, a.expr().mul(a.expr()).evaluate().sum(new int[] {2}, false), "gufunc row norms " + x.chunks());
            assertEq(x.map(v -> v * v + 1, DType.FLOAT64), mapD(a, DType.FLOAT64, v -> v * v + 1), "map " + x.chunks());
        });
    }

    @RepeatedTest(15)
    void reshapeBlockwiseReshapesEveryBlockAlone(RepetitionInfo info) {
        long seed = PropertyTest.seed(info);
        withSeed(seed, () -> {
            Random r = new Random(seed);
            long[] s = {1 + r.nextInt(5), 1 + r.nextInt(5), 1 + r.nextInt(4)};
            NDArray a = values(r, s, DType.INT64);
            DArray x = DArray.fromArray(a, chunks(r, s));
            DArray y = x.reshapeBlockwise(new long[] {s[0], s[1] * s[2]}, null); // merge the last two axes
            // reference: each input block reshaped and placed at the output block's offset
            NDArray want = NDArray.zeros(DType.INT64, s[0], s[1] * s[2]);
            Chunks in = x.chunks(), out = y.chunks();
            for (int f = 0; f < in.blockCount(); f++) {
                int[] bi = in.blockIndex(f);
                long[] o = in.blockOffset(bi), l = in.blockShape(bi);
                NDArray blk = a.get(dev.blockwork.ndarray.Index.range(o[0], o[0] + l[0]), dev.blockwork.ndarray.Index.range(o[1], o[1] + l[1]),
                        dev.blockwork.ndarray.Index.range(o[2], o[2] + l[2])).copy();
                int[] ob = {bi[0], bi[1] * in.numBlocks(2) + bi[2]};
                long[] oo = out.blockOffset(ob), ol = out.blockShape(ob);
                want.get(dev.blockwork.ndarray.Index.range(oo[0], oo[0] + ol[0]), dev.blockwork.ndarray.Index.range(oo[1], oo[1] + ol[1]))
                        .assign(blk.reshape(ol));
            }
            assertEq(y, want, "reshapeBlockwise " + x.chunks() + " -> " + y.chunks());
            assertEq(y.sum(), a.sum(), "same elements");
            assertEq(x.reshapeBlockwise(new long[] {s[0], s[1] * s[2]}, y.chunks()), want, "reshapeBlockwise with explicit chunks");
        });
    }

    static long[] prepend1(long[] s) {
        long[] r = new long[s.length + 1];
        r[0] = 1;
        System.arraycopy(s, 0, r, 1, s.length);
        return r;
    }

    interface LongMap { long at(long p); }

    /** Output of {@code a}'s shape but {@code len} along {@code axis}; position p there reads input position {@code map(p)}. */
    static NDArray permutedLen(NDArray a, int axis, long len, LongMap map) {
        long[] s = a.shapeArray(), o = s.clone();
        o[axis] = len;
        NDArray r = NDArray.zeros(a.dtype(), o);
        long inner = 1;
        for (int d = axis + 1; d < s.length; d++) inner *= s[d];
        for (long i = 0; i < r.size(); i++) {
            long outer = i / (inner * len), p = (i / inner) % len, in = i % inner;
            long src = (outer * s[axis] + map.at(p)) * inner + in;
            if (a.dtype().isFloat()) r.setDoubleFlat(i, a.getDoubleFlat(src)); else r.setLongFlat(i, a.getLongFlat(src));
        }
        return r;
    }

    interface PosMap { long from(long outPos, long n); }

    /** Output element at position p along {@code axis} is input element {@code map(p)}. */
    static NDArray permuted(NDArray a, int axis, PosMap map) {
        long[] s = a.shapeArray();
        NDArray r = NDArray.zeros(a.dtype(), s);
        long inner = 1;
        for (int d = axis + 1; d < s.length; d++) inner *= s[d];
        for (long i = 0; i < r.size(); i++) {
            long p = (i / inner) % s[axis], src = i + (map.from(p, s[axis]) - p) * inner;
            if (a.dtype().isFloat()) r.setDoubleFlat(i, a.getDoubleFlat(src)); else r.setLongFlat(i, a.getLongFlat(src));
        }
        return r;
    }

    static NDArray naiveDiff(NDArray a, int axis) {
        long[] s = a.shapeArray(), o = s.clone();
        o[axis] = s[axis] - 1;
        NDArray r = NDArray.zeros(a.dtype(), o);
        long inner = 1;
        for (int d = axis + 1; d < s.length; d++) inner *= s[d];
        for (long i = 0; i < r.size(); i++) {
            long outer = i / (inner * o[axis]), rest = i % (inner * o[axis]);
            long src = outer * inner * s[axis] + rest;
            if (a.dtype().isFloat()) r.setDoubleFlat(i, a.getDoubleFlat(src + inner) - a.getDoubleFlat(src));
            else r.setLongFlat(i, a.getLongFlat(src + inner) - a.getLongFlat(src));
        }
        return r;
    }

    static NDArray naiveBroadcast(NDArray a, long[] target) {
        NDArray r = NDArray.zeros(a.dtype(), target);
        long per = a.size();
        for (long i = 0; i < r.size(); i++) {
            if (a.dtype().isFloat()) r.setDoubleFlat(i, a.getDoubleFlat(i % per)); else r.setLongFlat(i, a.getLongFlat(i % per));
        }
        return r;
    }
}
