package dev.blockwork.ndarray;

/** Element-wise unary operations of {@link Expr}. */
enum UnaryOp { NEG, ABS, SQRT, EXP, LOG, SIN, COS, TANH, FLOOR, CEIL, ROUND, NOT }
