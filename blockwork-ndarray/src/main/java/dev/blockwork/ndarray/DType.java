package dev.blockwork.ndarray;

/**
 * Element types of an {@link NDArray}, with NumPy's promotion rules.
 *
 * <p>Storage per dtype (the Java array behind {@link NDArray#data()}):
 * FLOAT64 → {@code double[]}, FLOAT32 → {@code float[]}, INT64 → {@code long[]},
 * INT32 → {@code int[]}, BOOL → {@code boolean[]}, COMPLEX128 → {@code double[]} of twice the length, real and
 * imaginary parts interleaved ({@code re0, im0, re1, im1, ...}; offsets and strides still count elements).
 *
 * <p>Promotion follows NumPy 2 for array operands ({@link #promote}): bool &lt; int32 &lt; int64 and
 * float32 &lt; float64 within a kind; mixing an integer with a float gives the smallest float that holds
 * every value of both: {@code int32+float32 → float64}, {@code int64+float32 → float64},
 * {@code bool+float32 → float32}, {@code bool+int32 → int32}. Complex128 with anything gives complex128.
 *
 * <p>Complex128 is a storage dtype with its own kernels ({@link ComplexMath}): creation, {@code real imag abs conj
 * angle}, the four arithmetic operations, copies, views, equality, formatting, NPY and the block codec. It does not
 * enter fused {@link Expr} expressions or the real reductions, which throw naming complex128.
 */
public enum DType {
    /** IEEE double, {@code np.float64}; stored as {@code double[]}. */
    FLOAT64(8, "<f8", "float64"),
    /** IEEE single, {@code np.float32}; stored as {@code float[]}. */
    FLOAT32(4, "<f4", "float32"),
    /** 64-bit signed integer, {@code np.int64}; stored as {@code long[]}. */
    INT64(8, "<i8", "int64"),
    /** 32-bit signed integer, {@code np.int32}; stored as {@code int[]}. */
    INT32(4, "<i4", "int32"),
    /** Boolean, {@code np.bool}, one byte per element in NPY files; stored as {@code boolean[]}. */
    BOOL(1, "|b1", "bool"),
    /** Complex of two doubles, {@code np.complex128}; stored as a {@code double[]} of interleaved re, im. */
    COMPLEX128(16, "<c16", "complex128");

    private final int itemSize;
    private final String descr;
    private final String numpyName;

    DType(int itemSize, String descr, String numpyName) {
        this.itemSize = itemSize;
        this.descr = descr;
        this.numpyName = numpyName;
    }

    /** {@return bytes per element, as in NumPy's {@code itemsize}} */
    public int itemSize() { return itemSize; }

    /** {@return the little-endian NPY descriptor string, e.g. {@code "<f8"}; bool is {@code "|b1"}} */
    public String descr() { return descr; }

    /** {@return NumPy's name for this dtype, e.g. {@code "float64"}} */
    public String numpyName() { return numpyName; }

    /** {@return whether this is float64 or float32 (not complex128)} */
    public boolean isFloat() { return this == FLOAT64 || this == FLOAT32; }

    /** {@return whether this is int64 or int32 (not bool)} */
    public boolean isInteger() { return this == INT64 || this == INT32; }

    /** {@return whether this is bool} */
    public boolean isBool() { return this == BOOL; }

    /** {@return whether this is complex128 (interleaved re/im storage)} */
    public boolean isComplex() { return this == COMPLEX128; }

    /**
     * NumPy's result type for a binary operation on arrays of dtypes {@code a} and {@code b}, as
     * {@code np.result_type(a, b)}.
     *
     * @param a the left operand's dtype
     * @param b the right operand's dtype
     * @return the promoted dtype (see the class comment); symmetric in {@code a} and {@code b}
     */
    public static DType promote(DType a, DType b) {
        if (a == b) return a;
        if (a == COMPLEX128 || b == COMPLEX128) return COMPLEX128;
        if (a.isFloat() || b.isFloat()) {
            if (a == FLOAT64 || b == FLOAT64) return FLOAT64;
            // one is FLOAT32, the other bool/int32/int64
            DType other = a == FLOAT32 ? b : a;
            return other == BOOL ? FLOAT32 : FLOAT64;
        }
        if (a == INT64 || b == INT64) return INT64;
        return INT32; // {INT32, BOOL}
    }

