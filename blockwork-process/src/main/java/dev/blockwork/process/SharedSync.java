package dev.blockwork.process;

import dev.blockwork.process.internal.BackOff;
import dev.blockwork.process.internal.ShmDescriptor;
import dev.blockwork.process.internal.ShmFile;
import dev.blockwork.process.internal.SyncDescriptor;
import dev.blockwork.process.serial.KryoSerializer;
import java.io.ObjectStreamException;
import java.io.Serializable;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Common base of the cross-process synchronizers: a few words in shared memory
 * ({@link SyncDescriptor}), a handle that travels by name, and back-off waiting.
 */
abstract sealed class SharedSync implements AutoCloseable, KryoSerializer.JavaSerialized
        permits ProcessLock, ProcessSemaphore, ProcessEvent, ProcessBarrier {
    final transient ShmFile file;
    final transient MemorySegment words;
    private final transient AtomicBoolean closed = new AtomicBoolean();

    SharedSync(ShmFile file) {
        this.file = file;
        this.words = file.data();
    }

    static ShmFile createFile(long type) {
        ShmFile f = ShmFile.create(ShmDescriptor.KIND_SYNC, SyncDescriptor.BYTES);
        f.data().set(ValueLayout.JAVA_LONG, SyncDescriptor.TYPE_OFFSET, type);
        return f;
    }

    /**
     * Waits until {@code done} is true or the deadline passes (System.nanoTime, Long.MAX_VALUE = none);
     * returns whether {@code done} became true.
     */
    static boolean await(BooleanSupplier done, long deadlineNs) throws InterruptedException {
        BackOff b = new BackOff();
        while (!done.getAsBoolean()) {
            if (Thread.interrupted()) throw new InterruptedException();
            if (deadlineNs != Long.MAX_VALUE && System.nanoTime() - deadlineNs >= 0) return false;
            b.idle();
        }
        return true;
    }

    void ensureOpen() {
        if (closed.get()) throw new IllegalStateException(getClass().getSimpleName() + " " + file.name() + " is closed");
    }

    /** {@return the name of the shared words' file, the same in every process that opened them} */
    public String name() { return file.name(); }

    /** Releases this handle; the last handle deletes the shared words. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) file.close();
    }

    Object writeReplace() throws ObjectStreamException { return new Handle(file.name(), getClass().getSimpleName()); }

    record Handle(String name, String kind) implements Serializable {
        private Object readResolve() throws ObjectStreamException {
            ShmFile f = ShmFile.open(name, ShmDescriptor.KIND_SYNC);
            try {
                return switch (kind) {
                    case "ProcessLock" -> new ProcessLock(f);
                    case "ProcessSemaphore" -> new ProcessSemaphore(f);
                    case "ProcessEvent" -> new ProcessEvent(f);
                    case "ProcessBarrier" -> new ProcessBarrier(f);
                    default -> throw new IllegalStateException("got sync kind " + kind);
                };
            } catch (RuntimeException e) {
                f.close();
                throw e;
            }
        }
    }

    @Override
    public String toString() { return getClass().getSimpleName() + "[" + file.name() + "]"; }
}
