package dev.blockwork.array;

import dev.blockwork.graph.Graph;
import dev.blockwork.ndarray.DType;
import java.util.Arrays;

/** Plans matmul / dot / tensordot over blocks. */
final class LinearAlgebra {
    private LinearAlgebra() {}

    static DArray matmul(DArray a0, DArray b0) {
        if (a0.ndim() == 0 || b0.ndim() == 0) {
            throw new IllegalArgumentException("matmul: input operand does not have enough dimensions (shapes "
                    + Shape.format(a0.shapeArray()) + " and " + Shape.format(b0.shapeArray()) + ")");
        }
        if (a0.ndim() > 2 || b0.ndim() > 2) {
            throw new IllegalArgumentException("matmul of operands with more than 2 dimensions is not supported, got shapes "
                    + Shape.format(a0.shapeArray()) + " and " + Shape.format(b0.shapeArray()) + "; use tensordot");
        }
        boolean aVec = a0.ndim() == 1, bVec = b0.ndim() == 1;
        DArray a = aVec ? a0.expandDims(0) : a0, b = bVec ? b0.expandDims(1) : b0;
        long m = a.shapeArray()[0], k = a.shapeArray()[1], k2 = b.shapeArray()[0], n = b.shapeArray()[1];
        if (k != k2) {
            throw new IllegalArgumentException("matmul: mismatch in core dimension: shapes " + Shape.format(a0.shapeArray()) + " and "
                    + Shape.format(b0.shapeArray()) + " (" + k + " != " + k2 + ")");
        }
        long[] kc = Alignment.unify(new long[] {k},
                DArray.full(Shape.of(k), Chunks.explicit(a.chunks().sizes(1)), 0L, DType.BOOL),
                DArray.full(Shape.of(k), Chunks.explicit(b.chunks().sizes(0)), 0L, DType.BOOL)).sizes(0);
        a = a.rechunk(Chunks.ofTrusted(new long[][] {a.chunks().sizes(0), kc})).materialize();
        b = b.rechunk(Chunks.ofTrusted(new long[][] {kc, b.chunks().sizes(1)})).materialize();
        DType t = DType.promote(a.dtype(), b.dtype());
        Chunks out = Chunks.ofTrusted(new long[][] {a.chunks().sizes(0), b.chunks().sizes(1)});
        MatmulLayer l = new MatmulLayer(ArrayLayer.newName("matmul"), a, b, out, t);
        DArray r = DArray.ofLayer(l, Graph.merge(a.graph(), b.graph()), new long[] {m, n}, out, t);
        if (aVec && bVec) return r.reshape();
        if (aVec) return r.squeeze(0);
        if (bVec) return r.squeeze(1);
        return r;
    }

    static DArray tensordot(DArray a, DArray b, int[] axesA, int[] axesB) {
        if (axesA.length != axesB.length) {
            throw new IllegalArgumentException("tensordot: got " + axesA.length + " axes for a and " + axesB.length + " for b, expected the same number");
        }
        int na = a.ndim(), nb = b.ndim();
        int[] ca = new int[axesA.length], cb = new int[axesB.length];
        long kk = 1;
        for (int i = 0; i < ca.length; i++) {
            ca[i] = ShapeOps.axis(axesA[i], na);
            cb[i] = ShapeOps.axis(axesB[i], nb);
            if (a.shapeArray()[ca[i]] != b.shapeArray()[cb[i]]) {
                throw new IllegalArgumentException("shape-mismatch for sum: axis " + ca[i] + " of " + Shape.format(a.shapeArray())
                        + " and axis " + cb[i] + " of " + Shape.format(b.shapeArray()));
            }
            kk *= a.shapeArray()[ca[i]];
        }
        int[] pa = new int[na], pb = new int[nb];
        long[] freeA = new long[na - ca.length], freeB = new long[nb - cb.length];
        long ma = 1, mb = 1;
        int p = 0;
        for (int d = 0; d < na; d++) if (!contains(ca, d)) { freeA[p] = a.shapeArray()[d]; ma *= freeA[p]; pa[p++] = d; }
        for (int c : ca) pa[p++] = c;
        p = 0;
        for (int c : cb) pb[p++] = c;
        int q = 0;
        for (int d = 0; d < nb; d++) if (!contains(cb, d)) { freeB[q] = b.shapeArray()[d]; mb *= freeB[q++]; pb[p++] = d; }
        DArray a2 = a.transpose(pa).reshape(ma, kk), b2 = b.transpose(pb).reshape(kk, mb);
        long[] outShape = new long[freeA.length + freeB.length];
        System.arraycopy(freeA, 0, outShape, 0, freeA.length);
        System.arraycopy(freeB, 0, outShape, freeA.length, freeB.length);
        return matmul(a2, b2).reshape(outShape);
    }

    private static boolean contains(int[] xs, int v) {
        return Arrays.stream(xs).anyMatch(x -> x == v);
    }
}
