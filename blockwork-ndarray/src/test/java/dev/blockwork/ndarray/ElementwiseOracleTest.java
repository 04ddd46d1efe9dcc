package dev.blockwork.ndarray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fused kernels against a plain per-element reference (oracle a): every dtype pair, random shapes, strided,
 * transposed, reversed and broadcast operands, and sizes that hit the tile and vector loop tails.
 */
class ElementwiseOracleTest {
    enum Op { ADD, SUB, MUL, DIV, MIN, MAX, POW, LT, LE, GT, GE, EQ, NE, AND, OR, XOR, NOT, NEG, ABS, SQRT, FLOOR, CEIL, ROUND, EXP, LOG, SIN, COS, TANH, WHERE, CAST_I32, CAST_BOOL,
        TAN, ARCSIN, ARCCOS, ARCTAN, SINH, COSH, LOG1P, EXPM1, LOG10, CBRT, SIGN, TRUNC, ARCTAN2, HYPOT, COPYSIGN, MOD, FLOOR_DIV, FMOD }

    static Expr apply(Op op, Expr a, Expr b) {
        return switch (op) {
            case ADD -> a.add(b);
            case SUB -> a.sub(b);
            case MUL -> a.mul(b);
            case DIV -> a.div(b);
            case MIN -> a.minimum(b);
            case MAX -> a.maximum(b);
            case POW -> a.pow(b);
            case LT -> a.lt(b);
            case LE -> a.le(b);
            case GT -> a.gt(b);
            case GE -> a.ge(b);
            case EQ -> a.eq(b);
            case NE -> a.ne(b);
            case AND -> a.and(b);
            case OR -> a.or(b);
            case XOR -> a.xor(b);
            case NOT -> a.not();
            case NEG -> a.neg();
            case ABS -> a.abs();
            case SQRT -> a.sqrt();
            case FLOOR -> a.floor();
            case CEIL -> a.ceil();
            case ROUND -> a.round();
            case EXP -> a.exp();
            case LOG -> a.log();
            case SIN -> a.sin();
            case COS -> a.cos();
            case TANH -> a.tanh();
            case WHERE -> Expr.where(a.gt(b), a, b);
            case CAST_I32 -> a.astype(DType.INT32);
            case CAST_BOOL -> a.astype(DType.BOOL);
            case TAN -> a.tan();
            case ARCSIN -> a.arcsin();
            case ARCCOS -> a.arccos();
            case ARCTAN -> a.arctan();
            case SINH -> a.sinh();
            case COSH -> a.cosh();
            case LOG1P -> a.log1p();
            case EXPM1 -> a.expm1();
            case LOG10 -> a.log10();
            case CBRT -> a.cbrt();
            case SIGN -> a.sign();
            case TRUNC -> a.trunc();
            case ARCTAN2 -> a.arctan2(b);
            case HYPOT -> a.hypot(b);
            case COPYSIGN -> a.copysign(b);
            case MOD -> a.mod(b);
            case FLOOR_DIV -> a.floorDivide(b);
            case FMOD -> a.fmod(b);
        };
    }

