package dev.blockwork.array;

import dev.blockwork.graph.Key;
import dev.blockwork.graph.Task;
import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.NDArray;
import dev.blockwork.ndarray.Shape;
import java.util.Arrays;
import java.util.Set;

/**
 * A user function per block ({@link DArray#mapBlocks}); the result's real shape and dtype are checked against
 * the declared chunks and dtype, and a mismatch fails the task with a message naming the block.
 */
final class MapBlocksLayer extends ArrayLayer {
    private final String input;
    private final Chunks inChunks;
    private final BlockFunction f;
    private final DType dtype;

    MapBlocksLayer(String name, DArray x, BlockFunction f, Chunks out, DType dtype) {
        super(name, Set.of(x.layerName()), out);
        this.input = x.layerName();
        this.inChunks = x.chunks();
        this.f = f;
        this.dtype = dtype;
    }

    @Override
    Task task(Key key, int[] idx) {
        long[] want = chunks.blockShape(idx);
        BlockFunction.BlockInfo info = new BlockFunction.BlockInfo(idx.clone(), inChunks.blockOffset(idx), inChunks.blockShape(idx));
        return new Task(key, "map-blocks", args -> {
            NDArray r = f.apply((NDArray) args[0], info);
            check(r, want, dtype, "mapBlocks", idx);
            return r;
        }, new Object[] {Key.of(input, idx)});
    }

    /**
     * The task of one output block of a function over several input blocks ({@code keys}, in order): calls
     * {@code f} and checks the block it returns against the declared shape and dtype ({@code what} names the
     * operation in that check's error).
     */
    static Task multiBlockTask(Key key, String label, String what, Object[] keys, MultiBlockFunction f,
                               BlockFunction.BlockInfo info, long[] want, DType dtype, int[] idx) {
        return new Task(key, label, args -> {
            NDArray[] blocks = new NDArray[args.length];
            for (int i = 0; i < args.length; i++) blocks[i] = (NDArray) args[i];
            NDArray r = f.apply(blocks, info);
            check(r, want, dtype, what, idx);
            return r;
        }, keys);
    }

    static void check(NDArray r, long[] want, DType dtype, String what, int[] idx) {
        if (r == null || !Arrays.equals(r.shapeArray(), want) || r.dtype() != dtype) {
            throw new IllegalStateException(what + " function returned " + (r == null ? "null" : "shape " + r.shape()
                    + " dtype " + r.dtype().numpyName()) + " for block " + Arrays.toString(idx) + ", expected shape "
                    + Shape.toString(want) + " dtype " + dtype.numpyName() + " (declared chunks and dtype)");
        }
    }
}
