package dev.blockwork.array;

import dev.blockwork.array.BlockFunction.BlockInfo;
import dev.blockwork.graph.Key;
import dev.blockwork.graph.Task;
import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.Shape;
import java.util.Set;

/** Blocks read on demand by a user's {@link BlockReader} ({@code fromBlocks(shape, chunks, dtype, reader)}, Zarr). */
final class ReaderLayer extends ArrayLayer {
    private final BlockReader reader;
    private final DType dtype;
    private final String label;

    ReaderLayer(String name, Chunks chunks, DType dtype, String label, BlockReader reader) {
        super(name, Set.of(), chunks);
        this.reader = reader;
        this.dtype = dtype;
        this.label = label;
    }

    static DArray of(Shape shape, ChunkSpec spec, DType dtype, String label, BlockReader reader) {
        java.util.Objects.requireNonNull(reader, "reader");
        Chunks c = Chunks.normalize(spec, shape, dtype);
        ReaderLayer l = new ReaderLayer(ArrayLayer.newName(label), c, dtype, label, reader);
        return DArray.ofLayer(l, dev.blockwork.graph.Graph.empty(), shape.toArray(), c, dtype);
    }

    @Override
    Task task(Key key, int[] idx) {
        BlockInfo info = new BlockInfo(idx, chunks.blockOffset(idx), chunks.blockShape(idx));
        BlockReader r = reader;
        DType t = dtype;
        String what = label;
        return new Task(key, label, args -> {
            var b = r.read(info);
            MapBlocksLayer.check(b, info.shape(), t, what + " reader", idx);
            return b;
        }, new Object[0]);
    }
}
