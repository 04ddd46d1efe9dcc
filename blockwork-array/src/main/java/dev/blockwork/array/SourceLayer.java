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
    interface BlockMaker extends java.io.Serializable {
        NDArray make(long[] offset, long[] shape);
    }

    private final transient BlockMaker maker; // tasks capture the maker itself, or the view it returns
    private final String label;
    private final boolean views;

    SourceLayer(String name, Chunks chunks, String label, BlockMaker maker) { this(name, chunks, label, maker, false); }

    /**
     * {@code views}: the maker returns a cheap view of an in-memory array, taken when the task is built, so that a
     * serialized task carries only that block's elements, not the whole array.
     */
    SourceLayer(String name, Chunks chunks, String label, BlockMaker maker, boolean views) {
        super(name, Set.of(), chunks);
        this.maker = maker;
        this.label = label;
        this.views = views;
    }

    @Override
    Task task(Key key, int[] idx) {
        long[] off = chunks.blockOffset(idx), len = chunks.blockShape(idx);
        if (views) {
            NDArray v = maker.make(off, len);
            return new Task(key, label, args -> v, new Object[0]);
        }
        BlockMaker m = maker;
        return new Task(key, label, args -> m.make(off, len), new Object[0]);
    }
}
