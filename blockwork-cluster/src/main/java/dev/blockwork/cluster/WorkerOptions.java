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

    /**
     * The cluster name (default: the setting {@code cluster.name}).
     *
     * @param name the cluster name; a worker joins only members and accepts only clients of the same name
     * @return this
     * @throws NullPointerException     if {@code name} is null
     * @throws IllegalArgumentException if it is blank
     */
    public WorkerOptions clusterName(String name) { clusterName = requireText(name, "cluster name"); return this; }

    /**
     * Members to join, {@code host} or {@code host:port} (default port 5701). None: this worker starts a new cluster
     * that others join.
     *
     * @param addresses member addresses, added to those of earlier calls
     * @return this
     * @throws NullPointerException     if an address is null
     * @throws IllegalArgumentException if an address is blank
     */
    public WorkerOptions join(List<String> addresses) {
        for (String a : addresses) members.add(requireText(a, "member address"));
        return this;
    }

    /**
     * Finds members through Kubernetes (Hazelcast's built-in discovery) instead of a member list: the pods behind
     * a headless service of this DNS name (e.g. {@code blockwork-workers.default.svc.cluster.local}).
     *
     * @param serviceDns the headless service's DNS name
     * @return this
     * @throws NullPointerException     if {@code serviceDns} is null
     * @throws IllegalArgumentException if it is blank
     */
    public WorkerOptions kubernetes(String serviceDns) { kubernetesService = requireText(serviceDns, "Kubernetes service DNS name"); return this; }

    /**
     * The address to listen on and announce (default {@code 127.0.0.1}: nothing outside this machine can connect).
     * {@code 0.0.0.0} listens on every interface (then say which address to announce with {@link #publicAddress}).
     *
     * @param address an IP address of this machine
     * @return this
     * @throws NullPointerException     if {@code address} is null
     * @throws IllegalArgumentException if it is blank
     */
    public WorkerOptions bind(String address) { bind = requireText(address, "bind address"); return this; }

    /**
     * The address announced to other members and clients instead of the bind address (default: none, announce
     * the bind address): what they use to reach this one behind NAT or in containers.
     *
     * @param address {@code host} or {@code host:port}
     * @return this
     * @throws NullPointerException     if {@code address} is null
     * @throws IllegalArgumentException if it is blank
     */
    public WorkerOptions publicAddress(String address) { publicAddress = requireText(address, "public address"); return this; }

    /**
     * The port to listen on; with {@code autoIncrement} the next free one above it if taken (default 5701, auto).
     *
     * @param port          the port, 1-65535
     * @param autoIncrement try the following ports if taken
     * @return this
     * @throws IllegalArgumentException if {@code port} is out of range
     */
    public WorkerOptions port(int port, boolean autoIncrement) {
        if (port < 1 || port > 65535) throw new IllegalArgumentException("got port " + port + ", expected 1-65535");
        this.port = port;
        this.portAutoIncrement = autoIncrement;
        return this;
    }

    /**
     * How many tasks this worker runs at once (default: the cores).
     *
     * @param n threads that run tasks, &gt;= 1
     * @return this
     * @throws IllegalArgumentException if {@code n} is below 1
     */
    public WorkerOptions threads(int n) {
        if (n < 1) throw new IllegalArgumentException("got threads " + n + ", expected >= 1");
        threads = n;
        return this;
    }

    /**
     * Bytes of results this worker should hold; above it, clients send it only tasks whose inputs it holds (new
     * work goes to other workers). Default: the JVM's maximum heap.
     *
     * @param bytes the limit, &gt; 0
     * @return this
     * @throws IllegalArgumentException if {@code bytes} is not positive
     */
    public WorkerOptions memoryLimit(long bytes) {
        if (bytes <= 0) throw new IllegalArgumentException("got memory limit " + bytes + " bytes, expected > 0");
        memoryLimitBytes = bytes;
        return this;
    }

    /**
     * This worker's name (default: {@code worker-HOST-PORT}).
     *
     * @param name how task events and failures name this worker
     * @return this
     * @throws NullPointerException     if {@code name} is null
     * @throws IllegalArgumentException if it is blank
     */
    public WorkerOptions name(String name) { this.name = requireText(name, "worker name"); return this; }

    /**
     * Where the code of tasks comes from: {@code client} (default: classes this worker lacks are loaded from the
     * client that sent them) or {@code deployed} (only this worker's class path: deploy the application's jar).
     *
     * @param mode client or deployed
     * @return this
     * @throws IllegalArgumentException if {@code mode} is neither
     */
    public WorkerOptions code(String mode) {
        if (!"client".equals(mode) && !"deployed".equals(mode)) throw new IllegalArgumentException("got code mode '" + mode + "', expected client or deployed");
        code = mode;
        return this;
    }

    /**
     * Whether the worker logs Hazelcast's INFO lines (default: off, the level of the setting {@code cluster.logLevel}).
     *
     * @param on log Hazelcast's INFO lines (membership changes...) to standard error
     * @return this
     */
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

    /** {@return the cluster name} */
    public String clusterName() { return clusterName; }
    /** {@return a copy of the members to join (empty: start a new cluster or use Kubernetes)} */
    public List<String> members() { return List.copyOf(members); }
    /** {@return the Kubernetes service DNS name, or null if members are not found through Kubernetes} */
    public String kubernetesService() { return kubernetesService; }
    /** {@return the address to listen on} */
    public String bind() { return bind; }
    /** {@return the address announced to others, or null to announce the bind address} */
    public String publicAddress() { return publicAddress; }
    /** {@return the port to listen on (the first one tried if it may auto-increment)} */
    public int port() { return port; }
    /** {@return whether the worker may listen on a following port if {@link #port()} is taken} */
    public boolean portAutoIncrement() { return portAutoIncrement; }
    /** {@return how many tasks the worker runs at once} */
    public int threads() { return threads; }
    /** {@return the bytes of results above which the worker takes only tasks whose inputs it holds} */
    public long memoryLimitBytes() { return memoryLimitBytes; }
    /** {@return the worker name, or null for the default {@code worker-HOST-PORT}} */
    public String name() { return name; }
    /** {@return where task code comes from: {@code client} or {@code deployed}} */
    public String code() { return code; }
    /** {@return whether Hazelcast logs at INFO to standard error} */
    public boolean verbose() { return verbose; }

    static String requireText(String s, String what) {
        Objects.requireNonNull(s, what);
        if (s.isBlank()) throw new IllegalArgumentException("got an empty " + what + ", expected text");
        return s.trim();
    }
}
