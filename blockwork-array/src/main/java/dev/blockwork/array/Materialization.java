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

    record Plan(Graph graph, List<Key> keys, NDArray[] results) {}

    static Plan plan(List<DArray> arrays) {
        List<Graph> graphs = new ArrayList<>();
        List<Key> keys = new ArrayList<>();
        NDArray[] results = new NDArray[arrays.size()];
        List<StoreLayer> stores = new ArrayList<>();
        for (int i = 0; i < results.length; i++) {
            DArray a = arrays.get(i);
            results[i] = NDArray.zeros(a.dtype(), a.shapeArray());
            FusedBlocks fb = new FusedBlocks(a.node(), a.shapeArray(), a.chunks());
            StoreLayer st = new StoreLayer(ArrayLayer.newName("store"), fb, results[i]);
            stores.add(st);
            graphs.add(fb.inputGraph());
            keys.addAll(st.keys());
        }
        Graph g = graphs.isEmpty() ? Graph.empty() : Graph.merge(graphs);
        return new Plan(g.with(stores.toArray(new StoreLayer[0])), keys, results);
    }
}
