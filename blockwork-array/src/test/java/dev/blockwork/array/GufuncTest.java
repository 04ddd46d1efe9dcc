package dev.blockwork.array;

import static dev.blockwork.array.ArrayAssert.assertEq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.NDArray;
import dev.blockwork.ndarray.Shape;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link DArray#applyGufunc} with several outputs and {@link DArray#applyGufuncVectorized} against plain loops over
 * the loop dimensions (seeded random 3-d inputs, random chunks), and the signature errors.
 */
class GufuncTest {
    static final long SEED = 77L;

    static NDArray random(SplittableRandom r, long... shape) { return EinsumTest.random(r, shape); }

    @Test
    void severalOutputsAndVectorizedCoreFunctions() {
        SplittableRandom r = new SplittableRandom(SEED);
        for (int c = 0; c < 5; c++) {
            long p = 1 + r.nextInt(4), q = 1 + r.nextInt(5), n = 1 + r.nextInt(6);
            NDArray a = random(r, p, q, n);
            DArray x = DArray.fromArray(a, Chunks.explicit(BlockedLinalgTest.randomChunks(r, p, 3), BlockedLinalgTest.randomChunks(r, q, 3),
                    BlockedLinalgTest.randomChunks(r, n, 3)));
            String what = "seed " + SEED + " case " + c + ": " + a.shape() + " chunks " + x.chunks();
            // "(i)->(),()": the minimum and maximum over the core axis, in one function
            List<DArray> mm = DArray.applyGufunc((bs, info) -> new NDArray[] {bs[0].min(new int[] {-1}, false), bs[0].max(new int[] {-1}, false)},
                    "(i)->(),()", List.of(x), List.of(DType.FLOAT64, DType.FLOAT64));
            NDArray lo = NDArray.zeros(DType.FLOAT64, p, q), hi = NDArray.zeros(DType.FLOAT64, p, q);
            NDArray norms = NDArray.zeros(DType.FLOAT64, p, q);
            for (int i = 0; i < p; i++) {
                for (int j = 0; j < q; j++) {
                    double l = Double.POSITIVE_INFINITY, h = Double.NEGATIVE_INFINITY, s = 0;
                    for (int k = 0; k < n; k++) {
                        double v = a.getDouble(i, j, k);
                        l = Math.min(l, v);
                        h = Math.max(h, v);
                        s += v * v;
                    }
                    lo.setDouble(l, i, j);
                    hi.setDouble(h, i, j);
                    norms.setDouble(Math.sqrt(s), i, j);
                }
            }
            assertEq(mm.get(0), lo, what + " min");
            assertEq(mm.get(1), hi, what + " max");
            // vectorize: f sees one core vector at a time
            DArray v = DArray.applyGufuncVectorized(cores -> {
                double s = 0;
                for (long k = 0; k < cores[0].size(); k++) s += cores[0].getDoubleFlat(k) * cores[0].getDoubleFlat(k);
                return NDArray.scalar(Math.sqrt(s));
            }, "(i)->()", List.of(x), DType.FLOAT64);
            assertEq(v, norms, what + " vectorized norm");
            // vectorize with a core output and an operand with fewer loop dimensions: (i),(i)->(i) with b broadcast over p
            NDArray b = random(r, q, n);
            DArray y = DArray.fromArray(b, Chunks.uniform(2));
            NDArray want = NDArray.zeros(DType.FLOAT64, p, q, n);
            for (int i = 0; i < p; i++) for (int j = 0; j < q; j++) for (int k = 0; k < n; k++) want.setDouble(a.getDouble(i, j, k) * b.getDouble(j, k), i, j, k);
            DArray prod = DArray.applyGufuncVectorized(cores -> cores[0].expr().mul(cores[1].expr()).evaluate(), "(i),(i)->(i)", List.of(x, y), DType.FLOAT64);
            assertEq(prod, want, what + " vectorized product");
        }
    }

    static final java.util.concurrent.atomic.AtomicInteger CALLS = new java.util.concurrent.atomic.AtomicInteger();

    @Test
    void severalOutputsRunTheFunctionOncePerBlockAndBroadcastLoopDimensions() {
        SplittableRandom r = new SplittableRandom(SEED + 1);
        NDArray a = random(r, 5, 1, 4), b = random(r, 3, 4);
        DArray x = DArray.fromArray(a, Chunks.explicit(new long[] {2, 3}, new long[] {1}, new long[] {4}));
        DArray y = DArray.fromArray(b, Chunks.explicit(new long[] {1, 2}, new long[] {2, 2}));
        // "(i),(i)->(),(i)": the dot product and the element-wise product; x's loop shape (5, 1) broadcasts against y's (3,)
        CALLS.set(0);
        List<DArray> out = DArray.applyGufunc((bs, info) -> {
            CALLS.incrementAndGet();
            NDArray p = bs[0].expr().mul(bs[1].expr()).evaluate();
            return new NDArray[] {p.sum(new int[] {-1}, false), p};
        }, "(i),(i)->(),(i)", List.of(x, y), List.of(DType.FLOAT64, DType.FLOAT64));
        NDArray dot = NDArray.zeros(DType.FLOAT64, 5, 3), prod = NDArray.zeros(DType.FLOAT64, 5, 3, 4);
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 3; j++) {
                double s = 0;
                for (int k = 0; k < 4; k++) {
                    double v = a.getDouble(i, 0, k) * b.getDouble(j, k);
                    prod.setDouble(v, i, j, k);
                    s += v;
                }
                dot.setDouble(s, i, j);
            }
        }
        assertThat(out.get(0).chunks().sizes(0)).containsExactly(2, 3);
        assertThat(out.get(0).chunks().sizes(1)).containsExactly(1, 2);
        NDArray[] got = DArray.computeAll(ArrayAssert.SYNC, out.get(0), out.get(1));
        assertThat(CALLS.get()).as("one call per loop block (2 x 2), for both outputs").isEqualTo(4);
        ArrayAssert.assertClose(got[0], dot, "dot");
        ArrayAssert.assertClose(got[1], prod, "product");
        assertEq(out.get(0), dot, "dot");
        assertEq(out.get(1), prod, "product");
    }

    @Test
    void signatureErrors() {
        DArray x = DArray.ones(Shape.of(3, 4), Chunks.uniform(2));
        assertThatThrownBy(() -> DArray.applyGufunc((bs, i) -> new NDArray[] {bs[0]}, "(i)->(),()", List.of(x), List.of(DType.FLOAT64)))
                .hasMessageContaining("got 1 output dtypes for the 2 outputs");
        assertThatThrownBy(() -> DArray.applyGufunc((bs, i) -> bs[0], "(i)->(),()", List.of(x), DType.FLOAT64)).hasMessageContaining("expected one");
        assertThatThrownBy(() -> DArray.applyGufunc((bs, i) -> bs[0], "(i)(j)", List.of(x), DType.FLOAT64)).hasMessageContaining("expected '(in dims)");
        List<DArray> bad = DArray.applyGufunc((bs, i) -> new NDArray[] {bs[0].sum(new int[] {-1}, false)}, "(i)->(),()", List.of(x),
                List.of(DType.FLOAT64, DType.FLOAT64));
        assertThatThrownBy(() -> bad.get(1).compute(ArrayAssert.SYNC)).hasStackTraceContaining("returned 1 arrays").hasStackTraceContaining("expected 2");
    }
}
