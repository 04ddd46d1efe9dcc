package dev.blockwork.array;

import dev.blockwork.graph.Key;
import dev.blockwork.graph.Task;
import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.Expr;
import dev.blockwork.ndarray.NDArray;
import java.util.Set;

/**
 * One of the three layers of a cumulative scan along an axis (Dask's {@code cumreduction}): sums, products, running
 * maxima, or forward fill (the last non-NaN value, Dask's {@code push}):
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

    /** The scan's binary operation; each is associative, so blocks scan alone and combine with a carry. */
    enum Op { SUM, PROD, MAX, FFILL }

    private final Step step;
    private final String input, scan, carry; // layer names; unused ones are null
    private final int axis;
    private final Op op;
    private final DType dtype;

    private CumulativeLayer(String name, Set<String> deps, Chunks chunks, Step step, String input, String scan, String carry,
                            int axis, Op op, DType dtype) {
        super(name, deps, chunks);
        this.step = step;
        this.input = input;
        this.scan = scan;
        this.carry = carry;
        this.axis = axis;
        this.op = op;
        this.dtype = dtype;
    }

    /** {@code np.cumsum(x, axis)} or {@code np.cumprod}: int32 and bool give int64, floats keep their dtype. */
    static DArray cumulative(DArray x0, int axis0, boolean prod) { return cumulative(x0, axis0, prod ? Op.PROD : Op.SUM); }

    static DArray cumulative(DArray x0, int axis0, Op op) {
        int axis = ShapeOps.axis(axis0, x0.ndim());
        DArray x = x0.materialize();
        DType t = x.dtype().isFloat() ? x.dtype() : op == Op.MAX && x.dtype() == DType.INT32 ? DType.INT32 : DType.INT64;
        String label = switch (op) { case SUM -> "cumsum"; case PROD -> "cumprod"; case MAX -> "cummax"; case FFILL -> "push"; };
        boolean prod = op == Op.PROD;
        Chunks c = x.chunks();
        CumulativeLayer s = new CumulativeLayer(ArrayLayer.newName(label + "-scan"), Set.of(x.layerName()), c, Step.SCAN,
                x.layerName(), null, null, axis, op, t);
        long[] ones = new long[c.numBlocks(axis)];
        java.util.Arrays.fill(ones, 1);
        CumulativeLayer k = new CumulativeLayer(ArrayLayer.newName(label + "-carry"), Set.of(s.name()), c.withAxis(axis, ones),
                Step.CARRY, null, s.name(), null, axis, op, t);
        CumulativeLayer out = new CumulativeLayer(ArrayLayer.newName(label), Set.of(s.name(), k.name()), c, Step.COMBINE,
                null, s.name(), k.name(), axis, op, t);
        return DArray.ofLayer(out, x.graph().with(s).with(k), x.shape, c, t);
    }

    /** The running value before the first block: 0, 1, the lowest value, or NaN (nothing to fill with). */
    private NDArray identity(long[] shape) {
        return switch (op) {
            case SUM -> NDArray.full(0L, dtype, shape);
            case PROD -> NDArray.full(1L, dtype, shape);
            case MAX -> dtype.isFloat() ? NDArray.full(Double.NEGATIVE_INFINITY, dtype, shape)
                    : NDArray.full(dtype == DType.INT32 ? Integer.MIN_VALUE : Long.MIN_VALUE, dtype, shape);
            case FFILL -> dtype.isFloat() ? NDArray.full(Double.NaN, dtype, shape) : NDArray.full(0L, dtype, shape);
        };
    }

    /** {@code earlier (op) later}: the scan's operation, with {@code later} winning for forward fill unless it is NaN. */
    private Expr combine(Expr earlier, Expr later) {
        return switch (op) {
            case SUM -> earlier.add(later);
            case PROD -> earlier.mul(later);
            case MAX -> earlier.maximum(later);
            case FFILL -> dtype.isFloat() ? Expr.where(later.isnan(), earlier, later) : later;
        };
    }

    @Override
    Task task(Key key, int[] idx) {
        return switch (step) {
            case SCAN -> new Task(key, "cumulative-scan", args -> {
                NDArray b = (NDArray) args[0];
                NDArray r = switch (op) {
                    case SUM -> b.cumsum(axis);
                    case PROD -> b.cumprod(axis);
                    case MAX -> b.cummax(axis);
                    case FFILL -> b.forwardFill(axis);
                };
                return r.dtype() == dtype ? r : r.astype(dtype);
            }, new Object[] {Key.of(input, idx)});
            case CARRY -> {
                long[] shape = chunks.blockShape(idx);
                if (idx[axis] == 0) yield new Task(key, "cumulative-carry", args -> identity(shape), new Object[0]);
                int[] prev = idx.clone();
                prev[axis]--;
                yield new Task(key, "cumulative-carry", args -> {
                    NDArray before = (NDArray) args[0], s = (NDArray) args[1];
                    long n = s.shape(axis);
                    if (n == 0) return before;
                    return combine(Expr.of(before), Expr.of(s.slice(axis, n - 1, n, 1))).evaluate(shape);
                }, new Object[] {Key.of(name, prev), Key.of(scan, prev)});
            }
            case COMBINE -> {
                int[] ci = idx.clone(); // the carry layer has one block of length 1 per block along the axis
                yield new Task(key, "cumulative", args -> {
                    NDArray s = (NDArray) args[0], c = (NDArray) args[1];
                    NDArray r = combine(Expr.of(c), Expr.of(s)).evaluate(s.shapeArray());
                    return r.dtype() == dtype ? r : r.astype(dtype);
                }, new Object[] {Key.of(scan, idx), Key.of(carry, ci)});
            }
        };
    }
}
