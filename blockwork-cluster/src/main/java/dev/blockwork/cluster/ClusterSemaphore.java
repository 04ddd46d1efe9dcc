package dev.blockwork.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.time.Duration;

/**
 * A cluster-wide counting semaphore (Dask's {@code Semaphore}): at most {@code permits} holders at once.
 *
 * <p>Guarantees, and their limits: permits are counted in one entry of a Hazelcast map, changed under that
 * entry's lock, so while the cluster is connected no more than {@code permits} acquisitions are outstanding. A
 * waiter is woken by a change listener (no polling). Unlike Hazelcast's CP {@code ISemaphore} (Enterprise), a
 * permit is <strong>not</strong> given back when its holder's JVM dies: release in {@code finally}. Under a
 * network partition each side counts on its own. The first {@link Cluster#semaphore} call for a name sets its
 * permit count; later calls with another count get the existing semaphore. Happens-before: {@code release} → the
 * {@code acquire} that takes that permit.
 */
public final class ClusterSemaphore implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    /** The semaphore's name: with {@link #permits}, all that travels when it is passed to a task. */
    private final String name;
    /** The permit count it was created with: the most that can be free at once. */
    private final int permits;
    private transient volatile HazelcastInstance hz;

    ClusterSemaphore(HazelcastInstance hz, String name, int permits) {
        this.hz = hz;
        this.name = name;
        this.permits = permits;
        map().putIfAbsent(name, permits);
    }

    private IMap<String, Integer> map() {
        HazelcastInstance h = hz;
        if (h == null) hz = h = Coordination.instance();
        return h.getMap(Coordination.SEMAPHORES);
    }

    /** {@return the semaphore's name, the same in every client and task that uses it} */
    public String name() { return name; }

    /**
     * Takes a permit if one is free within {@code timeout}.
     *
     * @param timeout how long to wait
     * @return whether a permit was taken
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean tryAcquire(Duration timeout) throws InterruptedException {
        IMap<String, Integer> m = map();
        boolean[] got = new boolean[1];
        Coordination.awaitChange(m, name, timeout, () -> got[0] = takeOne(m));
        return got[0];
    }

    private boolean takeOne(IMap<String, Integer> m) {
        m.lock(name);
        try {
            Integer left = m.get(name);
            if (left == null) left = permits; // its entry was lost with a member: start again from the count
            if (left <= 0) return false;
            m.set(name, left - 1);
            return true;
        } finally {
            m.unlock(name);
        }
    }

    /** Gives a permit back; releasing more often than acquiring never raises the free permits above the count. */
    public void release() {
        IMap<String, Integer> m = map();
        m.lock(name);
        try {
            Integer left = m.get(name);
            m.set(name, left == null ? permits : Math.min(permits, left + 1));
        } finally {
            m.unlock(name);
        }
    }

    /** {@return the permits free now} Does not wait; the answer may be stale as soon as it returns. */
    public int availablePermits() {
        Integer left = map().get(name);
        return left == null ? permits : left;
    }

    @Override public String toString() { return "cluster semaphore '" + name + "' (" + permits + " permits)"; }
}
