package dev.blockwork.ndarray;

import dev.blockwork.ndarray.KernelNodes.KNode;

/** Compiled unary and binary operation nodes (see {@link KernelNodes} for the value conventions). */
final class KernelOps {
    private KernelOps() {}

    static final class KUnary extends KNode {
        final UnaryOp op;
        KNode a;

        KUnary(UnaryOp op, DType t, KNode a) {
            super(t);
            this.op = op;
            this.a = a;
        }

        @Override
        void computeD(Tile tile, double[] dst, int off) {
            double[] v = a.readD(tile);
            int o = tile.roff, n = tile.len;
            switch (op) {
                case NEG -> { for (int i = 0; i < n; i++) dst[off + i] = -v[o + i]; }
                case ABS -> { for (int i = 0; i < n; i++) dst[off + i] = Math.abs(v[o + i]); }
                case SQRT -> { for (int i = 0; i < n; i++) dst[off + i] = Math.sqrt(v[o + i]); }
                case EXP -> { for (int i = 0; i < n; i++) dst[off + i] = Math.exp(v[o + i]); }
                case LOG -> { for (int i = 0; i < n; i++) dst[off + i] = Math.log(v[o + i]); }
                case SIN -> { for (int i = 0; i < n; i++) dst[off + i] = Math.sin(v[o + i]); }
                case COS -> { for (int i = 0; i < n; i++) dst[off + i] = Math.cos(v[o + i]); }
                case TANH -> { for (int i = 0; i < n; i++) dst[off + i] = Math.tanh(v[o + i]); }
                case FLOOR -> { for (int i = 0; i < n; i++) dst[off + i] = Math.floor(v[o + i]); }
                case CEIL -> { for (int i = 0; i < n; i++) dst[off + i] = Math.ceil(v[o + i]); }
                case ROUND -> { for (int i = 0; i < n; i++) dst[off + i] = Math.rint(v[o + i]); }
                case TAN -> { for (int i = 0; i < n; i++) dst[off + i] = Math.tan(v[o + i]); }
                case ARCSIN -> { for (int i = 0; i < n; i++) dst[off + i] = Math.asin(v[o + i]); }
                case ARCCOS -> { for (int i = 0; i < n; i++) dst[off + i] = Math.acos(v[o + i]); }
                case ARCTAN -> { for (int i = 0; i < n; i++) dst[off + i] = Math.atan(v[o + i]); }
                case SINH -> { for (int i = 0; i < n; i++) dst[off + i] = Math.sinh(v[o + i]); }
                case COSH -> { for (int i = 0; i < n; i++) dst[off + i] = Math.cosh(v[o + i]); }
                case LOG1P -> { for (int i = 0; i < n; i++) dst[off + i] = Math.log1p(v[o + i]); }
                case EXPM1 -> { for (int i = 0; i < n; i++) dst[off + i] = Math.expm1(v[o + i]); }
                case LOG2 -> { for (int i = 0; i < n; i++) dst[off + i] = ElementMath.log2(v[o + i]); }
                case LOG10 -> { for (int i = 0; i < n; i++) dst[off + i] = Math.log10(v[o + i]); }
                case SIGN -> { for (int i = 0; i < n; i++) dst[off + i] = ElementMath.sign(v[o + i]); }
                case TRUNC -> { for (int i = 0; i < n; i++) dst[off + i] = ElementMath.trunc(v[o + i]); }
                case CBRT -> { for (int i = 0; i < n; i++) dst[off + i] = Math.cbrt(v[o + i]); }
                case EXP2 -> { for (int i = 0; i < n; i++) dst[off + i] = ElementMath.exp2(v[o + i]); }
                case ARCSINH -> { for (int i = 0; i < n; i++) dst[off + i] = ElementMath.asinh(v[o + i]); }
                case ARCCOSH -> { for (int i = 0; i < n; i++) dst[off + i] = ElementMath.acosh(v[o + i]); }
                case ARCTANH -> { for (int i = 0; i < n; i++) dst[off + i] = ElementMath.atanh(v[o + i]); }
                case I0 -> { for (int i = 0; i < n; i++) dst[off + i] = ElementMath.i0(v[o + i]); }
                case NOT -> throw new IllegalStateException("not on floats is rejected when the Expr is built");
            }
            if (t == DType.FLOAT32) KernelNodes.roundFloat32(dst, off, n);
        }