    /** The reference, written plainly: NumPy's result for one element, as double (floats) or long (ints, bool). */
    static double refD(Op op, DType t, double x, double y) {
        double r = switch (op) {
            case ADD -> x + y;
            case SUB -> x - y;
            case MUL -> x * y;
            case DIV -> x / y;
            case MIN -> Double.isNaN(x) || Double.isNaN(y) ? Double.NaN : Math.min(x, y);
            case MAX -> Double.isNaN(x) || Double.isNaN(y) ? Double.NaN : Math.max(x, y);
            case POW -> x == 1 || (x == -1 && Double.isInfinite(y)) ? 1 : Math.pow(x, y); // C99 pow, as NumPy
            case NEG -> -x;
            case ABS -> Math.abs(x);
            case SQRT -> Math.sqrt(x);
            case FLOOR -> Math.floor(x);
            case CEIL -> Math.ceil(x);
            case ROUND -> Math.rint(x);
            case EXP -> Math.exp(x);
            case LOG -> Math.log(x);
            case SIN -> Math.sin(x);
            case COS -> Math.cos(x);
            case TANH -> Math.tanh(x);
            case WHERE -> x > y ? x : y;
            case TAN -> Math.tan(x);
            case ARCSIN -> Math.asin(x);
            case ARCCOS -> Math.acos(x);
            case ARCTAN -> Math.atan(x);
            case SINH -> Math.sinh(x);
            case COSH -> Math.cosh(x);
            case LOG1P -> Math.log1p(x);
            case EXPM1 -> Math.expm1(x);
            case LOG10 -> Math.log10(x);
            case CBRT -> Math.cbrt(x);
            case SIGN -> Double.isNaN(x) ? x : x > 0 ? 1 : x < 0 ? -1 : 0.0;
            case TRUNC -> x < 0 ? Math.ceil(x) : Math.floor(x);
            case ARCTAN2 -> Math.atan2(x, y);
            case HYPOT -> Math.hypot(x, y);
            case COPYSIGN -> Math.copySign(x, y);
            case MOD, FLOOR_DIV -> npyDivmod(x, y)[op == Op.MOD ? 1 : 0];
            case FMOD -> x % y; // C fmod
            default -> throw new IllegalArgumentException(op.name());
        };
        return t == DType.FLOAT32 ? (float) r : r;
    }

    static long refL(Op op, DType t, long x, long y) {
        long r = switch (op) {
            case ADD -> t == DType.BOOL ? x | y : x + y;
            case SUB -> x - y;
            case MUL -> t == DType.BOOL ? x & y : x * y;
            case MIN -> Math.min(x, y);
            case MAX -> Math.max(x, y);
            case AND -> x & y;
            case OR -> x | y;
            case XOR -> x ^ y;
            case NOT -> t == DType.BOOL ? (x == 0 ? 1 : 0) : ~x;
            case NEG -> -x;
            case ABS -> Math.abs(x);
            case FLOOR, CEIL, ROUND, TRUNC -> x;
            case SIGN -> Long.signum(x);
            case MOD -> y == 0 ? 0 : Math.floorMod(x, y);
            case FLOOR_DIV -> y == 0 ? 0 : y == -1 ? -x : Math.floorDiv(x, y);
            case FMOD -> y == 0 ? 0 : x % y;
            case WHERE -> x > y ? x : y;
            case POW -> {
                long p = 1;
                for (long i = 0; i < y; i++) p *= x;
                yield p;
            }
            default -> throw new IllegalArgumentException(op.name());
        };
        return t == DType.INT32 ? (int) r : r;
    }

    /** NumPy's {@code npy_divmod} (numpy/_core/src/npymath/npy_math_internal.h.src), as written there: {floordiv, mod}. */
    static double[] npyDivmod(double a, double b) {
        double mod = a % b; // fmod
        if (b == 0) return new double[] {a / b, mod};
        double div = (a - mod) / b;
        if (mod != 0) {
            if ((b < 0) != (mod < 0)) {
                mod += b;
                div -= 1.0;
            }
        } else {
            mod = Math.copySign(0.0, b);
        }
        double floordiv;
        if (div != 0) {
            floordiv = Math.floor(div);
            if (div - floordiv > 0.5) floordiv += 1.0;
        } else {
            floordiv = Math.copySign(0.0, a / b);
        }
        return new double[] {floordiv, mod};
    }

    static boolean refCmp(Op op, double x, double y) {
        return switch (op) {
            case LT -> x < y;
            case LE -> x <= y;
            case GT -> x > y;
            case GE -> x >= y;
            case EQ -> x == y;
            case NE -> x != y;
            default -> throw new IllegalArgumentException(op.name());
        };
    }

    static boolean refCmpL(Op op, long x, long y) {
        return switch (op) {
            case LT -> x < y;
            case LE -> x <= y;
            case GT -> x > y;
            case GE -> x >= y;
            case EQ -> x == y;
            case NE -> x != y;
            default -> throw new IllegalArgumentException(op.name());
        };
    }

