package dev.blockwork.array;

import dev.blockwork.graph.Key;
import dev.blockwork.graph.Task;
import dev.blockwork.ndarray.NDArray;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Reshapes block by block ({@code reshape} once the input's blocks are whole rows of each axis group,
 * {@code squeeze}, {@code expandDims}): output block {@code i} is input block {@code inIndex(i)} reshaped to
 * the output block's shape.
 */
final class BlockReshapeLayer extends ArrayLayer {
    private final String input;
    private final transient UnaryOperator<int[]> inIndex; // only used to build tasks

    BlockReshapeLayer(String name, DArray x, Chunks out, UnaryOperator<int[]> inIndex) {
        super(name, Set.of(x.layerName()), out);
        this.input = x.layerName();
        this.inIndex = inIndex;
    }

    @Override
    Task task(Key key, int[] idx) {
        long[] s = chunks.blockShape(idx);
        return new Task(key, "reshape", args -> ((NDArray) args[0]).reshape(s), new Object[] {Key.of(input, inIndex.apply(idx))});
    }
}
