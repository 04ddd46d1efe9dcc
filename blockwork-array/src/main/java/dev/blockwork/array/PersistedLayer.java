package dev.blockwork.array;

import dev.blockwork.graph.Key;
import dev.blockwork.graph.Task;
import dev.blockwork.graph.TaskFunction;
import dev.blockwork.ndarray.NDArray;
import java.util.Set;

/** Blocks already in memory ({@code persist()}, {@code fromBlocks}): each task returns its block. */
final class PersistedLayer extends ArrayLayer {
    private final NDArray[] blocks; // C order over the block grid

    PersistedLayer(String name, Chunks chunks, NDArray[] blocks) {
        super(name, Set.of(), chunks);
        this.blocks = blocks;
    }

    @Override
    Task task(Key key, int[] idx) {
        int flat = 0;
        for (int d = 0; d < idx.length; d++) flat = flat * chunks.numBlocks(d) + idx[d];
        NDArray b = blocks[flat];
        return new Task(key, "block", (TaskFunction) args -> b, new Object[0]);
    }
}
