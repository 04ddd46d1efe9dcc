package dev.blockwork.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.time.Duration;

/**
 * A cluster-wide event flag (Dask's {@code Event}): {@link #set()}, {@link #clear()}, and {@link #await} until set.
 *
 * <p>Guarantees: a waiter returns true once it has seen the flag set (it is woken by a change listener, not by
 * polling). The flag is one entry of a replicated Hazelcast map (one backup: it survives one member's death); an
 * AP structure: under a network partition each side has its own flag. Happens-before: {@code set} → an
 * {@code await} that returns true because of it.
 */
public final class ClusterEvent implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    /** The event's name: the only field that travels when it is passed to a task. */
    private final String name;
    private transient volatile HazelcastInstance hz;

    ClusterEvent(HazelcastInstance hz, String name) {
        this.hz = hz;
        this.name = name;
    }

    private IMap<String, Boolean> map() {
        HazelcastInstance h = hz;
        if (h == null) hz = h = Coordination.instance();
        return h.getMap(Coordination.EVENTS);
    }

    /** {@return the event's name, the same in every client and task that uses it} */
    public String name() { return name; }

    /** Sets the flag: every waiter wakes. */
    public void set() { map().set(name, Boolean.TRUE); }

    /** Clears the flag. */
    public void clear() { map().delete(name); }

    /** {@return whether the flag is set now} Does not wait; the answer may be stale as soon as it returns. */
    public boolean isSet() { return Boolean.TRUE.equals(map().get(name)); }

    /**
     * Waits until the flag is set, at most {@code timeout}.
     *
     * @param timeout how long to wait
     * @return whether it is set
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean await(Duration timeout) throws InterruptedException {
        IMap<String, Boolean> m = map();
        return Coordination.awaitChange(m, name, timeout, () -> Boolean.TRUE.equals(m.get(name)));
    }

    @Override public String toString() { return "cluster event '" + name + "'"; }
}
