package dev.blockwork.cli;

import dev.blockwork.cluster.ClusterSettings;
import dev.blockwork.cluster.Worker;
import dev.blockwork.cluster.WorkerOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code blockwork worker}: starts a cluster worker (a Hazelcast member running Blockwork's executor) in this JVM,
 * prints one line saying where it listens and whom it joined, and runs until stopped (Ctrl-C, SIGTERM).
 */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = {"Starts a cluster worker: a Hazelcast member that runs tasks for its clients.",
                "Clients use it with scheduler=cluster and cluster.address=HOST:PORT,",
                "or Cluster.connect(\"HOST:PORT\").",
                "Prints one line when ready (where it listens, whom it joined) and runs until",
                "stopped (Ctrl-C).",
                "Safe defaults: listens on 127.0.0.1 only; joins only a cluster of the same",
                "name. The open-source edition has no TLS or authentication: on an untrusted",
                "network use a private network, a VPN or a tunnel (docs/cluster.md)."})
final class WorkerCommand implements Callable<Integer> {
    @Option(names = {"-c", "--cluster-name"}, paramLabel = "NAME", description = "Cluster name; clients and members must use the same one (default: setting cluster.name, ${DEFAULT-VALUE}).")
    String clusterName = ClusterSettings.NAME.get();

    @Option(names = {"-j", "--join"}, split = ",", paramLabel = "HOST[:PORT]", description = "Members to join (comma-separated; default port 5701). None: start a new cluster that others join.")
    List<String> join = new ArrayList<>();

    @Option(names = "--kubernetes", paramLabel = "SERVICE-DNS", description = "Find members through Kubernetes (Hazelcast's discovery): the headless service's DNS name, e.g. blockwork-workers.default.svc.cluster.local. Excludes --join.")
    String kubernetes;

    @Option(names = {"-b", "--bind"}, paramLabel = "ADDRESS", description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only). 0.0.0.0 listens on every interface.")
    String bind = "127.0.0.1";

    @Option(names = "--public-address", paramLabel = "HOST[:PORT]", description = "Address others reach this worker at, if not the bind address (NAT, containers).")
    String publicAddress;

    @Option(names = {"-p", "--port"}, paramLabel = "PORT", description = "Port to listen on (default: ${DEFAULT-VALUE}; the next free one if taken, unless --exact-port).")
    int port = 5701;

    @Option(names = "--exact-port", description = "Fail if --port is taken instead of trying the next ones.")
    boolean exactPort;

    @Option(names = {"-t", "--threads"}, paramLabel = "N", description = "Threads that run tasks (default: the cores, ${DEFAULT-VALUE}).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = {"-m", "--memory-limit"}, paramLabel = "SIZE", description = "Results this worker should hold, e.g. 4g, 512m (default: the JVM's maximum heap). Above it, new work goes to other workers.")
    String memoryLimit;

    @Option(names = {"-n", "--name"}, paramLabel = "NAME", description = "This worker's name in task events and errors (default: worker-HOST-PID).")
    String name;

    @Option(names = "--code", paramLabel = "MODE", description = "Where task code comes from: client (default: classes this worker lacks are loaded from the client that sent them) or deployed (only this worker's class path).")
    String code = ClusterSettings.CODE.get();

    @Option(names = {"-v", "--verbose"}, description = "Log Hazelcast's INFO lines (membership changes) to standard error.")
    boolean verbose;

    @Override
    public Integer call() throws InterruptedException {
        WorkerOptions o;
        try {
            o = new WorkerOptions().clusterName(clusterName).join(join).bind(bind).port(port, !exactPort).threads(threads).code(code).verbose(verbose);
            if (kubernetes != null) o.kubernetes(kubernetes);
            if (publicAddress != null) o.publicAddress(publicAddress);
            if (memoryLimit != null) o.memoryLimit(parseSize(memoryLimit));
            if (name != null) o.name(name);
            o.conclude();
        } catch (IllegalArgumentException e) {
            System.err.println("blockwork worker: " + e.getMessage());
            return 2;
        }
        Worker w;
        try {
            w = Worker.start(o);
        } catch (IllegalStateException e) {
            System.err.println("blockwork worker: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            w.close();
            stopped.countDown();
        }, "blockwork-worker-stop"));
        System.out.println(w.readyLine());
        System.out.flush();
        stopped.await();
        return 0;
    }

    /**
     * A size such as {@code 4g}, {@code 512m}, {@code 64k} or a number of bytes.
     *
     * @param s the text
     * @return bytes
     * @throws IllegalArgumentException naming the text and the accepted forms
     */
    static long parseSize(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        if (t.endsWith("b")) t = t.substring(0, t.length() - 1);
        if (t.endsWith("k")) unit = 1L << 10;
        else if (t.endsWith("m")) unit = 1L << 20;
        else if (t.endsWith("g")) unit = 1L << 30;
        else if (t.endsWith("t")) unit = 1L << 40;
        if (unit > 1) t = t.substring(0, t.length() - 1);
        try {
            long n = Long.parseLong(t.trim());
            if (n <= 0) throw new NumberFormatException();
            return Math.multiplyExact(n, unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("got memory limit '" + s + "', expected a positive size such as 4g, 512m, 64k or a number of bytes");
        }
    }
}
