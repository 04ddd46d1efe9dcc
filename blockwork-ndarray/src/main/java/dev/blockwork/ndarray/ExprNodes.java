package dev.blockwork.ndarray;

/** The immutable description nodes behind {@link Expr}, and NumPy's typing rules for building them. */
final class ExprNodes {
    private ExprNodes() {}

    static final class ArrayLeaf extends Expr {
        final NDArray array;

        ArrayLeaf(NDArray a) {
            super(a.dtype, a.shape, false);
            this.array = a;
        }
    }

    static final class ScalarLeaf extends Expr {
        final double d;
        final long l;

        ScalarLeaf(double d, long l, DType t, boolean weak, long[] shape) {
            super(t, shape, weak);
            this.d = t == DType.FLOAT32 ? (float) d : t == DType.BOOL ? (d != 0 ? 1 : 0) : d;
            this.l = t == DType.INT32 ? (int) l : t == DType.BOOL ? (d != 0 || l != 0 ? 1 : 0) : l;
        }
    }

    /** Counter-based random values keyed by (seed, global flat index); see {@link Random}. */
    static final class RandomLeaf extends Expr {
        final Random.Kind kind;
        final long seed;
        final double p0, p1;
        /** Exact integer parameters (low, width) for {@link Random.Kind#INTEGERS}. */
        long low, width;
        final long[] globalOffset, globalShape;

        RandomLeaf(Random.Kind kind, long seed, double p0, double p1, DType t, long[] blockShape,
                   long[] globalOffset, long[] globalShape) {
            super(t, Shapes.copyShape(blockShape), false);
            if (globalOffset.length != blockShape.length || globalShape.length != blockShape.length) {
                throw new IllegalArgumentException("block shape " + Shapes.format(blockShape) + ", global offset "
                        + Shapes.format(globalOffset) + " and global shape " + Shapes.format(globalShape)
                        + " must have the same number of dimensions");
            }
            for (int i = 0; i < blockShape.length; i++) {
                if (globalOffset[i] < 0 || globalOffset[i] + blockShape[i] > globalShape[i]) {
                    throw new IllegalArgumentException("block of shape " + Shapes.format(blockShape) + " at offset "
                            + Shapes.format(globalOffset) + " does not fit in global shape " + Shapes.format(globalShape));
                }
            }
            this.kind = kind;
            this.seed = seed;
            this.p0 = p0;
            this.p1 = p1;
            this.globalOffset = globalOffset.clone();
            this.globalShape = globalShape.clone();
        }
    }

    static final class Unary extends Expr {
        final UnaryOp op;
        final Expr a;

        Unary(UnaryOp op, Expr a, DType t) {
            super(t, a.shape, a.weak);
            this.op = op;
            this.a = a;
        }
    }

    static final class Binary extends Expr {
        final BinaryOp op;
        final Expr a, b;
        /** The dtype both operands are converted to before the operation. */
        final DType operandType;

        Binary(BinaryOp op, Expr a, Expr b, DType operandType, DType t, long[] shape, boolean weak) {
            super(t, shape, weak);
            this.op = op;
            this.a = a;
            this.b = b;
            this.operandType = operandType;
        }
    }

    static final class Where extends Expr {
        final Expr cond, a, b;

        Where(Expr cond, Expr a, Expr b, DType t, long[] shape, boolean weak) {
            super(t, shape, weak);
            this.cond = cond;
            this.a = a;
            this.b = b;
        }
    }

    static final class Cast extends Expr {
        final Expr a;

        Cast(Expr a, DType t) {
            super(t, a.shape, false);
            this.a = a;
        }
    }

    /** NumPy 2 promotion with weak (Python) scalars, NEP 50. */
    static DType promote(Expr a, Expr b) {
        if (a.weak == b.weak) return DType.promote(a.dtype, b.dtype);
        Expr w = a.weak ? a : b, s = a.weak ? b : a;
        return switch (w.dtype) {
            case FLOAT64, FLOAT32 -> s.dtype.isFloat() ? s.dtype : DType.FLOAT64;
            case INT64, INT32 -> s.dtype == DType.BOOL ? DType.INT64 : s.dtype;
            case BOOL -> s.dtype;
            case COMPLEX128 -> DType.COMPLEX128; // never weak: complex leaves are refused by Expr.of
        };
    }

