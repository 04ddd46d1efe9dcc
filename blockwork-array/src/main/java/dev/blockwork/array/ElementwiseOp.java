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
            case WHERE -> Expr.where(a[0], a[1], a[2]);
            case ASTYPE -> a[0].astype(cast);
        };
    }

    String label() { return name().toLowerCase(java.util.Locale.ROOT); }
}
