package dev.blockwork.array;

import dev.blockwork.graph.Key;
import dev.blockwork.graph.Task;
import dev.blockwork.ndarray.NDArray;
import java.util.Set;

/**
 * Integer-array indexing along one axis ({@code x[:, [3, 1, 4]]}, and boolean masks turned into positions):
 * consecutive positions that fall in the same input block form one output block, so each task reads one block.
 */
final class TakeLayer extends ArrayLayer {
    private final String input;
    private final int axis;
    private final int[] inBlock;      // per output block along axis
    private final long[][] local;     // per output block along axis: positions inside the input block

    TakeLayer(String name, DArray x, int axis, int[] inBlock, long[][] local, Chunks out) {
        super(name, Set.of(x.layerName()), out);
        this.input = x.layerName();
        this.axis = axis;
        this.inBlock = inBlock;
        this.local = local;
    }

    @Override
    Task task(Key key, int[] idx) {
        int j = idx[axis];
        int[] in = idx.clone();
        in[axis] = inBlock[j];
        long[] pos = local[j];
        long[] outShape = chunks.blockShape(idx);
        return new Task(key, "take", args -> {
            NDArray b = (NDArray) args[0];
            NDArray out = NDArray.zeros(b.dtype(), outShape);
            int k = 0;
            while (k < pos.length) { // copy runs of consecutive positions as one slice
                int e = k + 1;
                while (e < pos.length && pos[e] == pos[e - 1] + 1) e++;
                out.slice(axis, (long) k, (long) e, 1).assign(b.slice(axis, pos[k], pos[k] + (e - k), 1));
                k = e;
            }
            return out;
        }, new Object[] {Key.of(input, in)});
    }
}
