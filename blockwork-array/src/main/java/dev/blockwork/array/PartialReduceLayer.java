package dev.blockwork.array;

import dev.blockwork.graph.Key;
import dev.blockwork.graph.Task;
import dev.blockwork.ndarray.Expr;
import dev.blockwork.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * First step of a reduction: one partial per input block. The input's fused expression is evaluated inside
 * the task, so creation, element-wise maths and the reduction run in one pass. Over every axis the
 * expression's tiles feed the reduction directly (nothing materialised); a constant-folded block's partial is
 * computed in O(1). Over some axes, sum/prod/min/max/any/all/mean use the ndarray kernel's slab-wise axis
 * reductions of the expression; var/std and argmin/argmax evaluate the block in strips of about
 * {@link #STRIP_ELEMENTS} elements along axis 0 that stay in cache, each reduced and merged at once.
 */
final class PartialReduceLayer extends ArrayLayer {
    static final long STRIP_ELEMENTS = 1 << 14;

    private final FusedBlocks blocks;
    private final int[] axes;
    private final boolean allAxes;
    private final Reducer reducer;

    PartialReduceLayer(String name, FusedBlocks blocks, int[] axes, Reducer reducer) {
        super(name, blocks.dependencies(), blocks.chunks);
        this.blocks = blocks;
        this.axes = axes;
        this.allAxes = axes.length == blocks.shape.length;
        this.reducer = reducer;
    }

    @Override
    Task task(Key key, int[] idx) {
        return new Task(key, "partial", args -> partial(idx, args), blocks.inputKeys(idx));
    }

    private Object partial(int[] idx, Object[] args) {
        long[] off = chunks.blockOffset(idx), len = chunks.blockShape(idx);
        if (reducer.needsElements()) {
            for (int a : axes) if (len[a] == 0) return Reducer.Empty.PARTIAL; // nothing to take a min of here
        }
        Map<String, FusedNode.Fetched> f = blocks.fetched(idx, args);
        if (allAxes && blocks.root instanceof FusedNode.Full c) return reducer.partialConstant(c, len, off, blocks.shape);
        if (allAxes) return reducer.partialAll(reducer.prepare(blocks.expr(off, len, f)), len, off, blocks.shape);
        if (axes.length == 1 && axes[0] == 0 && len.length > 1 && reducer.sumsLeadingAxisInFloat64()) {
            return reducer.fromLeadingSum(leadingAxisSum(off, len, f), len[0]);
        }
        Object direct = reducer.partialAxes(reducer.prepare(blocks.expr(off, len, f)), axes, len);
        if (direct != null) return direct;
        long row = 1;
        for (int d = 1; d < len.length; d++) row *= len[d];
        long rows = Math.max(1, STRIP_ELEMENTS / Math.max(1, row));
        if (rows >= len[0]) return reducer.partialAxes(evaluate(off, len, f), axes, off);
        boolean axis0Reduced = false;
        for (int a : axes) axis0Reduced |= a == 0;
        List<Object> parts = new ArrayList<>();
        Object acc = null;
        for (long r = 0; r < len[0]; r += rows) {
            long[] so = off.clone(), sl = len.clone();
            so[0] = off[0] + r;
            sl[0] = Math.min(rows, len[0] - r);
            Object p = reducer.partialAxes(evaluate(so, sl, f), axes, so);
            if (axis0Reduced) acc = acc == null ? p : reducer.merge(acc, p);
            else parts.add(p);
        }
        return axis0Reduced ? acc : reducer.concat(parts, 0);
    }

    /**
     * Float64 sums over axis 0 of the block (keepdims): the expression is evaluated strip by strip into one reused
     * cache-sized buffer and each strip's rows are added into the accumulator with a plain, vectorisable loop.
     */
    private NDArray leadingAxisSum(long[] off, long[] len, Map<String, FusedNode.Fetched> f) {
        long[] accShape = len.clone();
        accShape[0] = 1;
        int row = (int) MeanReducer.size(accShape);
        NDArray acc = NDArray.zeros(dev.blockwork.ndarray.DType.FLOAT64, accShape);
        double[] a = (double[]) acc.data();
        int rows = (int) Math.max(1, Math.min(len[0], STRIP_ELEMENTS / Math.max(1, row)));
        long[] bufShape = len.clone();
        bufShape[0] = rows;
        NDArray buf = NDArray.zeros(dev.blockwork.ndarray.DType.FLOAT64, bufShape);
        double[] b = (double[]) buf.data();
        for (long r = 0; r < len[0]; r += rows) {
            long[] so = off.clone(), sl = len.clone();
            so[0] = off[0] + r;
            sl[0] = Math.min(rows, len[0] - r);
            NDArray target = sl[0] == rows ? buf : buf.slice(0, 0L, sl[0], 1);
            reducer.prepare(blocks.expr(so, sl, f)).astype(dev.blockwork.ndarray.DType.FLOAT64).evaluateInto(target);
            dev.blockwork.ndarray.RowOps.addRows(a, b, (int) sl[0], row);
        }
        return acc;
    }

    private NDArray evaluate(long[] off, long[] len, Map<String, FusedNode.Fetched> f) {
        Expr e = reducer.prepare(blocks.expr(off, len, f));
        return e.evaluate(len);
    }
}
