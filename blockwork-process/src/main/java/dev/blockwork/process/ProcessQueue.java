package dev.blockwork.process;

import dev.blockwork.process.internal.PidTable;
import dev.blockwork.process.internal.QueueDescriptor;
import dev.blockwork.process.internal.RingChannel;
import dev.blockwork.process.internal.RingDescriptor;
import dev.blockwork.process.internal.ShmDescriptor;
import dev.blockwork.process.internal.ShmFile;
import dev.blockwork.process.internal.SlotRing;
import dev.blockwork.process.serial.KryoSerializer;
import java.io.ObjectStreamException;
import java.io.Serializable;
import java.lang.foreign.MemorySegment;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A bounded queue shared by any number of producer and consumer processes (and threads), carrying
 * any serializable value, through a ring buffer in shared memory.
 *
 * <pre>{@code
 * try (ProcessQueue<String> q = ProcessQueue.create()) {
 *     WorkerProcess p = WorkerProcess.start(Producers::fill, q);   // the worker calls q.put(...)
 *     String first = q.take();
 * }
 * }</pre>
 *
 * <p>Contract: {@link #put} blocks while full; {@link #take} blocks while empty. Timed forms:
 * {@link #offer(Object, long, TimeUnit)} returns false, {@link #poll(long, TimeUnit)} returns
 * {@code null} on timeout ({@code null} values are rejected). A wait ends with
 * {@link PeerDiedException} once every other process that used the queue has exited and no handle is on
 * its way to another process: within about 20 ms, as a {@link Pipe} notices its peer. While a handle is in
 * transit (serialized for a process that has not attached yet, e.g. a worker still starting), the wait
 * tolerates {@code blockwork.queue.orphanGraceMs} (default 3000 ms) before giving up. The bound is in bytes: {@code slotCount}
 * slots of {@code slotBytes}; a value takes one slot per {@code slotBytes - 8} serialized bytes.
 * {@link #shutdown} closes the queue for everyone: puts then throw {@link ChannelClosedException},
 * takes drain what is left and then throw it. A take on an empty queue whose every other user process
 * has exited (see above) throws {@link PeerDiedException}. Values from one producer thread arrive in the order put;
 * across producers there is no order.
 *
 * <p>A {@code ProcessQueue} is {@link Serializable}: pass it to a worker and the worker opens its own
 * handle. {@link #close} releases this handle only (the last handle deletes the shared memory).
 *
 * <p>Implementation overview: a many-to-many {@link SlotRing} (Vyukov-style, CAS on head and tail)
 * plus a table of user PIDs ({@link QueueDescriptor}). Waits back off spin → yield → park.
 *
 * @param <T> the type of the values
 */
public final class ProcessQueue<T> implements AutoCloseable, KryoSerializer.JavaSerialized {
    /** Default ring: 16384 slots of 128 bytes (2 MiB). */
    public static final int DEFAULT_SLOT_COUNT = 16384, DEFAULT_SLOT_BYTES = 128;

    private final transient ShmFile file;
    private final transient RingChannel channel;
    private final transient AtomicBoolean closed = new AtomicBoolean();
    private final transient long pid = ProcessHandle.current().pid();
    private transient volatile long orphanSinceNs;
    /** How long a waiter tolerates "every other user has exited" while a handle is in transit to a new user. */
    static final long ORPHAN_GRACE_NS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(
            ProcessSettings.QUEUE_ORPHAN_GRACE_MS.getLong());
    /** ... and when none is: long enough to read the pid table twice, like a pipe's peer check. */
    static final long SETTLED_NS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(20);

    private ProcessQueue(ShmFile file) {
        this.file = file;
        MemorySegment d = file.data();
        SlotRing ring = SlotRing.attach(d.asSlice(QueueDescriptor.RING_OFFSET));
        this.channel = new RingChannel(ring, "queue " + file.name(), this::checkOthers);
        PidTable.add(pids(), pid);
    }

    /**
     * A new queue of {@link #DEFAULT_SLOT_COUNT} slots of {@link #DEFAULT_SLOT_BYTES} bytes, in a new shared-memory file.
     *
     * @param <T> the type of the values
     * @return this process's handle; close it when done (the last handle deletes the file)
     * @throws java.io.UncheckedIOException if the shared memory cannot be created
     */
    public static <T> ProcessQueue<T> create() { return create(DEFAULT_SLOT_COUNT, DEFAULT_SLOT_BYTES); }

    /**
     * A new queue of {@code slotCount} slots of {@code slotBytes} bytes, in a new shared-memory file of about their product.
     * The largest value (serialized) must fit in the whole ring.
     *
     * @param slotCount slots, a power of two &gt;= 2
     * @param slotBytes bytes per slot, a multiple of 64, &gt;= 64
     * @param <T>       the type of the values
     * @return this process's handle; close it when done (the last handle deletes the file)
     * @throws IllegalArgumentException if a size is out of range
     * @throws java.io.UncheckedIOException if the shared memory cannot be created
     */
    public static <T> ProcessQueue<T> create(int slotCount, int slotBytes) {
        long ringBytes = RingDescriptor.regionBytes(slotCount, slotBytes);
        ShmFile f = ShmFile.create(ShmDescriptor.KIND_RING, QueueDescriptor.dataBytes(ringBytes));
        try {
            SlotRing.format(f.data().asSlice(QueueDescriptor.RING_OFFSET, ringBytes), slotCount, slotBytes);
            return new ProcessQueue<>(f);
        } catch (RuntimeException e) {
            f.close();
            throw e;
        }
    }

    static <T> ProcessQueue<T> attach(String name) {
        ShmFile f = ShmFile.open(name, ShmDescriptor.KIND_RING);
        try {
            return new ProcessQueue<>(f);
        } catch (RuntimeException e) {
            f.close();
            throw e;
        }
    }

    private MemorySegment pids() { return file.data().asSlice(QueueDescriptor.PIDS_OFFSET, PidTable.BYTES); }

    /**
     * Appends {@code value}, waiting while the queue is full; the value is serialized in this thread.
     *
     * @param value the value, serializable, not null
     * @throws IllegalArgumentException if its serialized form is larger than the whole ring
     * @throws ChannelClosedException after {@link #shutdown}
     * @throws PeerDiedException      if every other process that used the queue has exited while this one waits
     * @throws java.util.concurrent.CancellationException if this thread is interrupted while waiting
     * @throws IllegalStateException   if this handle is closed
     */
    public void put(T value) {
        ensureOpen();
        channel.sendObject(Objects.requireNonNull(value, "value"), Long.MAX_VALUE);
    }

    /**
     * Appends {@code value} if there is room now, without waiting.
     *
     * @param value the value, serializable, not null
     * @return true if it was put, false if the queue was full
     * @throws ChannelClosedException after {@link #shutdown}
     * @throws IllegalStateException  if this handle is closed
     */
    public boolean offer(T value) { return offer(value, 0, TimeUnit.NANOSECONDS); }

    /**
     * Appends {@code value}, waiting at most {@code timeout} for room.
     *
     * @param value   the value, serializable, not null
     * @param timeout the longest wait, &gt;= 0, in {@code unit}
     * @param unit    the unit of {@code timeout}
     * @return true if it was put, false on timeout
     * @throws ChannelClosedException after {@link #shutdown}
     * @throws PeerDiedException      if every other process that used the queue has exited while this one waits
     * @throws java.util.concurrent.CancellationException if this thread is interrupted while waiting
     * @throws IllegalStateException   if this handle is closed
     */
    public boolean offer(T value, long timeout, TimeUnit unit) {
        ensureOpen();
        return channel.sendObject(Objects.requireNonNull(value, "value"), RingChannel.deadline(timeout, unit));
    }

    /**
     * Puts raw bytes, not serialized; a taker receives them as a {@code byte[]}. Waits while the queue is full.
     *
     * @param bytes the message; copied before this returns
     * @throws ChannelClosedException after {@link #shutdown}
     * @throws PeerDiedException      if every other process that used the queue has exited while this one waits
     * @throws java.util.concurrent.CancellationException if this thread is interrupted while waiting
     * @throws IllegalStateException   if this handle is closed
     */
    public void putBytes(byte[] bytes) {
        ensureOpen();
        channel.sendBytes(bytes, 0, bytes.length, Long.MAX_VALUE);
    }

    /**
     * Takes the oldest value, waiting while the queue is empty.
     *
     * @return the value (a {@code byte[]} if it was put with {@link #putBytes})
     * @throws ChannelClosedException after {@link #shutdown}, once the queue is drained
     * @throws PeerDiedException      if every other process that used the queue has exited while this one waits
     * @throws java.util.concurrent.CancellationException if this thread is interrupted while waiting
     * @throws IllegalStateException   if this handle is closed
     */
    @SuppressWarnings("unchecked")
    public T take() {
        ensureOpen();
        return (T) channel.receive(Long.MAX_VALUE);
    }

    /**
     * Takes the oldest value, waiting at most {@code timeout} for one.
     *
     * @param timeout the longest wait, &gt;= 0, in {@code unit}
     * @param unit    the unit of {@code timeout}
     * @return the value, or {@code null} when none arrived before the timeout
     * @throws ChannelClosedException after {@link #shutdown}, once the queue is drained
     * @throws PeerDiedException      if every other process that used the queue has exited while this one waits
     * @throws IllegalStateException   if this handle is closed
     */
    @SuppressWarnings("unchecked")
    public T poll(long timeout, TimeUnit unit) {
        ensureOpen();
        Object o = channel.receive(RingChannel.deadline(timeout, unit));
        return o == RingChannel.TIMED_OUT ? null : (T) o;
    }

    /**
     * Takes the oldest value without waiting.
     *
     * @return the value, or {@code null} if the queue is empty
     * @throws IllegalStateException if this handle is closed
     */
    @SuppressWarnings("unchecked")
    public T poll() {
        ensureOpen();
        Object o = channel.tryReceive();
        return o == RingChannel.TIMED_OUT ? null : (T) o;
    }

    /**
     * Takes the next message, waiting as {@link #take} does, and expects it to be raw bytes.
     *
     * @return the bytes put with {@link #putBytes}
     * @throws IllegalStateException if the next message is a serialized value (it is lost), or this handle is closed
     */
    public byte[] takeBytes() {
        Object o = take();
        if (o instanceof byte[] b) return b;
        throw new IllegalStateException("got a " + o.getClass().getName() + " value, expected raw bytes");
    }

    /** {@return the approximate number of slots in use (not values: a large value takes several)} */
    public long usedSlots() { return channel.ring().usedSlots(); }

    /** {@return whether no slot is in use now} Approximate, as {@link #usedSlots()} is. */
    public boolean isEmpty() { return usedSlots() == 0; }

    /** Closes the queue for every process: no more puts; takes drain and then throw. */
    public void shutdown() { channel.close(); }

    /** {@return whether some process called {@link #shutdown}} */
    public boolean isShutdown() { return channel.ring().isClosed(); }

    /** {@return the name of the queue's shared-memory file, the same in every process} */
    public String name() { return file.name(); }

    private void checkOthers() {
        if (!channel.ring().isClosed()) {
            MemorySegment t = pids();
            boolean sawOther = false;
            for (int i = 0; i < PidTable.SLOTS; i++) {
                long p = dev.blockwork.process.internal.Atomics.getLongVolatile(t, i * 8L);
                if (p != 0 && p != pid) sawOther = true;
            }
            if (!sawOther || PidTable.anyOtherAlive(t, pid)) {
                orphanSinceNs = 0;
            } else if (orphanSinceNs == 0) {
                orphanSinceNs = System.nanoTime();
            } else if (System.nanoTime() - orphanSinceNs > (inTransit() > 0 ? ORPHAN_GRACE_NS : SETTLED_NS)) {
                orphanSinceNs = 0;
                throw new PeerDiedException("queue " + file.name() + ": every other process using it has exited", -1);
            }
        }
    }

    private void ensureOpen() {
        if (closed.get()) throw new IllegalStateException("queue handle " + file.name() + " is closed");
    }

    /** Releases this handle (not the queue: see {@link #shutdown}). Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        file.close();
    }

    private long inTransit() {
        return dev.blockwork.process.internal.Atomics.getLongVolatile(file.data(), QueueDescriptor.IN_TRANSIT_OFFSET);
    }

    /**
     * Serialized for another process: counted in transit. Inside a pool task (a message its sender keeps
     * until the task is done, re-sent to a fresh worker if one dies) it stays counted until the sender lets the
     * message go; otherwise until a process attaches it.
     *
     * @return the {@link Handle} that travels instead of this
     * @throws ObjectStreamException never; declared as serialization requires
     */
    private Object writeReplace() throws ObjectStreamException {
        MemorySegment d = file.data();
        dev.blockwork.process.internal.Atomics.getAndAddLong(d, QueueDescriptor.IN_TRANSIT_OFFSET, 1);
        dev.blockwork.process.serial.ShmTransport t = dev.blockwork.process.serial.ShmTransport.currentOwnedBySender();
        if (t == null) return new Handle(file.name(), true);
        ShmFile keep = ShmFile.open(file.name(), ShmDescriptor.KIND_RING); // our counter must outlive our own handle
        t.onRelease(() -> {
            dev.blockwork.process.internal.Atomics.getAndAddLong(keep.data(), QueueDescriptor.IN_TRANSIT_OFFSET, -1);
            keep.close();
        });
        return new Handle(file.name(), false);
    }

    /**
     * What travels for a queue: the attaching process opens its own handle.
     *
     * @param name               the queue's shared-memory file
     * @param countedUntilAttach whether the attaching process takes the handle out of transit (else its sender does)
     */
    record Handle(String name, boolean countedUntilAttach) implements Serializable {
        private Object readResolve() throws ObjectStreamException {
            ProcessQueue<?> q = ProcessQueue.attach(name);
            if (countedUntilAttach) {
                MemorySegment d = q.file.data();
                long left = dev.blockwork.process.internal.Atomics.getAndAddLong(d, QueueDescriptor.IN_TRANSIT_OFFSET, -1) - 1;
                if (left < 0) dev.blockwork.process.internal.Atomics.getAndAddLong(d, QueueDescriptor.IN_TRANSIT_OFFSET, 1); // read twice
            }
            return q;
        }
    }

    @Override
    public String toString() { return "ProcessQueue[" + file.name() + "]"; }
}
