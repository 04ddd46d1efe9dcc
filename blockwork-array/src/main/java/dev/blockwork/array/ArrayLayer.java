package dev.blockwork.array;

import dev.blockwork.graph.Key;
import dev.blockwork.graph.Layer;
import dev.blockwork.graph.Task;
import java.util.AbstractList;
import java.util.Collection;
import java.util.Set;

/**
 * Base of every array layer: the output is a grid of blocks described by {@link Chunks}; key
 * {@code (name, i, j, ...)} is block {@code (i, j, ...)}. Subclasses say how one block's task is built.
 * Immutable and thread-safe, like every {@link Layer}.
 */
abstract class ArrayLayer implements Layer, java.io.Serializable {
    private static final long serialVersionUID = 1L;

    final String name;
    final Set<String> dependencies;
    final Chunks chunks;

    ArrayLayer(String name, Set<String> dependencies, Chunks chunks) {
        this.name = name;
        this.dependencies = Set.copyOf(dependencies);
        this.chunks = chunks;
    }

    /** A fresh layer name {@code label-N}. */
    static String newName(String label) { return dev.blockwork.graph.Tokens.uniqueName(label); }

    /**
     * A deterministic name, {@code label-<token of parts>} (Dask's {@code tokenize}): the same operation on the same
     * inputs is named the same in every JVM. When a part has no stable identity (a user's function) the name is
     * unique instead ({@link #newName}).
     */
    static String name(String label, Object... parts) {
        return dev.blockwork.graph.Tokens.name(label, () -> newName(label), parts);
    }

    @Override public final String name() { return name; }

    @Override public final Set<String> dependencies() { return dependencies; }

    @Override
    public final Collection<Key> keys() {
        int n = chunks.blockCount();
        return new AbstractList<>() {
            @Override public Key get(int i) { return Key.of(name, chunks.blockIndex(i)); }

            @Override public int size() { return n; }
        };
    }

    @Override
    public final Task task(Key key) {
        if (!key.name().equals(name) || key.rank() != chunks.ndim()) {
            throw new IllegalArgumentException("layer " + name + " does not produce key " + key);
        }
        int[] idx = key.index();
        for (int d = 0; d < idx.length; d++) {
            if (idx[d] < 0 || idx[d] >= chunks.numBlocks(d)) {
                throw new IllegalArgumentException("layer " + name + " with " + chunks.blockCount() + " blocks "
                        + java.util.Arrays.toString(chunks.numBlocks()) + " does not produce key " + key);
            }
        }
        Task t = task(key, idx);
        if (t.function() instanceof dev.blockwork.schedule.HeldValue) return t; // runs nothing: the engine must see it as held
        return new Task(t.key(), t.label(), new Sequential(t.function()), t.args());
    }

    /**
     * A block task's function run with the ndarray kernels' own splitting turned off ({@link dev.blockwork.ndarray.Expr#sequential}):
     * the scheduler already runs blocks in parallel, so a block must not also fork onto the common pool.
     *
     * @param inner the block task's own function
     */
    record Sequential(dev.blockwork.graph.TaskFunction inner) implements dev.blockwork.graph.TaskFunction {
        @Override
        public Object apply(Object[] args) throws Exception {
            return dev.blockwork.ndarray.Expr.sequential(() -> inner.apply(args));
        }
    }

    /** The task for block {@code idx} (already checked to be in range). */
    abstract Task task(Key key, int[] idx);

    @Override
    public String toString() { return getClass().getSimpleName() + "[" + name + " " + chunks + "]"; }
}
