package dev.blockwork.process.internal;

import dev.blockwork.process.ChannelClosedException;
import dev.blockwork.process.serial.Serialization;
import dev.blockwork.spi.Serializer;

/**
 * Blocking, timed send and receive of objects and raw bytes over a {@link SlotRing}.
 *
 * <p>Contract: {@code send*} returns false only when the deadline passed; {@code receive} returns
 * {@link #TIMED_OUT} when the deadline passed. Both throw {@link ChannelClosedException} when the
 * ring is closed (receive: closed and drained) and whatever {@link Liveness#check} throws when the
 * peer is gone. Deadlines are {@link System#nanoTime} values; {@link Long#MAX_VALUE} means none.
 *
 * <p>Implementation overview: the non-blocking ring calls wrapped in a {@link BackOff} loop. The
 * liveness check is a syscall, so it runs only once the back-off has reached parking, and then
 * about every 16th idle.
 */
public final class RingChannel {
    /** Returned by {@link #receive} when the deadline passed. */
    public static final Object TIMED_OUT = new Object();

    /** Throws if the other side can never act again. */
    @FunctionalInterface
    public interface Liveness { void check(); }

    private static final ThreadLocal<byte[][]> RECEIVE_BUFFER = ThreadLocal.withInitial(() -> new byte[][] {new byte[4096]});

    private final SlotRing ring;
    private final String name;
    private final Liveness liveness;

    public RingChannel(SlotRing ring, String name, Liveness liveness) {
        this.ring = ring;
        this.name = name;
        this.liveness = liveness;
    }

    public SlotRing ring() { return ring; }

    public boolean sendObject(Object value, long deadlineNs) {
        Serializer.Bytes b = Serialization.get().serialize(value);
        return sendFrame(RingDescriptor.TYPE_OBJECT, b.array(), 0, b.length(), deadlineNs);
    }

    public boolean sendBytes(byte[] b, int off, int len, long deadlineNs) {
        return sendFrame(RingDescriptor.TYPE_RAW, b, off, len, deadlineNs);
    }

    private boolean sendFrame(int type, byte[] b, int off, int len, long deadlineNs) {
        int r = ring.tryWrite(type, b, off, len);
        if (r == SlotRing.OK) return true;
        BackOff backOff = new BackOff();
        int idles = 0;
        while (true) {
            if (r == SlotRing.CLOSED) throw new ChannelClosedException(name + " is closed; cannot send");
            if (deadlineNs != Long.MAX_VALUE && System.nanoTime() - deadlineNs >= 0) return false;
            backOff.idle();
            if (backOff.parking()) checkInterrupt();
            if (backOff.parking() && (idles++ & 15) == 0) liveness.check();
            r = ring.tryWrite(type, b, off, len);
            if (r == SlotRing.OK) return true;
        }
    }

    /** Receives an object (or a {@code byte[]} for a raw frame), or {@link #TIMED_OUT}. */
    public Object receive(long deadlineNs) { return receive(deadlineNs, BackOff.MAX_PARK_NS); }

    /** As {@link #receive(long)}, parking at most {@code maxParkNs} at a time (lower latency, more wake-ups). */
    public Object receive(long deadlineNs, long maxParkNs) {
        long pos = ring.tryClaim();
        if (pos < 0) {
            BackOff backOff = new BackOff(maxParkNs);
            int idles = 0;
            while (true) {
                if (ring.isClosed()) {
                    pos = ring.tryClaim();
                    if (pos >= 0) break;
                    // Drained only when no slot is claimed: a producer that claimed before the close may not have
                    // published yet, and its unpublished head slot hides the frames after it (SlotRing).
                    if (ring.usedSlots() == 0) throw new ChannelClosedException(name + " is closed and drained");
                }
                if (deadlineNs != Long.MAX_VALUE && System.nanoTime() - deadlineNs >= 0) return TIMED_OUT;
                backOff.idle();
                if (backOff.parking()) checkInterrupt();
                if (backOff.parking() && (idles++ & 15) == 0) {
                    pos = ring.tryClaim();
                    if (pos >= 0) break;
                    liveness.check();
                }
                pos = ring.tryClaim();
                if (pos >= 0) break;
            }
        }
        return take(pos);
    }

    /** Receives without waiting: an object, a {@code byte[]}, or {@link #TIMED_OUT} when empty. */
    public Object tryReceive() {
        long pos = ring.tryClaim();
        return pos < 0 ? TIMED_OUT : take(pos);
    }

    private Object take(long pos) {
        int len = ring.length(pos);
        if (ring.type(pos) == RingDescriptor.TYPE_RAW) {
            byte[] out = new byte[len];
            ring.copyOut(pos, out, 0);
            ring.release(pos);
            return out;
        }
        byte[][] holder = RECEIVE_BUFFER.get();
        byte[] buf = holder[0];
        if (buf.length < len) holder[0] = buf = new byte[Math.max(len, buf.length * 2)];
        ring.copyOut(pos, buf, 0);
        ring.release(pos);
        return Serialization.get().deserialize(buf, 0, len);
    }

    public void close() { ring.markClosed(); }

    private void checkInterrupt() {
        if (Thread.currentThread().isInterrupted()) {
            throw new java.util.concurrent.CancellationException("interrupted while waiting on " + name);
        }
    }

    public static long deadline(long timeout, java.util.concurrent.TimeUnit unit) {
        if (timeout < 0) throw new IllegalArgumentException("got timeout " + timeout + ", expected >= 0");
        long ns = unit.toNanos(timeout);
        long now = System.nanoTime();
        return ns >= Long.MAX_VALUE - now - 1 ? Long.MAX_VALUE - 1 : now + ns;
    }
}