    static boolean unary(Op op) {
        return switch (op) {
            case NEG, ABS, SQRT, FLOOR, CEIL, ROUND, EXP, LOG, SIN, COS, TANH, NOT, CAST_I32, CAST_BOOL,
                 TAN, ARCSIN, ARCCOS, ARCTAN, SINH, COSH, LOG1P, EXPM1, LOG10, CBRT, SIGN, TRUNC -> true;
            default -> false;
        };
    }

    /** Builds the expected array element by element with getDouble/getLong on the original operands. */
    static NDArray reference(Op op, NDArray a, NDArray b, long[] outShape, DType rt) {
        NDArray out = NDArray.zeros(rt, outShape);
        DType ot = unary(op) ? a.dtype() : DType.promote(a.dtype(), b.dtype());
        long n = out.size();
        for (long f = 0; f < n; f++) {
            long[] idx = Cases.unravel(f, outShape);
            long[] ia = Cases.broadcastIndex(idx, a.shapeArray());
            long[] ib = unary(op) ? null : Cases.broadcastIndex(idx, b.shapeArray());
            switch (op) {
                case CAST_I32 -> out.setLongFlat(f, a.dtype().isFloat() ? (int) (long) a.getDouble(ia) : (int) a.getLong(ia));
                case CAST_BOOL -> out.setLongFlat(f, a.getDouble(ia) != 0 ? 1 : 0);
                case LT, LE, GT, GE, EQ, NE -> out.setLongFlat(f, (ot.isFloat() ? refCmp(op, a.getDouble(ia), b.getDouble(ib))
                        : refCmpL(op, a.getLong(ia), b.getLong(ib))) ? 1 : 0);
                case WHERE -> {
                    boolean c = ot.isFloat() ? a.getDouble(ia) > b.getDouble(ib) : a.getLong(ia) > b.getLong(ib);
                    if (rt.isFloat()) out.setDoubleFlat(f, rt == DType.FLOAT32 ? (float) (c ? a.getDouble(ia) : b.getDouble(ib)) : c ? a.getDouble(ia) : b.getDouble(ib));
                    else out.setLongFlat(f, c ? a.getLong(ia) : b.getLong(ib));
                }
                default -> {
                    if (rt.isFloat()) {
                        double x = a.getDouble(ia), y = ib == null ? 0 : b.getDouble(ib);
                        if (rt == DType.FLOAT32) { x = (float) x; y = (float) y; }
                        out.setDoubleFlat(f, refD(op, rt, x, y));
                    } else {
                        out.setLongFlat(f, refL(op, rt, a.getLong(ia), ib == null ? 0 : b.getLong(ib)));
                    }
                }
            }
        }
        return out;
    }

    static boolean rejected(Op op, DType a, DType b) {
        DType p = DType.promote(a, b);
        return switch (op) {
            case SUB -> p == DType.BOOL; // bool ** bool is int (NumPy int8; int32 here)
            case NEG, SIGN -> a == DType.BOOL;
            case NOT -> a.isFloat();
            case AND, OR, XOR -> p.isFloat();
            default -> false;
        };
    }

    static void check(SplittableRandom r, Op op, DType ta, DType tb, long[] shape) {
        NDArray a = Cases.view(r, ta, shape);
        NDArray b = Cases.view(r, tb, Cases.broadcastable(r, shape));
        if (op == Op.POW && !DType.promote(ta, tb).isFloat() && tb != DType.BOOL) { // integer exponents in [0, 9]
            Expr e = Expr.of(b);
            b = Expr.where(e.ge(Expr.scalar(0L)).and(e.le(Expr.scalar(9L))), e, Expr.scalar(3L)).evaluate();
        }
        if (r.nextBoolean() && !unary(op) && op != Op.POW) { // swap so the broadcast operand is sometimes on the left
            NDArray t = a; a = b; b = t;
        }
        String what = op + " " + a.dtype() + a.shape() + " strides " + java.util.Arrays.toString(a.strides())
                + ", " + b.dtype() + b.shape() + " strides " + java.util.Arrays.toString(b.strides());
        if (rejected(op, a.dtype(), b.dtype())) {
            NDArray fa = a, fb = b;
            assertThatThrownBy(() -> apply(op, Expr.of(fa), Expr.of(fb))).as(what).isInstanceOf(IllegalArgumentException.class);
            return;
        }
        Expr e = apply(op, Expr.of(a), Expr.of(b));
        NDArray got = e.evaluate();
        NDArray want = reference(op, a, b, e.shapeArray(), e.dtype());
        assertThat(got.dtype()).as(what).isEqualTo(want.dtype());
        assertThat(got.shape()).as(what).isEqualTo(want.shape());
        if (got.dtype().isFloat()) {
            double tol = 0; // same Java Math functions, same per-dtype rounding: exact
            assertThat(got.allClose(want, tol, 0, true)).as("%s\ngot  %s\nwant %s", what, got, want).isTrue();
        } else {
            assertThat(got).as(what).isEqualTo(want);
        }
    }

