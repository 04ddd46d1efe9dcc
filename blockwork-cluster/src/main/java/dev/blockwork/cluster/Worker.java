package dev.blockwork.cluster;

import com.hazelcast.client.Client;
import com.hazelcast.client.ClientListener;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.blockwork.cluster.internal.HazelcastConfigs;
import dev.blockwork.cluster.internal.WorkerRuntime;
import dev.blockwork.process.internal.CodeBridge;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;

/**
 * A worker: a Hazelcast member in this JVM that runs Blockwork tasks for the clients of its cluster
 * ({@code blockwork worker} runs one; {@link LocalCluster} starts JVMs that each run one).
 *
 * <p>Contract: {@link #start} returns once the member is up and has joined the members it was told of (or
 * started a cluster of its own); {@link #close} leaves the cluster and stops the task threads. Results the
 * worker holds live in its memory until their client releases them or disconnects. Task code comes from this
 * JVM's class path and, unless {@link WorkerOptions#code(String)} is {@code deployed}, from the client that sent
 * the task (only classes that client named, through the class allow-list of blockwork-process).
 *
 * <p>Threading: thread-safe; {@link #close} is idempotent.
 */
public final class Worker implements AutoCloseable {
    private final HazelcastInstance hz;
    private final WorkerRuntime runtime;
    private final String name;
    private volatile boolean closed;

    private Worker(HazelcastInstance hz, WorkerRuntime runtime, String name) {
        this.hz = hz;
        this.runtime = runtime;
        this.name = name;
    }

    /**
     * Starts a worker in this JVM.
     *
     * @param options how (validated by {@link WorkerOptions#conclude()})
     * @return the running worker
     * @throws IllegalArgumentException if the options conflict
     * @throws IllegalStateException if the member could not start (port taken, address not of this machine...)
     */
    public static Worker start(WorkerOptions options) {
        options.conclude();
        JvmFlags.checkOnce();
        HazelcastConfigs.quietLogging(options.verbose() ? Level.INFO : HazelcastConfigs.configuredLevel());
        String name = options.name() != null ? options.name() : "worker-" + hostName() + "-" + ProcessHandle.current().pid();
        com.hazelcast.config.Config config = HazelcastConfigs.member(options, name);
        WorkerRuntime runtime = new WorkerRuntime(name, options.threads());
        config.getUserContext().put(WorkerRuntime.CONTEXT_KEY, runtime); // there before the member is seen by anyone
        HazelcastInstance hz;
        try {
            hz = Hazelcast.newHazelcastInstance(config);
        } catch (RuntimeException e) {
            runtime.close();
            throw new IllegalStateException("worker " + name + " could not start a member on " + options.bind() + ":" + options.port()
                    + " (cluster '" + options.clusterName() + "'): " + e.getMessage(), e);
        }
        runtime.attach(hz);
        hz.getClientService().addClientListener(new ClientListener() {
            @Override public void clientConnected(Client client) { }
            @Override public void clientDisconnected(Client client) { runtime.clientLeft(client.getUuid().toString()); }
        });
        hz.getCluster().addMembershipListener(new com.hazelcast.cluster.MembershipListener() { // tasks of a dead peer's own computes
            @Override public void memberAdded(com.hazelcast.cluster.MembershipEvent e) { }
            @Override public void memberRemoved(com.hazelcast.cluster.MembershipEvent e) { runtime.clientLeft(e.getMember().getUuid().toString()); }
        });
        if ("client".equals(options.code())) {
            IMap<String, byte[]> code = hz.getMap(HazelcastConfigs.CODE_MAP);
            CodeBridge.classSource(className -> {
                byte[] b = code.get(className);
                return b == null ? new byte[0] : b;
            });
        } else {
            runtime.deployedCodeOnly();
        }
        Coordination.bindLocal(hz);
        return new Worker(hz, runtime, name);
    }

    /** {@return this worker's name (what task events and failures name)} */
    public String name() { return name; }

    /** {@return the address this worker's member listens on} */
    public InetSocketAddress address() {
        return hz.getCluster().getLocalMember().getSocketAddress();
    }

    /** {@return the {@code host:port} addresses of the other members of its cluster, as this worker sees them now} */
    public List<String> peers() {
        List<String> out = new ArrayList<>();
        for (Member m : hz.getCluster().getMembers()) {
            if (!m.localMember()) out.add(m.getAddress().getHost() + ":" + m.getAddress().getPort());
        }
        return out;
    }

    /** {@return the number of results this worker holds for its clients (not yet released by them)} */
    public int heldResults() { return runtime.heldResults(); }

    /**
     * The one line {@code blockwork worker} prints when ready: where it listens and whom it joined.
     *
     * @return e.g. {@code blockwork worker w1 listening on 127.0.0.1:5701, cluster 'blockwork', joined 127.0.0.1:5702 (2 members)}
     */
    public String readyLine() {
        InetSocketAddress a = address();
        List<String> peers = peers();
        return "blockwork worker " + name + " listening on " + a.getHostString() + ":" + a.getPort() + ", cluster '"
                + hz.getConfig().getClusterName() + "', " + (peers.isEmpty() ? "first member (joined nobody yet)"
                : "joined " + String.join(", ", peers) + " (" + (peers.size() + 1) + " members)");
    }

    /** Leaves the cluster and stops the task threads. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        runtime.close();
        hz.shutdown();
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "host";
        }
    }
}
