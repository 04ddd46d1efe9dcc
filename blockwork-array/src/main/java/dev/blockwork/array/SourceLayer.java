package dev.blockwork.array;

import dev.blockwork.graph.Key;
import dev.blockwork.graph.Task;
import dev.blockwork.ndarray.NDArray;
import java.util.Set;

/**
 * Blocks made from nothing but their position ({@code arange}, {@code linspace}, {@code eye},
 * {@code fromFunction}, {@code fromArray}): each task calls {@code make(offset, shape)}.
 */
final class SourceLayer extends ArrayLayer {
    /** Makes the block that starts at {@code offset} with shape {@code shape}. */
    @FunctionalInterface
    interface BlockMaker {
        NDArray make(long[] offset, long[] shape);
    }

    private final BlockMaker maker;
    private final String label;

    SourceLayer(String name, Chunks chunks, String label, BlockMaker maker) {
        super(name, Set.of(), chunks);
        this.maker = maker;
        this.label = label;
    }

    @Override
    Task task(Key key, int[] idx) {
        long[] off = chunks.blockOffset(idx), len = chunks.blockShape(idx);
        return new Task(key, label, args -> maker.make(off, len), new Object[0]);
    }
}
