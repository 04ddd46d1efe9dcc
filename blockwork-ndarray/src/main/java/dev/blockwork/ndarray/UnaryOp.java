package dev.blockwork.ndarray;

/** Element-wise unary operations of {@link Expr}. */
enum UnaryOp {
    NEG, ABS, SQRT, EXP, LOG, SIN, COS, TANH, FLOOR, CEIL, ROUND, NOT,
    TAN, ARCSIN, ARCCOS, ARCTAN, SINH, COSH, LOG1P, EXPM1, LOG2, LOG10, SIGN, TRUNC, CBRT, EXP2, ARCSINH, ARCCOSH, ARCTANH, I0;

    /** True for the functions that give floats for any input (float32 stays float32, all else float64). */
    boolean isFloatFunction() {
        return switch (this) {
            case SQRT, EXP, LOG, SIN, COS, TANH, TAN, ARCSIN, ARCCOS, ARCTAN, SINH, COSH, LOG1P, EXPM1, LOG2, LOG10, CBRT, EXP2,
                 ARCSINH, ARCCOSH, ARCTANH, I0 -> true;
            default -> false;
        };
    }
}
