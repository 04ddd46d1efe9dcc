package dev.blockwork.array;

import dev.blockwork.graph.Key;
import dev.blockwork.graph.Task;
import dev.blockwork.ndarray.Index;
import dev.blockwork.ndarray.NDArray;

/**
 * The last step of {@code compute()}: each task evaluates one output block (its fused expression, or a copy
 * of an input block) straight into its place in the preallocated result, so that the result is written once
 * and no per-block temporaries exist. Tasks return {@link Boolean#TRUE}; the target is the result.
 */
final class StoreLayer extends ArrayLayer {
    private final FusedBlocks blocks;
    private final NDArray target;

    StoreLayer(String name, FusedBlocks blocks, NDArray target) {
        super(name, blocks.dependencies(), blocks.chunks);
        this.blocks = blocks;
        this.target = target;
    }

    @Override
    Task task(Key key, int[] idx) {
        return new Task(key, "store", args -> {
            long[] off = chunks.blockOffset(idx), len = chunks.blockShape(idx);
            Index[] ix = new Index[off.length];
            for (int d = 0; d < ix.length; d++) ix[d] = Index.range(off[d], off[d] + len[d]);
            NDArray view = ix.length == 0 ? target : target.get(ix);
            if (blocks.root instanceof FusedNode.Full c) c.fill(view);
            else blocks.expr(off, len, blocks.fetched(idx, args)).evaluateInto(view);
            return Boolean.TRUE;
        }, blocks.inputKeys(idx));
    }
}
