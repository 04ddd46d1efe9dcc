package dev.blockwork.array;

import dev.blockwork.ndarray.DType;
import java.util.List;

/**
 * Element-wise NumPy functions that are compositions of the fused operations ({@code reciprocal}, {@code logaddexp},
 * {@code isclose}, {@code round(decimals)}, {@code signbit}, {@code sinc}, {@code modf}, {@code nan_to_num}): they add
 * no kernel of their own, so they fuse with their operands and with what follows. Each follows NumPy's special cases
 * (infinities, NaN, signed zeros) as stated on the {@link DArray} method.
 */
final class Composites {
    private Composites() {}

    static DArray reciprocal(DArray x) {
        DType t = x.dtype();
        if (t.isFloat()) return x.rdiv(1.0);
        if (t == DType.BOOL) throw new IllegalArgumentException("got a bool array, expected numbers for reciprocal");
        long min = t == DType.INT32 ? Integer.MIN_VALUE : Long.MIN_VALUE;
        return DArray.where(x.eq(0), min, DArray.where(x.abs().eq(1), x, 0L));
    }
    /** {@code log(e^a + e^b)} (or base 2): {@code max + log1p(exp(-|a - b|))}, and {@code a + log 2} where a == b (infinities). */
    static DArray logaddexp(DArray x, DArray o, boolean base2) {
        DArray a = x.astype(DType.resultOfFloatFunction(DType.promote(x.dtype(), o.dtype()))), b = o.astype(a.dtype());
        DArray m = a.maximum(b), d = a.sub(b).abs().neg();
        DArray tail = base2 ? d.exp2().log1p().div(Math.log(2)) : d.exp().log1p();
        return DArray.where(a.eq(b), base2 ? a.add(1.0) : a.add(Math.log(2)), m.add(tail));
    }
    static DArray isclose(DArray a, DArray b, double rtol, double atol, boolean equalNan) {
        DArray x = a.astype(DType.FLOAT64), y = b.astype(DType.FLOAT64);
        DArray close = DArray.where(x.isfinite().and(y.isfinite()), x.sub(y).abs().le(y.abs().mul(rtol).add(atol)), x.eq(y));
        return equalNan ? close.or(x.isnan().and(y.isnan())) : close;
    }
    /** NumPy's round: {@code rint(x * 10^d) / 10^d}, or {@code rint(x / 10^-d) * 10^-d} for negative d. */
    static DArray round(DArray x, int decimals) {
        if (decimals == 0) return x.round();
        if (!x.dtype().isFloat()) {
            if (decimals > 0) return x;
            double f = Math.pow(10, -decimals);
            return x.astype(DType.FLOAT64).div(f).round().mul(f).astype(x.dtype());
        }
        if (decimals < 0) { // NumPy divides by 10^-d first (multiplying by 0.1 would round differently)
            double f = Math.pow(10, -decimals);
            return x.div(f).round().mul(f);
        }
        double f = Math.pow(10, decimals);
        return x.mul(f).round().div(f);
    }
    static DArray signbit(DArray x) {
        if (!x.dtype().isFloat()) return x.lt(0.0);
        DArray one = DArray.fullLike(x, 1.0).astype(DType.FLOAT64);
        return one.copysign(x.astype(DType.FLOAT64)).lt(0.0);
    }
    static DArray sinc(DArray x) {
        DArray y = x.astype(DType.resultOfFloatFunction(x.dtype())).mul(Math.PI);
        return DArray.where(y.eq(0), 1.0, y.sin().div(y));
    }
    static List<DArray> modf(DArray x) {
        DArray f = x.astype(DType.resultOfFloatFunction(x.dtype()));
        DArray i = f.trunc();
        return List.of(DArray.where(f.isinf(), DArray.zerosLike(f).copysign(f), f.sub(i)), i);
    }
    static DArray nanToNum(DArray x, double nan, double posinf, double neginf) {
        if (!x.dtype().isFloat()) return x;
        return DArray.where(x.isnan(), nan, DArray.where(x.eq(Double.POSITIVE_INFINITY), posinf,
                DArray.where(x.eq(Double.NEGATIVE_INFINITY), neginf, x)));
    }
}
