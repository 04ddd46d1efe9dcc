package dev.blockwork.process;

import static dev.blockwork.process.internal.SyncDescriptor.*;

import dev.blockwork.process.internal.Atomics;
import dev.blockwork.process.internal.RingChannel;
import dev.blockwork.process.internal.ShmFile;
import java.util.concurrent.TimeUnit;

/**
 * A flag processes can set, clear and wait for (Python's {@code multiprocessing.Event}).
 * {@link #set} happens-before every {@link #await} that returns because of it.
 */
public final class ProcessEvent extends SharedSync {
    ProcessEvent(ShmFile f) {
        super(f);
        checkType(words, TYPE_EVENT, f.name());
    }

    public static ProcessEvent create() { return new ProcessEvent(createFile(TYPE_EVENT)); }

    public void set() { ensureOpen(); Atomics.setLongVolatile(words, STATE_OFFSET, 1); }

    public void clear() { ensureOpen(); Atomics.setLongVolatile(words, STATE_OFFSET, 0); }

    public boolean isSet() { return Atomics.getLongAcquire(words, STATE_OFFSET) != 0; }

    public void await() throws InterruptedException { ensureOpen(); SharedSync.await(this::isSet, Long.MAX_VALUE); }

    /** Waits until set; returns false on timeout. */
    public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        ensureOpen();
        return SharedSync.await(this::isSet, RingChannel.deadline(timeout, unit));
    }
}
