package dev.blockwork.array;

import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.NDArray;
import java.util.List;

/**
 * Element-wise operations of complex128 {@link DArray}s, block by block: the fused expression machinery is
 * real-valued, so {@code + - * /} with a complex operand, {@code real imag conj abs angle} and casts to or from
 * complex128 are block functions (not fused) over {@code NDArray}'s complex kernels. Operands broadcast and align
 * as for {@link DArray#mapBlocks(MultiBlockFunction, List, DType)}.
 */
final class ComplexBlocks {
    private ComplexBlocks() {}

    enum Op { ADD, SUB, MUL, DIV }

    static boolean any(DArray a, DArray b) { return a.dtype().isComplex() || b.dtype().isComplex(); }

    static DArray binary(Op op, DArray a, DArray b) {
        return DArray.mapBlocks((bs, info) -> apply(op, bs[0], bs[1]), List.of(a, b), DType.COMPLEX128);
    }

    static DArray binary(Op op, DArray a, double v) {
        NDArray s = NDArray.scalar(v);
        return a.mapBlocks((b, info) -> apply(op, b, s), a.chunks(), DType.COMPLEX128);
    }

    private static NDArray apply(Op op, NDArray x, NDArray y) {
        return switch (op) {
            case ADD -> x.add(y);
            case SUB -> x.sub(y);
            case MUL -> x.mul(y);
            case DIV -> x.div(y);
        };
    }

    static DArray real(DArray z) { return z.mapBlocks((b, info) -> b.real(), z.chunks(), DType.FLOAT64); }

    static DArray imag(DArray z) { return z.mapBlocks((b, info) -> b.imag(), z.chunks(), DType.FLOAT64); }

    static DArray conj(DArray z) { return z.mapBlocks((b, info) -> b.conj(), z.chunks(), DType.COMPLEX128); }

    static DArray abs(DArray z) { return z.mapBlocks((b, info) -> b.abs(), z.chunks(), DType.FLOAT64); }

    static DArray angle(DArray z) { return z.mapBlocks((b, info) -> b.angle(), z.chunks(), DType.FLOAT64); }

    static DArray astype(DArray x, DType t) { return x.mapBlocks((b, info) -> b.astype(t), x.chunks(), t); }

    /** {@code re + 1j * im} with broadcasting; both real. */
    static DArray complex(DArray re, DArray im) {
        if (re.dtype().isComplex() || im.dtype().isComplex()) {
            throw new IllegalArgumentException("complex(re, im) needs real parts, got " + re.dtype().numpyName() + " and " + im.dtype().numpyName());
        }
        return DArray.mapBlocks((bs, info) -> NDArray.complex(bs[0], bs[1]), List.of(re, im), DType.COMPLEX128);
    }

    /** Refuses a complex operand of a fused (real-valued) operation when the graph is built, not at compute time. */
    static void refuse(String what, Object... operands) {
        for (Object o : operands) {
            if (o instanceof DArray a && a.dtype().isComplex()) {
                throw new IllegalArgumentException(what + " got a complex128 operand, expected a real or bool dtype: complex128"
                        + " supports add/sub/mul/div, real, imag, conj, abs, angle, astype and the fft functions");
            }
        }
    }
}
