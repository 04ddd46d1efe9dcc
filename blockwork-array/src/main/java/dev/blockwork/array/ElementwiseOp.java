package dev.blockwork.array;

import dev.blockwork.ndarray.Expr;

/**
 * The element-wise operations a fused {@link DArray} expression can hold; each maps to one
 * {@link Expr} method, so the NDArray kernel defines the dtype rules and the arithmetic.
 */
enum ElementwiseOp {
    ADD(2), SUB(2), MUL(2), DIV(2), POW(2), MINIMUM(2), MAXIMUM(2),
    LT(2), LE(2), GT(2), GE(2), EQ(2), NE(2), AND(2), OR(2), XOR(2),
    NOT(1), NEG(1), ABS(1), SQRT(1), EXP(1), LOG(1), SIN(1), COS(1), TANH(1), FLOOR(1), CEIL(1), ROUND(1),
    TAN(1), ARCSIN(1), ARCCOS(1), ARCTAN(1), SINH(1), COSH(1), LOG1P(1), EXPM1(1), LOG2(1), LOG10(1), SIGN(1), TRUNC(1),
    ISNAN(1), ISINF(1), ISFINITE(1), ARCTAN2(2), HYPOT(2), MOD(2), FLOOR_DIVIDE(2),
    CBRT(1), EXP2(1), ARCSINH(1), ARCCOSH(1), ARCTANH(1), I0(1), COPYSIGN(2), NEXTAFTER(2), FMOD(2), LEFT_SHIFT(2), RIGHT_SHIFT(2),
    WHERE(3), ASTYPE(1);

    final int arity;

    ElementwiseOp(int arity) { this.arity = arity; }

    /** Applies this operation to already-built expressions ({@code cast} is used by ASTYPE only). */
    Expr apply(Expr[] a, dev.blockwork.ndarray.DType cast) {
        return switch (this) {
            case ADD -> a[0].add(a[1]);
            case SUB -> a[0].sub(a[1]);
            case MUL -> a[0].mul(a[1]);
            case DIV -> a[0].div(a[1]);
            case POW -> a[0].pow(a[1]);
            case MINIMUM -> a[0].minimum(a[1]);
            case MAXIMUM -> a[0].maximum(a[1]);
            case LT -> a[0].lt(a[1]);
            case LE -> a[0].le(a[1]);
            case GT -> a[0].gt(a[1]);
            case GE -> a[0].ge(a[1]);
            case EQ -> a[0].eq(a[1]);
            case NE -> a[0].ne(a[1]);
            case AND -> a[0].and(a[1]);
            case OR -> a[0].or(a[1]);
            case XOR -> a[0].xor(a[1]);
            case NOT -> a[0].not();
            case NEG -> a[0].neg();
            case ABS -> a[0].abs();
            case SQRT -> a[0].sqrt();
            case EXP -> a[0].exp();
            case LOG -> a[0].log();
            case SIN -> a[0].sin();
            case COS -> a[0].cos();
            case TANH -> a[0].tanh();
            case FLOOR -> a[0].floor();
            case CEIL -> a[0].ceil();
            case ROUND -> a[0].round();
            case TAN -> a[0].tan();
            case ARCSIN -> a[0].arcsin();
            case ARCCOS -> a[0].arccos();
            case ARCTAN -> a[0].arctan();
            case SINH -> a[0].sinh();
            case COSH -> a[0].cosh();
            case LOG1P -> a[0].log1p();
            case EXPM1 -> a[0].expm1();
            case LOG2 -> a[0].log2();
            case LOG10 -> a[0].log10();
            case SIGN -> a[0].sign();
            case TRUNC -> a[0].trunc();
            case ISNAN -> a[0].isnan();
            case ISINF -> a[0].isinf();
            case ISFINITE -> a[0].isfinite();
            case ARCTAN2 -> a[0].arctan2(a[1]);
            case HYPOT -> a[0].hypot(a[1]);
            case MOD -> a[0].mod(a[1]);
            case FLOOR_DIVIDE -> a[0].floorDivide(a[1]);
            case CBRT -> a[0].cbrt();
            case EXP2 -> a[0].exp2();
            case ARCSINH -> a[0].arcsinh();
            case ARCCOSH -> a[0].arccosh();
            case ARCTANH -> a[0].arctanh();
            case I0 -> a[0].i0();
            case COPYSIGN -> a[0].copysign(a[1]);
            case NEXTAFTER -> a[0].nextafter(a[1]);
            case FMOD -> a[0].fmod(a[1]);
            case LEFT_SHIFT -> a[0].leftShift(a[1]);
            case RIGHT_SHIFT -> a[0].rightShift(a[1]);
            case WHERE -> Expr.where(a[0], a[1], a[2]);
            case ASTYPE -> a[0].astype(cast);
        };
    }

    String label() { return name().toLowerCase(java.util.Locale.ROOT); }
}
