package dev.blockwork.cluster;

import dev.blockwork.schedule.Execution;
import dev.blockwork.schedule.Scheduler;
import dev.blockwork.schedule.SchedulerProvider;
import java.util.Set;

/**
 * The {@code cluster} scheduler: runs any graph's tasks on the workers of a {@link Cluster} (Hazelcast members).
 *
 * <p>Selected like the others: {@code scheduler=cluster} plus {@code cluster.address=host:port[,...]} (and
 * {@code cluster.name} if not the default) in the configuration, or {@code cluster.address=local} to start a
 * {@link LocalCluster} of {@code cluster.localWorkers} JVMs on first use (stopped when this JVM exits). From
 * code: {@link Cluster#scheduler()}, {@link LocalCluster#scheduler()}.
 *
 * <p>Engine protocol: the executor keeps each result on the worker that made it and gives the engine a handle
 * ({@link dev.blockwork.schedule.HeldResult}); it takes handles as task inputs and runs a task where its largest
 * inputs are, the worker fetching the others from its peers. A worker that leaves fails its running tasks with
 * {@link dev.blockwork.schedule.WorkerLostException} (retried by the engine, then
 * {@link dev.blockwork.schedule.KilledWorkerException}) and loses its results, which the engine recomputes from
 * the graph. Cancels interrupt the task's thread on its worker. See {@code docs/cluster.md}.
 */
public final class ClusterScheduler implements Scheduler {
    private final Cluster cluster;

    ClusterScheduler(Cluster cluster) { this.cluster = cluster; }

    /** Registers {@code cluster}: connects (or starts a local cluster) on first use, as configured. */
    public static final class Provider implements SchedulerProvider {
        /** Made by {@link java.util.ServiceLoader}. */
        public Provider() {}

        @Override public Set<String> names() { return Set.of("cluster", "distributed"); }

        @Override public Scheduler create() { return new Lazy(); }
    }

    @Override public String name() { return "cluster"; }

    @Override public int parallelism() { return cluster.executor().parallelism(); }

    @Override public void execute(Execution execution) { cluster.executor().execute(execution); }

    /**
     * The cluster this scheduler runs on.
     *
     * @return the connection
     */
    public Cluster cluster() { return cluster; }

    /** The shared instance: connects on first use, from the configuration. */
    private static final class Lazy implements Scheduler {
        private volatile Cluster cluster;

        private Cluster cluster() {
            Cluster c = cluster;
            if (c != null) return c;
            synchronized (this) {
                if (cluster != null) return cluster;
                String address = ClusterSettings.ADDRESS.get();
                if (address == null || address.isBlank()) {
                    throw new IllegalStateException("scheduler=cluster needs the setting cluster.address (host:port of a running"
                            + " `blockwork worker`, e.g. -Dblockwork.cluster.address=127.0.0.1:5701), or cluster.address=local"
                            + " to start worker JVMs on this machine");
                }
                if (address.trim().equals("local")) {
                    LocalCluster local = LocalCluster.start((int) ClusterSettings.LOCAL_WORKERS.getLong());
                    Runtime.getRuntime().addShutdownHook(new Thread(local::close, "blockwork-local-cluster-stop"));
                    return cluster = local.cluster();
                }
                return cluster = Cluster.connect(address);
            }
        }

        @Override public String name() { return "cluster"; }
        @Override public int parallelism() { return cluster().executor().parallelism(); }
        @Override public void execute(Execution execution) { cluster().executor().execute(execution); }
    }
}
