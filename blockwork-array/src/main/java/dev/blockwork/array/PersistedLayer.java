package dev.blockwork.array;

import dev.blockwork.graph.Key;
import dev.blockwork.graph.Task;
import dev.blockwork.graph.TaskFunction;
import dev.blockwork.ndarray.NDArray;
import dev.blockwork.schedule.HeldResult;
import dev.blockwork.schedule.HeldResults;
import dev.blockwork.schedule.HeldValue;
import java.util.Set;

/**
 * Blocks already computed ({@code persist()}, {@code fromBlocks}): each task returns its block. A block is an
 * {@link NDArray} here, or a {@link HeldResult} handle to one kept where it was made (a worker, a cluster member):
 * tasks then return a borrowed view, so a compute reading the block never releases it; the handles are released
 * when this layer (and so every array built on it) is unreachable.
 */
final class PersistedLayer extends ArrayLayer {
    private final Object[] blocks; // C order over the block grid: NDArray or HeldResult

    PersistedLayer(String name, Chunks chunks, Object[] blocks) {
        super(name, Set.of(), chunks);
        this.blocks = blocks;
        if (HeldResults.anyHeld(blocks)) HeldResults.releaseWhenUnreachable(this, blocks);
    }

    @Override
    Task task(Key key, int[] idx) {
        int flat = 0;
        for (int d = 0; d < idx.length; d++) flat = flat * chunks.numBlocks(d) + idx[d];
        Object b = blocks[flat];
        if (b instanceof HeldResult h) return new Task(key, "block", new HeldValue(h.borrowed()), new Object[0]);
        return new Task(key, "block", (TaskFunction) args -> b, new Object[0]);
    }
}
