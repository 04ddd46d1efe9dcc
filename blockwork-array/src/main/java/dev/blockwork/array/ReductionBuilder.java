package dev.blockwork.array;

import dev.blockwork.graph.Graph;
import dev.blockwork.ndarray.Shape;
import java.util.Arrays;

/**
 * Builds the layers of a reduction: {@link PartialReduceLayer} (one partial per block, fused with the input's
 * expression), then {@link CombineLayer} levels that merge {@code splitEvery} partials per reduced axis until
 * one remains per output block (Dask's {@code split_every} tree).
 */
final class ReductionBuilder {
    /** Default fan-in of the tree combine: system property {@code blockwork.array.splitEvery}, 8. */
    static final int DEFAULT_SPLIT_EVERY = ArraySettings.SPLIT_EVERY.getInt();

    private ReductionBuilder() {}

    /** Sorted, checked axes: {@code null} ({@link DArray#ALL_AXES}) is every axis, an empty array none (NumPy {@code axis=()}). */
    static int[] normalizeAxes(int[] axes, int ndim) {
        if (axes == null) {
            int[] all = new int[ndim];
            for (int i = 0; i < ndim; i++) all[i] = i;
            return all;
        }
        int[] r = new int[axes.length];
        boolean[] seen = new boolean[ndim];
        for (int i = 0; i < axes.length; i++) {
            int a = axes[i] < 0 ? axes[i] + ndim : axes[i];
            if (a < 0 || a >= ndim) {
                throw new IllegalArgumentException("axis " + axes[i] + " is out of bounds for array of dimension " + ndim);
            }
            if (seen[a]) throw new IllegalArgumentException("duplicate value in 'axis': " + Arrays.toString(axes));
            seen[a] = true;
            r[i] = a;
        }
        Arrays.sort(r);
        return r;
    }

    static DArray build(DArray x, Reduction op, int[] axesIn, boolean keepDims, int ddof, int splitEvery) {
        if (splitEvery < 2) throw new IllegalArgumentException("splitEvery must be at least 2, got " + splitEvery);
        int n = x.ndim();
        boolean flatArg = (op == Reduction.ARGMIN || op == Reduction.ARGMAX) && axesIn == null;
        int[] axes = normalizeAxes(axesIn, n);
        if ((op == Reduction.ARGMIN || op == Reduction.ARGMAX) && axes.length != 1 && !flatArg) {
            throw new IllegalArgumentException(op.name().toLowerCase() + " takes one axis or none, got axes " + Arrays.toString(axesIn));
        }
        long[] shape = x.shape;
        boolean[] reduced = new boolean[n];
        long extent = 1;
        for (int a : axes) {
            reduced[a] = true;
            extent *= shape[a];
        }
        if (extent == 0 && op != Reduction.SUM && op != Reduction.PROD && op != Reduction.ANY && op != Reduction.ALL
                && op != Reduction.MEAN && op != Reduction.VAR && op != Reduction.STD) {
            throw new IllegalArgumentException("zero-size array to reduction operation " + op.name().toLowerCase()
                    + " which has no identity (shape " + Shape.toString(shape) + ", axes " + Arrays.toString(axes) + ")");
        }
        if (flatArg && n == 0) axes = new int[0];
        Reducer r = Reducer.of(op, x.dtype(), ddof, shape, n);
        return layers(x, r, java.util.List.of(op, x.dtype(), ddof, flatArg), op.name().toLowerCase(), axes, reduced, keepDims, splitEvery);
    }

    /** A reduction with a user's {@link Reducer} (Dask's {@code da.reduction}), over {@code axesIn} (null = all). */
    static DArray build(DArray x, Reducer r, String label, int[] axesIn, boolean keepDims, int splitEvery) {
        if (splitEvery < 2) throw new IllegalArgumentException("splitEvery must be at least 2, got " + splitEvery);
        int[] axes = normalizeAxes(axesIn, x.ndim());
        boolean[] reduced = new boolean[x.ndim()];
        for (int a : axes) reduced[a] = true;
        return layers(x, r, null, label, axes, reduced, keepDims, splitEvery); // a user's reducer: unique names
    }

    /** The partial layer, the combine levels and the final layer of a reduction. */
    private static DArray layers(DArray x, Reducer r, Object reducerId, String base, int[] axes, boolean[] reduced, boolean keepDims, int splitEvery) {
        int n = x.ndim();
        long[] shape = x.shape;
        FusedBlocks fb = new FusedBlocks(x.node(), shape, x.chunks());
        // Deterministic names (Dask's tokenize) from the input expression, the reduction and its parameters; a
        // user's reducer or an input without a stable identity gets unique names.
        Object id;
        try {
            id = reducerId == null ? null : java.util.List.of(FusedNode.tokenParts(x.node()), x.chunks(), reducerId, axes, keepDims, splitEvery);
        } catch (dev.blockwork.graph.Tokens.NotTokenizable e) {
            id = null;
        }
        final Object tok = id;
        java.util.function.Function<String, String> name = label -> tok == null ? ArrayLayer.newName(label) : ArrayLayer.name(label, tok);
        PartialReduceLayer partial = new PartialReduceLayer(name.apply(base + "-partial"), fb, axes, r);
        Graph g = fb.inputGraph().with(partial);
        String prev = partial.name();
        int[] grid = x.chunks().numBlocks();
        while (true) {
            boolean more = false;
            for (int d = 0; d < n; d++) more |= reduced[d] && grid[d] > splitEvery;
            if (!more) break;
            int[] next = grid.clone();
            long[][] fake = new long[n][];
            for (int d = 0; d < n; d++) {
                if (reduced[d]) next[d] = (grid[d] + splitEvery - 1) / splitEvery;
                fake[d] = new long[next[d]];
                Arrays.fill(fake[d], 1);
            }
            CombineLayer c = new CombineLayer(tok == null ? ArrayLayer.newName(base + "-combine") : ArrayLayer.name(base + "-combine", tok, grid), prev, grid, reduced, splitEvery,
                    Chunks.ofTrusted(fake), r, false, keepDims);
            g = g.with(c);
            prev = c.name();
            grid = next;
        }
        int outRank = keepDims ? n : n - axes.length;
        long[][] out = new long[outRank][];
        long[] outShape = new long[outRank];
        for (int d = 0, k = 0; d < n; d++) {
            if (reduced[d] && !keepDims) continue;
            out[k] = reduced[d] ? new long[] {1} : x.chunks().sizes(d);
            outShape[k] = reduced[d] ? 1 : shape[d];
            k++;
        }
        Chunks oc = Chunks.ofTrusted(out);
        CombineLayer fin = new CombineLayer(name.apply(base), prev, grid, reduced, Integer.MAX_VALUE, oc, r, true, keepDims);
        return DArray.ofLayer(fin, g, outShape, oc, r.outDtype());
    }
}
