package dev.blockwork.process;

import dev.blockwork.process.internal.ShmDescriptor;
import dev.blockwork.process.internal.ShmFile;
import dev.blockwork.process.serial.KryoSerializer;
import java.io.ObjectStreamException;
import java.io.Serializable;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A block of memory shared by several processes without copying: every process that opens it maps
 * the same physical pages.
 *
 * <pre>{@code
 * try (SharedBuffer buf = SharedBuffer.allocate(64 << 20)) {
 *     buf.segment().fill((byte) 1);
 *     queue.put(buf);                    // the receiver maps the same memory: no copy
 * }
 * }</pre>
 *
 * <p>Contract: {@link #segment()} is a {@link MemorySegment} over the data, valid until this handle is
 * closed. Plain reads and writes are not ordered across processes by themselves: writes made before
 * sending a message (on a {@link Pipe} or {@link ProcessQueue}) or releasing a {@link ProcessLock}
 * happen-before reads after receiving that message / acquiring that lock. A {@code SharedBuffer}
 * is {@link Serializable}: what travels is its name; the receiver opens its own handle. The memory
 * is freed when the last handle closes, or when the creating process exits (like Python's
 * {@code SharedMemory} with its resource tracker): keep the creator's handle open until every
 * receiver has opened its own. Memory starts zeroed.
 *
 * <p>Implementation overview: a {@code /dev/shm/blockwork-<pid>-...} file mapped with
 * {@code FileChannel.map(..., Arena.ofShared())}; a reference count in its header
 * ({@link ShmDescriptor}) decides who deletes it.
 */
public class SharedBuffer implements AutoCloseable, KryoSerializer.JavaSerialized {
    private final transient ShmFile file;
    private final transient AtomicBoolean closed = new AtomicBoolean();

    SharedBuffer(ShmFile file) { this.file = file; }

    /** Allocates {@code bytes} of zeroed shared memory. */
    public static SharedBuffer allocate(long bytes) { return new SharedBuffer(ShmFile.create(ShmDescriptor.KIND_BUFFER, bytes)); }

    /** Opens an existing buffer by name (see {@link #name()}). */
    public static SharedBuffer open(String name) { return new SharedBuffer(ShmFile.open(name, ShmDescriptor.KIND_BUFFER)); }

    /** The shared data. */
    public MemorySegment segment() {
        ensureOpen();
        return file.data();
    }

    public long byteSize() { return file.data().byteSize(); }

    public String name() { return file.name(); }

    /** A typed view of the same memory as doubles; the view is a new handle: close it too. */
    public SharedDoubleArray asDoubleArray() { return new SharedDoubleArray(ShmFile.open(file.name(), ShmDescriptor.KIND_BUFFER)); }

    /** A typed view of the same memory as longs; the view is a new handle: close it too. */
    public SharedLongArray asLongArray() { return new SharedLongArray(ShmFile.open(file.name(), ShmDescriptor.KIND_BUFFER)); }

    SharedDoubleArray asDoubleArrayOwned() {
        if (!closed.compareAndSet(false, true)) throw new IllegalStateException("closed");
        return new SharedDoubleArray(file);
    }

    SharedLongArray asLongArrayOwned() {
        if (!closed.compareAndSet(false, true)) throw new IllegalStateException("closed");
        return new SharedLongArray(file);
    }

    public byte getByte(long index) { return segment().get(ValueLayout.JAVA_BYTE, index); }

    public void setByte(long index, byte value) { segment().set(ValueLayout.JAVA_BYTE, index, value); }

    void ensureOpen() {
        if (closed.get()) throw new IllegalStateException("shared buffer " + file.name() + " is closed");
    }

    ShmFile file() { return file; }

    /** Unmaps this handle; the last handle deletes the memory. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) file.close();
    }

    Object writeReplace() throws ObjectStreamException { return new Handle(file.name(), getClass().getSimpleName()); }

    record Handle(String name, String kind) implements Serializable {
        private Object readResolve() throws ObjectStreamException {
            ShmFile f = ShmFile.open(name, ShmDescriptor.KIND_BUFFER);
            return switch (kind) {
                case "SharedDoubleArray" -> new SharedDoubleArray(f);
                case "SharedLongArray" -> new SharedLongArray(f);
                default -> new SharedBuffer(f);
            };
        }
    }

    @Override
    public String toString() { return getClass().getSimpleName() + "[" + file.name() + ", " + byteSize() + " bytes]"; }
}