    static Op[] ops() { return Op.values(); }

    @ParameterizedTest
    @MethodSource("ops")
    void everyDtypePairRandomShapesAndLayouts(Op op) {
        long seed = 1000 + op.ordinal();
        SplittableRandom r = new SplittableRandom(seed);
        for (DType ta : Cases.DTYPES) {
            for (DType tb : Cases.DTYPES) {
                for (int rep = 0; rep < 3; rep++) check(r, op, ta, tb, Cases.shape(r));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("ops")
    void tailSizes(Op op) {
        SplittableRandom r = new SplittableRandom(77 + op.ordinal());
        for (long n : Cases.TAIL_SIZES) {
            check(r, op, DType.FLOAT64, DType.FLOAT64, new long[] {n});
            check(r, op, Cases.DTYPES[r.nextInt(5)], Cases.DTYPES[r.nextInt(5)], new long[] {n});
            check(r, op, DType.INT32, DType.FLOAT32, new long[] {2, n});
        }
    }

    @Test
    void largeParallelEvaluationMatchesReference() {
        SplittableRandom r = new SplittableRandom(5);
        long[] shape = {1030, 1031}; // > 2^20 elements: split into parts on the common pool
        NDArray a = new Random(5).uniform(1031, 1030).transpose(), b = new Random(6).normal(1031).astype(DType.FLOAT32);
        Expr e = Expr.of(a).mul(Expr.of(b)).add(Expr.of(a));
        NDArray got = e.evaluate();
        for (int i = 0; i < 2000; i++) {
            long x = r.nextLong(1030), y = r.nextLong(1031);
            double want = a.getDouble(x, y) * b.getDouble(y) + a.getDouble(x, y);
            assertThat(got.getDouble(x, y)).isEqualTo(want);
        }
        // the fused sum over the same expression equals the sum of the materialised result
        assertThat(e.sum().item()).isCloseTo(got.sum().item(), org.assertj.core.data.Offset.offset(1e-9 * 1030 * 1031));
    }

    @Test
    void parallelPartsShareNoMutableStateWithSequentialResultsAsReference() {
        long[] shape = {1100, 1000}; // > 2^20 elements: parts run on several threads
        NDArray x = new Random(3).integers(-50, 50, shape);
        Expr ex = Expr.of(x);
        // the same int64 leaf read as long (x + 1) and as double (x / 2) in one evaluation
        Expr e = Expr.where(ex.gt(Expr.scalar(0L)), ex.add(1L).astype(DType.FLOAT64), ex.div(2L));
        NDArray f32 = NDArray.zeros(DType.FLOAT32, shape);
        NDArray strided = NDArray.zeros(DType.FLOAT64, shape[1], shape[0]).transpose();
        boolean old = Expr.parallel(false);
        NDArray seq = e.evaluate();
        NDArray seq32 = e.astype(DType.FLOAT32).evaluate();
        Expr.parallel(true);
        try {
            for (int rep = 0; rep < 3; rep++) {
                assertThat(e.evaluate()).isEqualTo(seq);
                e.evaluateInto(f32);
                assertThat(f32).isEqualTo(seq32);
                e.evaluateInto(strided);
                assertThat(strided.copy()).isEqualTo(seq);
                assertThat(e.sum()).isEqualTo(seq.sum());
            }
        } finally {
            Expr.parallel(old);
        }
    }

    @Test
    void sharedSubexpressionsAndScalarsFuse() {
        NDArray x = NDArray.arange(0, 10, 1, DType.FLOAT64);
        Expr ex = Expr.of(x);
        Expr sq = ex.mul(ex);
        NDArray got = sq.add(sq).sub(ex.mul(2)).evaluate();
        for (int i = 0; i < 10; i++) assertThat(got.getDouble(i)).isEqualTo(2.0 * i * i - 2 * i);
        assertThat(Expr.scalar(2L).add(Expr.scalar(3L)).evaluate().getLong()).isEqualTo(5);
        assertThat(Expr.ones(DType.FLOAT64, 1000, 1000).add(Expr.ones(DType.FLOAT64, 1000, 1000).mul(2)).sum().item()).isEqualTo(3e6);
    }

    @Test
    void weakScalarsFollowNep50() {
        assertThat(Expr.ones(DType.FLOAT32, 3).mul(2.0).dtype()).isEqualTo(DType.FLOAT32);
        assertThat(Expr.ones(DType.INT32, 3).add(1L).dtype()).isEqualTo(DType.INT32);
        assertThat(Expr.ones(DType.INT32, 3).mul(0.5).dtype()).isEqualTo(DType.FLOAT64);
        assertThat(Expr.ones(DType.BOOL, 3).add(1L).dtype()).isEqualTo(DType.INT64);
        assertThat(Expr.ones(DType.INT32, 3).div(2L).dtype()).isEqualTo(DType.FLOAT64);
        assertThat(Expr.ones(DType.FLOAT32, 3).div(2L).dtype()).isEqualTo(DType.FLOAT32);
        assertThat(Expr.ones(DType.BOOL, 3).sin().dtype()).isEqualTo(DType.FLOAT64);
        assertThat(Expr.ones(DType.INT64, 3).add(Expr.ones(DType.FLOAT32, 3)).dtype()).isEqualTo(DType.FLOAT64);
    }

    @Test
    void badInputMessagesNameShapesAndTypes() {
        Expr a = Expr.of(NDArray.zeros(DType.FLOAT64, 3, 4)), b = Expr.of(NDArray.zeros(DType.FLOAT64, 5));
        assertThatThrownBy(() -> a.add(b)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("operands could not be broadcast together with shapes (3, 4) (5,)");
        assertThatThrownBy(() -> a.and(a)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("float64");
        assertThatThrownBy(() -> a.not()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("float64");
        assertThatThrownBy(() -> Expr.ones(DType.BOOL, 2).neg()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Expr.of(NDArray.arange(3)).pow(-1L).evaluate()).isInstanceOf(ArithmeticException.class)
                .hasMessageContaining("negative");
        assertThatThrownBy(() -> a.evaluate(new long[] {2, 4})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(3, 4) (2, 4)");
    }

    @Test
    void evaluateIntoStridedViewsOfOtherDtypes() {
        NDArray target = NDArray.zeros(DType.INT32, 4, 6);
        NDArray view = target.get(Index.range(null, null, -2), Index.range(1L, null, 2)); // (2, 3)
        Expr.of(NDArray.of(new double[][] {{1.7, -2.2, 3}, {4, 5, 6}})).evaluateInto(view);
        // rows 3, 1 (reversed, step 2) and columns 1, 3, 5
        assertThat(target.getLong(3, 1)).isEqualTo(1);
        assertThat(target.getLong(3, 3)).isEqualTo(-2);
        assertThat(target.getLong(1, 1)).isEqualTo(4);
        assertThat(target.getLong(1, 5)).isEqualTo(6);
        assertThat(target.sum().getLong()).isEqualTo(1 - 2 + 3 + 4 + 5 + 6);
        NDArray bools = NDArray.zeros(DType.BOOL, 3);
        Expr.of(NDArray.of(0.0, 0.5, Double.NaN)).evaluateInto(bools);
        assertThat(bools.toBooleanArray()).containsExactly(false, true, true);
    }
}
