package dev.blockwork.cluster;

import static dev.blockwork.array.DArrays.chunks;
import static dev.blockwork.array.DArrays.shape;
import static org.assertj.core.api.Assertions.assertThat;

import dev.blockwork.array.DArray;
import dev.blockwork.delayed.Delayed;
import dev.blockwork.futures.Client;
import dev.blockwork.futures.TaskFuture;
import dev.blockwork.ndarray.NDArray;
import dev.blockwork.schedule.Compute;
import dev.blockwork.schedule.ComputeInfo;
import dev.blockwork.schedule.SchedulerListener;
import dev.blockwork.schedule.TaskEvent;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Persisted results lost with their worker ({@code kill -9}) are made again from the collection's graph, as Dask's
 * scheduler recomputes a persisted key: before a later compute (the plan reads the recipe instead of the handle),
 * and while a compute that reads them runs (it is planned again); futures' held values are made again for their
 * readers and dependents. Each test kills the worker holding what it persisted and starts a new one for the next.
 */
@Timeout(400)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterPersistLossTest extends TwoWorkerClusterTest {
    /** Counts finished tasks per worker name. */
    static final class Where implements SchedulerListener {
        final Map<String, AtomicInteger> tasks = new ConcurrentHashMap<>();

        @Override public boolean wantsTaskEvents() { return true; }
        @Override public void onTaskFinish(ComputeInfo c, TaskEvent e) { tasks.computeIfAbsent(e.worker(), w -> new AtomicInteger()).incrementAndGet(); }

        /** The index (in start order) of the live worker that ran the most tasks. */
        int busiest() {
            String best = null;
            for (var e : tasks.entrySet()) if (best == null || e.getValue().get() > tasks.get(best).get()) best = e.getKey();
            return local.workerNames().indexOf(best);
        }
    }

    /** 16 blocks of 2 MB (locality keeps readers where the blocks are). */
    static DArray twos() { return DArray.ones(shape(2000, 2000), chunks(500, 500)).add(1); }

    @Test
    @Order(1)
    void aPersistedArrayWhoseWorkerDiedIsMadeAgainByTheNextCompute() {
        Where where = new Where();
        DArray p = twos().persist(on().withListener(where));
        assertThat(where.tasks).as("blocks were made on both workers").hasSize(2);
        int victim = where.busiest();
        local.kill(victim);
        awaitWorkers(1);
        assertThat(p.sum().compute(on()).item()).isEqualTo(2.0 * 2000 * 2000);
        NDArray again = p.compute(on());
        assertThat(again.sum().item()).isEqualTo(2.0 * 2000 * 2000);
        local.addWorker();
    }

    /** Reports that the task started (a queue the test reads), then waits (bounded) for the gate. */
    static NDArray gated(ClusterQueue<String> started, ClusterEvent gate, NDArray block) {
        try {
            started.put("started");
            if (!gate.await(WAIT)) throw new IllegalStateException("the gate did not open");
        } catch (InterruptedException e) {
            throw new IllegalStateException("interrupted at the gate", e);
        }
        return block;
    }

    @Test
    @Order(2)
    void aComputeReadingPersistedBlocksWhenTheirWorkerDiesIsPlannedAgainAndRight() throws Exception {
        Where where = new Where();
        DArray p = twos().persist(on().withListener(where));
        assertThat(where.tasks).as("blocks were made on both workers").hasSize(2);
        int victim = where.busiest();
        ClusterEvent gate = local.cluster().event("gate-" + System.nanoTime());
        ClusterQueue<String> started = local.cluster().queue("started-" + System.nanoTime());
        AtomicInteger starts = new AtomicInteger();
        SchedulerListener computes = new SchedulerListener() {
            @Override public void onComputeStart(ComputeInfo c) { starts.incrementAndGet(); }
        };
        var run = p.mapBlocks((b, info) -> gated(started, gate, b)).sum().computeAsync(on().withListener(computes));
        for (int i = 0; i < 2; i++) assertThat(started.poll(WAIT)).as("a task started on each worker").isNotNull();
        assertThat(run.isDone()).isFalse();
        local.kill(victim); // tasks on the other worker now read blocks that are gone
        awaitWorkers(1); // (a call in flight to the killed member fails; the client must know it left)
        gate.set();
        assertThat(Compute.await(run).item()).isEqualTo(2.0 * 2000 * 2000);
        assertThat(starts.get()).as("the compute was planned again after the blocks were lost").isGreaterThanOrEqualTo(2);
        local.addWorker();
    }


    @Test
    @Order(3)
    void aPersistedDelayedWhoseWorkerDiedIsMadeAgain() {
        Where where = new Where();
        Delayed<long[]> v = Delayed.of(LongRange::of, 200_000);
        Delayed<long[]> p;
        try (var scope = local.cluster().use()) {
            p = v.persist(); // persist() takes the default scheduler: this thread's scope
        }
        // where it was made: ask for it through a task and see which worker ran it
        Long first = Delayed.of(LongRange::total, p).compute(on().withListener(where));
        assertThat(first).isEqualTo(199_999L * 200_000 / 2);
        int victim = where.busiest(); // the reader ran where the 1.6 MB value is (locality)
        local.kill(victim);
        awaitWorkers(1);
        assertThat(Delayed.of(LongRange::total, p).compute(on())).isEqualTo(199_999L * 200_000 / 2);
        assertThat(LongRange.total(p.compute(on()))).isEqualTo(199_999L * 200_000 / 2);
        local.addWorker();
    }

    static long[] twice(long[] a) {
        long[] out = new long[a.length];
        for (int i = 0; i < a.length; i++) out[i] = 2 * a[i];
        return out;
    }

    /** Labels of finished tasks by worker name. */
    static final class Ran implements SchedulerListener {
        final Map<String, String> workerOf = new ConcurrentHashMap<>();

        @Override public boolean wantsTaskEvents() { return true; }
        @Override public void onTaskFinish(ComputeInfo c, TaskEvent e) { workerOf.put(e.label(), e.worker()); }
    }

    @Test
    @Order(4)
    void futuresWhoseWorkerDiedAreMadeAgainForTheirReadersAndDependents() {
        useFuturesAcrossAWorkerDeath();
        // their frame has ended: the futures are unreachable, and their values (first and made again) are released
        awaitHeldAtMost(0);
        assertThat(local.cluster().executor().heldDescriptions()).as("held after the futures became unreachable").isEmpty();
        local.addWorker();
    }

    private static void useFuturesAcrossAWorkerDeath() {
        Ran ran = new Ran();
        long sum = 199_999L * 200_000 / 2;
        try (Client client = Client.create(on().withListener(ran))) {
            TaskFuture<long[]> a = client.submit(LongRange::of, 200_000); // 1.6 MB: held on a worker
            TaskFuture<long[]> b = client.submit(ClusterPersistLossTest::twice, a);      // runs where a is
            assertThat(LongRange.total(b.result())).isEqualTo(2 * sum);
            String holder = ran.workerOf.get("twice");
            assertThat(holder).isNotNull();
            local.kill(local.workerNames().indexOf(holder));
            awaitWorkers(1);
            assertThat(LongRange.total(b.result())).as("b made again, and a before it").isEqualTo(2 * sum);
            assertThat(ran.workerOf.get("twice")).as("b was made again on the worker left").isNotEqualTo(holder);
            assertThat(LongRange.total(a.result())).isEqualTo(sum);
            assertThat(client.submit(LongRange::total, a).result()).isEqualTo(sum);
        }
    }

    /**
     * An iterative {@code x = f(x).persist()} keeps only the live iteration's blocks on the workers (its recipe
     * holds the earlier iterations' recipes, not their blocks), and a block of it lost with its worker is still made
     * again, from the first iteration's recipe on.
     */
    @Test
    @Order(5)
    void iteratedPersistsReleaseEarlierIterationsAndCanStillBeMadeAgain() throws Exception {
        Where where = new Where();
        awaitHeldAtMost(0);
        DArray x = twos().persist(on()); // 16 blocks of 2
        for (int i = 0; i < 4; i++) x = x.mapBlocks((b, info) -> b.add(b)).persist(on().withListener(where)); // ×2 each time
        awaitHeldAtMost(16);
        assertThat(local.cluster().heldResults()).as("only the last iteration's 16 blocks are held").isEqualTo(16);
        local.kill(where.busiest());
        awaitWorkers(1);
        assertThat(x.sum().compute(on()).item()).isEqualTo(2.0 * 16 * 2000 * 2000);
    }

    /** Handles are released when what holds them is collected: collects until at most {@code n} are held (bounded). */
    static void awaitHeldAtMost(int n) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (local.cluster().heldResults() > n && System.nanoTime() < deadline) {
            System.gc();
            local.cluster().executor().awaitMembershipChange(10); // a bounded pause between collections
        }
    }

    static void awaitWorkers(int n) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (local.cluster().workers().size() != n && System.nanoTime() < deadline) local.cluster().executor().awaitMembershipChange(1000);
        assertThat(local.cluster().workers()).hasSize(n);
    }
}
