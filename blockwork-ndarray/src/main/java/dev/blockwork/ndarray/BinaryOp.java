package dev.blockwork.ndarray;

/** Element-wise binary operations of {@link Expr}. */
enum BinaryOp {
    ADD, SUB, MUL, DIV, POW, MIN, MAX, LT, LE, GT, GE, EQ, NE, AND, OR, XOR;

    boolean isComparison() { return this.ordinal() >= LT.ordinal() && this.ordinal() <= NE.ordinal(); }

    boolean isLogical() { return this == AND || this == OR || this == XOR; }
}
