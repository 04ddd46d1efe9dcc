package dev.blockwork.ndarray;

import java.util.Objects;

/**
 * A fused element-wise expression (the numexpr idea): build a tree of operations on {@link NDArray} operands,
 * scalars and generator leaves, then {@link #evaluate} it in one pass over cache-sized tiles. Intermediate
 * results live only in small per-thread tile buffers, never in full-size temporaries; reductions
 * ({@link #sum()}, {@link #moments()}...) consume the tiles directly, so {@code (x + x*2).sum()} over a
 * generated {@code ones} never materialises {@code x}.
 *
 * <pre>{@code
 * NDArray y = Expr.of(x).add(Expr.of(x).mul(2)).evaluate();          // x + x*2
 * NDArray m = Expr.where(Expr.of(x).gt(0), Expr.of(x), Expr.scalar(0.0)).evaluate();
 * double s = Expr.ones(DType.FLOAT64, 1000, 1000).mul(3).sum().item();
 * }</pre>
 *
 * <p>Types follow NumPy 2: array operands promote with {@link DType#promote}; Java scalars given to
 * {@link #scalar(double)} / {@link #scalar(long)} or to the {@code add(double)} style shortcuts are
 * "weak" like Python scalars (NEP 50): {@code float32 array * 2.0 → float32}, {@code int32 array + 1 → int32},
 * {@code int32 array * 0.5 → float64}. True division of integers gives float64. Float functions
 * (sqrt, exp, ...) of integers or bool give float64. Comparisons and logical ops give bool. Integer overflow
 * wraps (int32 in 32 bits) as NumPy does for arrays.
 *
 * <p>Shapes broadcast as in NumPy when the tree is built; a mismatch throws IllegalArgumentException
 * "operands could not be broadcast together with shapes (3, 4) (5,)".
 *
 * <p>Threading: an Expr is immutable and may be evaluated from several threads at once. Evaluation of a
 * large output ({@value Kernel#PARALLEL_MIN_ELEMENTS} elements or more) splits into fixed-size parts run on the
 * common ForkJoinPool (disable with system property {@code blockwork.ndarray.parallel=false}); the split does
 * not depend on the number of threads, so results, including reduction round-off, are reproducible.
 */
