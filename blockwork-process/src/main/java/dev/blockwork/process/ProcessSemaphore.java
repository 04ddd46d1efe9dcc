package dev.blockwork.process;

import static dev.blockwork.process.internal.SyncDescriptor.*;

import dev.blockwork.process.internal.Atomics;
import dev.blockwork.process.internal.RingChannel;
import dev.blockwork.process.internal.ShmFile;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.TimeUnit;

/**
 * A counting semaphore shared by processes. Permits are not owned: any process may release.
 * A release happens-before the acquire that takes its permit. A process that dies holding permits
 * does not give them back: use timed acquires where that matters.
 */
public final class ProcessSemaphore extends SharedSync {
    ProcessSemaphore(ShmFile f) {
        super(f);
        checkType(words, TYPE_SEMAPHORE, f.name());
    }

    public static ProcessSemaphore create(long permits) {
        if (permits < 0) throw new IllegalArgumentException("got permits " + permits + ", expected >= 0");
        ShmFile f = createFile(TYPE_SEMAPHORE);
        f.data().set(ValueLayout.JAVA_LONG, STATE_OFFSET, permits);
        return new ProcessSemaphore(f);
    }

    public void acquire() throws InterruptedException { await(this::tryAcquire, Long.MAX_VALUE); }

    public boolean tryAcquire(long timeout, TimeUnit unit) throws InterruptedException {
        return await(this::tryAcquire, RingChannel.deadline(timeout, unit));
    }

    public boolean tryAcquire() {
        ensureOpen();
        while (true) {
            long p = Atomics.getLongVolatile(words, STATE_OFFSET);
            if (p <= 0) return false;
            if (Atomics.casLong(words, STATE_OFFSET, p, p - 1)) return true;
        }
    }

    public void release() {
        ensureOpen();
        Atomics.getAndAddLong(words, STATE_OFFSET, 1);
    }

    public long availablePermits() { return Atomics.getLongVolatile(words, STATE_OFFSET); }
}
