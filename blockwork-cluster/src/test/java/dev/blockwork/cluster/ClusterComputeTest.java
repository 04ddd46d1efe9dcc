package dev.blockwork.cluster;

import static dev.blockwork.array.DArrays.chunks;
import static dev.blockwork.array.DArrays.shape;
import static org.assertj.core.api.Assertions.assertThat;

import dev.blockwork.array.DArray;
import dev.blockwork.array.DRandom;
import dev.blockwork.delayed.Delayed;
import dev.blockwork.futures.Client;
import dev.blockwork.futures.TaskFuture;
import dev.blockwork.ndarray.NDArray;
import dev.blockwork.schedule.ComputeOptions;
import dev.blockwork.schedule.SchedulerListener;
import dev.blockwork.schedule.TaskEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Graphs, arrays and futures on a 2-worker {@link LocalCluster}: results equal to {@code threads}, blocks kept on
 * the workers by {@code persist()}, futures passed between tasks, tasks that submit tasks, and the coordination
 * structures used from tasks in the worker JVMs.
 */
@Timeout(300)
class ClusterComputeTest {
    static LocalCluster local;
    static final Duration WAIT = Duration.ofSeconds(60);

    @BeforeAll
    static void start() { local = LocalCluster.start(2, 2); }

    @AfterAll
    static void stop() { Leaks.closeAndCheck(local); }

    static ComputeOptions cluster() { return ComputeOptions.defaults().withScheduler(local.scheduler()).withProgress(false); }

    static ComputeOptions threads() { return ComputeOptions.defaults().withScheduler("threads").withProgress(false); }

    static long square(long x) { return x * x; }

    static long add(long a, long b) { return a + b; }

    @Test
    void arraysEqualThreads() {
        DArray x = new DRandom(42).uniform(shape(600, 400), chunks(100, 100));
        DArray z = x.add(x.mul(2)).sub(1);
        NDArray onCluster = z.compute(cluster()), onThreads = z.compute(threads());
        assertThat(onCluster.allClose(onThreads, 0, 0, false)).isTrue();
        assertThat(z.sum().compute(cluster()).item()).isCloseTo(z.sum().compute(threads()).item(), org.assertj.core.data.Offset.offset(1e-6));
        DArray m = x.matmul(x.transpose());
        assertThat(m.compute(cluster()).allClose(m.compute(threads()), 1e-12, 1e-9, false)).isTrue();
        DArray seed = DArray.ones(shape(1000, 1000), chunks(100, 100));
        assertThat(seed.add(seed.mul(2)).sum().compute(cluster()).item()).isEqualTo(3_000_000.0);
        int held = local.cluster().heldResults();
        z.sum().compute(cluster());
        m.compute(cluster());
        // no growth (a collection meanwhile may release earlier tests' unreachable handles: fewer is fine)
        assertThat(local.cluster().heldResults()).as("intermediates and fetched outputs released: no growth").isLessThanOrEqualTo(held);
    }

    @Test
    void delayedEqualsThreadsAndRunsOnBothWorkers() {
        Set<String> workers = ConcurrentHashMap.newKeySet();
        SchedulerListener l = new SchedulerListener() {
            @Override public boolean wantsTaskEvents() { return true; }
            @Override public void onTaskFinish(dev.blockwork.schedule.ComputeInfo c, TaskEvent e) { workers.add(e.worker()); }
        };
        List<Delayed<Long>> squares = new ArrayList<>();
        for (long i = 0; i < 200; i++) squares.add(Delayed.of(ClusterComputeTest::square, i));
        Delayed<Long> total = squares.get(0);
        for (int i = 1; i < squares.size(); i++) total = Delayed.of(ClusterComputeTest::add, total, squares.get(i));
        assertThat(total.compute(cluster().withListener(l))).isEqualTo(total.compute(threads())).isEqualTo(2_646_700L);
        assertThat(workers).as("task events name both workers").hasSize(2);
    }

    /**
     * Held results once the garbage of earlier tests is collected: handles are released when what holds them is
     * unreachable, so collects until two counts in a row agree (bounded).
     */
    static int settledHeldResults() {
        int last = -1;
        for (int i = 0; i < 50; i++) {
            System.gc();
            local.cluster().executor().awaitMembershipChange(20); // a bounded pause for the cleaner thread
            int now = local.cluster().heldResults();
            if (now == last) return now;
            last = now;
        }
        return last;
    }

