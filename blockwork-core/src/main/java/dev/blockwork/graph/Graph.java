package dev.blockwork.graph;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A high-level task graph: layers by name. Immutable; {@link #merge} builds a new graph that shares
 * the layers (cheap: layers are immutable and never copied).
 *
 * <p>{@link #task(Key)} finds the layer by the key's name and asks it for the task, so a scheduler's
 * planner materialises only the tasks that the requested outputs need (culling is a by-product of
 * walking dependencies from the outputs; see {@code dev.blockwork.schedule.internal.Planner}).
 */
public final class Graph {
    private static final Graph EMPTY = new Graph(Map.of());
    private final Map<String, Layer> layers;

    private Graph(Map<String, Layer> layers) { this.layers = layers; }

    /**
     * The graph with no layers.
     *
     * @return the empty graph
     */
    public static Graph empty() { return EMPTY; }

    /**
     * A graph of the given layers.
     *
     * @param layers the layers (a later one replaces an earlier one of the same name)
     * @return the graph
     */
    public static Graph of(Layer... layers) { return EMPTY.with(layers); }

    /**
     * This graph plus {@code more} layers (a layer with a name already present replaces it).
     *
     * @param more the layers to add
     * @return the new graph
     */
    public Graph with(Layer... more) {
        Map<String, Layer> m = new LinkedHashMap<>(layers);
        for (Layer l : more) m.put(l.name(), l);
        return new Graph(m);
    }

    /**
     * The union of graphs; layers with equal names must be the same object or equivalent.
     *
     * @param graphs the graphs
     * @return their union
     */
    public static Graph merge(Collection<Graph> graphs) {
        if (graphs.size() == 1) return graphs.iterator().next();
        Map<String, Layer> m = new LinkedHashMap<>();
        for (Graph g : graphs) m.putAll(g.layers);
        return new Graph(m);
    }

    /**
     * Varargs form of {@link #merge(Collection)}.
     *
     * @param graphs the graphs
     * @return their union
     */
    public static Graph merge(Graph... graphs) { return merge(List.of(graphs)); }

    /**
     * The layer named {@code name}.
     *
     * @param name a layer name
     * @return the layer, or null if there is none
     */
    public Layer layer(String name) { return layers.get(name); }

    /**
     * Every layer.
     *
     * @return the layers, in the order they were added (unmodifiable view)
     */
    public Collection<Layer> layers() { return layers.values(); }

    /**
     * The task that produces {@code key}.
     *
     * @param key a key of one of this graph's layers
     * @return the task
     * @throws IllegalArgumentException naming the key and the layers present if no layer produces it
     */
    public Task task(Key key) {
        Layer l = layers.get(key.name());
        if (l == null) {
            throw new IllegalArgumentException("no layer '" + key.name() + "' in the graph for key " + key
                    + "; layers present: " + layers.keySet());
        }
        return l.task(key);
    }

    @Override
    public String toString() { return "Graph" + layers.keySet(); }
}
