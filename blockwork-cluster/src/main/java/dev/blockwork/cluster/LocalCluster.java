package dev.blockwork.cluster;

import dev.blockwork.cluster.internal.WorkerMain;
import dev.blockwork.process.serial.ClassAllowList;
import dev.blockwork.schedule.Scheduler;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A cluster of worker JVMs on this machine, for tests and laptops: {@code n} {@link Worker}s on loopback ports, in
 * a cluster of their own (a unique name), and a {@link Cluster} connection to them.
 *
 * <pre>{@code
 * try (LocalCluster local = LocalCluster.start(2)) {
 *     NDArray r = z.compute(ComputeOptions.defaults().withScheduler(local.scheduler()));
 * }   // every worker JVM is gone here
 * }</pre>
 *
 * <p>Contract: {@link #start} returns when every worker is up and the connection sees all of them. Worker JVMs run
 * this JVM's {@code java} with its class path and the flags of {@link JvmFlags}; they halt when this JVM exits,
 * also by {@code kill -9} (each watches its parent), and {@link #close} kills them and waits for them to end: no
 * process is left behind. {@link #kill(int)} ({@code kill -9}) and {@link #addWorker()} are for fault and
 * elasticity tests.
 *
 * <p>Threading: thread-safe.
 */
public final class LocalCluster implements AutoCloseable {
    private static final AtomicInteger CLUSTERS = new AtomicInteger();
    /** Bound on a worker's start-up (setting {@code cluster.startSeconds}, default 120: two cores shared by many JVMs). */
    private static final Duration START = Duration.ofSeconds(ClusterSettings.START_SECONDS.getLong());
    private final String clusterName;
    private final int threadsPerWorker;
    private final List<Process> processes = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();
    private final List<StringBuffer> outputs = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Cluster cluster;
    private volatile boolean closed;

    private LocalCluster(int n, int threadsPerWorker) {
        this.clusterName = "local-" + ProcessHandle.current().pid() + "-" + CLUSTERS.incrementAndGet();
        this.threadsPerWorker = threadsPerWorker;
        Cluster c = null;
        try {
            List<Integer> all = new ArrayList<>();
            for (int i = 0; i < n; i++) all.add(freePort());
            List<CompletableFuture<String>> ready = new ArrayList<>();
            for (int i = 0; i < n; i++) ready.add(launch(all.get(i), all));
            for (int i = 0; i < n; i++) await(ready.get(i), i);
            c = Cluster.connect(clusterName, addresses());
            awaitWorkers(c, n);
        } catch (RuntimeException | Error e) {
            if (c != null) c.close();
            killAll();
            throw e;
        }
        this.cluster = c;
    }

    /**
     * Starts {@code n} worker JVMs, each with one task thread per core divided among them (at least 1).
     *
     * @param n workers, &gt;= 1
     * @return the running cluster, connected
     * @throws IllegalArgumentException if {@code n < 1}
     * @throws IllegalStateException    if a worker did not start (its output is in the message)
     */
    public static LocalCluster start(int n) {
        return start(n, Math.max(1, Runtime.getRuntime().availableProcessors() / Math.max(1, n)));
    }

    /**
     * Starts {@code n} worker JVMs with {@code threadsPerWorker} task threads each.
     *
     * @param n                workers, &gt;= 1
     * @param threadsPerWorker task threads of each, &gt;= 1
     * @return the running cluster, connected
     * @throws IllegalArgumentException if a count is below 1
     * @throws IllegalStateException    if a worker did not start
     */
    public static LocalCluster start(int n, int threadsPerWorker) {
        if (n < 1) throw new IllegalArgumentException("got " + n + " workers, expected >= 1");
        if (threadsPerWorker < 1) throw new IllegalArgumentException("got " + threadsPerWorker + " threads per worker, expected >= 1");
        return new LocalCluster(n, threadsPerWorker);
    }

    /** {@return the connection to the workers} It is closed when this cluster closes: do not close it yourself. */
    public Cluster cluster() { return cluster; }

    /** {@return the scheduler that runs computes on these workers} Same as {@code cluster().scheduler()}. */
    public Scheduler scheduler() { return cluster.scheduler(); }

    /** {@return the workers' addresses, {@code 127.0.0.1:port} each, in start order} */
    public synchronized List<String> addresses() {
        List<String> a = new ArrayList<>();
        for (int p : ports) a.add("127.0.0.1:" + p);
        return a;
    }

    /** {@return the cluster's name, unique to this LocalCluster so that it joins no other cluster} */
    public String name() { return clusterName; }

    /** {@return the worker JVMs' process handles, in start order (killed ones included)} */
    public synchronized List<ProcessHandle> processes() {
        List<ProcessHandle> out = new ArrayList<>();
        for (Process p : processes) out.add(p.toHandle());
        return out;
    }

    /** {@return the workers' names, in start order} */
    public synchronized List<String> workerNames() { return List.copyOf(names); }

    /**
     * Kills worker {@code i} with SIGKILL ({@code kill -9}) and waits until its process has ended.
     *
     * @param i the worker's index in start order
     * @throws IndexOutOfBoundsException if there is no such worker
     */
    public void kill(int i) {
        Process p;
        synchronized (this) { p = processes.get(i); }
        p.destroyForcibly();
        try {
            if (!p.waitFor(START.toSeconds(), TimeUnit.SECONDS)) throw new IllegalStateException("worker " + i + " (pid " + p.pid() + ") did not end after SIGKILL");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Starts one more worker JVM, which joins the running ones; returns when the connection sees it.
     *
     * @return its index
     * @throws IllegalStateException if it did not start
     */
    public int addWorker() {
        int port = freePort();
        List<Integer> all;
        synchronized (this) { all = new ArrayList<>(ports); }
        all.add(port);
        int before = cluster.workers().size();
        int index;
        synchronized (this) { index = processes.size(); }
        await(launch(port, all), index);
        awaitWorkers(cluster, before + 1);
        synchronized (this) { return processes.size() - 1; }
    }

    /**
     * The command line of a worker JVM on this machine: this JVM's java, the flags Hazelcast and Kryo need, the
     * settings workers inherit, this JVM's class path (and module path), then {@code WorkerMain} with
     * {@code --name}, {@code --parent} (it halts when this JVM ends) and {@code workerArgs}.
     */
    static List<String> workerCommand(String name, List<String> workerArgs) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.addAll(JvmFlags.HAZELCAST);
        cmd.add("-XX:+UseParallelGC");
        cmd.add("-XX:-UsePerfData");
        cmd.add("-Xss4m"); // deep chains unfused (20,000 steps) recurse in Kryo
        cmd.add("-Dkryo.unsafe=false");
        cmd.add("-D" + dev.blockwork.schedule.RemoteTask.WORKER_NAME_PROPERTY + "=" + name);
        cmd.add("-D" + ClassAllowList.PROPERTY + "=" + ClassAllowList.patterns());
        for (String key : new String[] {ClusterSettings.HEARTBEAT_SECONDS.property(), ClusterSettings.LOG_LEVEL.property(),
                ClusterSettings.REPLICA_BYTES.property(),
                dev.blockwork.process.ProcessSettings.SERIALIZER.property()}) {
            String v = System.getProperty(key);
            if (v != null) cmd.add("-D" + key + "=" + v);
        }
        cmd.add("-cp");
        cmd.add(dev.blockwork.process.internal.Launcher.classPath());
        cmd.add(WorkerMain.class.getName());
        cmd.addAll(List.of("--name", name, "--parent", Long.toString(ProcessHandle.current().pid())));
        cmd.addAll(workerArgs);
        return cmd;
    }

    private synchronized CompletableFuture<String> launch(int port, List<Integer> members) {
        String name = "worker-" + (processes.size() + 1) + "-" + port;
        List<String> join = new ArrayList<>();
        for (int p : members) if (p != port) join.add("127.0.0.1:" + p);
        List<String> cmd = workerCommand(name, List.of("--cluster", clusterName, "--port", Integer.toString(port),
                "--join", String.join(",", join), "--threads", Integer.toString(threadsPerWorker)));
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start worker JVM " + name + ": " + e.getMessage(), e);
        }
        processes.add(p);
        names.add(name);
        ports.add(port);
        CompletableFuture<String> ready = new CompletableFuture<>();
        StringBuffer early = new StringBuffer();
        outputs.add(early);
        // A platform thread: a virtual one blocked in a pipe read can hold a carrier (two cores: two carriers).
        Thread.ofPlatform().daemon().name("blockwork-local-" + name).start(() -> read(p, name, ready, early));
        return ready;
    }

    /** Reads a worker's output: its ready line completes {@code ready}; what comes before it explains a failed start. */
    private static void read(Process p, String name, CompletableFuture<String> ready, StringBuffer before) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (!ready.isDone()) {
                    if (line.startsWith("blockwork worker ")) ready.complete(line);
                    else if (before.length() < 16_000) before.append(line).append('\n');
                }
                // later output (Hazelcast's own log at the configured level) is dropped: the demo stays quiet
            }
        } catch (IOException e) {
            // the worker ended
        }
        ready.completeExceptionally(new IllegalStateException("worker " + name + " (pid " + p.pid() + ") ended before it was ready"
                + (before.isEmpty() ? "" : "; its output:\n" + before)));
    }

    private void await(CompletableFuture<String> ready, int index) {
        try {
            ready.get(START.toSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("worker " + index + " was not ready within " + START.toSeconds()
                    + " s (setting cluster.startSeconds); its output so far:\n" + outputs.get(index));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting worker " + index + "; its output so far:\n" + outputs.get(index), e);
        }
    }

    /** Waits (on membership events, bounded) until {@code c} sees {@code n} workers. */
    private static void awaitWorkers(Cluster c, int n) {
        long deadline = System.nanoTime() + START.toNanos();
        while (c.workers().size() < n) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("the client sees " + c.workers() + ", expected " + n + " workers");
            c.executor().awaitMembershipChange(100);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free loopback port for a worker: " + e.getMessage(), e);
        }
    }

    private void killAll() {
        List<Process> ps;
        synchronized (this) { ps = new ArrayList<>(processes); }
        for (Process p : ps) {
            try { p.getOutputStream().close(); } catch (IOException ignored) { } // a polite stop: stdin closes
            p.destroyForcibly();
        }
        for (Process p : ps) {
            try {
                p.waitFor(START.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Disconnects, kills every worker JVM and waits for them to end. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try {
            if (cluster != null) cluster.close();
        } finally {
            killAll();
        }
    }
}
