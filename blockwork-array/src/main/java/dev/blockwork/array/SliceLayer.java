package dev.blockwork.array;

import dev.blockwork.graph.Key;
import dev.blockwork.graph.Task;
import dev.blockwork.ndarray.Index;
import dev.blockwork.ndarray.NDArray;
import java.util.Set;

/**
 * Basic indexing ({@code x[2, 10:50:3, ::-1, np.newaxis]}): every output block is a (copied) view of exactly one
 * input block. Per input axis the plan is either one position (the axis is dropped) or, per output block along
 * the axis, the input block and the local start, step and length; new axes have one block of length 1.
 */
final class SliceLayer extends ArrayLayer {
    /**
     * Plan of one input axis: {@code at >= 0} selects one position in block {@code block[0]}; else ranges per output block.
     *
     * @param outAxis the output axis this input axis becomes (unused when dropped)
     * @param at      the local position selected, or -1 for a range
     * @param block   per output block along the axis, the input block it reads
     * @param start   per output block, the local start in that input block
     * @param step    the step (negative to reverse)
     * @param len     per output block, its length
     */
    record AxisPlan(int outAxis, long at, int[] block, long[] start, long step, long[] len) implements java.io.Serializable {}

    private final String input;
    private final AxisPlan[] plans;     // per input axis
    private final Index[] template;     // output order: null for input-axis slots, NewAxis for new axes
    private final int[] slotAxis;       // per template slot: input axis or -1

    SliceLayer(String name, DArray x, AxisPlan[] plans, Index[] template, int[] slotAxis, Chunks out) {
        super(name, Set.of(x.layerName()), out);
        this.input = x.layerName();
        this.plans = plans;
        this.template = template;
        this.slotAxis = slotAxis;
    }

    @Override
    Task task(Key key, int[] idx) {
        int[] in = new int[plans.length];
        Index[] ix = template.clone();
        for (int s = 0; s < ix.length; s++) {
            int a = slotAxis[s];
            if (a < 0) continue;
            AxisPlan p = plans[a];
            if (p.at >= 0) {
                in[a] = p.block[0];
                ix[s] = Index.at(p.at);
            } else {
                int j = idx[p.outAxis];
                in[a] = p.block[j];
                long st = p.start[j], stop = st + p.len[j] * p.step;
                ix[s] = p.len[j] == 0 ? Index.range(0L, 0L) : Index.range(st, stop < 0 ? null : stop, p.step);
            }
        }
        return new Task(key, "getitem", args -> {
            NDArray b = (NDArray) args[0];
            return b.get(ix).copy();
        }, new Object[] {Key.of(input, in)});
    }
}
