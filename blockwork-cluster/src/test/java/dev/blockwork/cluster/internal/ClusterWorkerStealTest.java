package dev.blockwork.cluster.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blockwork.graph.Key;
import dev.blockwork.graph.TaskFunction;
import dev.blockwork.process.serial.ClassAllowList;
import dev.blockwork.process.serial.Serialization;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A worker's side of stealing, in this JVM (no member needed for tasks without held inputs): a steal takes back only
 * tasks that have not started, the tail first, never one that runs; a stolen task never runs nor reports; and the
 * task thread and a steal racing for one task agree on exactly one winner.
 */
@Timeout(120)
class ClusterWorkerStealTest {
    static final long WAIT_MS = 60_000;
    static final String CLIENT = "client-1";
    static final Map<Long, AtomicInteger> RUNS = new ConcurrentHashMap<>();
    static volatile CountDownLatch started = new CountDownLatch(0), gate = new CountDownLatch(0);
    WorkerRuntime worker;

    @AfterEach
    void close() {
        gate.countDown();
        if (worker != null) worker.close();
        RUNS.clear();
    }

    /** Counts a run of task {@code x}; task 0 waits at the gate (bounded) after saying it started. */
    static long counted(Object[] a) throws InterruptedException {
        long x = (Long) a[0];
        RUNS.computeIfAbsent(x, k -> new AtomicInteger()).incrementAndGet();
        if (x == 0) {
            started.countDown();
            if (!gate.await(WAIT_MS, TimeUnit.MILLISECONDS)) throw new IllegalStateException("the gate did not open");
        }
        return x;
    }

    /** Submits tasks {@code ids}, task {@code ids[i]} calling {@link #counted} on {@code ids[i]}. */
    void submit(long... ids) {
        int n = ids.length;
        Object[] fns = new Object[n], keys = new Object[n], args = new Object[n];
        String[] labels = new String[n];
        for (int i = 0; i < n; i++) {
            fns[i] = (TaskFunction) ClusterWorkerStealTest::counted;
            keys[i] = Key.of("t", (int) ids[i]);
            labels[i] = "t";
            args[i] = new Object[] {ids[i]};
        }
        TaskBatch tb = new TaskBatch(new long[n], fns, keys, labels, args);
        Set<String> names = new HashSet<>();
        byte[] payload = ClassAllowList.collecting(names, () -> Serialization.get().serialize(tb).copy());
        worker.submit(CLIENT, ids, names.toArray(new String[0]), payload, new long[0], new byte[0][]);
    }

    /** Collects until {@code n} outcomes came (each wait bounded); returns their ids, in order. */
    List<Long> collect(int n) throws InterruptedException {
        List<Long> out = new ArrayList<>();
        while (out.size() < n) {
            Outcomes o = (Outcomes) Serialization.get().deserialize(worker.collect(CLIENT, WAIT_MS, n - out.size()));
            assertThat(o.size()).as("outcomes came within " + WAIT_MS + " ms, got " + out).isPositive();
            for (int i = 0; i < o.size(); i++) {
                assertThat(o.kinds()[i]).as("task " + o.ids()[i] + " ended well: " + o.payloads()[i]).isIn(Outcomes.HELD, Outcomes.INLINE);
                out.add(o.ids()[i]);
            }
        }
        return out;
    }

    @Test
    void aStealTakesTheTailOfTheQueueAndNeverARunningTask() throws Exception {
        worker = new WorkerRuntime("w", 1);
        started = new CountDownLatch(1);
        gate = new CountDownLatch(1);
        submit(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(started.await(WAIT_MS, TimeUnit.MILLISECONDS)).as("task 0 started").isTrue();
        long[] tailFirst = {9, 8, 7, 6, 5, 4, 3, 2, 1, 0};
        assertThat(worker.steal(CLIENT, tailFirst, 4)).containsExactly(9, 8, 7, 6);
        assertThat(worker.steal(CLIENT, tailFirst, 4)).as("asked again (a lost reply): the same answer").containsExactly(9, 8, 7, 6);
        assertThat(worker.steal(CLIENT, new long[] {0, 42}, 2)).as("a running task and an unknown one are not taken").isEmpty();
        gate.countDown();
        assertThat(collect(6)).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
        submit(10); // one thread, in order: had a stolen task run, its outcome would come before this one's
        assertThat(collect(1)).containsExactly(10L);
        assertThat(RUNS.keySet()).containsExactlyInAnyOrder(0L, 1L, 2L, 3L, 4L, 5L, 10L);
        assertThat(worker.steal(CLIENT, new long[] {5}, 1)).as("a finished task is not taken").isEmpty();
    }

    @Test
    void theTaskThreadAndAStealAgreeOnOneWinner() throws Exception {
        worker = new WorkerRuntime("w", 4);
        long next = 1; // task 0 is the gated one: not used here
        int stolenTotal = 0;
        for (int round = 0; round < 300; round++) {
            long[] ids = new long[8];
            for (int i = 0; i < ids.length; i++) ids[i] = next++;
            submit(ids);
            long[] taken = worker.steal(CLIENT, ids, ids.length);
            stolenTotal += taken.length;
            List<Long> reported = collect(ids.length - taken.length);
            Set<Long> all = new HashSet<>(reported);
            for (long t : taken) assertThat(all.add(t)).as("task " + t + " was stolen and reported").isTrue();
            assertThat(all).hasSize(ids.length);
            for (long r : reported) assertThat(RUNS.get(r)).as("task " + r + " ran once").hasValue(1);
            for (long t : taken) assertThat(RUNS.get(t)).as("stolen task " + t + " never ran").isNull();
        }
        assertThat(stolenTotal).as("some steals won (else the race was not exercised)").isPositive();
    }
}
