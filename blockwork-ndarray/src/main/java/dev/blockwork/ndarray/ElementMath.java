package dev.blockwork.ndarray;

/**
 * Scalar element functions whose NumPy (C99) semantics differ from {@link Math}'s, or that {@link Math} lacks.
 * Called from the kernel's loops and from the generated fused loops ({@link FusedLoopCompiler}), so every
 * path computes the same values.
 */
final class ElementMath {
    private ElementMath() {}

    /**
     * C99 {@code pow}: as {@link Math#pow} except {@code pow(1, y) = 1} and {@code pow(-1, ±inf) = 1} for every
     * {@code y}, NaN included ({@code Math.pow} gives NaN there). {@code pow(x, ±0) = 1} holds in both.
     */
    static double pow(double x, double y) {
        if (x == 1.0 || (x == -1.0 && Double.isInfinite(y))) return 1.0;
        return Math.pow(x, y);
    }

    /** {@code np.exp2}: {@code 2^x}. */
    static double exp2(double x) { return Math.pow(2.0, x); }

    /** {@code np.arcsinh}, with the sign kept for large |x| and -0.0. */
    static double asinh(double x) {
        double a = Math.abs(x);
        double r = a > 1e8 ? Math.log(a) + Math.log(2.0) : Math.log1p(a + a * a / (1 + Math.sqrt(1 + a * a)));
        return Math.copySign(r, x);
    }

    /** {@code np.arccosh}: NaN below 1. */
    static double acosh(double x) {
        if (x < 1) return Double.NaN;
        return x > 1e8 ? Math.log(x) + Math.log(2.0) : Math.log(x + Math.sqrt((x - 1) * (x + 1)));
    }

    /** {@code np.arctanh}: ±inf at ±1, NaN outside [-1, 1]. */
    static double atanh(double x) { return 0.5 * Math.log1p(2 * x / (1 - x)); }

    /**
     * {@code np.i0}, the modified Bessel function of the first kind of order 0, by its power series
     * {@code sum (x^2/4)^k / (k!)^2}: all terms are positive, so the relative error stays near the rounding of the
     * ~|x| terms summed (NumPy uses Cephes' Chebyshev expansions; both agree to about 1e-14).
     */
    static double i0(double x) {
        if (Double.isNaN(x)) return x;
        double q = x * x / 4, term = 1, sum = 1;
        for (int k = 1; k < 2000; k++) {
            term *= q / ((double) k * k);
            sum += term;
            if (term < sum * 1e-17 || Double.isInfinite(sum)) break;
        }
        return sum;
    }

    /** {@code np.nextafter} (same argument order as {@link Math#nextAfter}). */
    static double nextafter(double x, double y) { return Math.nextAfter(x, y); }

    /** {@code np.trunc}: rounds toward zero, keeping -0.0 for small negatives and NaN. */
    static double trunc(double x) { return x >= 0 ? Math.floor(x) : Math.ceil(x); }

    /** {@code np.sign} of a float: -1, 0 or 1 (both zeros give +0.0, as NumPy); NaN stays NaN. */
    static double sign(double x) { return x > 0 ? 1.0 : x < 0 ? -1.0 : x == 0 ? 0.0 : x; }

    static double log2(double x) {
        if (x > 0 && x < Double.POSITIVE_INFINITY) {
            long bits = Double.doubleToRawLongBits(x);
            if ((bits & 0x000F_FFFF_FFFF_FFFFL) == 0 && (bits >>> 52) != 0) return (int) (bits >>> 52) - 1023; // exact powers of two
        }
        return Math.log(x) / Math.log(2.0);
    }

    /**
     * {@code np.remainder} of floats (Python's {@code %}): the sign of the divisor; {@code x % 0} is NaN; a zero
     * remainder takes the divisor's sign. Follows NumPy's {@code npy_divmod}.
     */
    static double mod(double a, double b) {
        double mod = a % b;
        if (b == 0) return mod;
        if (mod != 0) {
            if ((b < 0) != (mod < 0)) mod += b;
        } else {
            mod = Math.copySign(0.0, b);
        }
        return mod;
    }

    /** {@code np.floor_divide} of floats, as NumPy's {@code npy_divmod}: {@code x // 0} is {@code x / 0}. */
    static double floorDivide(double a, double b) {
        if (b == 0) return a / b;
        double mod = a % b;
        double div = (a - mod) / b;
        if (mod != 0 && (b < 0) != (mod < 0)) div -= 1.0;
        if (div != 0) {
            double f = Math.floor(div);
            if (div - f > 0.5) f += 1.0;
            return f;
        }
        return Math.copySign(0.0, a / b);
    }

    /** {@code np.remainder} of integers: the divisor's sign; {@code x % 0} is 0, as NumPy (with a warning there). */
    static long mod(long a, long b) {
        if (b == 0) return 0;
        return Math.floorMod(a, b);
    }

    /** {@code np.floor_divide} of integers: {@code x // 0} is 0 and {@code MIN // -1} wraps, as NumPy. */
    static long floorDivide(long a, long b) {
        if (b == 0) return 0;
        if (b == -1) return -a;
        return Math.floorDiv(a, b);
    }
}
