package dev.blockwork.cluster;

import com.hazelcast.collection.IQueue;
import com.hazelcast.core.HazelcastInstance;
import dev.blockwork.cluster.internal.Envelope;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A FIFO queue shared by every client and task of a cluster (Dask's {@code Queue}), on a Hazelcast {@code IQueue}.
 *
 * <p>Guarantees: each element is taken by exactly one taker; elements put by one thread are taken in the order
 * put. The queue lives on one member with one backup on another: it survives one member's death. It is an AP
 * structure: during a network partition each side may go on with its own copy. Elements are serialized with
 * Blockwork's serializer (the class allow-list applies; the cluster is one trust domain, so the application
 * class names that travel with an element are trusted by its reader). Happens-before: {@code put} → the
 * {@code take} that returns the element.
 *
 * <p>Pass it to a task as an argument (only its name travels); on the worker it binds to the worker's member.
 *
 * @param <T> the element type
 */
public final class ClusterQueue<T> implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    /** The queue's name: the only field that travels when it is passed to a task. */
    private final String name;
    private transient volatile HazelcastInstance hz;

    ClusterQueue(HazelcastInstance hz, String name) {
        this.hz = hz;
        this.name = name;
    }

    private IQueue<byte[]> q() {
        HazelcastInstance h = hz;
        if (h == null) hz = h = Coordination.instance();
        return h.getQueue(Coordination.QUEUE_PREFIX + name);
    }

    /** {@return the queue's name, the same in every client and task that uses it} */
    public String name() { return name; }

    /**
     * Appends {@code value}.
     *
     * @param value the element (serializable)
     * @throws InterruptedException if interrupted while waiting for room
     */
    public void put(T value) throws InterruptedException { q().put(Envelope.wrap(value)); }

    /**
     * Takes the head, waiting for one.
     *
     * @return the element
     * @throws InterruptedException if interrupted while waiting
     */
    @SuppressWarnings("unchecked")
    public T take() throws InterruptedException { return (T) Envelope.unwrap(q().take(), true); }

    /**
     * Takes the head, waiting at most {@code timeout}.
     *
     * @param timeout how long to wait
     * @return the element, or null if none came in time
     * @throws InterruptedException if interrupted while waiting
     */
    @SuppressWarnings("unchecked")
    public T poll(Duration timeout) throws InterruptedException {
        byte[] b = q().poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        return b == null ? null : (T) Envelope.unwrap(b, true);
    }

    /** {@return the number of elements now} A snapshot: other clients may put or take meanwhile. */
    public int size() { return q().size(); }

    @Override public String toString() { return "cluster queue '" + name + "'"; }
}
