package dev.blockwork.array;

import dev.blockwork.graph.Graph;
import dev.blockwork.graph.Key;
import dev.blockwork.graph.Task;
import dev.blockwork.graph.TaskFunction;
import dev.blockwork.graph.TaskLayer;
import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.NDArray;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * A builder for algorithms whose task graph is not a layer pattern (the blocked factorisations of {@link Linalg}):
 * explicit tasks go into one work layer (Dask's plain dict graph), each output array is a layer of one small task
 * per block that checks and forwards the work task that made it. Task functions run like any block task
 * ({@link ArrayLayer.Sequential}: no nested fork onto the common pool). Not thread-safe; build on one thread, then
 * call {@link #output} for every result (no task may be added after the first output).
 */
final class BlockTasks {
    private final String work;
    private final List<Task> tasks = new ArrayList<>();
    private final Set<String> inputs = new LinkedHashSet<>();
    private final List<Graph> graphs = new ArrayList<>();
    private Graph graph;
    private int next;

    BlockTasks(String label) { this.work = ArrayLayer.newName(label); }

    /** Key of block {@code idx} of {@code a}, whose graph becomes an input of this one. */
    Key block(DArray a, int... idx) {
        String name = a.layerName();
        if (inputs.add(name)) graphs.add(a.graph());
        return Key.of(name, idx);
    }

    /** A new work task {@code f(args)}, where a {@link Key} argument is replaced by that key's result. */
    Key task(String label, TaskFunction f, Object... args) {
        if (graph != null) throw new IllegalStateException("BlockTasks " + work + ": a task added after the outputs were built");
        Key k = Key.of(work, next++);
        tasks.add(new Task(k, label, new ArrayLayer.Sequential(f), args));
        return k;
    }

    /** The work task that returns {@code value} (a small constant such as a zero block). */
    Key constant(String label, NDArray value) { return task(label, args -> value); }

    private Graph graph() {
        if (graph == null) {
            Graph g = graphs.isEmpty() ? Graph.empty() : Graph.merge(graphs);
            graph = tasks.isEmpty() ? g : g.with(new TaskLayer(work, tasks, union(inputs, work)));
        }
        return graph;
    }

    private static Set<String> union(Set<String> a, String b) {
        Set<String> s = new LinkedHashSet<>(a);
        s.add(b);
        return s;
    }

    /**
     * An array of {@code chunks} (float64) whose block {@code idx} is the result of {@code source.apply(idx)} (a work
     * task's or an input's key); its real shape is checked against the chunks when it is computed.
     */
    DArray output(String label, long[] shape, Chunks chunks, Function<int[], Key> source) {
        return output(label, shape, chunks, DType.FLOAT64, source);
    }

    /** {@link #output(String, long[], Chunks, Function)} of another dtype. */
    DArray output(String label, long[] shape, Chunks chunks, DType dtype, Function<int[], Key> source) {
        Graph g = graph();
        String name = ArrayLayer.newName(label);
        List<Task> out = new ArrayList<>();
        for (int b = 0; b < chunks.blockCount(); b++) {
            int[] idx = chunks.blockIndex(b);
            long[] want = chunks.blockShape(idx);
            Key src = source.apply(idx);
            out.add(new Task(Key.of(name, idx), label, args -> {
                NDArray r = (NDArray) args[0];
                MapBlocksLayer.check(r, want, dtype, label, idx);
                return r;
            }, new Object[] {src}));
        }
        return DArray.ofLayer(new TaskLayer(name, out, union(inputs, work)), g, shape, chunks, dtype);
    }

    /** Chunks from per-axis block sizes. */
    static Chunks chunks(long[]... sizes) { return Chunks.ofTrusted(sizes); }

    /** A one-block axis of {@code n}. */
    static long[] one(long n) { return new long[] {n}; }
}
