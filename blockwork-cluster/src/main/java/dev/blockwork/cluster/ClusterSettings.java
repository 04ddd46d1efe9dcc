package dev.blockwork.cluster;

import dev.blockwork.config.Setting;
import dev.blockwork.config.SettingsGroup;
import java.util.List;

/** blockwork-cluster's settings (the reference table is made from these: docs/configuration.md). */
public final class ClusterSettings implements SettingsGroup {
    /** Where the {@code cluster} scheduler connects. */
    public static final Setting ADDRESS = Setting.text("cluster.address", null, "host:port[,host:port...] or local",
            "workers the `cluster` scheduler connects to; `local` starts a LocalCluster of cluster.localWorkers JVMs on first use");
    /** The cluster name that clients and workers must share. */
    public static final Setting NAME = Setting.text("cluster.name", "blockwork", "text",
            "the cluster name: a client or worker joins only a cluster of the same name");
    /** Worker JVMs of {@code cluster.address=local}. */
    public static final Setting LOCAL_WORKERS = Setting.integer("cluster.localWorkers", 2, "count",
            "worker JVMs started for cluster.address=local");
    /** Tasks a client keeps in flight on one worker. */
    public static final Setting IN_FLIGHT = Setting.integer("cluster.inFlightPerWorker", 512, "count",
            "most tasks the client keeps queued or running on one worker (the rest wait at the client, for locality and for workers that join)");
    /** Tasks in one call to a worker. */
    public static final Setting BATCH = Setting.integer("cluster.batchSize", 256, "count",
            "most tasks shipped to a worker in one call");
    /** Bytes of values fetched from peers that a worker keeps for its next tasks. */
    public static final Setting REPLICA_BYTES = Setting.integer("cluster.replicaBytes", 64L << 20, "bytes",
            "values a worker fetched from other workers that it keeps for its next tasks (most recently used; 0: none)").onStart();
    /** Heartbeat timeout of members and clients. */
    public static final Setting HEARTBEAT_SECONDS = Setting.integer("cluster.heartbeatSeconds", 10, "s",
            "a member or client not heard from for this long is dropped (Hazelcast's default, 60 s, is lowered)").onStart();
    /** Whether workers load classes they lack from the client that sent the task. */
    public static final Setting CODE = Setting.text("cluster.code", "client", "client, deployed",
            "client: workers load application classes they lack from the sending client; deployed: only their own class path").onStart();
    /** Hazelcast's log level in Blockwork JVMs. */
    public static final Setting LOG_LEVEL = Setting.text("cluster.logLevel", "SEVERE", "java.util.logging level",
            "level of Hazelcast's own log (routed to java.util.logging); workers log at INFO when started with --verbose").onStart();

    /** Bound on a LocalCluster worker's start-up. */
    public static final Setting START_SECONDS = Setting.integer("cluster.startSeconds", 120, "s",
            "how long LocalCluster waits for a worker JVM to be ready (two shared cores can make a start slow)");

    /** Creates the group (for {@link java.util.ServiceLoader}). */
    public ClusterSettings() {}

    @Override public String module() { return "blockwork-cluster"; }

    @Override public List<Setting> settings() {
        return List.of(ADDRESS, NAME, LOCAL_WORKERS, IN_FLIGHT, BATCH, REPLICA_BYTES, HEARTBEAT_SECONDS, CODE, LOG_LEVEL, START_SECONDS);
    }
}
