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

    /**
     * Allocates {@code bytes} of zeroed shared memory in a new file.
     *
     * @param bytes the data size, &gt;= 0
     * @return the creator's handle; close it after every receiver has opened its own
     * @throws IllegalArgumentException if {@code bytes} is negative
     * @throws java.io.UncheckedIOException if the shared memory cannot be created
     */
    public static SharedBuffer allocate(long bytes) { return new SharedBuffer(ShmFile.create(ShmDescriptor.KIND_BUFFER, bytes)); }

    /**
     * Opens an existing buffer by name (see {@link #name()}), in this or another process.
     *
     * @param name the buffer's name
     * @return a new handle to the same memory; close it too
     * @throws IllegalStateException if no such buffer exists any more
     */
    public static SharedBuffer open(String name) { return new SharedBuffer(ShmFile.open(name, ShmDescriptor.KIND_BUFFER)); }

    /**
     * The shared data, {@link #byteSize()} bytes; the segment may be used from any thread.
     *
     * @return a segment valid until this handle is closed
     * @throws IllegalStateException if this handle is closed
     */
    public MemorySegment segment() {
        ensureOpen();
        return file.data();
    }

    /** {@return the size of the data in bytes} */
    public long byteSize() { return file.data().byteSize(); }

    /** {@return the buffer's name, for {@link #open(String)} in another process} */
    public String name() { return file.name(); }

    /** {@return a typed view of the same memory as doubles} The view is a new handle: close it too. */
    public SharedDoubleArray asDoubleArray() { return new SharedDoubleArray(ShmFile.open(file.name(), ShmDescriptor.KIND_BUFFER)); }

    /** {@return a typed view of the same memory as longs} The view is a new handle: close it too. */
    public SharedLongArray asLongArray() { return new SharedLongArray(ShmFile.open(file.name(), ShmDescriptor.KIND_BUFFER)); }

    SharedDoubleArray asDoubleArrayOwned() {
        if (!closed.compareAndSet(false, true)) throw new IllegalStateException("closed");
        return new SharedDoubleArray(file);
    }

    SharedLongArray asLongArrayOwned() {
        if (!closed.compareAndSet(false, true)) throw new IllegalStateException("closed");
        return new SharedLongArray(file);
    }

    /**
     * Reads one byte, a plain read (see the class doc for ordering across processes).
     *
     * @param index the byte offset, 0 &lt;= index &lt; {@link #byteSize()}
     * @return the byte
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     * @throws IllegalStateException     if this handle is closed
     */
    public byte getByte(long index) { return segment().get(ValueLayout.JAVA_BYTE, index); }

    /**
     * Writes one byte, a plain write (see the class doc for ordering across processes).
     *
     * @param index the byte offset, 0 &lt;= index &lt; {@link #byteSize()}
     * @param value the byte
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     * @throws IllegalStateException     if this handle is closed
     */
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

    /**
     * Serialized for another process: only the name and the view's kind travel.
     *
     * @return the {@link Handle} that travels instead of this
     * @throws ObjectStreamException never; declared as serialization requires
     */
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
