package dev.blockwork.array;

import dev.blockwork.graph.Key;
import dev.blockwork.graph.Task;
import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.Expr;
import dev.blockwork.ndarray.NDArray;
import java.util.Set;

/**
 * One of the three layers of a cumulative sum or product along an axis (Dask's {@code cumreduction}):
 * <ol>
 *   <li>{@link Step#SCAN}: every block scanned on its own ({@link NDArray#cumsum});</li>
 *   <li>{@link Step#CARRY}: for block {@code i} along the axis, the running total of every block before it, a
 *       chain {@code carry(i) = carry(i-1) (+|*) last row of scan(i-1)} (keepdims, length 1 on the axis; the
 *       identity for {@code i = 0}); a 0-length block passes its carry on;</li>
 *   <li>{@link Step#COMBINE}: {@code scan(i) (+|*) carry(i)}, broadcast along the axis.</li>
 * </ol>
 * The carry chain is sequential along the axis (one small task per block); scans and combines are parallel.
 */
final class CumulativeLayer extends ArrayLayer {
    enum Step { SCAN, CARRY, COMBINE }

    private final Step step;
    private final String input, scan, carry; // layer names; unused ones are null
    private final int axis;
    private final boolean prod;
    private final DType dtype;

    private CumulativeLayer(String name, Set<String> deps, Chunks chunks, Step step, String input, String scan, String carry,
                            int axis, boolean prod, DType dtype) {
        super(name, deps, chunks);
        this.step = step;
        this.input = input;
        this.scan = scan;
        this.carry = carry;
        this.axis = axis;
        this.prod = prod;
        this.dtype = dtype;
    }

    /** {@code np.cumsum(x, axis)} or {@code np.cumprod}: int32 and bool give int64, floats keep their dtype. */
    static DArray cumulative(DArray x0, int axis0, boolean prod) {
        int axis = ShapeOps.axis(axis0, x0.ndim());
        DArray x = x0.materialize();
        DType t = x.dtype().isFloat() ? x.dtype() : DType.INT64;
        String label = prod ? "cumprod" : "cumsum";
        Chunks c = x.chunks();
        CumulativeLayer s = new CumulativeLayer(ArrayLayer.newName(label + "-scan"), Set.of(x.layerName()), c, Step.SCAN,
                x.layerName(), null, null, axis, prod, t);
        long[] ones = new long[c.numBlocks(axis)];
        java.util.Arrays.fill(ones, 1);
        CumulativeLayer k = new CumulativeLayer(ArrayLayer.newName(label + "-carry"), Set.of(s.name()), c.withAxis(axis, ones),
                Step.CARRY, null, s.name(), null, axis, prod, t);
        CumulativeLayer out = new CumulativeLayer(ArrayLayer.newName(label), Set.of(s.name(), k.name()), c, Step.COMBINE,
                null, s.name(), k.name(), axis, prod, t);
        return DArray.ofLayer(out, x.graph().with(s).with(k), x.shapeArray(), c, t);
    }

    @Override
    Task task(Key key, int[] idx) {
        return switch (step) {
            case SCAN -> new Task(key, "cumulative-scan", args -> {
                NDArray b = (NDArray) args[0];
                return prod ? b.cumprod(axis) : b.cumsum(axis);
            }, new Object[] {Key.of(input, idx)});
            case CARRY -> {
                long[] shape = chunks.blockShape(idx);
                if (idx[axis] == 0) yield new Task(key, "cumulative-carry", args -> NDArray.full(prod ? 1L : 0L, dtype, shape), new Object[0]);
                int[] prev = idx.clone();
                prev[axis]--;
                yield new Task(key, "cumulative-carry", args -> {
                    NDArray before = (NDArray) args[0], s = (NDArray) args[1];
                    long n = s.shape(axis);
                    if (n == 0) return before;
                    Expr last = Expr.of(s.slice(axis, n - 1, n, 1));
                    return (prod ? Expr.of(before).mul(last) : Expr.of(before).add(last)).evaluate(shape);
                }, new Object[] {Key.of(name, prev), Key.of(scan, prev)});
            }
            case COMBINE -> {
                int[] ci = idx.clone(); // the carry layer has one block of length 1 per block along the axis
                yield new Task(key, "cumulative", args -> {
                    NDArray s = (NDArray) args[0], c = (NDArray) args[1];
                    return (prod ? Expr.of(s).mul(Expr.of(c)) : Expr.of(s).add(Expr.of(c))).evaluate(s.shape());
                }, new Object[] {Key.of(scan, idx), Key.of(carry, ci)});
            }
        };
    }
}
