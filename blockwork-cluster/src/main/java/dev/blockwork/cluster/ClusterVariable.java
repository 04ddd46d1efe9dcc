package dev.blockwork.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.blockwork.cluster.internal.Envelope;
import java.time.Duration;

/**
 * A shared variable of a cluster (Dask's {@code Variable}): one value that every client and task can set and
 * read. Also how a client publishes a dataset under a name for another client: {@code set} a value (or a small
 * description of where the data is, such as a Zarr path) and the other client {@code get}s it.
 *
 * <p>Guarantees: last writer wins; a reader sees the latest value that reached the entry's owner member. One
 * backup (survives one member's death); an AP structure: during a network partition each side may hold a
 * different value. Values are serialized with Blockwork's serializer (the class names that travel with a value
 * are trusted by its reader: one cluster, one trust domain). Happens-before: {@code set} → a {@code get} that
 * returns that value.
 *
 * @param <T> the value type
 */
public final class ClusterVariable<T> implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    /** The variable's name: the only field that travels when it is passed to a task. */
    private final String name;
    private transient volatile HazelcastInstance hz;

    ClusterVariable(HazelcastInstance hz, String name) {
        this.hz = hz;
        this.name = name;
    }

    private IMap<String, byte[]> map() {
        HazelcastInstance h = hz;
        if (h == null) hz = h = Coordination.instance();
        return h.getMap(Coordination.VARIABLES);
    }

    /** {@return the variable's name, the same in every client and task that uses it} */
    public String name() { return name; }

    /**
     * Sets the value, replacing the one there (last writer wins); does not wait for readers.
     *
     * @param value the new value (serializable; null deletes it)
     */
    public void set(T value) {
        if (value == null) map().delete(name);
        else map().set(name, Envelope.wrap(value));
    }

    /**
     * The value now, without waiting.
     *
     * @return the value, or null if none is set
     */
    @SuppressWarnings("unchecked")
    public T get() {
        byte[] b = map().get(name);
        return b == null ? null : (T) Envelope.unwrap(b, true);
    }

    /**
     * The value, waiting at most {@code timeout} for one to be set.
     *
     * @param timeout how long to wait
     * @return the value, or null if none was set in time
     * @throws InterruptedException if interrupted while waiting
     */
    @SuppressWarnings("unchecked")
    public T get(Duration timeout) throws InterruptedException {
        IMap<String, byte[]> m = map();
        Coordination.awaitChange(m, name, timeout, () -> m.containsKey(name));
        return get();
    }

    /** Deletes the value. */
    public void delete() { map().delete(name); }

    @Override public String toString() { return "cluster variable '" + name + "'"; }
}