        @Override
        void computeL(Tile tile, long[] dst, int off) {
            long[] v = a.readL(tile);
            int o = tile.roff, n = tile.len;
            switch (op) {
                case NEG -> { for (int i = 0; i < n; i++) dst[off + i] = -v[o + i]; }
                case ABS -> { for (int i = 0; i < n; i++) dst[off + i] = Math.abs(v[o + i]); }
                case NOT -> {
                    if (t == DType.BOOL) for (int i = 0; i < n; i++) dst[off + i] = v[o + i] ^ 1L;
                    else for (int i = 0; i < n; i++) dst[off + i] = ~v[o + i];
                }
                case FLOOR, CEIL, ROUND, TRUNC -> System.arraycopy(v, o, dst, off, n);
                case SIGN -> { for (int i = 0; i < n; i++) dst[off + i] = Long.signum(v[o + i]); }
                default -> throw new IllegalStateException(op + " of integers gives floats; typed when built");
            }
            if (t == DType.INT32) KernelNodes.wrapInt32(dst, off, n);
        }
    }

    static final class KBinary extends KNode {
        final BinaryOp op;
        KNode a, b;
        final boolean floatOperands;

        KBinary(BinaryOp op, DType t, DType operandType, KNode a, KNode b) {
            super(t);
            this.op = op;
            this.a = a;
            this.b = b;
            this.floatOperands = operandType.isFloat();
        }

        @Override
        void computeD(Tile tile, double[] dst, int off) {
            int n = tile.len;
            if (b instanceof KernelNodes.KScalar s && op.ordinal() <= BinaryOp.MUL.ordinal()) {
                double[] x = a.readD(tile);
                int xo = tile.roff;
                double c = s.d;
                switch (op) {
                    case ADD -> { for (int i = 0; i < n; i++) dst[off + i] = x[xo + i] + c; }
                    case SUB -> { for (int i = 0; i < n; i++) dst[off + i] = x[xo + i] - c; }
                    default -> { for (int i = 0; i < n; i++) dst[off + i] = x[xo + i] * c; }
                }
            } else {
                double[] x = a.readD(tile);
                int xo = tile.roff;
                double[] y = b.readD(tile);
                int yo = tile.roff;
                switch (op) {
                    case ADD -> { for (int i = 0; i < n; i++) dst[off + i] = x[xo + i] + y[yo + i]; }
                    case SUB -> { for (int i = 0; i < n; i++) dst[off + i] = x[xo + i] - y[yo + i]; }
                    case MUL -> { for (int i = 0; i < n; i++) dst[off + i] = x[xo + i] * y[yo + i]; }
                    case DIV -> { for (int i = 0; i < n; i++) dst[off + i] = x[xo + i] / y[yo + i]; }
                    case POW -> { for (int i = 0; i < n; i++) dst[off + i] = ElementMath.pow(x[xo + i], y[yo + i]); }
                    case ARCTAN2 -> { for (int i = 0; i < n; i++) dst[off + i] = Math.atan2(x[xo + i], y[yo + i]); }
                    case HYPOT -> { for (int i = 0; i < n; i++) dst[off + i] = Math.hypot(x[xo + i], y[yo + i]); }
                    case MOD -> { for (int i = 0; i < n; i++) dst[off + i] = ElementMath.mod(x[xo + i], y[yo + i]); }
                    case FLOOR_DIV -> { for (int i = 0; i < n; i++) dst[off + i] = ElementMath.floorDivide(x[xo + i], y[yo + i]); }
                    case COPYSIGN -> { for (int i = 0; i < n; i++) dst[off + i] = Math.copySign(x[xo + i], y[yo + i]); }
                    case FMOD -> { for (int i = 0; i < n; i++) dst[off + i] = x[xo + i] % y[yo + i]; }
                    case NEXTAFTER -> {
                        if (t == DType.FLOAT32) for (int i = 0; i < n; i++) dst[off + i] = Math.nextAfter((float) x[xo + i], y[yo + i]);
                        else for (int i = 0; i < n; i++) dst[off + i] = Math.nextAfter(x[xo + i], y[yo + i]);
                    }
                    case MIN -> { for (int i = 0; i < n; i++) dst[off + i] = Math.min(x[xo + i], y[yo + i]); }
                    case MAX -> { for (int i = 0; i < n; i++) dst[off + i] = Math.max(x[xo + i], y[yo + i]); }
                    default -> throw new IllegalStateException(op + " does not give floats");
                }
            }
            if (t == DType.FLOAT32) KernelNodes.roundFloat32(dst, off, n);
        }

