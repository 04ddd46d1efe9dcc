package dev.blockwork.cluster;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.core.HazelcastInstance;
import dev.blockwork.cluster.internal.ClusterExecutor;
import dev.blockwork.cluster.internal.Datasets;
import dev.blockwork.cluster.internal.HazelcastConfigs;
import dev.blockwork.futures.Client;
import dev.blockwork.schedule.ComputeOptions;
import dev.blockwork.schedule.Scheduler;
import dev.blockwork.schedule.Schedulers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A connection from this JVM to a cluster of {@linkplain Worker workers}: the {@code cluster} scheduler that runs
 * any graph, array or future there, and the cluster's coordination structures.
 *
 * <pre>{@code
 * try (Cluster cluster = Cluster.connect("10.0.0.5:5701,10.0.0.6:5701")) {
 *     NDArray r = z.compute(ComputeOptions.defaults().withScheduler(cluster.scheduler()));
 *     try (Client client = cluster.client()) { ... futures on the workers ... }
 * }
 * }</pre>
 * or with no code change: {@code scheduler=cluster} and {@code cluster.address=host:port} in the configuration.
 *
 * <p>Contract: this JVM is a Hazelcast <em>client</em>: it holds no data of the cluster and schedules its own
 * computes (the engine's state lives here; workers execute). Results stay on the workers that made them until the
 * engine releases them; {@code compute()} fetches the outputs; {@code persist()} keeps them on the workers.
 * Closing the connection cancels its running computes and drops the results the workers hold for it.
 *
 * <p>Threading: thread-safe. {@link #close} is idempotent.
 */
public final class Cluster implements AutoCloseable {
    private final HazelcastInstance hz;
    private final ClusterExecutor executor;
    private final ClusterScheduler scheduler;
    private final Datasets datasets;
    private final String clusterName;
    private volatile boolean closed;

    /** Whether closing this also shuts the Hazelcast instance down (not a worker's own member). */
    private final boolean ownsInstance;

    private Cluster(HazelcastInstance hz, String clusterName, boolean ownsInstance) {
        this.hz = hz;
        this.ownsInstance = ownsInstance;
        this.clusterName = clusterName;
        this.executor = new ClusterExecutor(hz);
        this.scheduler = new ClusterScheduler(this);
        this.datasets = new Datasets(executor, hz, clusterName);
    }

    /**
     * Connects to the workers at {@code addresses} (a comma-separated list of {@code host[:port]}), cluster name
     * from the setting {@code cluster.name}.
     *
     * @param addresses one or more worker addresses; any one that answers is enough
     * @return the connection
     * @throws IllegalStateException if no worker answered within 20 s (naming the addresses and the cluster name)
     */
    public static Cluster connect(String addresses) {
        return connect(ClusterSettings.NAME.get(), Arrays.asList(addresses.split(",")));
    }

    /**
     * Connects to the workers at {@code addresses} of the cluster called {@code clusterName}.
     *
     * @param clusterName the cluster name the workers were started with
     * @param addresses   worker addresses, {@code host[:port]}
     * @return the connection
     * @throws IllegalArgumentException if no address is given
     * @throws IllegalStateException    if no worker answered within 20 s
     */
    public static Cluster connect(String clusterName, List<String> addresses) {
        List<String> a = new ArrayList<>();
        for (String s : addresses) if (!s.isBlank()) a.add(s.trim());
        if (a.isEmpty()) throw new IllegalArgumentException("got no worker address, expected host[:port] of at least one running worker");
        JvmFlags.checkOnce();
        HazelcastConfigs.quietLogging(HazelcastConfigs.configuredLevel());
        HazelcastInstance hz;
        try {
            hz = HazelcastClient.newHazelcastClient(HazelcastConfigs.client(clusterName, a));
        } catch (RuntimeException e) {
            throw new IllegalStateException("could not connect to cluster '" + clusterName + "' at " + a
                    + " (expected a running `blockwork worker` there, started with the same cluster name): " + e.getMessage(), e);
        }
        Coordination.bindLocal(hz);
        Cluster c = new Cluster(hz, clusterName, true);
        current = c;
        return c;
    }

    private static volatile Cluster current;

    /**
     * The cluster this JVM belongs to: in a task running on a worker, a connection through that worker's own member
     * (so that tasks may submit tasks: {@code Cluster.current().client().submit(...)}); in a client JVM, its most
     * recent connection. A task that waits for the tasks it submitted holds one of its worker's threads meanwhile:
     * leave threads for them (Dask's {@code secede} is not offered).
     *
     * @return the cluster
     * @throws IllegalStateException if this JVM is neither a worker nor connected
     */
    public static Cluster current() {
        Cluster c = current;
        if (c != null && !c.closed) return c;
        synchronized (Cluster.class) {
            if (current != null && !current.closed) return current;
            HazelcastInstance hz = Coordination.instance();
            return current = new Cluster(hz, hz.getConfig().getClusterName(), false);
        }
    }

    /**
     * The scheduler that runs computes on this cluster's workers; pass it to {@code ComputeOptions.withScheduler}.
     *
     * @return the scheduler
     * @throws IllegalStateException if this connection is closed
     */
    public Scheduler scheduler() {
        ensureOpen();
        return scheduler;
    }

    /**
     * A new futures client whose tasks run on this cluster's workers.
     *
     * @return the client (closing it does not close the connection)
     * @throws IllegalStateException if this connection is closed
     */
    public Client client() { return Client.create(scheduler(), false); }

    /**
     * Makes this cluster the default scheduler of this thread until the scope closes.
     *
     * @return the scope ({@code try (var s = cluster.use()) { ... }})
     */
    public Schedulers.Scope use() { return Schedulers.use(scheduler()); }

    /** {@return the names of the workers this client sees now} The list is a snapshot: workers may join or leave after it. */
    public List<String> workers() { return executor.workers(); }

    /** {@return the cluster's name, as the workers were started with it} */
    public String name() { return clusterName; }

    /** {@return how many results of this client's computes the workers hold now (not yet released)} */
    public int heldResults() { return executor.heldResults(); }

    /**
     * Bytes that moved between this client and the workers so far, for measurements.
     *
     * @return {@code {task batches sent, reports received, values fetched}}
     */
    public long[] bytesMoved() { return executor.bytesMoved(); }

    /**
     * A distributed FIFO queue of this cluster, shared by every client and task that names it.
     *
     * @param name the queue's name
     * @param <T>  the element type
     * @return the queue
     */
    public <T> ClusterQueue<T> queue(String name) { return Coordination.queue(hz(), name); }

    /**
     * A cluster-wide lock of this name (see {@link ClusterLock} for what it guarantees without a CP subsystem).
     *
     * @param name the lock's name
     * @return the lock
     */
    public ClusterLock lock(String name) { return Coordination.lock(hz(), name); }

    /**
     * A cluster-wide event (a flag that can be set, cleared and waited for).
     *
     * @param name the event's name
     * @return the event
     */
    public ClusterEvent event(String name) { return Coordination.event(hz(), name); }

    /**
     * A cluster-wide counting semaphore of {@code permits} permits (the first caller of a name sets the count).
     *
     * @param name    the semaphore's name
     * @param permits its permits, &gt;= 1
     * @return the semaphore
     */
    public ClusterSemaphore semaphore(String name, int permits) { return Coordination.semaphore(hz(), name, permits); }

    /**
     * A shared variable of this name (a value every client and task can get and set).
     *
     * @param name the variable's name
     * @param <T>  the value type
     * @return the variable
     */
    public <T> ClusterVariable<T> variable(String name) { return Coordination.variable(hz(), name); }

    /**
     * Publishes {@code value} under {@code name} for every client of this cluster (Dask's {@code publish_dataset}):
     * a {@code DArray} or {@code Delayed} is persisted here first (one already persisted is reused), a
     * {@code TaskFuture} is waited for, and their results stay on the workers, in the dataset's keeping, until
     * {@link #unpublish}, even after this client disconnects; a list of those is published item by item (and read
     * back as a list); any other value is stored as it is. A result lost with its worker cannot be made again by a reader: it then
     * fails saying so.
     *
     * @param name  the dataset's name, unique in the cluster
     * @param value a collection ({@link dev.blockwork.schedule.Publishable}) or any serializable value
     * @throws IllegalStateException if a dataset of that name exists (unpublish it first), or a worker failed
     */
    public void publish(String name, Object value) {
        datasetsApi().publish(name, value, ComputeOptions.defaults().withScheduler(scheduler()));
    }

    /**
     * The dataset published as {@code name} by any client of this cluster (Dask's {@code get_dataset}): a
     * collection over the results on the workers (reading it moves no data until a compute needs it).
     *
     * @param name the dataset's name
     * @param type what it is, e.g. {@code DArray.class}
     * @param <T>  its type
     * @return the dataset
     * @throws java.util.NoSuchElementException if there is none of that name (the message lists the names)
     * @throws ClassCastException               if it is not a {@code type}
     * @throws IllegalStateException            if one of its results was lost with its worker
     */
    public <T> T dataset(String name, Class<T> type) {
        Object v = datasetsApi().get(name);
        if (v != null && !type.isInstance(v)) {
            throw new ClassCastException("dataset '" + name + "' is a " + v.getClass().getName() + ", not a " + type.getName());
        }
        return type.cast(v);
    }

    /**
     * Removes the dataset {@code name}; the workers drop the results only it kept (collections already read from
     * it fail when they next read them).
     *
     * @param name the dataset's name
     * @return whether there was such a dataset
     */
    public boolean unpublish(String name) { return datasetsApi().unpublish(name); }

    /**
     * The datasets published on this cluster by any client (Dask's {@code list_datasets}).
     *
     * @return their names, sorted
     * @throws IllegalStateException if this connection is closed
     */
    public List<String> datasets() { return datasetsApi().names(); }

    private Datasets datasetsApi() {
        ensureOpen();
        return datasets;
    }

    HazelcastInstance hz() {
        ensureOpen();
        return hz;
    }

    ClusterExecutor executor() { return executor; }

    private void ensureOpen() {
        if (closed) throw new IllegalStateException("the connection to cluster '" + clusterName + "' is closed");
    }

    /** Cancels this connection's running computes and disconnects (the workers drop its results). */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try {
            executor.close();
        } finally {
            if (ownsInstance) hz.shutdown();
        }
    }

    @Override public String toString() { return "cluster '" + clusterName + "' (" + executor.workers().size() + " workers)"; }
}
