package dev.blockwork.cluster;

import static dev.blockwork.array.DArrays.chunks;
import static dev.blockwork.array.DArrays.shape;
import static org.assertj.core.api.Assertions.assertThat;

import dev.blockwork.array.DArray;
import dev.blockwork.delayed.Delayed;
import dev.blockwork.schedule.ComputeOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Nothing depends on sharing 127.0.0.1: two workers run in network namespaces of their own (Linux
 * {@code ip netns}), each with its own address on a bridge, as on two hosts; the client, in this JVM's namespace,
 * reaches them only through the bridge, and they reach each other only there. Needs root and iproute2 (the
 * {@code ip} command), which {@code .ci/run} installs; without them the test is skipped, saying so.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ClusterNetworkNamespacesTest {
    static Net net;
    static final List<WorkerJvm> workers = new ArrayList<>();
    static final List<String> readyLines = new ArrayList<>();
    static Cluster cluster;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Net.available(), "needs root and iproute2 (`ip netns`): skipped");
        net = Net.create(2);
        String name = "netns-" + ProcessHandle.current().pid();
        List<CompletableFuture<String>> ready = new ArrayList<>();
        for (int i = 0; i < 2; i++) ready.add(launch(i, name));
        for (CompletableFuture<String> r : ready) readyLines.add(r.get(90, TimeUnit.SECONDS));
        cluster = Cluster.connect(name, List.of(net.address(0) + ":5701", net.address(1) + ":5701"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (cluster.workers().size() < 2 && System.nanoTime() < deadline) cluster.executor().awaitMembershipChange(100);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (cluster != null) cluster.close();
            for (WorkerJvm w : workers) w.stop();
            for (WorkerJvm w : workers) assertThat(w.process().isAlive()).as("worker JVM ended").isFalse();
        } finally {
            if (net != null) net.close();
        }
    }

    static int inc(int x) { return x + 1; }

    static int add(int a, int b) { return a + b; }

    @Test
    void workersWithTheirOwnAddressesComputeTogether() {
        assertThat(cluster.workers()).hasSize(2);
        for (int i = 0; i < 2; i++) {
            assertThat(readyLines.get(i)).as("worker %d listens on its own address and joined the other", i)
                    .contains("listening on " + net.address(i) + ":5701").doesNotContain("127.0.0.1");
        }
        ComputeOptions on = ComputeOptions.defaults().withScheduler(cluster.scheduler()).withProgress(false);
        ComputeOptions threads = ComputeOptions.defaults().withScheduler("threads").withProgress(false);
        Delayed<Integer> c = Delayed.of(ClusterNetworkNamespacesTest::add, Delayed.of(ClusterNetworkNamespacesTest::inc, 1),
                Delayed.of(ClusterNetworkNamespacesTest::inc, 2));
        assertThat(c.compute(on)).isEqualTo(5);
        // Blocks made on both workers and reduced there: partial sums move between the namespaces.
        DArray x = DArray.arange(0, 4_000_000, 1, chunks(250_000), dev.blockwork.ndarray.DType.FLOAT64).mul(2);
        DArray p = x.persist(on);
        assertThat(p.sum().compute(on).item()).isEqualTo(x.sum().compute(threads).item());
        assertThat(p.add(1).compute(on)).isEqualTo(x.add(1).compute(threads));
    }

    /** Starts worker {@code i} inside its namespace, bound to its address, joining the other worker. */
    static CompletableFuture<String> launch(int i, String clusterName) throws IOException {
        WorkerJvm w = WorkerJvm.start(List.of("ip", "netns", "exec", net.namespace(i)), "ns-worker-" + (i + 1), clusterName,
                List.of("--port", "5701", "--bind", net.address(i), "--join", net.address(1 - i) + ":5701"));
        workers.add(w);
        return w.ready();
    }

    /** A bridge in this namespace and one namespace per worker, joined to it by a veth pair. */
    static final class Net implements AutoCloseable {
        final String id = Long.toString(ProcessHandle.current().pid() % 100_000);
        final int subnet = (int) (ProcessHandle.current().pid() % 200) + 20;
        final int n;
        final String bridge = "bwbr" + id;

        private Net(int n) { this.n = n; }

        static boolean available() {
            if (!"root".equals(System.getProperty("user.name"))) return false;
            for (String dir : new String[] {"/usr/sbin", "/sbin", "/usr/bin", "/bin"}) if (Files.isExecutable(Path.of(dir, "ip"))) return true;
            return false;
        }

        static Net create(int n) throws Exception {
            Net net = new Net(n);
            try {
                net.up();
            } catch (Exception | AssertionError e) {
                net.close();
                throw e;
            }
            return net;
        }

        String namespace(int i) { return "bwns" + i + "-" + id; }

        String address(int i) { return "10.77." + subnet + "." + (i + 2); }

        private void up() throws Exception {
            ip("link", "add", bridge, "type", "bridge");
            ip("addr", "add", "10.77." + subnet + ".1/24", "dev", bridge);
            ip("link", "set", bridge, "up");
            for (int i = 0; i < n; i++) {
                String ns = namespace(i), host = "bwh" + i + id, inner = "bwn" + i + id;
                ip("netns", "add", ns);
                ip("link", "add", host, "type", "veth", "peer", "name", inner);
                ip("link", "set", inner, "netns", ns);
                ip("link", "set", host, "master", bridge);
                ip("link", "set", host, "up");
                ip("netns", "exec", ns, "ip", "addr", "add", address(i) + "/24", "dev", inner);
                ip("netns", "exec", ns, "ip", "link", "set", inner, "up");
                ip("netns", "exec", ns, "ip", "link", "set", "lo", "up");
            }
        }

        @Override
        public void close() throws Exception {
            for (int i = 0; i < n; i++) run(false, "ip", "netns", "del", namespace(i)); // takes its veth pair with it
            run(false, "ip", "link", "del", bridge);
        }

        private static void ip(String... args) throws Exception {
            String[] cmd = new String[args.length + 1];
            cmd[0] = "ip";
            System.arraycopy(args, 0, cmd, 1, args.length);
            run(true, cmd);
        }

        private static void run(boolean check, String... cmd) throws Exception {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("%s ends", String.join(" ", cmd)).isTrue();
            if (check) assertThat(p.exitValue()).as("%s: %s", String.join(" ", cmd), out).isZero();
        }
    }
}
