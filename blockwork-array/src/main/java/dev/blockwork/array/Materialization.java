package dev.blockwork.array;

import dev.blockwork.graph.Graph;
import dev.blockwork.graph.Key;
import dev.blockwork.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans {@code compute()} of one or more arrays: each gets a preallocated result and a {@link StoreLayer}
 * whose tasks write the blocks into it; all store layers go into one graph so shared inputs run once.
 */
final class Materialization {
    private Materialization() {}

    record Plan(Graph graph, List<Key> keys, NDArray[] results, List<Chunks> chunks, int[] owner) {
        /**
         * The results, after copying in every block that a task computed in another JVM and returned
         * (see {@link StoreLayer}); blocks written in place came back as {@code TRUE}.
         */
        NDArray[] assemble(Object[] values) {
            for (int k = 0; k < values.length; k++) {
                if (values[k] instanceof NDArray block) {
                    int a = owner[k];
                    int[] idx = keys.get(k).index();
                    long[] off = chunks.get(a).blockOffset(idx), len = chunks.get(a).blockShape(idx);
                    dev.blockwork.ndarray.Index[] ix = new dev.blockwork.ndarray.Index[off.length];
                    for (int d = 0; d < ix.length; d++) ix[d] = dev.blockwork.ndarray.Index.range(off[d], off[d] + len[d]);
                    (ix.length == 0 ? results[a] : results[a].get(ix)).assign(block);
                }
            }
            return results;
        }
    }

    static Plan plan(List<DArray> arrays) {
        List<Graph> graphs = new ArrayList<>();
        List<Key> keys = new ArrayList<>();
        NDArray[] results = new NDArray[arrays.size()];
        List<StoreLayer> stores = new ArrayList<>();
        List<Chunks> chunks = new ArrayList<>();
        List<Integer> owner = new ArrayList<>();
        for (int i = 0; i < results.length; i++) {
            DArray a = arrays.get(i);
            results[i] = NDArray.zeros(a.dtype(), a.shape);
            FusedBlocks fb = new FusedBlocks(a.node(), a.shape, a.chunks());
            StoreLayer st = new StoreLayer(ArrayLayer.newName("store"), fb, results[i]);
            stores.add(st);
            graphs.add(fb.inputGraph());
            keys.addAll(st.keys());
            chunks.add(a.chunks());
            for (int k = 0; k < st.keys().size(); k++) owner.add(i);
        }
        Graph g = graphs.isEmpty() ? Graph.empty() : Graph.merge(graphs);
        return new Plan(g.with(stores.toArray(new StoreLayer[0])), keys, results, chunks,
                owner.stream().mapToInt(Integer::intValue).toArray());
    }
}
