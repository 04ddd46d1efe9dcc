package dev.blockwork.cluster.internal;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.JavaSerializationFilterConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.SerializationConfig;
import dev.blockwork.cluster.ClusterSettings;
import dev.blockwork.cluster.WorkerOptions;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Hazelcast configuration of Blockwork's members and clients, in one place: the safe settings that
 * DEPENDENCIES.md found necessary (phone-home off, multicast and auto-detection off, explicit interfaces with
 * bind-any off, heartbeats lowered from 60 s), Blockwork's message factory, a Java-serialization filter, and
 * Hazelcast's log routed to java.util.logging at a quiet level.
 */
public final class HazelcastConfigs {
    /** The executor service of Blockwork's calls on every member. */
    public static final String EXECUTOR = "blockwork";
    /** The map of class files that clients ship (class name → bytes). */
    public static final String CODE_MAP = "blockwork.code";
    /** Member attributes: worker name, task threads, memory limit, pid. */
    public static final String ATTR_NAME = "blockwork.name", ATTR_THREADS = "blockwork.threads",
            ATTR_MEMORY = "blockwork.memoryLimit", ATTR_PID = "blockwork.pid";
    /** Kept so that the level set on it stays (java.util.logging holds loggers weakly). */
    private static final Logger HAZELCAST_LOG = Logger.getLogger("com.hazelcast");

    private HazelcastConfigs() {}

    /** Routes Hazelcast's log to java.util.logging at {@code level} (before any instance starts). */
    public static void quietLogging(Level level) {
        System.setProperty("hazelcast.logging.type", "jdk");
        HAZELCAST_LOG.setLevel(level);
    }

    /** The level of the setting {@code cluster.logLevel}. */
    public static Level configuredLevel() {
        String l = ClusterSettings.LOG_LEVEL.get();
        try {
            return Level.parse(l.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("got cluster.logLevel '" + l + "', expected a java.util.logging level (SEVERE, WARNING, INFO...)");
        }
    }

    /** A member's configuration for these worker options. */
    public static Config member(WorkerOptions o, String workerName) {
        Config c = new Config();
        c.setClusterName(o.clusterName());
        c.setInstanceName(workerName.replaceAll("[^A-Za-z0-9_.-]", "-"));
        common(c::setProperty);
        c.setProperty("hazelcast.socket.bind.any", "false");
        c.setProperty("hazelcast.shutdownhook.enabled", "false"); // Worker closes the member itself
        c.setProperty("hazelcast.graceful.shutdown.max.wait", "5");
        NetworkConfig n = c.getNetworkConfig();
        n.setPort(o.port()).setPortAutoIncrement(o.portAutoIncrement());
        if (o.publicAddress() != null) n.setPublicAddress(o.publicAddress());
        if (!"0.0.0.0".equals(o.bind())) n.getInterfaces().setEnabled(true).addInterface(o.bind());
        else c.setProperty("hazelcast.socket.bind.any", "true");
        JoinConfig j = n.getJoin();
        j.getMulticastConfig().setEnabled(false);
        j.getAutoDetectionConfig().setEnabled(false);
        if (o.kubernetesService() != null) {
            j.getTcpIpConfig().setEnabled(false);
            j.getKubernetesConfig().setEnabled(true).setProperty("service-dns", o.kubernetesService());
        } else {
            j.getTcpIpConfig().setEnabled(true).setMembers(o.members().isEmpty() ? List.of(o.bind().equals("0.0.0.0") ? "127.0.0.1" : o.bind()) : o.members());
        }
        c.getExecutorConfig(EXECUTOR).setPoolSize(Math.max(16, 4 * o.threads())).setStatisticsEnabled(false);
        c.getMemberAttributeConfig().setAttribute(ATTR_NAME, workerName);
        c.getMemberAttributeConfig().setAttribute(ATTR_THREADS, Integer.toString(o.threads()));
        c.getMemberAttributeConfig().setAttribute(ATTR_MEMORY, Long.toString(o.memoryLimitBytes()));
        c.getMemberAttributeConfig().setAttribute(ATTR_PID, Long.toString(ProcessHandle.current().pid()));
        serialization(c.getSerializationConfig());
        return c;
    }

    /** A client's configuration: connect to {@code addresses} of cluster {@code clusterName}. */
    public static ClientConfig client(String clusterName, List<String> addresses) {
        ClientConfig c = new ClientConfig();
        c.setClusterName(clusterName);
        c.setInstanceName("blockwork-client-" + ProcessHandle.current().pid() + "-" + CLIENTS.incrementAndGet());
        common(c::setProperty);
        c.setProperty("hazelcast.client.shutdownhook.enabled", "false");
        c.setProperty("hazelcast.client.heartbeat.timeout", Long.toString(ClusterSettings.HEARTBEAT_SECONDS.getLong() * 1000));
        c.setProperty("hazelcast.client.heartbeat.interval", "1000");
        c.getNetworkConfig().setAddresses(addresses).getClusterRoutingConfig().setRoutingMode(com.hazelcast.client.config.RoutingMode.ALL_MEMBERS);
        c.getConnectionStrategyConfig().getConnectionRetryConfig().setClusterConnectTimeoutMillis(20_000);
        serialization(c.getSerializationConfig());
        return c;
    }

    private static final java.util.concurrent.atomic.AtomicInteger CLIENTS = new java.util.concurrent.atomic.AtomicInteger();

    private static void common(java.util.function.BiFunction<String, String, ?> property) {
        property.apply("hazelcast.logging.type", "jdk");
        property.apply("hazelcast.phone.home.enabled", "false");
        long hb = ClusterSettings.HEARTBEAT_SECONDS.getLong();
        property.apply("hazelcast.max.no.heartbeat.seconds", Long.toString(hb));
        property.apply("hazelcast.heartbeat.interval.seconds", "1");
        property.apply("hazelcast.partition.count", "31"); // few data structures: 271 partitions would only cost start-up time
    }

    /** Blockwork's messages by factory id; Java serialization only for dev.blockwork classes (none are sent that way). */
    private static void serialization(SerializationConfig s) {
        s.addDataSerializableFactory(Messages.FACTORY_ID, new Messages.Factory());
        JavaSerializationFilterConfig f = new JavaSerializationFilterConfig();
        f.getWhitelist().addPrefixes("dev.blockwork.", "java.", "com.hazelcast.");
        s.setJavaSerializationFilterConfig(f);
    }
}
