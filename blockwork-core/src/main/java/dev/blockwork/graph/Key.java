package dev.blockwork.graph;

import java.util.Arrays;

/**
 * Names one task's output: the name of the layer that produced it plus a block index
 * ({@code ("add-7", 2, 3)} is block (2, 3) of layer {@code add-7}; a {@link dev.blockwork.delayed.Delayed}
 * has an empty index).
 *
 * <p>Keys sit in hot hash maps while graphs are planned, so the hash is computed once and
 * {@code equals} compares the cached hash before anything else. Keys are immutable.
 */
public final class Key implements Comparable<Key>, java.io.Serializable {
    private static final int[] NO_INDEX = new int[0];
    private static final long serialVersionUID = 1L;

    /** The layer name. */
    private final String name;
    /** The block index (shared {@code NO_INDEX} when empty). */
    private final int[] index;
    /** Cached {@link #hashCode()}. */
    private final int hash;

    private Key(String name, int[] index) {
        this.name = name;
        this.index = index;
        this.hash = 31 * name.hashCode() + Arrays.hashCode(index);
    }

    /**
     * A key with a block index; {@code index} is copied.
     *
     * @param name the layer name, not empty
     * @param index the block index (empty for a Delayed)
     * @return the key
     * @throws IllegalArgumentException if {@code name} is null or empty
     */
    public static Key of(String name, int... index) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a key needs a non-empty layer name, got " + (name == null ? "null" : "\"\""));
        }
        return new Key(name, index.length == 0 ? NO_INDEX : index.clone());
    }

    /**
     * The name of the layer that produces this key.
     *
     * @return the layer name
     */
    public String name() { return name; }

    /**
     * Number of block-index components.
     *
     * @return the length of the block index
     */
    public int rank() { return index.length; }

    /**
     * The block index along axis {@code axis}.
     *
     * @param axis 0 to {@link #rank()} - 1
     * @return the index along that axis
     */
    public int index(int axis) { return index[axis]; }

    /**
     * A copy of the block index.
     *
     * @return the block index
     */
    public int[] index() { return index.clone(); }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Key k && k.hash == hash && k.name.equals(name) && Arrays.equals(k.index, index));
    }

    @Override
    public int hashCode() { return hash; }

    @Override
    public int compareTo(Key o) {
        int c = name.compareTo(o.name);
        return c != 0 ? c : Arrays.compare(index, o.index);
    }

    /** Dask-like rendering: {@code ('add-7', 2, 3)} or {@code 'inc-4'} without an index. */
    @Override
    public String toString() {
        if (index.length == 0) return "'" + name + "'";
        StringBuilder b = new StringBuilder("('").append(name).append('\'');
        for (int i : index) b.append(", ").append(i);
        return b.append(')').toString();
    }
}
