package dev.blockwork.process.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Many producers and many consumers on one small {@link SlotRing} (8 slots, frames of 1 to 3 slots, so the
 * ring is full most of the time and frames wrap around it): every frame arrives exactly once and intact, and
 * each consumer sees each producer's frames in the order they were written. This is the MPMC contract; the
 * stronger, linearizable one holds for one producer and one consumer ({@link SlotRingLincheckTest}).
 */
@Timeout(120)
class SlotRingStressTest {
    static final int SLOTS = 8, SLOT_BYTES = 64, PRODUCERS = 2, CONSUMERS = 2;

    @Test
    void manyProducersManyConsumers() throws InterruptedException { run(20_000); }

    /** {@code ./build -o -Pslow -pl blockwork-process -am test -Dtest=SlotRingStressTest -Dsurefire.failIfNoSpecifiedTests=false}. */
    @Test @Tag("slow")
    void manyProducersManyConsumersLong() throws InterruptedException { run(2_000_000); }

    /** Frame of producer {@code p}'s {@code i}th value: p, i, then a pattern of p and i; 1, 2 or 3 slots long. */
    static byte[] frame(int p, int i) {
        int len = switch (i % 3) { case 0 -> 8; case 1 -> 60; default -> 120; };
        ByteBuffer b = ByteBuffer.allocate(len).putInt(p).putInt(i);
        while (b.hasRemaining()) b.put((byte) (p * 31 + i + b.position()));
        return b.array();
    }

    private static void run(int perProducer) throws InterruptedException {
        SlotRing ring = SlotRing.format(Arena.ofAuto().allocate(RingDescriptor.regionBytes(SLOTS, SLOT_BYTES), 128), SLOTS, SLOT_BYTES);
        long total = (long) PRODUCERS * perProducer;
        AtomicLong received = new AtomicLong();
        AtomicLongArray seen = new AtomicLongArray(PRODUCERS * perProducer);
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++) {
            int me = p;
            threads.add(Thread.ofPlatform().name("producer-" + p).unstarted(() -> {
                for (int i = 0; i < perProducer && errors.isEmpty(); i++) {
                    byte[] f = frame(me, i);
                    int r;
                    while ((r = ring.tryWrite(RingDescriptor.TYPE_RAW, f, 0, f.length)) == SlotRing.FULL) Thread.yield();
                    if (r != SlotRing.OK) throw new AssertionError("got tryWrite " + r + ", expected OK");
                }
            }));
        }
        for (int c = 0; c < CONSUMERS; c++) {
            threads.add(Thread.ofPlatform().name("consumer-" + c).unstarted(() -> {
                int[] last = new int[PRODUCERS];
                java.util.Arrays.fill(last, -1);
                byte[] buf = new byte[(int) RingDescriptor.maxFrameBytes(SLOTS, SLOT_BYTES)];
                while (received.get() < total && errors.isEmpty()) {
                    long pos = ring.tryClaim();
                    if (pos < 0) { Thread.yield(); continue; }
                    int len = ring.length(pos);
                    ring.copyOut(pos, buf, 0);
                    ring.release(pos);
                    ByteBuffer b = ByteBuffer.wrap(buf, 0, len);
                    int p = b.getInt(), i = b.getInt();
                    assertThat(java.util.Arrays.copyOf(buf, len)).as("frame %d of producer %d", i, p).isEqualTo(frame(p, i));
                    assertThat(i).as("producer %d's frames in order at one consumer", p).isGreaterThan(last[p]);
                    last[p] = i;
                    assertThat(seen.getAndIncrement(p * perProducer + i)).as("frame %d of producer %d seen before", i, p).isZero();
                    received.incrementAndGet();
                }
            }));
        }
        for (Thread t : threads) {
            t.setUncaughtExceptionHandler((th, e) -> errors.add(e));
            t.start();
        }
        for (Thread t : threads) t.join();
        assertThat(errors).isEmpty();
        assertThat(received.get()).isEqualTo(total);
        for (int k = 0; k < seen.length(); k++) assertThat(seen.get(k)).as("frame #%d", k).isEqualTo(1);
        assertThat(ring.tryClaim()).as("drained").isEqualTo(-1);
        assertThat(ring.usedSlots()).isZero();
    }
}
