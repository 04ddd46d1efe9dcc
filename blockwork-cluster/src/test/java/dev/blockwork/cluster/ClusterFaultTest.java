package dev.blockwork.cluster;

import static dev.blockwork.array.DArrays.chunks;
import static dev.blockwork.array.DArrays.shape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blockwork.array.DArray;
import dev.blockwork.delayed.Delayed;
import dev.blockwork.schedule.Computation;
import dev.blockwork.schedule.Compute;
import dev.blockwork.schedule.ComputeInfo;
import dev.blockwork.schedule.KilledWorkerException;
import dev.blockwork.schedule.RetryPolicy;
import dev.blockwork.schedule.SchedulerListener;
import dev.blockwork.schedule.TaskEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Faults and elasticity on real worker JVMs, in order on one {@link LocalCluster}: a worker that joins mid-compute
 * gets work; {@code kill -9} of a worker during a 16000² reduction still gives the right sum (its running tasks
 * retried, its results recomputed); a task that kills its workers fails with {@link KilledWorkerException}; no
 * worker JVM survives {@code close}.
 */
@Timeout(400)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFaultTest extends TwoWorkerClusterTest {
    /** Waits (bounded) for the gate to open, then returns {@code x}. */
    static int gated(ClusterEvent gate, int x) throws InterruptedException {
        if (!gate.await(WAIT)) throw new IllegalStateException("the gate did not open");
        return x;
    }

    static int sum(Object[] xs) {
        int s = 0;
        for (Object x : xs) s += (Integer) x;
        return s;
    }

    @Test
    @Order(1)
    void aWorkerThatJoinsMidComputeGetsWork() throws Exception {
        ClusterEvent gate = local.cluster().event("gate-" + System.nanoTime());
        Set<String> ranOn = ConcurrentHashMap.newKeySet();
        CountDownLatch started = new CountDownLatch(1);
        SchedulerListener l = new SchedulerListener() {
            @Override public boolean wantsTaskEvents() { return true; }
            @Override public void onComputeStart(ComputeInfo c) { started.countDown(); }
            @Override public void onTaskFinish(ComputeInfo c, TaskEvent e) { ranOn.add(e.worker()); }
        };
        int n = 1500; // more than the 2 x 512 tasks the client keeps in flight on the first two workers
        List<Delayed<Integer>> parts = new ArrayList<>();
        for (int i = 0; i < n; i++) parts.add(Delayed.of(ClusterFaultTest::gated, gate, 1));
        Delayed<Integer> total = Delayed.ofN("sum", ClusterFaultTest::sum, parts.toArray());
        Computation<Integer> run = total.computeAsync(on().withListener(l));
        assertThat(started.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        int joined = local.addWorker();
        String newcomer = local.workerNames().get(joined);
        gate.set();
        assertThat(Compute.await(run)).isEqualTo(n);
        assertThat(ranOn).as("tasks ran on the worker that joined, " + newcomer).contains(newcomer);
    }

    @Test
    @Order(2)
    void killMinus9OfAWorkerDuringAReductionStillGivesTheRightSum() throws Exception {
        DArray x = DArray.ones(shape(16000, 16000), chunks(1000, 1000)).add(1);
        CountDownLatch someDone = new CountDownLatch(40);
        SchedulerListener l = new SchedulerListener() {
            @Override public boolean wantsTaskEvents() { return true; }
            @Override public void onTaskFinish(ComputeInfo c, TaskEvent e) { someDone.countDown(); }
        };
        var run = x.sum().computeAsync(on().withListener(l));
        assertThat(someDone.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(run.isDone()).as("the reduction is still running when the worker is killed").isFalse();
        long pid = local.processes().get(0).pid();
        local.kill(0); // SIGKILL, and waits until the process has ended
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(Compute.await(run).item()).isEqualTo(2.0 * 16000 * 16000);
    }

    /** Ends the JVM it runs in, as a segfaulting native library or an OOM kill would. */
    static int killsItsWorker(int x) {
        Runtime.getRuntime().halt(137);
        return x;
    }

    @Test
    @Order(3)
    void aTaskThatKillsItsWorkersFailsWithKilledWorker() {
        Delayed<Integer> bad = Delayed.of(ClusterFaultTest::killsItsWorker, 1);
        assertThatThrownBy(() -> bad.compute(on().withRetryPolicy(new RetryPolicy(0, 1))))
                .isInstanceOf(KilledWorkerException.class)
                .hasMessageContaining(bad.key().toString());
    }

    /**
     * The client sends each function to a worker once and then names it by id: a worker that joins later (here after
     * the others died) has never seen the functions the client already has ids for, and must get them with its first
     * tasks, with no task failing or retried on the way.
     */
    @Test
    @Order(4)
    void aWorkerThatJoinsLaterGetsTheFunctionsTheOthersAlreadyHad() throws Exception {
        ClusterEvent gate = local.cluster().event("gate-" + System.nanoTime());
        gate.set();
        int joined = local.addWorker();
        String newcomer = local.workerNames().get(joined);
        Set<String> ranOn = ConcurrentHashMap.newKeySet();
        List<Throwable> retries = java.util.Collections.synchronizedList(new ArrayList<>());
        SchedulerListener l = new SchedulerListener() {
            @Override public boolean wantsTaskEvents() { return true; }
            @Override public void onTaskFinish(ComputeInfo c, TaskEvent e) { ranOn.add(e.worker()); }
            @Override public void onTaskRetry(ComputeInfo c, TaskEvent e, Throwable cause) { retries.add(cause); }
        };
        int n = 300;
        List<Delayed<Integer>> parts = new ArrayList<>();
        for (int i = 0; i < n; i++) parts.add(Delayed.of(ClusterFaultTest::gated, gate, 1)); // the function of the first test
        Delayed<Integer> total = Delayed.ofN("sum", ClusterFaultTest::sum, parts.toArray());
        assertThat(total.compute(on().withListener(l))).isEqualTo(n);
        assertThat(retries).as("no task was retried (a worker without the function would fail it)").isEmpty();
        assertThat(ranOn).as("tasks ran on the worker that joined, " + newcomer).contains(newcomer);
    }

    static int plusOne(int x) { return x + 1; }

    /**
     * Drops a client's session on the member it runs on, exactly as the member does when it hears that the client
     * disconnected (its results and the functions it sent are gone; the client may not have noticed).
     */
    static final class ResetSession implements java.util.concurrent.Callable<Boolean>, java.io.Serializable,
            com.hazelcast.core.HazelcastInstanceAware {
        private static final long serialVersionUID = 1L;
        private final String client;
        private transient com.hazelcast.core.HazelcastInstance hz;

        ResetSession(String client) { this.client = client; }

        @Override public void setHazelcastInstance(com.hazelcast.core.HazelcastInstance hz) { this.hz = hz; }

        @Override
        public Boolean call() {
            dev.blockwork.cluster.internal.WorkerRuntime.of(hz).clientLeft(client);
            return true;
        }
    }

    /**
     * A worker whose session for this client was reset no longer has the functions the client named by id: it says
     * so (FUNCTION_UNKNOWN), the client sends them again, and the tasks run again with them: the compute is right.
     */
    @Test
    @Order(5)
    void aWorkerThatLostTheClientsFunctionsGetsThemAgain() throws Exception {
        int n = 200;
        List<Delayed<Integer>> parts = new ArrayList<>();
        for (int i = 0; i < n; i++) parts.add(Delayed.of(ClusterFaultTest::plusOne, i)); // one function: it gets an id
        Delayed<Integer> total = Delayed.ofN("sum", ClusterFaultTest::sum, parts.toArray());
        int expected = n * (n + 1) / 2;
        assertThat(total.compute(on())).isEqualTo(expected);
        var hz = local.cluster().hz();
        String me = hz.getLocalEndpoint().getUuid().toString();
        var resets = hz.getExecutorService(dev.blockwork.cluster.internal.HazelcastConfigs.EXECUTOR).submitToAllMembers(new ResetSession(me));
        for (var f : resets.values()) assertThat(f.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        List<Throwable> retries = java.util.Collections.synchronizedList(new ArrayList<>());
        SchedulerListener l = new SchedulerListener() {
            @Override public boolean wantsTaskEvents() { return true; }
            @Override public void onTaskRetry(ComputeInfo c, TaskEvent e, Throwable cause) { retries.add(cause); }
        };
        assertThat(total.compute(on().withListener(l))).isEqualTo(expected);
        assertThat(retries).as("tasks that named a function the worker no longer had ran again").isNotEmpty()
                .allSatisfy(e -> assertThat(e).hasMessageContaining("no longer had the function"));
    }
}