    @Test
    void persistKeepsBlocksOnTheWorkers() {
        DArray x = new DRandom(7).uniform(shape(400, 400), chunks(100, 100));
        int before = settledHeldResults(); // earlier tests' unreachable handles are released first
        long fetchedBefore = local.cluster().bytesMoved()[2];
        DArray p = x.mul(3).persist(cluster());
        assertThat(local.cluster().heldResults() - before).as("16 blocks held on the workers").isEqualTo(16);
        assertThat(local.cluster().bytesMoved()[2] - fetchedBefore).as("persist fetches no block to the client").isZero();
        assertThat(p).isNotNull();
    }

    @Test
    void persistedBlocksFeedLaterComputesWhereTheyAre() {
        DArray x = new DRandom(7).uniform(shape(400, 400), chunks(100, 100));
        DArray p = x.mul(3).persist(cluster());
        long fetchedBefore = local.cluster().bytesMoved()[2];
        double s = p.sum().compute(cluster()).item();
        assertThat(s).isCloseTo(x.mul(3).sum().compute(threads()).item(), org.assertj.core.data.Offset.offset(1e-6));
        assertThat(local.cluster().bytesMoved()[2] - fetchedBefore).as("a sum of persisted blocks fetches no block to the client").isLessThan(100_000);
    }

    @Test
    void futuresPassBetweenTasksAndGatherPullsOnDemand() {
        try (Client client = local.cluster().client()) {
            List<TaskFuture<Long>> fs = client.map(ClusterComputeTest::square, List.of(1L, 2L, 3L, 4L));
            TaskFuture<Long> sum = client.submit(ClusterComputeTest::add, fs.get(0), fs.get(3));
            assertThat(sum.result(WAIT)).isEqualTo(17L);
            assertThat(client.gather(fs)).containsExactly(1L, 4L, 9L, 16L);
        }
    }

    static long sumLongs(Object[] xs) {
        long s = 0;
        for (Object x : xs) s += (Long) x;
        return s;
    }

    /**
     * Each distinct function runs its own code: lambdas of one call site that capture different values (a function
     * each in the client's table), and lambdas capturing more than the table keeps (they travel with each task).
     */
    @Test
    void distinctAndLargeFunctionsEachRunTheirOwnCode() {
        List<Delayed<Long>> parts = new ArrayList<>();
        for (long k = 0; k < 300; k++) {
            long kk = k;
            parts.add(Delayed.of((Long x) -> x + kk, 1000L));
            parts.add(Delayed.of(ClusterComputeTest::square, k)); // one function for all of these
        }
        byte[] big = new byte[40_000]; // 40 KB captured: over the table's limit per function
        new java.util.Random(1).nextBytes(big);
        java.util.Arrays.fill(big, 0, 20, (byte) 3);
        for (int i = 0; i < 20; i++) {
            int ii = i;
            parts.add(Delayed.of((Long x) -> x + big[ii] * ii, 0L));
        }
        Delayed<Long> total = Delayed.ofN("sum", ClusterComputeTest::sumLongs, parts.toArray());
        long expected = 0;
        for (long k = 0; k < 300; k++) expected += 1000 + k + k * k;
        for (int i = 0; i < 20; i++) expected += 3L * i;
        assertThat(total.compute(cluster())).isEqualTo(total.compute(threads())).isEqualTo(expected);
        assertThat(total.compute(cluster())).as("again, now that the workers have the functions").isEqualTo(expected);
    }

    /** A task that submits tasks of its own to the cluster it runs on, and waits for them. */
    static long fanOut(int n) throws Exception {
        try (Client client = Cluster.current().client()) {
            List<Long> xs = new ArrayList<>();
            for (long i = 1; i <= n; i++) xs.add(i);
            long total = 0;
            for (long v : client.gather(client.map(ClusterComputeTest::square, xs))) total += v;
            return total;
        }
    }

    @Test
    void tasksMaySubmitTasks() {
        assertThat(Delayed.of(ClusterComputeTest::fanOut, 10).compute(cluster())).isEqualTo(385L);
    }

    static String useCoordination(ClusterQueue<String> q, ClusterLock lock, ClusterEvent ev, ClusterSemaphore sem, ClusterVariable<String> v)
            throws Exception {
        String seen = v.get(WAIT);
        if (!sem.tryAcquire(WAIT)) return "no permit";
        try {
            lock.lock();
            try {
                q.put("from " + dev.blockwork.schedule.RemoteTask.workerName() + " saw " + seen);
            } finally {
                lock.unlock();
            }
        } finally {
            sem.release();
        }
        ev.set();
        return "ok";
    }

