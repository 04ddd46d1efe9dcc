package dev.blockwork.array;

import dev.blockwork.array.BlockFunction.BlockInfo;
import dev.blockwork.graph.Key;
import dev.blockwork.graph.Task;
import dev.blockwork.ndarray.NDArray;
import dev.blockwork.schedule.Compute;
import dev.blockwork.schedule.ComputeOptions;
import java.util.Set;

/**
 * {@code store(sink)}: one task per block of the source hands its block to a {@link BlockSink} and returns
 * {@link Boolean#TRUE}, so the block is released as soon as it is written and the compute's result is one flag per
 * block, never the array.
 */
final class SinkLayer extends ArrayLayer {
    private final String input;
    private final BlockSink sink;

    SinkLayer(String name, DArray x, BlockSink sink) {
        super(name, Set.of(x.layerName()), x.chunks());
        this.input = x.layerName();
        this.sink = sink;
    }

    static void store(DArray x0, BlockSink sink, ComputeOptions options) {
        java.util.Objects.requireNonNull(sink, "sink");
        DArray x = x0.materialize();
        SinkLayer l = new SinkLayer(ArrayLayer.newName("store"), x, sink);
        Compute.compute(x.graph().with(l), java.util.List.copyOf(l.keys()), options);
    }

    @Override
    Task task(Key key, int[] idx) {
        BlockInfo info = new BlockInfo(idx, chunks.blockOffset(idx), chunks.blockShape(idx));
        BlockSink s = sink;
        return new Task(key, "store", args -> {
            s.write((NDArray) args[0], info);
            return Boolean.TRUE;
        }, new Object[] {Key.of(input, idx)});
    }
}
