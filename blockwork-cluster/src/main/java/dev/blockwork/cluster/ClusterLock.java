package dev.blockwork.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A cluster-wide mutual-exclusion lock (Dask's {@code Lock}), on a Hazelcast map-entry lock.
 *
 * <p>Guarantees, and their limits: while the cluster is connected, at most one thread in the whole cluster holds
 * the lock; it is reentrant and owned by the thread that took it (unlock it from that thread). If the holder's
 * JVM dies, its locks are released. <strong>It is not linearizable under a network partition</strong>: Hazelcast's
 * open-source edition has no CP subsystem (Raft-based {@code FencedLock} is Enterprise), so when the cluster
 * splits, each side may grant the lock, and there is no fencing token. Use it to avoid duplicate work, not
 * where a second holder would corrupt data; for that, use an external system with consensus (etcd, ZooKeeper)
 * or write idempotently. Happens-before: {@code unlock} → the next {@code lock} that succeeds.
 *
 * <p>Pass it to a task as an argument (only its name travels); on the worker it binds to the worker's member.
 */
public final class ClusterLock implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    /** The lock's name: the only field that travels when it is passed to a task. */
    private final String name;
    private transient volatile HazelcastInstance hz;

    ClusterLock(HazelcastInstance hz, String name) {
        this.hz = hz;
        this.name = name;
    }

    private IMap<String, Boolean> map() {
        HazelcastInstance h = hz;
        if (h == null) hz = h = Coordination.instance();
        return h.getMap(Coordination.LOCKS);
    }

    /** {@return the lock's name, the same in every client and task that uses it} */
    public String name() { return name; }

    /** Takes the lock, waiting as long as needed. */
    public void lock() { map().lock(name); }

    /**
     * Takes the lock if it is free within {@code timeout}.
     *
     * @param timeout how long to wait
     * @return whether this thread now holds it
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean tryLock(Duration timeout) throws InterruptedException {
        return map().tryLock(name, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Releases the lock.
     *
     * @throws IllegalMonitorStateException if this thread does not hold it
     */
    public void unlock() { map().unlock(name); }

    /** {@return whether some thread of the cluster holds it now} Does not wait; use it for monitoring, not to decide whether to lock. */
    public boolean isLocked() { return map().isLocked(name); }

    @Override public String toString() { return "cluster lock '" + name + "'"; }
}