    @Test
    void coordinationStructuresWorkAcrossJvms() throws Exception {
        Cluster c = local.cluster();
        ClusterQueue<String> q = c.queue("q-" + System.nanoTime());
        ClusterLock lock = c.lock("lock-" + System.nanoTime());
        ClusterEvent ev = c.event("ev-" + System.nanoTime());
        ClusterSemaphore sem = c.semaphore("sem-" + System.nanoTime(), 1);
        ClusterVariable<String> v = c.variable("var-" + System.nanoTime());
        assertThat(ev.isSet()).isFalse();
        @SuppressWarnings("unchecked")
        var f = Delayed.<String>ofN("coordination", a -> useCoordination((ClusterQueue<String>) a[0], (ClusterLock) a[1], (ClusterEvent) a[2],
                (ClusterSemaphore) a[3], (ClusterVariable<String>) a[4]), q, lock, ev, sem, v).computeAsync(cluster());
        v.set("hello");
        assertThat(ev.await(WAIT)).as("the task set the event").isTrue();
        String msg = q.poll(WAIT);
        assertThat(msg).startsWith("from worker-").endsWith("saw hello").doesNotContain("pid " + ProcessHandle.current().pid());
        assertThat(dev.blockwork.schedule.Compute.await(f)).isEqualTo("ok");
        assertThat(sem.availablePermits()).isEqualTo(1);
        assertThat(lock.isLocked()).isFalse();
        assertThat(lock.tryLock(WAIT)).isTrue();
        lock.unlock();
    }

    /**
     * A class the workers do not have: compiled now into a directory that is on no worker's class path, loaded in
     * this JVM by a class loader of its own (as JShell or an IDE would); the workers load it from the client.
     */
    @Test
    void codeTravelsFromTheClientToWorkersThatLackIt(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path src = dir.resolve("com/example/shipped/Shipped.java");
        java.nio.file.Files.createDirectories(src.getParent());
        java.nio.file.Files.writeString(src, """
                package com.example.shipped;
                public class Shipped implements dev.blockwork.fn.Fn1<Integer, Integer> {
                    public Integer apply(Integer x) { return x * 7 + 1; }
                }
                """);
        javax.tools.JavaCompiler javac = javax.tools.ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-d", dir.toString(), "-cp", System.getProperty("java.class.path"), src.toString());
        assertThat(rc).isZero();
        try (java.net.URLClassLoader loader = new java.net.URLClassLoader(new java.net.URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            @SuppressWarnings("unchecked")
            dev.blockwork.fn.Fn1<Integer, Integer> f = (dev.blockwork.fn.Fn1<Integer, Integer>) loader.loadClass("com.example.shipped.Shipped")
                    .getDeclaredConstructor().newInstance();
            assertThat(System.getProperty("java.class.path")).doesNotContain(dir.toString());
            assertThat(Delayed.of(f, 6).compute(cluster())).isEqualTo(43);
        }
    }

    /** Workers bind to loopback by default: their ports answer on 127.0.0.1 and on no other address of this machine. */
    @Test
    void workersListenOnLoopbackOnly() throws Exception {
        java.net.InetAddress other = null;
        for (java.net.NetworkInterface ni : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
            if (!ni.isUp() || ni.isLoopback()) continue;
            for (java.net.InetAddress a : java.util.Collections.list(ni.getInetAddresses())) {
                if (a instanceof java.net.Inet4Address) other = a;
            }
        }
        for (String address : local.addresses()) {
            assertThat(address).startsWith("127.0.0.1:");
            int port = Integer.parseInt(address.substring(address.indexOf(':') + 1));
            try (java.net.Socket s = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
                assertThat(s.isConnected()).isTrue();
            }
            org.junit.jupiter.api.Assumptions.assumeTrue(other != null, "this machine has no non-loopback IPv4 address to try");
            java.net.InetAddress o = other;
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> {
                try (java.net.Socket s = new java.net.Socket()) { s.connect(new java.net.InetSocketAddress(o, port), 5000); }
            }).as("worker port " + port + " must not answer on " + o).isInstanceOf(java.io.IOException.class);
        }
    }
}
