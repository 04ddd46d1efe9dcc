package dev.blockwork.ndarray;

/** Element-wise binary operations of {@link Expr}. */
enum BinaryOp {
    ADD, SUB, MUL, DIV, POW, MIN, MAX, LT, LE, GT, GE, EQ, NE, AND, OR, XOR,
    /** {@code np.arctan2}, {@code np.hypot}: float results. */
    ARCTAN2, HYPOT,
    /** {@code np.remainder} (Python {@code %}) and {@code np.floor_divide} ({@code //}). */
    MOD, FLOOR_DIV,
    /** {@code np.copysign}, {@code np.nextafter}: float results. */
    COPYSIGN, NEXTAFTER,
    /** {@code np.fmod} (C's fmod: the sign of the dividend; integer {@code x fmod 0} is 0). */
    FMOD,
    /** {@code np.left_shift}, {@code np.right_shift} (arithmetic) of integers; floats are rejected when built. */
    LEFT_SHIFT, RIGHT_SHIFT;

    boolean isComparison() { return this.ordinal() >= LT.ordinal() && this.ordinal() <= NE.ordinal(); }

    boolean isLogical() { return this == AND || this == OR || this == XOR || this == LEFT_SHIFT || this == RIGHT_SHIFT; }

    boolean isFloatFunction() { return this == ARCTAN2 || this == HYPOT || this == COPYSIGN || this == NEXTAFTER; }
}
