package dev.blockwork.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Many producer JVMs, a consumer JVM and consumer threads here, on a tiny ring so frames wrap and
 * every side blocks often. The short version runs by default; the soak version is tagged slow.
 */
class QueueStressTest {
    @AfterAll
    static void noLeaks() throws InterruptedException { Leaks.assertClean(); }

    record Produce(ProcessQueue<long[]> q, long from, int count) implements Serializable {}

    /** Values of varying size (1 to 40 longs) so frames take 1 to 3 slots. */
    static void produce(Produce p) {
        try (ProcessQueue<long[]> q = p.q()) {
            for (int i = 0; i < p.count(); i++) {
                long v = p.from() + i;
                long[] a = new long[1 + (int) (v % 40)];
                a[0] = v;
                q.put(a);
            }
        }
    }

    record Consume(ProcessQueue<long[]> in, ProcessQueue<Long> sums) implements Serializable {}

    static void consume(Consume c) {
        try (ProcessQueue<long[]> in = c.in(); ProcessQueue<Long> sums = c.sums()) {
            long sum = 0;
            while (true) {
                long[] a;
                try { a = in.take(); } catch (ChannelClosedException end) { break; }
                sum += a[0];
            }
            sums.put(sum);
        }
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void shortVersion() throws Exception { run(3, 5_000); }

    @Test
    @Tag("slow")
    @Timeout(value = 600, unit = TimeUnit.SECONDS)
    void soak() throws Exception { run(4, 500_000); }

    static void run(int producers, int perProducer) throws Exception {
        long total = (long) producers * perProducer;
        try (ProcessQueue<long[]> q = ProcessQueue.create(16, 128); ProcessQueue<Long> sums = ProcessQueue.create()) {
            List<WorkerProcess> ps = new ArrayList<>();
            try (WorkerProcess consumer = WorkerProcess.start(QueueStressTest::consume, new Consume(q, sums))) {
                for (int i = 0; i < producers; i++) {
                    ps.add(WorkerProcess.start(QueueStressTest::produce, new Produce(q, (long) i * perProducer, perProducer)));
                }
                AtomicLong here = new AtomicLong();
                List<Thread> threads = new ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    threads.add(Thread.ofPlatform().start(() -> {
                        while (true) {
                            long[] a;
                            try { a = q.poll(60, TimeUnit.SECONDS); } catch (ChannelClosedException end) { return; }
                            if (a == null) return;
                            assertThat(a.length).isEqualTo(1 + (int) (a[0] % 40));
                            here.addAndGet(a[0]);
                        }
                    }));
                }
                for (WorkerProcess p : ps) {
                    assertThat(p.join(300, TimeUnit.SECONDS)).isTrue();
                    assertThat(p.exitCode()).hasValue(0);
                    p.close();
                }
                q.shutdown();
                for (Thread t : threads) t.join(60_000);
                Long there = sums.poll(60, TimeUnit.SECONDS);
                assertThat(there).isNotNull();
                assertThat(here.get() + there).isEqualTo(total * (total - 1) / 2);
                assertThat(consumer.join(30, TimeUnit.SECONDS)).isTrue();
            }
        }
    }
}
