package dev.blockwork.array;

import dev.blockwork.graph.Key;
import dev.blockwork.graph.Task;
import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.NDArray;
import dev.blockwork.ndarray.Shape;
import java.util.Set;

/**
 * Dask's {@code from_delayed(value, shape, dtype)}: a one-block array whose block is the result of a
 * {@link dev.blockwork.delayed.Delayed} computation (its graph becomes the array's input graph); the block's real
 * shape and dtype are checked against the declaration when it is computed.
 */
final class DelayedLayer extends ArrayLayer {
    private final Key value;
    private final DType dtype;

    DelayedLayer(String name, Key value, Chunks chunks, DType dtype) {
        super(name, Set.of(value.name()), chunks);
        this.value = value;
        this.dtype = dtype;
    }

    static DArray of(dev.blockwork.delayed.Delayed<NDArray> d, Shape shape, DType dtype) {
        long[] s = shape.toArray();
        long[][] c = new long[s.length][];
        for (int i = 0; i < s.length; i++) c[i] = new long[] {s[i]};
        Chunks chunks = Chunks.ofSizes(c);
        DelayedLayer l = new DelayedLayer(ArrayLayer.newName("from-delayed"), d.key(), chunks, dtype);
        return DArray.ofLayer(l, d.graph(), s, chunks, dtype);
    }

    @Override
    Task task(Key key, int[] idx) {
        long[] want = chunks.blockShape(idx);
        return new Task(key, "from-delayed", args -> {
            Object v = args[0];
            if (!(v instanceof NDArray b)) {
                throw new IllegalStateException("from_delayed value " + value + " is " + (v == null ? "null" : v.getClass().getName())
                        + ", expected an NDArray");
            }
            MapBlocksLayer.check(b, want, dtype, "fromDelayed", idx);
            return b;
        }, new Object[] {value});
    }
}
