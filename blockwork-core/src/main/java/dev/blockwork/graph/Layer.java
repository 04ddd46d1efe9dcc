package dev.blockwork.graph;

import java.util.Collection;
import java.util.Set;

/**
 * A high-level graph node: one whole collection operation (all blocks of an element-wise expression,
 * all partials of a reduction, a set of Delayed calls...). A graph of a million blocks is a handful of
 * layers; low-level {@link Task}s exist only when a scheduler asks for them, one key at a time, so that
 * culling costs nothing for keys nobody needs.
 *
 * <p>Implementations must be immutable and thread-safe.
 */
public interface Layer {

    /**
     * The layer name; every key this layer produces has this name.
     *
     * @return the layer name
     */
    String name();

    /**
     * Names of the layers whose keys this layer's tasks depend on.
     *
     * @return the names of the layers it depends on
     */
    Set<String> dependencies();

    /**
     * Every key this layer can produce.
     *
     * @return every key it produces
     */
    Collection<Key> keys();

    /**
     * The task that produces {@code key}.
     *
     * @param key one of {@link #keys()}
     * @return the task that produces it
     * @throws IllegalArgumentException if this layer does not produce {@code key}
     */
    Task task(Key key);
}
