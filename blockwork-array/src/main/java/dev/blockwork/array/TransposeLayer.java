package dev.blockwork.array;

import dev.blockwork.graph.Key;
import dev.blockwork.graph.Task;
import dev.blockwork.ndarray.NDArray;
import java.util.Set;

/** Axis permutation: output block {@code i} is input block {@code i} permuted, each block permuted (copied C-contiguous). */
final class TransposeLayer extends ArrayLayer {
    private final String input;
    private final int[] axes;

    TransposeLayer(String name, DArray x, int[] axes, Chunks out) {
        super(name, Set.of(x.layerName()), out);
        this.input = x.layerName();
        this.axes = axes;
    }

    @Override
    Task task(Key key, int[] idx) {
        int[] in = new int[idx.length];
        for (int i = 0; i < idx.length; i++) in[axes[i]] = idx[i];
        return new Task(key, "transpose", args -> ((NDArray) args[0]).permute(axes).copy(), new Object[] {Key.of(input, in)});
    }
}
