package dev.blockwork.array;

import java.util.TreeSet;

/**
 * Chunk alignment for broadcasting operations (Dask's {@code unify_chunks}): the output chunks on an axis are
 * the common refinement (union of block boundaries) of every operand that spans that axis, and each operand's
 * materialised inputs are rechunked to the projection of those chunks (a refinement only splits blocks, so the
 * rechunk is a slice). Fused operands need no rechunk of their own: their expression is chunk-agnostic.
 */
final class Alignment {
    private Alignment() {}

    /** The output chunks for operands {@code args} broadcast to {@code outShape}. */
    static Chunks unify(long[] outShape, DArray... args) {
        int n = outShape.length;
        long[][] sizes = new long[n][];
        for (int d = 0; d < n; d++) {
            if (outShape[d] == 0) { sizes[d] = new long[] {0}; continue; }
            if (outShape[d] == 1) { sizes[d] = new long[] {1}; continue; }
            TreeSet<Long> bounds = new TreeSet<>();
            for (DArray a : args) {
                if (a == null) continue;
                int i = d - (n - a.ndim());
                if (i < 0 || a.shape[i] != outShape[d]) continue;
                for (long b : a.chunks().boundaries(i)) bounds.add(b);
            }
            long[] s = new long[bounds.size() - 1];
            Long prev = null;
            int k = 0;
            for (long b : bounds) {
                if (prev != null) s[k++] = b - prev;
                prev = b;
            }
            sizes[d] = s;
        }
        return Chunks.ofTrusted(sizes);
    }

    /** Chunks of an operand of shape {@code leaf} (right-aligned) that match output chunks {@code out}. */
    static Chunks project(long[] leaf, long[] outShape, Chunks out) {
        int lead = outShape.length - leaf.length;
        long[][] s = new long[leaf.length][];
        for (int i = 0; i < leaf.length; i++) {
            s[i] = leaf[i] == 1 && outShape[lead + i] != 1 ? new long[] {1} : out.sizes(lead + i);
        }
        return Chunks.ofTrusted(s);
    }

    /** {@code node} with every materialised input rechunked to match output chunks {@code out}. */
    static FusedNode align(FusedNode node, long[] outShape, Chunks out) {
        return switch (node) {
            case FusedNode.Input in -> {
                Chunks want = project(in.array().shape, outShape, out);
                yield want.equals(in.array().chunks()) ? in : new FusedNode.Input(in.array().rechunk(want));
            }
            case FusedNode.Apply a -> {
                FusedNode[] c = new FusedNode[a.args().length];
                boolean same = true;
                for (int i = 0; i < c.length; i++) {
                    c[i] = align(a.args()[i], outShape, out);
                    same &= c[i] == a.args()[i];
                }
                yield same ? a : new FusedNode.Apply(a.op(), a.cast(), c, a.shape(), a.proto());
            }
            default -> node;
        };
    }
}
