package dev.blockwork.array;

import dev.blockwork.graph.Key;
import dev.blockwork.graph.Task;

/**
 * An element-wise layer: every output block is ONE task that evaluates the whole fused expression
 * ({@code x + x*2}, {@code sin(x)*y - 1}, {@code ones(...)*3}) in one pass over cache-sized tiles. Generators
 * in the expression ({@code ones}, {@code random}) produce values inside the pass: they have no tasks.
 */
final class FusedLayer extends ArrayLayer {
    private final FusedBlocks blocks;
    private final String label;

    FusedLayer(String name, FusedBlocks blocks, String label) {
        super(name, blocks.dependencies(), blocks.chunks);
        this.blocks = blocks;
        this.label = label;
    }

    @Override
    Task task(Key key, int[] idx) {
        Object[] in = blocks.inputKeys(idx);
        return new Task(key, label, args -> blocks.evaluate(idx, args), in);
    }
}
