package dev.blockwork.cluster;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Where the coordination structures find their Hazelcast instance, and the one wait they share.
 *
 * <p>A structure made by {@link Cluster} uses that connection. Passed to a task (they are serializable: only the
 * name travels), it binds on the worker to that worker's member; in a client JVM, to the most recent open
 * connection. All of them keep their state in Hazelcast's AP structures (maps, queues): see each class for what
 * that guarantees.
 */
final class Coordination {
    /** The instance of this JVM's worker, or of its latest client connection. */
    private static volatile HazelcastInstance local;
    static final String LOCKS = "blockwork.locks", EVENTS = "blockwork.events", SEMAPHORES = "blockwork.semaphores",
            VARIABLES = "blockwork.variables", QUEUE_PREFIX = "blockwork.queue.";

    private Coordination() {}

    static void bindLocal(HazelcastInstance hz) { local = hz; }

    static HazelcastInstance instance() {
        HazelcastInstance hz = local;
        if (hz == null || !hz.getLifecycleService().isRunning()) {
            throw new IllegalStateException("no cluster in this JVM: a coordination structure needs a Worker here or a Cluster connection");
        }
        return hz;
    }

    static <T> ClusterQueue<T> queue(HazelcastInstance hz, String name) { return new ClusterQueue<>(hz, checkName(name)); }

    static ClusterLock lock(HazelcastInstance hz, String name) { return new ClusterLock(hz, checkName(name)); }

    static ClusterEvent event(HazelcastInstance hz, String name) { return new ClusterEvent(hz, checkName(name)); }

    static ClusterSemaphore semaphore(HazelcastInstance hz, String name, int permits) {
        if (permits < 1) throw new IllegalArgumentException("got " + permits + " permits for semaphore '" + name + "', expected >= 1");
        return new ClusterSemaphore(hz, checkName(name), permits);
    }

    static <T> ClusterVariable<T> variable(HazelcastInstance hz, String name) { return new ClusterVariable<>(hz, checkName(name)); }

    static String checkName(String name) {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("got an empty name, expected the structure's name");
        return name;
    }

    /**
     * Waits until {@code done} holds, re-checking whenever entry {@code key} of {@code map} changes (a listener,
     * no polling), for at most {@code timeout}. Returns whether it holds.
     */
    static boolean awaitChange(IMap<String, ?> map, String key, Duration timeout, BooleanSupplier done) throws InterruptedException {
        if (done.getAsBoolean()) return true; // the common case: no listener to register
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            CountDownLatch changed = new CountDownLatch(1);
            Object l = new Changed(changed);
            UUID reg = map.addEntryListener((com.hazelcast.map.listener.MapListener) l, key, false);
            try {
                if (done.getAsBoolean()) return true;
                long left = deadline - System.nanoTime();
                if (left <= 0 || !changed.await(left, TimeUnit.NANOSECONDS)) return done.getAsBoolean();
            } finally {
                map.removeEntryListener(reg);
            }
        }
    }

    private record Changed(CountDownLatch latch) implements EntryAddedListener<Object, Object>, EntryUpdatedListener<Object, Object>,
            EntryRemovedListener<Object, Object> {
        @Override public void entryAdded(EntryEvent<Object, Object> e) { latch.countDown(); }
        @Override public void entryUpdated(EntryEvent<Object, Object> e) { latch.countDown(); }
        @Override public void entryRemoved(EntryEvent<Object, Object> e) { latch.countDown(); }
    }
}
