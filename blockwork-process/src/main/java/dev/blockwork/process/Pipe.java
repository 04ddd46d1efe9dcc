package dev.blockwork.process;

import dev.blockwork.process.internal.PipeDescriptor;
import dev.blockwork.process.internal.RingDescriptor;
import dev.blockwork.process.internal.ShmDescriptor;
import dev.blockwork.process.internal.ShmFile;
import dev.blockwork.process.internal.SlotRing;

/**
 * A duplex pipe between processes through shared memory: two {@link Connection} ends.
 *
 * <pre>{@code
 * try (Pipe pipe = Pipe.open()) {
 *     WorkerProcess w = WorkerProcess.start(Echo::run, pipe.second());
 *     pipe.first().send("hello");
 *     String reply = pipe.first().receive();
 * }
 * }</pre>
 *
 * <p>Each direction is a bounded ring of {@code slotCount} slots of {@code slotBytes}; a message
 * takes {@code ceil((size + 8) / (slotBytes - 8))} slots (a 64-byte message: one 128-byte slot).
 * Closing the {@code Pipe} closes this process's handles to both ends.
 */
public final class Pipe implements AutoCloseable {
    /** Default ring: 8192 slots of 128 bytes (1 MiB per direction). */
    public static final int DEFAULT_SLOT_COUNT = 8192, DEFAULT_SLOT_BYTES = 128;

    private final Connection first;
    private final Connection second;

    private Pipe(Connection first, Connection second) {
        this.first = first;
        this.second = second;
    }

    /**
     * Opens a pipe with rings of {@link #DEFAULT_SLOT_COUNT} slots of {@link #DEFAULT_SLOT_BYTES} bytes.
     *
     * @return the pipe, with this process's handles to both ends
     * @throws java.io.UncheckedIOException if the shared memory cannot be created
     */
    public static Pipe open() { return open(DEFAULT_SLOT_COUNT, DEFAULT_SLOT_BYTES); }

    /**
     * Opens a pipe with a ring per direction of {@code slotCount} slots of {@code slotBytes} bytes; the largest
     * message must fit in one ring.
     *
     * @param slotCount slots per direction, a power of two &gt;= 2
     * @param slotBytes bytes per slot, a multiple of 64, &gt;= 64
     * @return the pipe, with this process's handles to both ends
     * @throws IllegalArgumentException if a size is out of range
     * @throws java.io.UncheckedIOException if the shared memory cannot be created
     */
    public static Pipe open(int slotCount, int slotBytes) {
        long ringBytes = RingDescriptor.regionBytes(slotCount, slotBytes);
        ShmFile f = ShmFile.create(ShmDescriptor.KIND_PIPE, PipeDescriptor.dataBytes(ringBytes));
        try {
            SlotRing.format(f.data().asSlice(PipeDescriptor.ringOffset(0, ringBytes), ringBytes), slotCount, slotBytes);
            SlotRing.format(f.data().asSlice(PipeDescriptor.ringOffset(1, ringBytes), ringBytes), slotCount, slotBytes);
            Connection a = new Connection(f, 0, ringBytes);
            Connection b;
            try {
                b = Connection.attach(f.name(), 1);
            } catch (RuntimeException e) {
                a.close();
                throw e;
            }
            return new Pipe(a, b);
        } catch (RuntimeException e) {
            f.close();
            throw e;
        }
    }

    /** {@return end 0, as this process's handle} */
    public Connection first() { return first; }

    /** {@return end 1, as this process's handle: typically the one passed to the other process} */
    public Connection second() { return second; }

    @Override
    public void close() {
        try { first.close(); } finally { second.close(); }
    }
}