    /**
     * Result dtype of true division {@code a / b}: float32 only when both are float32 or bool/float32, complex128
     * if either is, else float64.
     *
     * @param a the dividend's dtype
     * @param b the divisor's dtype
     * @return the quotient's dtype
     */
    public static DType resultOfDivide(DType a, DType b) {
        DType p = promote(a, b);
        return p == FLOAT32 || p == COMPLEX128 ? p : FLOAT64;
    }

    /**
     * Result dtype of a float function (sqrt, exp, sin...) of {@code a}: float32 and complex128 stay, all else
     * float64.
     *
     * @param a the argument's dtype
     * @return the result's dtype
     */
    public static DType resultOfFloatFunction(DType a) {
        return a == FLOAT32 || a == COMPLEX128 ? a : FLOAT64;
    }

    /**
     * Dtype of {@code sum}/{@code prod} over {@code a}: ints and bool accumulate in int64 (NumPy on 64-bit Linux).
     *
     * @param a the summed array's dtype
     * @return the sum's dtype: {@code a} for float and complex, else int64
     */
    public static DType resultOfSum(DType a) {
        return a.isFloat() || a == COMPLEX128 ? a : INT64;
    }

    /**
     * Dtype of {@code mean}/{@code var}/{@code std} over {@code a}.
     *
     * @param a the reduced array's dtype
     * @return float32 and complex128 stay, all else float64
     */
    public static DType resultOfMean(DType a) {
        return a == FLOAT32 || a == COMPLEX128 ? a : FLOAT64;
    }

    /**
     * The dtype for a NumPy name or descr: {@code "float64"}, {@code "f8"}, {@code "<f8"}, {@code "float32"},
     * {@code "int64"}, {@code "int32"}, {@code "bool"}, {@code "complex128"} (also {@code "double"}, {@code "float"} = float64 as NumPy,
     * {@code "single"}, {@code "int"} = int64, {@code "?"}).
     *
     * @param name a NumPy dtype name, type character or descr, with an optional byte-order prefix
     * @return the dtype
     * @throws IllegalArgumentException naming the accepted forms, if {@code name} is none of them
     */
    public static DType of(String name) {
        String n = name.strip();
        switch (n) {
            case "float64", "double", "float", "f8", "d" -> { return FLOAT64; }
            case "float32", "single", "f4", "f" -> { return FLOAT32; }
            case "int64", "int", "i8", "long", "q" -> { return INT64; }
            case "int32", "i4", "intc", "i" -> { return INT32; }
            case "bool", "bool_", "b1", "?" -> { return BOOL; }
            case "complex128", "complex", "cdouble", "c16", "D" -> { return COMPLEX128; }
            default -> { }
        }
        if (n.length() >= 2 && (n.charAt(0) == '<' || n.charAt(0) == '>' || n.charAt(0) == '|' || n.charAt(0) == '=')) {
            try {
                return of(n.substring(1));
            } catch (IllegalArgumentException e) {
                // fall through to the message below, naming the whole input
            }
        }
        throw new IllegalArgumentException("got dtype '" + name + "', expected one of float64 float32 int64 int32 bool complex128"
                + " (or f8 f4 i8 i4 b1 c16, with an optional byte-order prefix < > | =)");
    }

    /**
     * The dtype named by an NPY descr such as {@code "<f8"}, {@code "|b1"} or {@code "<i4"} (byte order ignored).
     *
     * @param descr the descr: a byte-order character, then {@code f8 f4 i8 i4 b1} or {@code c16}
     * @return the dtype
     * @throws IllegalArgumentException if the descr names no supported dtype
     */
    public static DType fromDescr(String descr) {
        if (descr.length() < 2) throw new IllegalArgumentException("unsupported dtype descr '" + descr + "'");
        String kind = descr.substring(1);
        return switch (kind) {
            case "f8" -> FLOAT64;
            case "f4" -> FLOAT32;
            case "i8" -> INT64;
            case "i4" -> INT32;
            case "b1" -> BOOL;
            case "c16" -> COMPLEX128;
            default -> throw new IllegalArgumentException("unsupported dtype descr '" + descr
                    + "', expected one of <f8 <f4 <i8 <i4 |b1 <c16 (or big-endian >f8...)");
        };
    }
}