        @Override
        void computeL(Tile tile, long[] dst, int off) {
            int n = tile.len;
            if (op.isComparison() && floatOperands) {
                double[] x = a.readD(tile);
                int xo = tile.roff;
                double[] y = b.readD(tile);
                int yo = tile.roff;
                switch (op) {
                    case LT -> { for (int i = 0; i < n; i++) dst[off + i] = x[xo + i] < y[yo + i] ? 1 : 0; }
                    case LE -> { for (int i = 0; i < n; i++) dst[off + i] = x[xo + i] <= y[yo + i] ? 1 : 0; }
                    case GT -> { for (int i = 0; i < n; i++) dst[off + i] = x[xo + i] > y[yo + i] ? 1 : 0; }
                    case GE -> { for (int i = 0; i < n; i++) dst[off + i] = x[xo + i] >= y[yo + i] ? 1 : 0; }
                    case EQ -> { for (int i = 0; i < n; i++) dst[off + i] = x[xo + i] == y[yo + i] ? 1 : 0; }
                    default -> { for (int i = 0; i < n; i++) dst[off + i] = x[xo + i] != y[yo + i] ? 1 : 0; }
                }
                return;
            }
            long[] x = a.readL(tile);
            int xo = tile.roff;
            long[] y = b.readL(tile);
            int yo = tile.roff;
            boolean bool = t == DType.BOOL;
            switch (op) {
                case ADD -> {
                    if (bool) for (int i = 0; i < n; i++) dst[off + i] = x[xo + i] | y[yo + i];
                    else for (int i = 0; i < n; i++) dst[off + i] = x[xo + i] + y[yo + i];
                }
                case SUB -> { for (int i = 0; i < n; i++) dst[off + i] = x[xo + i] - y[yo + i]; }
                case MUL -> {
                    if (bool) for (int i = 0; i < n; i++) dst[off + i] = x[xo + i] & y[yo + i];
                    else for (int i = 0; i < n; i++) dst[off + i] = x[xo + i] * y[yo + i];
                }
                case POW -> { for (int i = 0; i < n; i++) dst[off + i] = ipow(x[xo + i], y[yo + i]); }
                case MIN -> { for (int i = 0; i < n; i++) dst[off + i] = Math.min(x[xo + i], y[yo + i]); }
                case MAX -> { for (int i = 0; i < n; i++) dst[off + i] = Math.max(x[xo + i], y[yo + i]); }
                case AND -> { for (int i = 0; i < n; i++) dst[off + i] = x[xo + i] & y[yo + i]; }
                case OR -> { for (int i = 0; i < n; i++) dst[off + i] = x[xo + i] | y[yo + i]; }
                case XOR -> { for (int i = 0; i < n; i++) dst[off + i] = x[xo + i] ^ y[yo + i]; }
                case LT -> { for (int i = 0; i < n; i++) dst[off + i] = x[xo + i] < y[yo + i] ? 1 : 0; }
                case LE -> { for (int i = 0; i < n; i++) dst[off + i] = x[xo + i] <= y[yo + i] ? 1 : 0; }
                case GT -> { for (int i = 0; i < n; i++) dst[off + i] = x[xo + i] > y[yo + i] ? 1 : 0; }
                case GE -> { for (int i = 0; i < n; i++) dst[off + i] = x[xo + i] >= y[yo + i] ? 1 : 0; }
                case EQ -> { for (int i = 0; i < n; i++) dst[off + i] = x[xo + i] == y[yo + i] ? 1 : 0; }
                case NE -> { for (int i = 0; i < n; i++) dst[off + i] = x[xo + i] != y[yo + i] ? 1 : 0; }
                case MOD -> { for (int i = 0; i < n; i++) dst[off + i] = ElementMath.mod(x[xo + i], y[yo + i]); }
                case FLOOR_DIV -> { for (int i = 0; i < n; i++) dst[off + i] = ElementMath.floorDivide(x[xo + i], y[yo + i]); }
                case FMOD -> { for (int i = 0; i < n; i++) dst[off + i] = y[yo + i] == 0 ? 0 : x[xo + i] % y[yo + i]; }
                case LEFT_SHIFT -> { // C semantics for counts 0..width-1; NumPy gives 0 for counts >= the width
                    int w = t == DType.INT32 ? 32 : 64;
                    for (int i = 0; i < n; i++) { long c = y[yo + i]; dst[off + i] = c < 0 || c >= w ? 0 : x[xo + i] << c; }
                }
                case RIGHT_SHIFT -> { // arithmetic; counts >= the width give the sign (0 or -1), as NumPy
                    int w = t == DType.INT32 ? 32 : 64;
                    for (int i = 0; i < n; i++) { long c = y[yo + i]; dst[off + i] = c < 0 || c >= w ? (x[xo + i] < 0 ? -1 : 0) : x[xo + i] >> c; }
                }
                case DIV, ARCTAN2, HYPOT, COPYSIGN, NEXTAFTER -> throw new IllegalStateException(op + " gives floats; typed when built");
            }
            if (t == DType.INT32) KernelNodes.wrapInt32(dst, off, n);
        }

        static long ipow(long base, long exp) {
            if (exp < 0) throw new ArithmeticException("Integers to negative integer powers are not allowed (got exponent " + exp + ")");
            long r = 1;
            while (exp != 0) {
                if ((exp & 1) != 0) r *= base;
                base *= base;
                exp >>>= 1;
            }
            return r;
        }
    }
}
