package dev.blockwork.graph;

import java.util.List;

/**
 * A task argument that stands for several keys at once: the task receives an {@code Object[]} of their
 * results, in this order. Used by combine steps with a variable fan-in (a reduction's tree combine,
 * concatenation). Nesting is one level deep: a {@code Keys} holds keys only.
 *
 * @param keys the keys, in the order their results are passed
 */
public record Keys(List<Key> keys) implements java.io.Serializable {
    /**
     * Copies the list.
     *
     * @param keys the keys, in the order their results are passed
     */
    public Keys {
        keys = List.copyOf(keys);
    }

    /**
     * The given keys, in order.
     *
     * @param keys the keys
     * @return the argument
     */
    public static Keys of(Key... keys) {
        return new Keys(List.of(keys));
    }
}