public abstract sealed class Expr implements java.io.Serializable permits ExprNodes.ArrayLeaf, ExprNodes.ScalarLeaf, ExprNodes.RandomLeaf,
        ExprNodes.Unary, ExprNodes.Binary, ExprNodes.Where, ExprNodes.Cast {
    private static final long serialVersionUID = 1L;

    /** The dtype the evaluated result has. */
    final DType dtype;
    /** The broadcast shape of the operands, outermost first; never written after construction. */
    final long[] shape;
    /** True for Python-like scalars, which take the other operand's dtype where NumPy 2 says so. */
    final boolean weak;

    Expr(DType dtype, long[] shape, boolean weak) {
        this.dtype = dtype;
        this.shape = shape;
        this.weak = weak;
    }

    // ------------------------------------------------------------------ leaves

    /**
     * An array operand; it may be a strided or broadcast view. The array is read when the expression is evaluated, not
     * copied now.
     *
     * @param a a real or bool array, not null
     * @return the leaf
     * @throws IllegalArgumentException if {@code a} is complex128 (fused expressions are real-valued)
     * @throws NullPointerException if {@code a} is null
     */
    public static Expr of(NDArray a) {
        if (Objects.requireNonNull(a, "array").dtype == DType.COMPLEX128) {
            throw new IllegalArgumentException("got a complex128 array, expected a real or bool dtype: fused expressions are"
                    + " real-valued; use NDArray add/sub/mul/div, real(), imag(), abs(), conj(), angle() for complex arrays");
        }
        return new ExprNodes.ArrayLeaf(a);
    }

    /**
     * A weak float scalar (like a Python float): float32 operands stay float32.
     *
     * @param v the value
     * @return a 0-d leaf, float64 unless the other operand decides
     */
    public static Expr scalar(double v) { return new ExprNodes.ScalarLeaf(v, (long) v, DType.FLOAT64, true, new long[0]); }

    /**
     * A weak integer scalar (like a Python int): int32 operands stay int32.
     *
     * @param v the value; with an int32 operand it must fit int32
     * @return a 0-d leaf, int64 unless the other operand decides
     */
    public static Expr scalar(long v) { return new ExprNodes.ScalarLeaf(v, v, DType.INT64, true, new long[0]); }

    /**
     * A weak bool scalar.
     *
     * @param v the value
     * @return a 0-d bool leaf
     */
    public static Expr scalar(boolean v) { return new ExprNodes.ScalarLeaf(v ? 1 : 0, v ? 1 : 0, DType.BOOL, true, new long[0]); }

    /**
     * A 0-d scalar of an explicit dtype (takes part in promotion like an array, as {@code np.float32(v)}).
     *
     * @param v the value, converted to {@code dtype}
     * @param dtype its dtype
     * @return the 0-d leaf
     */
    public static Expr scalar(double v, DType dtype) { return full(v, dtype); }

    /**
     * A constant of {@code dtype} with shape {@code shape} (default: 0-d, broadcasting to anything); fuses creation, as
     * {@code np.full} without the array.
     *
     * @param v the value, converted to {@code dtype} (integers truncate toward zero)
     * @param dtype the dtype, which takes part in promotion like an array's
     * @param shape the shape; none for 0-d
     * @return the constant leaf
     * @throws IllegalArgumentException if an extent is negative
     */
    public static Expr full(double v, DType dtype, long... shape) {
        return new ExprNodes.ScalarLeaf(v, (long) v, dtype, false, Shapes.copyShape(shape));
    }

    /**
     * An integer constant of {@code dtype} keeping all 64 bits (a {@code double} would round above 2^53).
     *
     * @param v the value, converted to {@code dtype}
     * @param dtype the dtype
     * @param shape the shape; none for 0-d
     * @return the constant leaf
     * @throws IllegalArgumentException if an extent is negative
     */
    public static Expr full(long v, DType dtype, long... shape) {
        return new ExprNodes.ScalarLeaf(v, v, dtype, false, Shapes.copyShape(shape));
    }

    /**
     * {@code np.ones(shape, dtype)} as a leaf that is never materialised.
     *
     * @param dtype the dtype
     * @param shape the shape; none for 0-d
     * @return the constant leaf
     * @throws IllegalArgumentException if an extent is negative
     */
    public static Expr ones(DType dtype, long... shape) { return full(1L, dtype, shape); }

    /**
     * {@code np.zeros(shape, dtype)} as a leaf that is never materialised.
     *
     * @param dtype the dtype
     * @param shape the shape; none for 0-d
     * @return the constant leaf
     * @throws IllegalArgumentException if an extent is negative
     */
    public static Expr zeros(DType dtype, long... shape) { return full(0L, dtype, shape); }

    // ------------------------------------------------------------------ arithmetic

    /**
     * {@code this + o} ({@code np.add}); integers wrap on overflow.
     *
     * @param o the other operand
     * @return the sum, of the promoted dtype
     * @throws IllegalArgumentException if the shapes do not broadcast, or a weak integer scalar does not fit an int32
     *                                  operand
     */
    public Expr add(Expr o) { return ExprNodes.binary(BinaryOp.ADD, this, o); }

    /**
     * {@code this - o} ({@code np.subtract}); integers wrap on overflow.
     *
     * @param o the subtrahend
     * @return the difference, of the promoted dtype
     * @throws IllegalArgumentException if the shapes do not broadcast, both operands are bool (as NumPy), or a weak
     *                                  integer scalar does not fit an int32 operand
     */
    public Expr sub(Expr o) { return ExprNodes.binary(BinaryOp.SUB, this, o); }

    /**
     * {@code this * o} ({@code np.multiply}); integers wrap on overflow.
     *
     * @param o the other factor
     * @return the product, of the promoted dtype
     * @throws IllegalArgumentException if the shapes do not broadcast, or a weak integer scalar does not fit an int32
     *                                  operand
     */
    public Expr mul(Expr o) { return ExprNodes.binary(BinaryOp.MUL, this, o); }

    /**
     * True division {@code this / o} ({@code np.true_divide}): integers and bool give float64, float32 stays;
     * {@code x / 0} is inf or NaN.
     *
     * @param o the divisor
     * @return the quotient, float
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public Expr div(Expr o) { return ExprNodes.binary(BinaryOp.DIV, this, o); }

    /**
     * {@code this ** o} ({@code np.power}); integer to a negative integer power throws ArithmeticException when
     * evaluated, as NumPy raises. Bool operands give int32.
     *
     * @param o the exponent
     * @return the power, of the promoted dtype
     * @throws IllegalArgumentException if the shapes do not broadcast, or a weak integer scalar does not fit an int32
     *                                  operand
     */
    public Expr pow(Expr o) { return ExprNodes.binary(BinaryOp.POW, this, o); }

    /**
     * Element-wise minimum, NaN-propagating ({@code np.minimum}).
     *
     * @param o the other operand
     * @return the smaller of each pair, of the promoted dtype
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public Expr minimum(Expr o) { return ExprNodes.binary(BinaryOp.MIN, this, o); }

    /**
     * Element-wise maximum, NaN-propagating ({@code np.maximum}).
     *
     * @param o the other operand
     * @return the larger of each pair, of the promoted dtype
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public Expr maximum(Expr o) { return ExprNodes.binary(BinaryOp.MAX, this, o); }

    /**
     * {@code np.arctan2(this, o)}: the angle of the point (o, this) in radians, in [-pi, pi].
     *
     * @param o the x coordinate ({@code this} is y)
     * @return the angle, float32 for float32 operands, else float64
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public Expr arctan2(Expr o) { return ExprNodes.binary(BinaryOp.ARCTAN2, this, o); }

    /**
     * {@code np.hypot}: {@code sqrt(this^2 + o^2)} without overflow.
     *
     * @param o the other leg
     * @return the hypotenuse, float32 for float32 operands, else float64
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public Expr hypot(Expr o) { return ExprNodes.binary(BinaryOp.HYPOT, this, o); }

    /**
     * {@code np.remainder} / {@code np.mod} (Python {@code %}): the result has the divisor's sign. Integers:
     * {@code x % 0} is 0 (NumPy warns); floats: {@code x % 0} is NaN. Bool operands give int32 (NumPy: int8, not a
     * Blockwork dtype).
     *
     * @param o the divisor
     * @return the remainder, of the promoted dtype
     * @throws IllegalArgumentException if the shapes do not broadcast, or a weak integer scalar does not fit an int32
     *                                  operand
     */
    public Expr mod(Expr o) { return ExprNodes.binary(BinaryOp.MOD, this, o); }

    /**
     * {@code np.left_shift} of integers (counts outside 0..width-1 give 0, as NumPy); bool operands give int32.
     *
     * @param o the shift count
     * @return the shifted values, of the promoted integer dtype
     * @throws IllegalArgumentException if an operand is float, or the shapes do not broadcast
     */
    public Expr leftShift(Expr o) { return ExprNodes.binary(BinaryOp.LEFT_SHIFT, this, o); }

    /**
     * {@code np.right_shift} of integers, arithmetic (counts at or above the width give 0 or -1); bool operands give
     * int32.
     *
     * @param o the shift count
     * @return the shifted values, of the promoted integer dtype
     * @throws IllegalArgumentException if an operand is float, or the shapes do not broadcast
     */
    public Expr rightShift(Expr o) { return ExprNodes.binary(BinaryOp.RIGHT_SHIFT, this, o); }

    /**
     * {@code np.fmod}: C's remainder, with the dividend's sign; integer {@code x fmod 0} is 0, float NaN.
     *
     * @param o the divisor
     * @return the remainder, of the promoted dtype (int32 for bool)
     * @throws IllegalArgumentException if the shapes do not broadcast, or a weak integer scalar does not fit an int32
     *                                  operand
     */
    public Expr fmod(Expr o) { return ExprNodes.binary(BinaryOp.FMOD, this, o); }

    /**
     * {@code np.floor_divide} (Python {@code //}): integers give {@code x // 0 = 0}; floats {@code x / 0}.
     *
     * @param o the divisor
     * @return the floored quotient, of the promoted dtype (int32 for bool)
     * @throws IllegalArgumentException if the shapes do not broadcast, or a weak integer scalar does not fit an int32
     *                                  operand
     */
    public Expr floorDivide(Expr o) { return ExprNodes.binary(BinaryOp.FLOOR_DIV, this, o); }

    /**
     * {@code np.copysign}: the magnitude of this with the sign of {@code o}.
     *
     * @param o the operand whose sign is taken
     * @return float32 for float32 operands, else float64
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public Expr copysign(Expr o) { return ExprNodes.binary(BinaryOp.COPYSIGN, this, o); }

    /**
     * {@code np.nextafter}: the next representable value after this toward {@code o} (in the result dtype's ulps).
     *
     * @param o the direction
     * @return float32 for float32 operands, else float64
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public Expr nextafter(Expr o) { return ExprNodes.binary(BinaryOp.NEXTAFTER, this, o); }

    /**
     * {@code this + v} with {@code v} a weak float scalar: float32 stays float32, integers give float64.
     *
     * @param v the value
     * @return the sum
     */
    public Expr add(double v) { return add(scalar(v)); }

    /**
     * {@code this - v} with {@code v} a weak float scalar.
     *
     * @param v the value
     * @return the difference
     */
    public Expr sub(double v) { return sub(scalar(v)); }

    /**
     * {@code this * v} with {@code v} a weak float scalar: {@code float32 * 2.0} is float32, {@code int32 * 0.5}
     * float64.
     *
     * @param v the value
     * @return the product
     */
    public Expr mul(double v) { return mul(scalar(v)); }

    /**
     * {@code this / v} with {@code v} a weak float scalar.
     *
     * @param v the divisor
     * @return the quotient, float
     */
    public Expr div(double v) { return div(scalar(v)); }

    /**
     * {@code this ** v} with {@code v} a weak float scalar.
     *
     * @param v the exponent
     * @return the power, float
     */
    public Expr pow(double v) { return pow(scalar(v)); }

    /**
     * {@code this + v} with {@code v} a weak integer scalar: int32 stays int32 (wrapping), floats keep their dtype.
     *
     * @param v the value; with an int32 operand it must fit int32
     * @return the sum
     * @throws IllegalArgumentException if this is int32 and {@code v} does not fit int32
     */
    public Expr add(long v) { return add(scalar(v)); }

    /**
     * {@code this - v} with {@code v} a weak integer scalar.
     *
     * @param v the value; with an int32 operand it must fit int32
     * @return the difference
     * @throws IllegalArgumentException if this is int32 and {@code v} does not fit int32, or this is bool
     */
    public Expr sub(long v) { return sub(scalar(v)); }

    /**
     * {@code this * v} with {@code v} a weak integer scalar.
     *
     * @param v the value; with an int32 operand it must fit int32
     * @return the product
     * @throws IllegalArgumentException if this is int32 and {@code v} does not fit int32
     */
    public Expr mul(long v) { return mul(scalar(v)); }

    /**
     * {@code this / v} with {@code v} a weak integer scalar: true division, integers give float64.
     *
     * @param v the divisor
     * @return the quotient, float
     */
    public Expr div(long v) { return div(scalar(v)); }

    /**
     * {@code this ** v} with {@code v} a weak integer scalar; an integer to a negative power throws ArithmeticException
     * when evaluated.
     *
     * @param v the exponent; with an int32 operand it must fit int32
     * @return the power
     * @throws IllegalArgumentException if this is int32 and {@code v} does not fit int32
     */
    public Expr pow(long v) { return pow(scalar(v)); }

    /**
     * {@code this + o} for an array operand, as {@code add(Expr.of(o))}.
     *
     * @param o a real or bool array
     * @return the sum, of the promoted dtype
     * @throws IllegalArgumentException if {@code o} is complex128 or the shapes do not broadcast
     */
    public Expr add(NDArray o) { return add(of(o)); }

    /**
     * {@code this - o} for an array operand, as {@code sub(Expr.of(o))}.
     *
     * @param o a real or bool array
     * @return the difference, of the promoted dtype
     * @throws IllegalArgumentException if {@code o} is complex128, both are bool, or the shapes do not broadcast
     */
    public Expr sub(NDArray o) { return sub(of(o)); }

    /**
     * {@code this * o} for an array operand, as {@code mul(Expr.of(o))}.
     *
     * @param o a real or bool array
     * @return the product, of the promoted dtype
     * @throws IllegalArgumentException if {@code o} is complex128 or the shapes do not broadcast
     */
    public Expr mul(NDArray o) { return mul(of(o)); }

    /**
     * {@code this / o} for an array operand, as {@code div(Expr.of(o))}.
     *
     * @param o a real or bool array
     * @return the quotient, float
     * @throws IllegalArgumentException if {@code o} is complex128 or the shapes do not broadcast
     */
    public Expr div(NDArray o) { return div(of(o)); }

    // ------------------------------------------------------------------ comparisons and logic (bool results)

    /**
     * {@code this < o} ({@code np.less}); compared in the promoted dtype, false where either is NaN.
     *
     * @param o the other operand
     * @return a bool expression
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public Expr lt(Expr o) { return ExprNodes.binary(BinaryOp.LT, this, o); }

    /**
     * {@code this <= o} ({@code np.less_equal}); false where either is NaN.
     *
     * @param o the other operand
     * @return a bool expression
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public Expr le(Expr o) { return ExprNodes.binary(BinaryOp.LE, this, o); }

    /**
     * {@code this > o} ({@code np.greater}); false where either is NaN.
     *
     * @param o the other operand
     * @return a bool expression
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public Expr gt(Expr o) { return ExprNodes.binary(BinaryOp.GT, this, o); }

    /**
     * {@code this >= o} ({@code np.greater_equal}); false where either is NaN.
     *
     * @param o the other operand
     * @return a bool expression
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public Expr ge(Expr o) { return ExprNodes.binary(BinaryOp.GE, this, o); }

    /**
     * {@code this == o} ({@code np.equal}); NaN equals nothing, itself included.
     *
     * @param o the other operand
     * @return a bool expression
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public Expr eq(Expr o) { return ExprNodes.binary(BinaryOp.EQ, this, o); }

    /**
     * {@code this != o} ({@code np.not_equal}); true where either is NaN.
     *
     * @param o the other operand
     * @return a bool expression
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public Expr ne(Expr o) { return ExprNodes.binary(BinaryOp.NE, this, o); }

    /**
     * {@code this < v} for a weak scalar.
     *
     * @param v the value
     * @return a bool expression
     */
    public Expr lt(double v) { return lt(scalar(v)); }

    /**
     * {@code this <= v} for a weak scalar.
     *
     * @param v the value
     * @return a bool expression
     */
    public Expr le(double v) { return le(scalar(v)); }

    /**
     * {@code this > v} for a weak scalar.
     *
     * @param v the value
     * @return a bool expression
     */
    public Expr gt(double v) { return gt(scalar(v)); }

    /**
     * {@code this >= v} for a weak scalar.
     *
     * @param v the value
     * @return a bool expression
     */
    public Expr ge(double v) { return ge(scalar(v)); }

    /**
     * {@code this == v} for a weak scalar.
     *
     * @param v the value
     * @return a bool expression
     */
    public Expr eq(double v) { return eq(scalar(v)); }

    /**
     * {@code this != v} for a weak scalar.
     *
     * @param v the value
     * @return a bool expression
     */
    public Expr ne(double v) { return ne(scalar(v)); }

    /**
     * Logical and of bools, bitwise and of integers ({@code np.bitwise_and}, Python {@code &}).
     *
     * @param o the other operand
     * @return bool for two bools, else the promoted integer dtype
     * @throws IllegalArgumentException if an operand is float, or the shapes do not broadcast
     */
    public Expr and(Expr o) { return ExprNodes.binary(BinaryOp.AND, this, o); }

    /**
     * Logical or of bools, bitwise or of integers ({@code np.bitwise_or}, Python {@code |}).
     *
     * @param o the other operand
     * @return bool for two bools, else the promoted integer dtype
     * @throws IllegalArgumentException if an operand is float, or the shapes do not broadcast
     */
    public Expr or(Expr o) { return ExprNodes.binary(BinaryOp.OR, this, o); }

    /**
     * Logical exclusive or of bools, bitwise of integers ({@code np.bitwise_xor}, Python {@code ^}).
     *
     * @param o the other operand
     * @return bool for two bools, else the promoted integer dtype
     * @throws IllegalArgumentException if an operand is float, or the shapes do not broadcast
     */
    public Expr xor(Expr o) { return ExprNodes.binary(BinaryOp.XOR, this, o); }

    /**
     * Logical not of bools, bitwise invert of integers ({@code np.invert}, Python {@code ~}).
     *
     * @return an expression of this dtype
     * @throws IllegalArgumentException if this is float
     */
    public Expr not() { return ExprNodes.unary(UnaryOp.NOT, this); }

    /**
     * {@code cond ? a : b} element-wise ({@code np.where}); the result dtype promotes {@code a} and {@code b}.
     *
     * @param cond the condition; a non-bool one counts as {@code != 0}
     * @param a the value where {@code cond} holds
     * @param b the value elsewhere
     * @return the selection, of the three shapes broadcast together
     * @throws IllegalArgumentException if the shapes do not broadcast, or a weak integer scalar does not fit an int32
     *                                  operand
     */
    public static Expr where(Expr cond, Expr a, Expr b) { return ExprNodes.where(cond, a, b); }

    // ------------------------------------------------------------------ unary functions

    /**
     * Negation {@code -this} ({@code np.negative}); integers wrap ({@code -MIN_VALUE} is itself).
     *
     * @return an expression: this dtype
     * @throws IllegalArgumentException if this is bool (NumPy: use not())
     */
    public Expr neg() { return ExprNodes.unary(UnaryOp.NEG, this); }

    /**
     * Absolute value ({@code np.abs}); integers wrap ({@code abs(MIN_VALUE)} is negative), bool stays bool.
     *
     * @return an expression: this dtype
     */
    public Expr abs() { return ExprNodes.unary(UnaryOp.ABS, this); }

    /**
     * {@code np.sqrt}; negative values give NaN.
     *
     * @return an expression: float32 stays float32, everything else gives float64
     */
    public Expr sqrt() { return ExprNodes.unary(UnaryOp.SQRT, this); }

    /**
     * {@code np.exp}.
     *
     * @return an expression: float32 stays float32, everything else gives float64
     */
    public Expr exp() { return ExprNodes.unary(UnaryOp.EXP, this); }

    /**
     * Natural logarithm {@code np.log}: 0 gives -inf, negatives NaN.
     *
     * @return an expression: float32 stays float32, everything else gives float64
     */
    public Expr log() { return ExprNodes.unary(UnaryOp.LOG, this); }

    /**
     * {@code np.sin}, argument in radians.
     *
     * @return an expression: float32 stays float32, everything else gives float64
     */
    public Expr sin() { return ExprNodes.unary(UnaryOp.SIN, this); }

    /**
     * {@code np.cos}, argument in radians.
     *
     * @return an expression: float32 stays float32, everything else gives float64
     */
    public Expr cos() { return ExprNodes.unary(UnaryOp.COS, this); }

    /**
     * {@code np.tanh}.
     *
     * @return an expression: float32 stays float32, everything else gives float64
     */
    public Expr tanh() { return ExprNodes.unary(UnaryOp.TANH, this); }

    /**
     * {@code np.tan}, argument in radians.
     *
     * @return an expression: float32 stays float32, everything else gives float64
     */
    public Expr tan() { return ExprNodes.unary(UnaryOp.TAN, this); }

    /**
     * {@code np.arcsin}, in [-pi/2, pi/2]; NaN outside [-1, 1].
     *
     * @return an expression: float32 stays float32, everything else gives float64
     */
    public Expr arcsin() { return ExprNodes.unary(UnaryOp.ARCSIN, this); }

    /**
     * {@code np.arccos}, in [0, pi]; NaN outside [-1, 1].
     *
     * @return an expression: float32 stays float32, everything else gives float64
     */
    public Expr arccos() { return ExprNodes.unary(UnaryOp.ARCCOS, this); }

    /**
     * {@code np.arctan}, in (-pi/2, pi/2).
     *
     * @return an expression: float32 stays float32, everything else gives float64
     */
    public Expr arctan() { return ExprNodes.unary(UnaryOp.ARCTAN, this); }

    /**
     * {@code np.sinh}.
     *
     * @return an expression: float32 stays float32, everything else gives float64
     */
    public Expr sinh() { return ExprNodes.unary(UnaryOp.SINH, this); }

    /**
     * {@code np.cosh}.
     *
     * @return an expression: float32 stays float32, everything else gives float64
     */
    public Expr cosh() { return ExprNodes.unary(UnaryOp.COSH, this); }

    /**
     * {@code np.log1p}: {@code log(1 + x)}, accurate for small x.
     *
     * @return an expression: float32 stays float32, everything else gives float64
     */
    public Expr log1p() { return ExprNodes.unary(UnaryOp.LOG1P, this); }

    /**
     * {@code np.expm1}: {@code exp(x) - 1}, accurate for small x.
     *
     * @return an expression: float32 stays float32, everything else gives float64
     */
    public Expr expm1() { return ExprNodes.unary(UnaryOp.EXPM1, this); }

    /**
     * {@code np.log2}: base-2 logarithm, exact for powers of two.
     *
     * @return an expression: float32 stays float32, everything else gives float64
     */
    public Expr log2() { return ExprNodes.unary(UnaryOp.LOG2, this); }

    /**
     * {@code np.log10}.
     *
     * @return an expression: float32 stays float32, everything else gives float64
     */
    public Expr log10() { return ExprNodes.unary(UnaryOp.LOG10, this); }

    /**
     * {@code np.cbrt}: the real cube root (negative for negative x).
     *
     * @return an expression: float32 stays float32, everything else gives float64
     */
    public Expr cbrt() { return ExprNodes.unary(UnaryOp.CBRT, this); }

    /**
     * {@code np.exp2}: {@code 2^x}.
     *
     * @return an expression: float32 stays float32, everything else gives float64
     */
    public Expr exp2() { return ExprNodes.unary(UnaryOp.EXP2, this); }

    /**
     * {@code np.arcsinh}.
     *
     * @return an expression: float32 stays float32, everything else gives float64
     */
    public Expr arcsinh() { return ExprNodes.unary(UnaryOp.ARCSINH, this); }

    /**
     * {@code np.i0}: the modified Bessel function of the first kind, order 0.
     *
     * @return an expression: float32 stays float32, everything else gives float64
     */
    public Expr i0() { return ExprNodes.unary(UnaryOp.I0, this); }

    /**
     * {@code np.arccosh}; NaN below 1.
     *
     * @return an expression: float32 stays float32, everything else gives float64
     */
    public Expr arccosh() { return ExprNodes.unary(UnaryOp.ARCCOSH, this); }

    /**
     * {@code np.arctanh}; NaN outside [-1, 1], infinite at -1 and 1.
     *
     * @return an expression: float32 stays float32, everything else gives float64
     */
    public Expr arctanh() { return ExprNodes.unary(UnaryOp.ARCTANH, this); }

    /**
     * {@code np.sign}: -1, 0 or 1 with the operand's dtype; NaN stays NaN, both zeros give 0.
     *
     * @return an expression: this dtype
     * @throws IllegalArgumentException if this is bool
     */
    public Expr sign() { return ExprNodes.unary(UnaryOp.SIGN, this); }

    /**
     * {@code np.trunc}: rounds toward zero; integers and bool are returned unchanged.
     *
     * @return an expression: this dtype
     */
    public Expr trunc() { return ExprNodes.unary(UnaryOp.TRUNC, this); }

    /**
     * {@code np.isnan}: true where the element is NaN (never for integers and bool).
     *
     * @return a bool expression
     */
    public Expr isnan() { return ne(this); }

    /**
     * {@code np.isinf}: true where the element is +inf or -inf (never for integers and bool).
     *
     * @return a bool expression
     */
    public Expr isinf() { return dtype.isFloat() ? abs().eq(Double.POSITIVE_INFINITY) : ne(this); }

    /**
     * {@code np.isfinite}: true where the element is neither NaN nor infinite (always for integers and bool).
     *
     * @return a bool expression
     */
    public Expr isfinite() { return dtype.isFloat() ? abs().lt(Double.POSITIVE_INFINITY) : eq(this); }

    /**
     * {@code np.floor}; integers and bool are returned unchanged with their dtype (NumPy 2.x).
     *
     * @return an expression: this dtype
     */
    public Expr floor() { return ExprNodes.unary(UnaryOp.FLOOR, this); }

    /**
     * {@code np.ceil}; integers and bool are returned unchanged with their dtype (NumPy 2.x).
     *
     * @return an expression: this dtype
     */
    public Expr ceil() { return ExprNodes.unary(UnaryOp.CEIL, this); }

    /**
     * Round half to even ({@code np.round}/{@code np.rint}): 0.5 → 0, 1.5 → 2, 2.5 → 2; integers unchanged.
     *
     * @return an expression: this dtype
     */
    public Expr round() { return ExprNodes.unary(UnaryOp.ROUND, this); }

    /**
     * Converts to {@code t} ({@code x.astype(t)}): floats to integers truncate toward zero; to bool is {@code != 0},
     * NaN is true. A weak scalar becomes a strong one of {@code t}.
     *
     * @param t the target dtype, not complex128
     * @return the converted expression; this one if it already is {@code t} and not weak
     */
    public Expr astype(DType t) { return t == dtype && !weak ? this : new ExprNodes.Cast(this, t); }

    // ------------------------------------------------------------------ inspection

    /** {@return the dtype the evaluated result will have} */
    public DType dtype() { return dtype; }

    /**
     * The broadcast shape of all operands; {@code ()} when every leaf is a scalar.
     *
     * @return the shape the evaluated result will have
     */
    public Shape shape() { return Shape.of(shape); }

    /**
     * The broadcast shape as a fresh {@code long[]}, as {@link NDArray#shapeArray()}.
     *
     * @return a copy of the extents, outermost first
     */
    public long[] shapeArray() { return shape.clone(); }

    // ------------------------------------------------------------------ evaluation

    /**
     * Evaluates to a fresh C-contiguous array of {@link #shape()}, in one fused pass (split across the common pool when
     * large).
     *
     * @return the result, of {@link #dtype()}
     * @throws ArithmeticException if an integer is raised to a negative integer power
     */
    public NDArray evaluate() { return evaluate(shape); }

    /**
     * Evaluates, broadcasting every operand to {@code outShape}, into a fresh C-contiguous array.
     *
     * @param outShape a shape that {@link #shape()} broadcasts to
     * @return the result, of {@link #dtype()}
     * @throws IllegalArgumentException if the shape does not broadcast to {@code outShape}
     * @throws ArithmeticException if an integer is raised to a negative integer power
     */
    public NDArray evaluate(long[] outShape) {
        NDArray out = NDArray.zeros(dtype, checkTarget(outShape));
        Kernel.compile(this, out.shape, out).run();
        return out;
    }

    /**
     * Evaluates into an existing array or view (converted to its dtype, broadcast to its shape), as NumPy's
     * {@code out=} with casting {@code "unsafe"}.
     *
     * @param out the target; may be a strided view, not complex128
     * @throws IllegalArgumentException if the shape does not broadcast to {@code out}'s
     * @throws ArithmeticException if an integer is raised to a negative integer power
     */
    public void evaluateInto(NDArray out) {
        checkTarget(out.shape);
        Kernel.compile(this, out.shape, out).run();
    }

    private long[] checkTarget(long[] outShape) {
        if (!Shapes.broadcastsTo(shape, outShape)) {
            throw new IllegalArgumentException("operands could not be broadcast together with shapes "
                    + Shapes.format(shape) + " " + Shapes.format(outShape));
        }
        return outShape.clone();
    }

    // ------------------------------------------------------------------ fused reductions over all elements

    /**
     * {@code np.sum} of all elements as a 0-d array (ints and bool give int64, wrapping); empty gives 0.
     *
     * @return the 0-d sum, of {@link DType#resultOfSum}
     */
    public NDArray sum() { return FusedReduce.sum(this, shape, false); }

    /**
     * {@code np.prod} of all elements as a 0-d array (ints and bool give int64, wrapping); empty gives 1.
     *
     * @return the 0-d product, of {@link DType#resultOfSum}
     */
    public NDArray prod() { return FusedReduce.sum(this, shape, true); }

    /**
     * {@code np.min} of all elements (NaN if any is NaN).
     *
     * @return the 0-d minimum, of this dtype
     * @throws IllegalArgumentException if there are no elements
     */
    public NDArray min() { return FusedReduce.minMax(this, shape, false); }

    /**
     * {@code np.max} of all elements (NaN if any is NaN).
     *
     * @return the 0-d maximum, of this dtype
     * @throws IllegalArgumentException if there are no elements
     */
    public NDArray max() { return FusedReduce.minMax(this, shape, true); }

    /**
     * {@code np.mean} of all elements as a 0-d float64 (float32 for float32); empty gives NaN, as NumPy.
     *
     * @return the 0-d mean
     */
    public NDArray mean() { return moments().meanArray(DType.resultOfMean(dtype)); }

    /**
     * {@code np.any}: whether some element is non-zero (NaN counts); false when empty.
     *
     * @return the answer
     */
    public boolean any() { return FusedReduce.anyAll(this, shape, true); }

    /**
     * {@code np.all}: whether every element is non-zero (NaN counts); true when empty.
     *
     * @return the answer
     */
    public boolean all() { return FusedReduce.anyAll(this, shape, false); }

    /**
     * Count, mean and M2 of all elements: a mergeable partial for mean/var/std.
     *
     * @return the moments (count 0 when empty)
     */
    public Moments moments() { return FusedReduce.moments(this, shape); }

    /**
     * {@code np.argmin}: the smallest element and its C-order flat index (first occurrence; the first NaN wins, as
     * NumPy).
     *
     * @return the partial, with index into this expression's shape
     * @throws IllegalArgumentException if there are no elements
     */
    public ArgPartial argmin() { return FusedReduce.arg(this, shape, false); }

    /**
     * {@code np.argmax}: the largest element and its C-order flat index (first occurrence; the first NaN wins, as
     * NumPy).
     *
     * @return the partial, with index into this expression's shape
     * @throws IllegalArgumentException if there are no elements
     */
    public ArgPartial argmax() { return FusedReduce.arg(this, shape, true); }

    /**
     * Turns the splitting of large evaluations across the common ForkJoinPool on or off for the whole JVM (default on;
     * system property {@code blockwork.ndarray.parallel=false} turns it off at start-up). The chunked layer, which
     * already runs one task per block, may turn it off.
     *
     * @param enabled whether large evaluations may split
     * @return the previous setting
     */
    public static boolean parallel(boolean enabled) {
        boolean old = Kernel.parallel;
        Kernel.parallel = enabled;
        return old;
    }

    /**
     * Runs {@code op} with the splitting of large evaluations turned off for the current thread only (for code that
     * already runs in parallel, e.g. one task per block of a chunked array; avoids oversubscription). Threads that
     * {@code op} starts do not inherit it, unless through a structured task scope.
     *
     * @param <T> what {@code op} returns
     * @param <X> what {@code op} may throw
     * @param op the code to run, on the calling thread
     * @return what {@code op} returns
     * @throws X what {@code op} throws
     */
    public static <T, X extends Throwable> T sequential(ScopedValue.CallableOp<? extends T, X> op) throws X {
        return ScopedValue.where(Kernel.SEQUENTIAL, Boolean.TRUE).call(op);
    }

    // ------------------------------------------------------------------ axis reductions (slab by slab)

    /**
     * {@code np.sum(x, axis, keepdims)} with NumPy's result dtype (ints and bool give int64), evaluated in slabs of the
     * first axis (at most 2^16 elements at a time) so the operand is never materialised whole.
     *
     * @param axes the axes to reduce, negative counting from the end; {@code null} for all, empty for none
     * @param keepDims whether reduced axes stay, with length 1 (NumPy's {@code keepdims=True})
     * @return the sums, of {@link DType#resultOfSum}
     * @throws IndexOutOfBoundsException if an axis is out of range
     * @throws IllegalArgumentException if an axis repeats
     */
    public NDArray sum(int[] axes, boolean keepDims) { return ExprSlabs.reduce(this, Reductions.Op.SUM, axes, keepDims); }

    /**
     * {@code np.prod(x, axis, keepdims)} (ints and bool give int64), slab by slab as {@link #sum(int[], boolean)}.
     *
     * @param axes the axes to reduce, negative counting from the end; {@code null} for all, empty for none
     * @param keepDims whether reduced axes stay, with length 1 (NumPy's {@code keepdims=True})
     * @return the products, of {@link DType#resultOfSum}
     * @throws IndexOutOfBoundsException if an axis is out of range
     * @throws IllegalArgumentException if an axis repeats
     */
    public NDArray prod(int[] axes, boolean keepDims) { return ExprSlabs.reduce(this, Reductions.Op.PROD, axes, keepDims); }

    /**
     * {@code np.min(x, axis, keepdims)}, NaN-propagating, slab by slab.
     *
     * @param axes the axes to reduce, negative counting from the end; {@code null} for all, empty for none
     * @param keepDims whether reduced axes stay, with length 1 (NumPy's {@code keepdims=True})
     * @return the minima, of this dtype
     * @throws IllegalArgumentException if a reduced axis is empty, or an axis repeats
     * @throws IndexOutOfBoundsException if an axis is out of range
     */
    public NDArray min(int[] axes, boolean keepDims) { return ExprSlabs.reduce(this, Reductions.Op.MIN, axes, keepDims); }

    /**
     * {@code np.max(x, axis, keepdims)}, NaN-propagating, slab by slab.
     *
     * @param axes the axes to reduce, negative counting from the end; {@code null} for all, empty for none
     * @param keepDims whether reduced axes stay, with length 1 (NumPy's {@code keepdims=True})
     * @return the maxima, of this dtype
     * @throws IllegalArgumentException if a reduced axis is empty, or an axis repeats
     * @throws IndexOutOfBoundsException if an axis is out of range
     */
    public NDArray max(int[] axes, boolean keepDims) { return ExprSlabs.reduce(this, Reductions.Op.MAX, axes, keepDims); }

    /**
     * {@code np.any(x, axis, keepdims)}: whether some element is non-zero, slab by slab.
     *
     * @param axes the axes to reduce, negative counting from the end; {@code null} for all, empty for none
     * @param keepDims whether reduced axes stay, with length 1 (NumPy's {@code keepdims=True})
     * @return a bool array (false over an empty axis)
     * @throws IndexOutOfBoundsException if an axis is out of range
     * @throws IllegalArgumentException if an axis repeats
     */
    public NDArray any(int[] axes, boolean keepDims) { return ExprSlabs.reduce(this, Reductions.Op.ANY, axes, keepDims); }

    /**
     * {@code np.all(x, axis, keepdims)}: whether every element is non-zero, slab by slab.
     *
     * @param axes the axes to reduce, negative counting from the end; {@code null} for all, empty for none
     * @param keepDims whether reduced axes stay, with length 1 (NumPy's {@code keepdims=True})
     * @return a bool array (true over an empty axis)
     * @throws IndexOutOfBoundsException if an axis is out of range
     * @throws IllegalArgumentException if an axis repeats
     */
    public NDArray all(int[] axes, boolean keepDims) { return ExprSlabs.reduce(this, Reductions.Op.ALL, axes, keepDims); }

    /**
     * {@code np.mean(x, axis, keepdims)}, summed in float64, slab by slab.
     *
     * @param axes the axes to reduce, negative counting from the end; {@code null} for all, empty for none
     * @param keepDims whether reduced axes stay, with length 1 (NumPy's {@code keepdims=True})
     * @return the means, float32 for float32, else float64; NaN over an empty axis
     * @throws IndexOutOfBoundsException if an axis is out of range
     * @throws IllegalArgumentException if an axis repeats
     */
    public NDArray mean(int[] axes, boolean keepDims) { return ExprSlabs.mean(this, axes, keepDims); }

    /**
     * {@code np.var(x, axis, ddof, keepdims)}: two passes (mean, then squared deviations), in float64.
     *
     * @param ddof delta degrees of freedom: 0 for the population variance, 1 for the sample
     * @param axes the axes to reduce, negative counting from the end; {@code null} for all, empty for none
     * @param keepDims whether reduced axes stay, with length 1 (NumPy's {@code keepdims=True})
     * @return the variances, float32 for float32, else float64; inf or NaN where {@code ddof >= count}
     * @throws IndexOutOfBoundsException if an axis is out of range
     * @throws IllegalArgumentException if an axis repeats
     */
    public NDArray var(int ddof, int[] axes, boolean keepDims) { return ExprSlabs.var(this, ddof, axes, keepDims, false); }

    /**
     * {@code np.std(x, axis, ddof, keepdims)}: the square root of {@link #var}.
     *
     * @param ddof delta degrees of freedom: 0 for the population, 1 for the sample
     * @param axes the axes to reduce, negative counting from the end; {@code null} for all, empty for none
     * @param keepDims whether reduced axes stay, with length 1 (NumPy's {@code keepdims=True})
     * @return the standard deviations, float32 for float32, else float64
     * @throws IndexOutOfBoundsException if an axis is out of range
     * @throws IllegalArgumentException if an axis repeats
     */
    public NDArray std(int ddof, int[] axes, boolean keepDims) { return ExprSlabs.var(this, ddof, axes, keepDims, true); }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + dtype.numpyName() + " " + Shapes.format(shape) + "]";
    }
}
