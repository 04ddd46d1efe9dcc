package dev.blockwork.async;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Channel conformance for {@link AsyncQueue}, with tiny and large capacities (JCTools' QueueSanityTest). */
@Timeout(30)
class AsyncQueueTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 6, 207})
    void isFifoAndBounded(int capacity) throws Exception {
        AsyncQueue<Integer> q = new AsyncQueue<>(capacity);
        for (int i = 0; i < capacity; i++) {
            assertThat(q.offer(i)).isTrue();
        }
        assertThat(q.offer(-1)).isFalse();
        assertThat(q.offer(-1, TestWaits.SHORT)).isFalse();
        assertThat(q.size()).isEqualTo(capacity);
        for (int i = 0; i < capacity; i++) {
            assertThat(q.get()).isEqualTo(i);
        }
        assertThat(q.poll()).isNull();
        assertThat(q.poll(TestWaits.SHORT)).isNull();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 6, 207})
    void manyProducersAndConsumersLoseNothing(int capacity) throws Exception {
        AsyncQueue<Long> q = new AsyncQueue<>(capacity);
        int producers = 4;
        int perProducer = 1000;
        AtomicLong sum = new AtomicLong();
        AtomicLong count = new AtomicLong();
        try (TaskGroup g = TaskGroup.open()) {
            List<AsyncTask<Object>> producing = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                long base = p * 1_000_000L;
                producing.add(g.spawn(() -> {
                    for (int i = 1; i <= perProducer; i++) {
                        q.put(base + i);
                    }
                    return null;
                }));
            }
            for (int c = 0; c < 3; c++) {
                g.spawn(() -> {
                    try {
                        while (true) {
                            sum.addAndGet(q.get());
                            count.incrementAndGet();
                        }
                    } catch (AsyncQueueClosedException drained) {
                        return null;
                    }
                });
            }
            for (AsyncTask<Object> p : producing) {
                p.await();
            }
            q.close();
        }
        long expected = 0;
        for (int p = 0; p < producers; p++) {
            expected += p * 1_000_000L * perProducer + (long) perProducer * (perProducer + 1) / 2;
        }
        assertThat(count).hasValue((long) producers * perProducer);
        assertThat(sum).hasValue(expected);
    }

    @Test
    void cancellingATaskBlockedInPutEndsIt() throws Exception {
        AsyncQueue<String> q = new AsyncQueue<>(1);
        q.put("full");
        AtomicReference<Thread> thread = new AtomicReference<>();
        try (TaskGroup g = TaskGroup.open()) {
            AsyncTask<Object> producer = g.spawn(() -> {
                thread.set(Thread.currentThread());
                q.put("blocked");
                return null;
            });
            while (thread.get() == null) {
                Thread.onSpinWait();
            }
            TestWaits.awaitBlocked(thread.get());
            producer.cancel();
            assertThatThrownBy(producer::await).isInstanceOf(CancellationException.class)
                    .hasCauseInstanceOf(InterruptedException.class);
        }
        assertThat(q.size()).isEqualTo(1);
        assertThat(q.poll()).isEqualTo("full");
    }

    @Test
    void cancellingATaskBlockedInGetEndsIt() throws Exception {
        AsyncQueue<String> q = new AsyncQueue<>(4);
        AtomicReference<Thread> thread = new AtomicReference<>();
        try (TaskGroup g = TaskGroup.open()) {
            AsyncTask<String> consumer = g.spawn(() -> {
                thread.set(Thread.currentThread());
                return q.get();
            });
            while (thread.get() == null) {
                Thread.onSpinWait();
            }
            TestWaits.awaitBlocked(thread.get());
            consumer.cancel();
            assertThatThrownBy(consumer::await).isInstanceOf(CancellationException.class)
                    .hasCauseInstanceOf(InterruptedException.class);
        }
        q.put("still works");
        assertThat(q.get()).isEqualTo("still works");
    }

    @Test
    void interruptingABlockedPollWithTimeoutThrows() throws Exception {
        AsyncQueue<String> q = new AsyncQueue<>(1);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = Thread.ofVirtual().start(() -> {
            try {
                q.poll(TestWaits.LONG);
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        TestWaits.awaitBlocked(t);
        t.interrupt();
        t.join(TestWaits.LONG);
        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
    }

    @Test
    void closeWakesBlockedConsumersAfterDrainingTheRest() throws Exception {
        AsyncQueue<String> q = new AsyncQueue<>(2);
        q.put("last");
        AtomicReference<Thread> thread = new AtomicReference<>();
        try (TaskGroup g = TaskGroup.open()) {
            AsyncTask<List<String>> consumer = g.spawn(() -> {
                thread.set(Thread.currentThread());
                List<String> got = new ArrayList<>();
                got.add(q.get());
                try {
                    got.add(q.get());
                } catch (AsyncQueueClosedException e) {
                    got.add("closed");
                }
                return got;
            });
            while (thread.get() == null) {
                Thread.onSpinWait();
            }
            TestWaits.awaitBlocked(thread.get());
            q.close();
            assertThat(consumer.await()).containsExactly("last", "closed");
        }
        assertThat(q.isClosed()).isTrue();
        assertThatThrownBy(() -> q.put("x")).isInstanceOf(AsyncQueueClosedException.class)
                .hasMessage("got put() on a closed queue, expected an open queue");
        assertThatThrownBy(q::poll).isInstanceOf(AsyncQueueClosedException.class)
                .hasMessage("got poll() on a closed queue with no items left, expected an open queue");
    }

    @Test
    void closeWakesBlockedProducers() throws Exception {
        AsyncQueue<String> q = new AsyncQueue<>(1);
        q.put("full");
        Thread t;
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        t = Thread.ofVirtual().start(() -> {
            try {
                q.put("blocked");
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        TestWaits.awaitBlocked(t);
        q.close();
        t.join(TestWaits.LONG);
        assertThat(thrown.get()).isInstanceOf(AsyncQueueClosedException.class);
        assertThat(q.get()).isEqualTo("full");
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> new AsyncQueue<String>(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("got capacity 0, expected at least 1");
        assertThatThrownBy(() -> new AsyncQueue<String>(1).offer(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("got a null item, expected a non-null item");
    }
}
