package dev.blockwork.array;

import dev.blockwork.graph.Key;
import dev.blockwork.graph.Keys;
import dev.blockwork.graph.Task;
import dev.blockwork.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Integer-array indexing along one axis ({@code x[:, [3, 1, 4]]}, and boolean masks turned into positions).
 * Each output block is a list of pieces, each piece a run of positions inside one input block; the task reads
 * the pieces' input blocks and copies runs of consecutive positions as slices. {@link Indexing#take} decides
 * the grouping (Dask's: consecutive groups of the average block length).
 */
final class TakeLayer extends ArrayLayer {
    private final String input;
    private final int axis;
    private final int[][] inBlocks;    // per output block along axis: the input block of each piece
    private final long[][][] local;    // per output block along axis, per piece: positions inside that input block

    TakeLayer(String name, DArray x, int axis, int[][] inBlocks, long[][][] local, Chunks out) {
        super(name, Set.of(x.layerName()), out);
        this.input = x.layerName();
        this.axis = axis;
        this.inBlocks = inBlocks;
        this.local = local;
    }

    @Override
    Task task(Key key, int[] idx) {
        int j = idx[axis];
        List<Key> keys = new ArrayList<>();
        for (int b : inBlocks[j]) {
            int[] in = idx.clone();
            in[axis] = b;
            keys.add(Key.of(input, in));
        }
        long[][] pieces = local[j];
        long[] outShape = chunks.blockShape(idx);
        return new Task(key, "take", args -> {
            Object[] blocks = (Object[]) args[0];
            NDArray out = null;
            long at = 0;
            for (int p = 0; p < pieces.length; p++) {
                NDArray b = (NDArray) blocks[p];
                if (out == null) out = NDArray.zeros(b.dtype(), outShape);
                long[] pos = pieces[p];
                int k = 0;
                while (k < pos.length) { // copy runs of consecutive positions as one slice
                    int e = k + 1;
                    while (e < pos.length && pos[e] == pos[e - 1] + 1) e++;
                    out.slice(axis, at + k, at + e, 1).assign(b.slice(axis, pos[k], pos[k] + (e - k), 1));
                    k = e;
                }
                at += pos.length;
            }
            return out;
        }, new Object[] {new Keys(keys)});
    }
}
