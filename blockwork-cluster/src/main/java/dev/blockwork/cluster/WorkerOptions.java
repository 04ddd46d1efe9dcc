package dev.blockwork.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a worker (a Hazelcast member running Blockwork's executor) starts: what {@code blockwork worker}'s options
 * set, and what {@link LocalCluster} passes to the JVMs it starts.
 *
 * <p>Defaults are safe: bind to loopback only, join nobody (a cluster of one until others join it), the cluster
 * name of the setting {@code cluster.name}. {@link #conclude()} validates the options and fills the defaults
 * (STYLE rule 5) before anything starts; {@link Worker#start} calls it.
 */
public final class WorkerOptions {
    private String clusterName = ClusterSettings.NAME.get();
    private final List<String> members = new ArrayList<>();
    private String kubernetesService;
    private String bind = "127.0.0.1";
    private String publicAddress;
    private int port = 5701;
    private boolean portAutoIncrement = true;
    private int threads = Runtime.getRuntime().availableProcessors();
    private long memoryLimitBytes = Runtime.getRuntime().maxMemory();
    private String name;
    private String code = ClusterSettings.CODE.get();
    private boolean verbose;

    /** Options with the defaults above. */
    public WorkerOptions() {}

    /** @param name the cluster name; a worker joins only members and accepts only clients of the same name @return this */
    public WorkerOptions clusterName(String name) { clusterName = requireText(name, "cluster name"); return this; }

    /**
     * Members to join, {@code host} or {@code host:port} (default port 5701). None: this worker starts a new cluster
     * that others join.
     *
     * @param addresses member addresses @return this
     */
    public WorkerOptions join(List<String> addresses) {
        for (String a : addresses) members.add(requireText(a, "member address"));
        return this;
    }

    /**
     * Finds members through Kubernetes (Hazelcast's built-in discovery) instead of a member list: the pods behind
     * a headless service of this DNS name (e.g. {@code blockwork-workers.default.svc.cluster.local}).
     *
     * @param serviceDns the headless service's DNS name @return this
     */
    public WorkerOptions kubernetes(String serviceDns) { kubernetesService = requireText(serviceDns, "Kubernetes service DNS name"); return this; }

    /**
     * The address to listen on and announce (default {@code 127.0.0.1}: nothing outside this machine can connect).
     * {@code 0.0.0.0} listens on every interface (then say which address to announce with {@link #publicAddress}).
     *
     * @param address an IP address of this machine @return this
     */
    public WorkerOptions bind(String address) { bind = requireText(address, "bind address"); return this; }

    /** @param address the address other members and clients use to reach this one (behind NAT, in containers) @return this */
    public WorkerOptions publicAddress(String address) { publicAddress = requireText(address, "public address"); return this; }

    /**
     * The port to listen on; with {@code autoIncrement} the next free one above it if taken (default 5701, auto).
     *
     * @param port the port, 1-65535 @param autoIncrement try the following ports if taken @return this
     */
    public WorkerOptions port(int port, boolean autoIncrement) {
        if (port < 1 || port > 65535) throw new IllegalArgumentException("got port " + port + ", expected 1-65535");
        this.port = port;
        this.portAutoIncrement = autoIncrement;
        return this;
    }

    /** @param n threads that run tasks (default: the cores) @return this */
    public WorkerOptions threads(int n) {
        if (n < 1) throw new IllegalArgumentException("got threads " + n + ", expected >= 1");
        threads = n;
        return this;
    }

    /**
     * Bytes of results this worker should hold; above it, clients send it only tasks whose inputs it holds (new
     * work goes to other workers). Default: the JVM's maximum heap.
     *
     * @param bytes the limit, > 0 @return this
     */
    public WorkerOptions memoryLimit(long bytes) {
        if (bytes <= 0) throw new IllegalArgumentException("got memory limit " + bytes + " bytes, expected > 0");
        memoryLimitBytes = bytes;
        return this;
    }

    /** @param name how task events and failures name this worker (default: {@code worker-HOST-PORT}) @return this */
    public WorkerOptions name(String name) { this.name = requireText(name, "worker name"); return this; }

    /**
     * Where the code of tasks comes from: {@code client} (default: classes this worker lacks are loaded from the
     * client that sent them) or {@code deployed} (only this worker's class path: deploy the application's jar).
     *
     * @param mode client or deployed @return this
     */
    public WorkerOptions code(String mode) {
        if (!"client".equals(mode) && !"deployed".equals(mode)) throw new IllegalArgumentException("got code mode '" + mode + "', expected client or deployed");
        code = mode;
        return this;
    }

    /** @param on log Hazelcast's INFO lines (membership changes...) to standard error @return this */
    public WorkerOptions verbose(boolean on) { verbose = on; return this; }

    /**
     * Validates cross-field rules: kubernetes discovery and a member list exclude each other.
     *
     * @return this
     * @throws IllegalArgumentException naming the conflicting options
     */
    public WorkerOptions conclude() {
        if (kubernetesService != null && !members.isEmpty()) {
            throw new IllegalArgumentException("got both --join " + members + " and --kubernetes " + kubernetesService + ", expected one way to find members");
        }
        return this;
    }

    /** @return the cluster name */
    public String clusterName() { return clusterName; }
    /** @return the members to join (may be empty) */
    public List<String> members() { return List.copyOf(members); }
    /** @return the Kubernetes service DNS name, or null */
    public String kubernetesService() { return kubernetesService; }
    /** @return the bind address */
    public String bind() { return bind; }
    /** @return the public address, or null */
    public String publicAddress() { return publicAddress; }
    /** @return the port */
    public int port() { return port; }
    /** @return whether the port may auto-increment */
    public boolean portAutoIncrement() { return portAutoIncrement; }
    /** @return the task threads */
    public int threads() { return threads; }
    /** @return the memory limit in bytes */
    public long memoryLimitBytes() { return memoryLimitBytes; }
    /** @return the worker name, or null for the default */
    public String name() { return name; }
    /** @return client or deployed */
    public String code() { return code; }
    /** @return whether Hazelcast logs at INFO */
    public boolean verbose() { return verbose; }

    static String requireText(String s, String what) {
        Objects.requireNonNull(s, what);
        if (s.isBlank()) throw new IllegalArgumentException("got an empty " + what + ", expected text");
        return s.trim();
    }
}
