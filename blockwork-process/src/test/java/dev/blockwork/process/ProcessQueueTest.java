package dev.blockwork.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The queue conformance tests, tiny and large rings, with producers in real worker JVMs. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProcessQueueTest {
    @AfterAll
    static void noLeaks() throws InterruptedException { Leaks.assertClean(); }

    record Item(int producer, int seq, String text) implements Serializable {}

    record Job(ProcessQueue<Item> queue, int producer, int count) implements Serializable {}

    static void produce(Job job) {
        try (ProcessQueue<Item> q = job.queue()) {
            for (int i = 0; i < job.count(); i++) q.put(new Item(job.producer(), i, "item-" + i));
        }
    }

    @ParameterizedTest(name = "slots={0} slotBytes={1}")
    @CsvSource({"2, 64", "16384, 128"})
    void twoProducerJvmsOneConsumerKeepPerProducerOrder(int slots, int slotBytes) throws Exception {
        int n = 3000;
        try (ProcessQueue<Item> q = ProcessQueue.create(slots, slotBytes);
             WorkerProcess a = WorkerProcess.start(ProcessQueueTest::produce, new Job(q, 0, n));
             WorkerProcess b = WorkerProcess.start(ProcessQueueTest::produce, new Job(q, 1, n))) {
            int[] next = new int[2];
            for (int i = 0; i < 2 * n; i++) {
                Item it = q.poll(30, TimeUnit.SECONDS);
                assertThat(it).isNotNull();
                assertThat(it.seq()).isEqualTo(next[it.producer()]++);
                assertThat(it.text()).isEqualTo("item-" + it.seq());
            }
            assertThat(a.join(30, TimeUnit.SECONDS)).isTrue();
            assertThat(b.join(30, TimeUnit.SECONDS)).isTrue();
            assertThat(a.exitCode()).hasValue(0);
            assertThatThrownBy(() -> q.poll(10, TimeUnit.SECONDS)).as("empty, producers gone")
                    .isInstanceOf(PeerDiedException.class);
        }
    }

    static void consume(ProcessQueue<Integer> in, ProcessQueue<Integer> out) {
        try (in; out) {
            while (true) {
                Integer v;
                try { v = in.take(); } catch (ChannelClosedException e) { return; }
                out.put(v * 10);
            }
        }
    }

    record Pair(ProcessQueue<Integer> in, ProcessQueue<Integer> out) implements Serializable {}

    @Test
    void manyConsumersEachValueTakenOnceAndShutdownDrains() throws Exception {
        try (ProcessQueue<Integer> in = ProcessQueue.create(64, 64); ProcessQueue<Integer> out = ProcessQueue.create();
             WorkerProcess c1 = WorkerProcess.start((Pair p) -> consume(p.in(), p.out()), new Pair(in, out));
             WorkerProcess c2 = WorkerProcess.start((Pair p) -> consume(p.in(), p.out()), new Pair(in, out))) {
            for (int i = 0; i < 2000; i++) in.put(i);
            Set<Integer> seen = new HashSet<>();
            for (int i = 0; i < 2000; i++) assertThat(seen.add(out.poll(30, TimeUnit.SECONDS))).isTrue();
            assertThat(seen).hasSize(2000).contains(0, 19990);
            in.shutdown();
            assertThat(c1.join(30, TimeUnit.SECONDS)).isTrue();
            assertThat(c2.join(30, TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(() -> in.put(1)).isInstanceOf(ChannelClosedException.class);
        }
    }

    @Test
    void timedOperationsAndRawBytesInOneJvm() {
        try (ProcessQueue<Object> q = ProcessQueue.create(2, 64)) {
            assertThat(q.poll(5, TimeUnit.MILLISECONDS)).isNull();
            assertThat(q.offer("a")).isTrue();
            assertThat(q.offer("b")).isTrue();
            assertThat(q.offer("c", 5, TimeUnit.MILLISECONDS)).as("full").isFalse();
            assertThat(q.take()).isEqualTo("a");
            q.putBytes(new byte[] {7});
            assertThat(q.take()).isEqualTo("b");
            assertThat(q.takeBytes()).containsExactly(7);
            q.put(List.of(1, 2));
            q.shutdown();
            assertThat(q.take()).isEqualTo(List.of(1, 2));
            assertThatThrownBy(q::take).isInstanceOf(ChannelClosedException.class);
        }
    }

    static void putOneAndDie(ProcessQueue<String> q) {
        q.put("last words");
        Runtime.getRuntime().halt(9);
    }

    @Test
    void takeEndsWithPeerDiedWhenEveryOtherUserExited() throws Exception {
        try (ProcessQueue<String> q = ProcessQueue.create();
             WorkerProcess w = WorkerProcess.start(ProcessQueueTest::putOneAndDie, q)) {
            assertThat(q.take()).isEqualTo("last words");
            assertThat(w.join(30, TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(q::take).isInstanceOf(PeerDiedException.class).hasMessageContaining("every other process");
        }
    }

    static void putLate(ProcessQueue<String> q) {
        q.put("late but alive");
    }

    /**
     * Every other user has exited, but a handle is on its way to a new worker (still starting): the wait must
     * not give up on the short pipe-like grace; the value the new worker puts arrives.
     */
    @Test
    void aHandleInTransitToAStartingWorkerKeepsTheQueueAlive() throws Exception {
        try (ProcessQueue<String> q = ProcessQueue.create()) {
            try (WorkerProcess first = WorkerProcess.start(ProcessQueueTest::putOneAndDie, q)) {
                assertThat(q.take()).isEqualTo("last words");
                assertThat(first.join(30, TimeUnit.SECONDS)).isTrue();
            }
            try (WorkerProcess second = WorkerProcess.start(ProcessQueueTest::putLate, q)) { // JVM start-up: far over 20 ms
                assertThat(q.poll(60, TimeUnit.SECONDS)).isEqualTo("late but alive");
                assertThat(second.join(30, TimeUnit.SECONDS)).isTrue();
            }
            assertThatThrownBy(q::take).isInstanceOf(PeerDiedException.class); // nobody left, nothing in transit
        }
    }

    @Test
    void nullAndUnserializableValuesAreRejectedAtPut() {
        try (ProcessQueue<Object> q = ProcessQueue.create()) {
            assertThatThrownBy(() -> q.put(null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> q.put(new Object() { }))
                    .isInstanceOf(dev.blockwork.process.serial.UnserializableException.class)
                    .hasMessageContaining("ProcessQueueTest$");
            assertThatThrownBy(() -> q.put(new ArrayList<>(List.of(Thread.currentThread()))))
                    .isInstanceOf(dev.blockwork.process.serial.UnserializableException.class)
                    .hasMessageContaining("java.lang.Thread");
        }
    }
}
