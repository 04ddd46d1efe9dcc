package dev.blockwork.array;

import dev.blockwork.graph.Key;
import dev.blockwork.graph.Task;
import dev.blockwork.ndarray.Index;
import dev.blockwork.ndarray.NDArray;

/**
 * The last step of {@code compute()}: each task evaluates one output block (its fused expression, or a copy
 * of an input block) straight into its place in the preallocated result, so that the result is written once
 * and no per-block temporaries exist; such a task returns {@link Boolean#TRUE}.
 *
 * <p>The target is {@code transient}: when a task runs in another JVM (the {@code processes} or a cluster
 * scheduler), it arrives without it, evaluates its block into a new NDArray and returns that instead, and
 * {@link Materialization.Plan#assemble} copies it into the caller's result. Writing into a deserialized copy
 * of the target would silently lose the block.
 */
final class StoreLayer extends ArrayLayer {
    private final FusedBlocks blocks;
    private final transient NDArray target; // null in a JVM that received this layer serialized

    StoreLayer(String name, FusedBlocks blocks, NDArray target) {
        super(name, blocks.dependencies(), blocks.chunks);
        this.blocks = blocks;
        this.target = target;
    }

    @Override
    Task task(Key key, int[] idx) {
        return new Task(key, "store", args -> {
            if (target == null) return blocks.evaluate(idx, args); // remote: hand the block back to the caller
            long[] off = chunks.blockOffset(idx), len = chunks.blockShape(idx);
            Index[] ix = new Index[off.length];
            for (int d = 0; d < ix.length; d++) ix[d] = Index.range(off[d], off[d] + len[d]);
            NDArray view = ix.length == 0 ? target : target.get(ix);
            if (blocks.root instanceof FusedNode.Full c) c.fill(view);
            else if (blocks.root instanceof FusedNode.Input in && in.array().dtype().isComplex()) {
                view.assign(in.region(off, len, blocks.shape, blocks.fetched(idx, args))); // complex: no Expr
            }
            else blocks.expr(off, len, blocks.fetched(idx, args)).evaluateInto(view);
            return Boolean.TRUE;
        }, blocks.inputKeys(idx));
    }
}
