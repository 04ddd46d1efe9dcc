package dev.blockwork.process;

import dev.blockwork.process.internal.Atomics;
import dev.blockwork.process.internal.PidTable;
import dev.blockwork.process.internal.PipeDescriptor;
import dev.blockwork.process.internal.RingChannel;
import dev.blockwork.process.internal.ShmDescriptor;
import dev.blockwork.process.internal.ShmFile;
import dev.blockwork.process.internal.SlotRing;
import dev.blockwork.process.serial.KryoSerializer;
import java.io.ObjectStreamException;
import java.io.Serializable;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One end of a {@link Pipe}: sends to and receives from the other end, in any process.
 *
 * <p>Contract: {@link #send} blocks while the pipe is full; {@link #receive} blocks until a message
 * arrives. Timed variants return {@code false} / throw {@link java.util.concurrent.TimeoutException}
 * semantics via {@code null}-free results: {@link #offer(Object, long, TimeUnit)} returns false on
 * timeout, {@link #poll(long, TimeUnit)} returns {@code null} on timeout (so {@code null} cannot be
 * sent). When the other end has closed (every handle to it), {@link #receive} first drains what was
 * sent and then throws {@link ChannelClosedException}, and {@link #send} throws it at once. When the
 * process holding the other end dies, waits end with {@link PeerDiedException}. One thread at a time
 * should send and one receive on an end (several are safe but messages then interleave arbitrarily).
 *
 * <p>A {@code Connection} is {@link Serializable}: pass it to a {@link WorkerProcess} (or through
 * another channel) and the receiving process opens its own handle to the same end. Each handle must
 * be closed; close is idempotent. Unlike a forked Unix pipe, a handle in transit does not count:
 * close your copy of the other process's end only after that process has opened it (for example
 * after its first message), or the end counts as closed.
 *
 * <p>Implementation overview: two {@code SlotRing}s in one shared file ({@link PipeDescriptor});
 * this end writes ring {@code end} and reads ring {@code 1 - end}. A per-end handle count in the
 * header gives Unix-pipe EOF semantics across processes.
 */
public final class Connection implements AutoCloseable, KryoSerializer.JavaSerialized {
    private final transient ShmFile file;
    private final transient int end;
    private final transient RingChannel out;
    private final transient RingChannel in;
    private final transient AtomicBoolean closed = new AtomicBoolean();

    Connection(ShmFile file, int end, long ringBytes) {
        this.file = file;
        this.end = end;
        MemorySegment d = file.data();
        SlotRing outRing = SlotRing.attach(d.asSlice(PipeDescriptor.ringOffset(end, ringBytes), ringBytes));
        SlotRing inRing = SlotRing.attach(d.asSlice(PipeDescriptor.ringOffset(1 - end, ringBytes), ringBytes));
        String label = "pipe " + file.name() + " end " + end;
        this.out = new RingChannel(outRing, label, this::checkPeer);
        this.in = new RingChannel(inRing, label, this::checkPeerForReceive);
        Atomics.setLongVolatile(d, PipeDescriptor.pidOffset(end), ProcessHandle.current().pid());
        Atomics.getAndAddLong(d, PipeDescriptor.handlesOffset(end), 1);
    }

    static Connection attach(String name, int end) {
        ShmFile f = ShmFile.open(name, ShmDescriptor.KIND_PIPE);
        try {
            long ringBytes = (f.data().byteSize() - PipeDescriptor.RINGS_OFFSET) / 2;
            return new Connection(f, end, ringBytes);
        } catch (RuntimeException e) {
            f.close();
            throw e;
        }
    }

    /** {@return which end of the pipe this is: 0 or 1} */
    public int end() { return end; }

    /**
     * Sends a value, serialized in this thread; blocks while the pipe is full.
     *
     * @param value the value, serializable, not null
     * @throws IllegalArgumentException if its serialized form is larger than the pipe's ring
     * @throws ChannelClosedException if every handle to the other end is closed
     * @throws PeerDiedException      if the process holding the other end has exited
     * @throws IllegalStateException   if this handle is closed
     */
    public void send(Object value) {
        ensureOpen();
        java.util.Objects.requireNonNull(value, "value");
        out.sendObject(value, Long.MAX_VALUE);
    }

    /**
     * Sends a value, waiting at most {@code timeout} for room.
     *
     * @param value   the value, serializable, not null
     * @param timeout the longest wait, &gt;= 0, in {@code unit}
     * @param unit    the unit of {@code timeout}
     * @return true if it was sent, false if there was no room before the timeout
     * @throws ChannelClosedException if every handle to the other end is closed
     * @throws PeerDiedException      if the process holding the other end has exited
     * @throws IllegalStateException   if this handle is closed
     */
    public boolean offer(Object value, long timeout, TimeUnit unit) {
        ensureOpen();
        java.util.Objects.requireNonNull(value, "value");
        return out.sendObject(value, RingChannel.deadline(timeout, unit));
    }

    /**
     * Sends raw bytes without serialization (received as a {@code byte[]}); blocks while the pipe is full.
     *
     * @param bytes the message; copied before this returns
     * @throws ChannelClosedException if every handle to the other end is closed
     * @throws PeerDiedException      if the process holding the other end has exited
     * @throws IllegalStateException   if this handle is closed
     */
    public void sendBytes(byte[] bytes) { sendBytes(bytes, 0, bytes.length); }

    /**
     * Sends {@code length} bytes of {@code bytes} from {@code offset}, as {@link #sendBytes(byte[])} does.
     *
     * @param bytes  the array holding the message; copied before this returns
     * @param offset where the message starts in {@code bytes}
     * @param length the message's length in bytes
     * @throws ChannelClosedException if every handle to the other end is closed
     * @throws PeerDiedException      if the process holding the other end has exited
     * @throws IllegalStateException   if this handle is closed
     */
    public void sendBytes(byte[] bytes, int offset, int length) {
        ensureOpen();
        out.sendBytes(bytes, offset, length, Long.MAX_VALUE);
    }

    /**
     * Receives the next value; blocks until one arrives.
     *
     * @param <T> the type the caller expects (not checked: a wrong one fails where the value is used)
     * @return the value (a {@code byte[]} for a message sent with {@link #sendBytes})
     * @throws ChannelClosedException if the other end is closed and everything it sent was received
     * @throws PeerDiedException      if the process holding the other end has exited
     * @throws IllegalStateException   if this handle is closed
     */
    @SuppressWarnings("unchecked")
    public <T> T receive() {
        ensureOpen();
        return (T) in.receive(Long.MAX_VALUE);
    }

    /**
     * Receives the next value, waiting at most {@code timeout}.
     *
     * @param timeout the longest wait, &gt;= 0, in {@code unit}
     * @param unit    the unit of {@code timeout}
     * @param <T>     the type the caller expects (not checked)
     * @return the value, or {@code null} if none arrived before the timeout
     * @throws ChannelClosedException if the other end is closed and everything it sent was received
     * @throws PeerDiedException      if the process holding the other end has exited
     * @throws IllegalStateException   if this handle is closed
     */
    @SuppressWarnings("unchecked")
    public <T> T poll(long timeout, TimeUnit unit) {
        ensureOpen();
        Object o = in.receive(RingChannel.deadline(timeout, unit));
        return o == RingChannel.TIMED_OUT ? null : (T) o;
    }

    /** {@link #poll(long, TimeUnit)} for a caller that expects an answer soon: parks at most {@code maxParkNs} at a time. */
    @SuppressWarnings("unchecked")
    <T> T pollExpecting(long timeout, TimeUnit unit, long maxParkNs) {
        ensureOpen();
        Object o = in.receive(RingChannel.deadline(timeout, unit), maxParkNs);
        return o == RingChannel.TIMED_OUT ? null : (T) o;
    }

    /**
     * Receives the next message, blocking as {@link #receive} does, and expects it to be raw bytes.
     *
     * @return the bytes sent with {@link #sendBytes}
     * @throws IllegalStateException if the next message is a serialized value (it is lost), or this handle is closed
     */
    public byte[] receiveBytes() {
        Object o = receive();
        if (o instanceof byte[] b) return b;
        throw new IllegalStateException("got a " + o.getClass().getName() + " message, expected raw bytes");
    }

    /** {@return whether a message is waiting (approximate: another receiver on this end may take it first)} */
    public boolean ready() { return in.ring().usedSlots() > 0; }

    private void checkPeer() {
        MemorySegment d = file.data();
        int peer = 1 - end;
        if (Atomics.getLongVolatile(d, PipeDescriptor.handlesOffset(peer)) <= 0) {
            throw new ChannelClosedException("pipe " + file.name() + ": end " + peer + " is closed");
        }
        long pid = Atomics.getLongVolatile(d, PipeDescriptor.pidOffset(peer));
        if (pid != 0 && !PidTable.alive(pid)) {
            throw new PeerDiedException("pipe " + file.name() + ": the process holding end " + peer
                    + " (pid " + pid + ") has exited", pid);
        }
    }

    private void checkPeerForReceive() {
        if (in.ring().usedSlots() > 0) return;
        checkPeer();
    }

    private void ensureOpen() {
        if (closed.get()) throw new IllegalStateException("connection (pipe " + file.name() + " end " + end + ") is closed");
    }

    /** Closes this handle; when the end's last handle closes, the peer sees end-of-stream. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        long left = Atomics.getAndAddLong(file.data(), PipeDescriptor.handlesOffset(end), -1) - 1;
        if (left <= 0) {
            out.close(); // peer drains, then sees end-of-stream
        }
        file.close();
    }

    /**
     * Serialized for another process: only the file name and the end travel.
     *
     * @return the {@link Handle} that travels instead of this
     * @throws ObjectStreamException never; declared as serialization requires
     */
    private Object writeReplace() throws ObjectStreamException { return new Handle(file.name(), end); }

    /**
     * What travels between processes: the receiving process opens its own handle to the same end.
     *
     * @param name the pipe's shared-memory file
     * @param end  which end, 0 or 1
     */
    record Handle(String name, int end) implements Serializable {
        private Object readResolve() throws ObjectStreamException { return Connection.attach(name, end); }
    }

    @Override
    public String toString() { return "Connection[" + file.name() + " end " + end + "]"; }
}
