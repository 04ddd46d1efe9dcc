package dev.blockwork.array;

import dev.blockwork.graph.Key;
import dev.blockwork.ndarray.Expr;
import dev.blockwork.ndarray.NDArray;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A fused element-wise expression laid over a block grid: which input blocks one output block needs and how
 * to build the block's {@link Expr} from them. Shared by the layers that evaluate fused expressions
 * ({@link FusedLayer}, {@link StoreLayer}, {@link PartialReduceLayer}). Immutable.
 */
final class FusedBlocks implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    final FusedNode root;
    final long[] shape;
    final Chunks chunks;
    final List<DArray> inputs; // distinct materialised inputs, by layer name

    FusedBlocks(FusedNode root, long[] shape, Chunks chunks) {
        this.root = root;
        this.shape = shape;
        this.chunks = chunks;
        Map<String, DArray> in = new LinkedHashMap<>();
        collect(root, in);
        this.inputs = List.copyOf(in.values());
    }

    private static void collect(FusedNode n, Map<String, DArray> in) {
        switch (n) {
            case FusedNode.Input i -> in.putIfAbsent(i.array().layerName(), i.array());
            case FusedNode.Apply a -> { for (FusedNode c : a.args()) collect(c, in); }
            default -> { }
        }
    }

    Set<String> dependencies() {
        Set<String> s = new java.util.HashSet<>();
        for (DArray a : inputs) s.add(a.layerName());
        return s;
    }

    dev.blockwork.graph.Graph inputGraph() {
        List<dev.blockwork.graph.Graph> gs = new ArrayList<>();
        for (DArray a : inputs) gs.add(a.graph());
        return gs.isEmpty() ? dev.blockwork.graph.Graph.empty() : dev.blockwork.graph.Graph.merge(gs);
    }

    /** Keys of the input blocks that output block {@code idx} reads, in {@link #inputs} order. */
    Object[] inputKeys(int[] idx) {
        Object[] keys = new Object[inputs.size()];
        for (int k = 0; k < keys.length; k++) keys[k] = Key.of(inputs.get(k).layerName(), inputIndex(inputs.get(k), idx));
        return keys;
    }

    private int[] inputIndex(DArray in, int[] idx) {
        long[] s = in.shape;
        int lead = shape.length - s.length;
        int[] r = new int[s.length];
        for (int i = 0; i < s.length; i++) r[i] = s[i] == 1 && shape[lead + i] != 1 ? 0 : idx[lead + i];
        return r;
    }

    /** The fetched input blocks of output block {@code idx}. */
    Map<String, FusedNode.Fetched> fetched(int[] idx, Object[] blocks) {
        Map<String, FusedNode.Fetched> m = new HashMap<>(inputs.size() * 2);
        for (int k = 0; k < blocks.length; k++) {
            DArray in = inputs.get(k);
            m.put(in.layerName(), new FusedNode.Fetched((NDArray) blocks[k], in.chunks().blockOffset(inputIndex(in, idx))));
        }
        return m;
    }

    /** The expression for the region {@code [off, off+len)} (inside one block) given its fetched inputs. */
    Expr expr(long[] off, long[] len, Map<String, FusedNode.Fetched> fetched) {
        return root.toExpr(off, len, shape, fetched);
    }

    /** Evaluates block {@code idx} into a fresh array. */
    NDArray evaluate(int[] idx, Object[] blocks) {
        long[] len = chunks.blockShape(idx);
        if (root instanceof FusedNode.Full c) {
            NDArray out = NDArray.zeros(c.dtype(), len);
            c.fill(out);
            return out;
        }
        if (root instanceof FusedNode.Input in && in.array().dtype().isComplex()) { // complex blocks bypass the real-valued Expr
            return in.region(chunks.blockOffset(idx), len, shape, fetched(idx, blocks)).copy();
        }
        return expr(chunks.blockOffset(idx), len, fetched(idx, blocks)).evaluate(len);
    }
}