    static Expr binary(BinaryOp op, Expr a, Expr b) {
        long[] shape = Shapes.broadcast(a.shape, b.shape);
        DType p = promote(a, b);
        boolean weak = a.weak && b.weak;
        if (op.isComparison()) {
            // NumPy 2 compares an out-of-range Python int exactly instead of raising
            if (p == DType.INT32 && (!fitsInt32(a) || !fitsInt32(b))) p = DType.INT64;
            return new Binary(op, a, b, p, DType.BOOL, shape, false);
        }
        checkWeakFits(a, p);
        checkWeakFits(b, p);
        if (op.isLogical()) {
            if (p.isFloat()) {
                throw new IllegalArgumentException(op.name().toLowerCase() + " is not supported for float operands ("
                        + a.dtype.numpyName() + ", " + b.dtype.numpyName() + "); compare first, e.g. x.ne(0)");
            }
            if (p == DType.BOOL && (op == BinaryOp.LEFT_SHIFT || op == BinaryOp.RIGHT_SHIFT)) { // NumPy: int8 shifts of bools
                return new Binary(op, a, b, DType.INT32, DType.INT32, shape, weak);
            }
            return new Binary(op, a, b, p, p, shape, weak);
        }
        if (op == BinaryOp.DIV || op.isFloatFunction()) {
            DType t = p == DType.FLOAT32 ? DType.FLOAT32 : DType.FLOAT64;
            return new Binary(op, a, b, t, t, shape, weak);
        }
        if (p == DType.BOOL && op == BinaryOp.SUB) {
            throw new IllegalArgumentException("numpy boolean subtract is not supported: operands are bool; use xor/astype instead");
        }
        if (p == DType.BOOL && (op == BinaryOp.POW || op == BinaryOp.MOD || op == BinaryOp.FLOOR_DIV || op == BinaryOp.FMOD)) {
            // NumPy gives int8 here; int8 is not a Blockwork dtype, so the smallest integer there is (same values)
            return new Binary(op, a, b, DType.INT32, DType.INT32, shape, weak);
        }
        return new Binary(op, a, b, p, p, shape, weak);
    }

    /** False for a weak integer scalar outside the int32 range. */
    private static boolean fitsInt32(Expr e) {
        return !(e.weak && e instanceof ScalarLeaf s && !s.dtype.isFloat() && (int) s.l != s.l);
    }

    /**
     * NumPy 2 (NEP 50) raises OverflowError when a Python int does not fit the array's integer dtype; so does
     * this, rather than wrapping the scalar.
     */
    static void checkWeakFits(Expr e, DType target) {
        if (target == DType.INT32 && !fitsInt32(e)) {
            throw new IllegalArgumentException("got " + ((ScalarLeaf) e).l + ", expected a value that fits int32 ("
                    + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE + "): a Java long scalar is out of bounds for the int32 array;"
                    + " convert the array with astype(INT64) first");
        }
    }

    static Expr unary(UnaryOp op, Expr a) {
        DType t = switch (op) {
            case SQRT, EXP, LOG, SIN, COS, TANH, TAN, ARCSIN, ARCCOS, ARCTAN, SINH, COSH, LOG1P, EXPM1, LOG2, LOG10, CBRT, EXP2,
                 ARCSINH, ARCCOSH, ARCTANH, I0 -> DType.resultOfFloatFunction(a.dtype);
            case NEG, SIGN -> {
                if (a.dtype == DType.BOOL) {
                    throw new IllegalArgumentException("the numpy boolean " + (op == UnaryOp.NEG ? "negative" : "sign")
                            + " is not supported: got a bool operand, expected a number (use not() or astype first)");
                }
                yield a.dtype;
            }
            case NOT -> {
                if (a.dtype.isFloat()) {
                    throw new IllegalArgumentException("not is not supported for " + a.dtype.numpyName()
                            + " operands; only bool (logical) and integers (bitwise)");
                }
                yield a.dtype;
            }
            default -> a.dtype;
        };
        return new Unary(op, a, t);
    }

    static Expr where(Expr cond, Expr a, Expr b) {
        long[] shape = Shapes.broadcast(Shapes.broadcast(cond.shape, a.shape), b.shape);
        DType t = promote(a, b);
        checkWeakFits(a, t);
        checkWeakFits(b, t);
        return new Where(cond, a, b, t, shape, a.weak && b.weak);
    }
}
