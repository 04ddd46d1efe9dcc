package dev.blockwork.array;

import dev.blockwork.graph.Key;
import dev.blockwork.graph.Task;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Joins arrays along an axis: output block {@code i} along the axis is a block of one input (passed through). */
final class ConcatenateLayer extends ArrayLayer {
    private final String[] inputs;
    private final int axis;
    private final int[] array;   // per output block along axis: which input
    private final int[] block;   // ... and which of its blocks

    ConcatenateLayer(String name, List<DArray> xs, int axis, int[] array, int[] block, Chunks out) {
        super(name, names(xs), out);
        this.inputs = new String[xs.size()];
        for (int i = 0; i < inputs.length; i++) inputs[i] = xs.get(i).layerName();
        this.axis = axis;
        this.array = array;
        this.block = block;
    }

    private static Set<String> names(List<DArray> xs) {
        Set<String> s = new HashSet<>();
        for (DArray x : xs) s.add(x.layerName());
        return s;
    }

    @Override
    Task task(Key key, int[] idx) {
        int j = idx[axis];
        int[] in = idx.clone();
        in[axis] = block[j];
        return new Task(key, "concatenate", args -> args[0], new Object[] {Key.of(inputs[array[j]], in)});
    }
}
