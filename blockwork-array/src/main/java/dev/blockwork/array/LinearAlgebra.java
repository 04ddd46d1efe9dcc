package dev.blockwork.array;

import dev.blockwork.graph.Graph;
import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.Shape;
import java.util.Arrays;

/** Plans matmul / dot / tensordot over blocks. */
final class LinearAlgebra {
    private LinearAlgebra() {}

    static DArray matmul(DArray a0, DArray b0) {
        if (a0.ndim() == 0 || b0.ndim() == 0) {
            throw new IllegalArgumentException("matmul: input operand does not have enough dimensions (shapes "
                    + Shape.toString(a0.shape) + " and " + Shape.toString(b0.shape) + ")");
        }
        boolean aVec = a0.ndim() == 1, bVec = b0.ndim() == 1;
        DArray a = aVec ? a0.expandDims(0) : a0, b = bVec ? b0.expandDims(1) : b0;
        int na = a.ndim(), nb = b.ndim();
        long[] as = a.shape, bs = b.shape;
        long m = as[na - 2], k = as[na - 1], k2 = bs[nb - 2], n = bs[nb - 1];
        if (k != k2) {
            throw new IllegalArgumentException("matmul: mismatch in core dimension: shapes " + Shape.toString(a0.shape) + " and "
                    + Shape.toString(b0.shape) + " (" + k + " != " + k2 + ")");
        }
        long[] batchA = Arrays.copyOf(as, na - 2), batchB = Arrays.copyOf(bs, nb - 2);
        long[] batch;
        try {
            batch = Broadcast.shapes(batchA, batchB);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("matmul: batch dimensions of shapes " + Shape.toString(a0.shape) + " and "
                    + Shape.toString(b0.shape) + " do not broadcast", e);
        }
        int nbatch = batch.length;
        // align: batch axes to their common refinement, the contraction axis to the common refinement of both operands
        Chunks bc = Alignment.unify(batch, batchView(a, batchA), batchView(b, batchB));
        long[] kc = Alignment.unify(new long[] {k},
                DArray.full(Shape.of(k), Chunks.explicit(a.chunks().sizes(na - 1)), 0L, DType.BOOL),
                DArray.full(Shape.of(k), Chunks.explicit(b.chunks().sizes(nb - 2)), 0L, DType.BOOL)).sizes(0);
        a = a.rechunk(operandChunks(as, batch, bc, a.chunks().sizes(na - 2), kc)).materialize();
        b = b.rechunk(operandChunks(bs, batch, bc, kc, b.chunks().sizes(nb - 1))).materialize();
        DType t = DType.promote(a.dtype(), b.dtype());
        long[][] oc = new long[nbatch + 2][];
        long[] outShape = new long[nbatch + 2];
        for (int d = 0; d < nbatch; d++) { oc[d] = bc.sizes(d); outShape[d] = batch[d]; }
        oc[nbatch] = a.chunks().sizes(na - 2);
        oc[nbatch + 1] = b.chunks().sizes(nb - 1);
        outShape[nbatch] = m;
        outShape[nbatch + 1] = n;
        Chunks out = Chunks.ofTrusted(oc);
        MatmulLayer l = new MatmulLayer(ArrayLayer.name("matmul", a.layerName(), b.layerName(), out, t), a, b, out, t);
        DArray r = DArray.ofLayer(l, Graph.merge(a.graph(), b.graph()), outShape, out, t);
        if (aVec && bVec) return r.reshape(batch);
        if (aVec) return r.squeeze(-2);
        if (bVec) return r.squeeze(-1);
        return r;
    }

    /** A stand-in with the operand's batch shape and batch chunks, for {@link Alignment#unify}. */
    private static DArray batchView(DArray x, long[] batch) {
        long[][] c = new long[batch.length][];
        for (int d = 0; d < batch.length; d++) c[d] = x.chunks().sizes(d);
        return DArray.full(Shape.of(batch), Chunks.explicit(c), 0L, DType.BOOL);
    }

    /** Chunks for an operand of shape {@code s}: batch axes projected from {@code bc}, then the two matrix axes. */
    private static Chunks operandChunks(long[] s, long[] batch, Chunks bc, long[] rows, long[] cols) {
        int n = s.length;
        Chunks proj = Alignment.project(Arrays.copyOf(s, n - 2), batch, bc);
        long[][] c = new long[n][];
        for (int d = 0; d < n - 2; d++) c[d] = proj.sizes(d);
        c[n - 2] = rows;
        c[n - 1] = cols;
        return Chunks.ofTrusted(c);
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
            if (a.shape[ca[i]] != b.shape[cb[i]]) {
                throw new IllegalArgumentException("shape-mismatch for sum: axis " + ca[i] + " of " + Shape.toString(a.shape)
                        + " and axis " + cb[i] + " of " + Shape.toString(b.shape));
            }
            kk *= a.shape[ca[i]];
        }
        int[] pa = new int[na], pb = new int[nb];
        long[] freeA = new long[na - ca.length], freeB = new long[nb - cb.length];
        long ma = 1, mb = 1;
        int p = 0;
        for (int d = 0; d < na; d++) if (!contains(ca, d)) { freeA[p] = a.shape[d]; ma *= freeA[p]; pa[p++] = d; }
        for (int c : ca) pa[p++] = c;
        p = 0;
        for (int c : cb) pb[p++] = c;
        int q = 0;
        for (int d = 0; d < nb; d++) if (!contains(cb, d)) { freeB[q] = b.shape[d]; mb *= freeB[q++]; pb[p++] = d; }
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
