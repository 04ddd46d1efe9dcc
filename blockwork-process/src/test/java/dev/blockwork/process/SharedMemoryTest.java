package dev.blockwork.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blockwork.process.internal.ShmRegistry;
import java.io.Serializable;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Shared buffers and the cross-process synchronizers, with real worker JVMs. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SharedMemoryTest {
    @AfterAll
    static void noLeaks() throws InterruptedException { Leaks.assertClean(); }

    record Fill(SharedBuffer buffer, SharedDoubleArray doubles, Connection done) implements Serializable {}

    static void fill(Fill f) {
        try (SharedBuffer b = f.buffer(); SharedDoubleArray d = f.doubles(); Connection c = f.done()) {
            for (long i = 0; i < b.byteSize(); i++) b.setByte(i, (byte) (i * 7));
            for (long i = 0; i < d.length(); i++) d.set(i, i * 0.5);
            c.send("done"); // the message announces the writes (happens-before)
            c.receive();
        }
    }

    @Test
    void workerWritesAreSeenWithoutCopyingAndFilesGoAwayOnClose() throws Exception {
        String bufName, arrName;
        try (SharedBuffer b = SharedBuffer.allocate(4099); SharedDoubleArray d = SharedDoubleArray.allocate(1001);
             Pipe p = Pipe.open(); WorkerProcess w = WorkerProcess.start(SharedMemoryTest::fill, new Fill(b, d, p.second()))) {
            bufName = b.name();
            arrName = d.name();
            assertThat((String) p.first().receive()).isEqualTo("done");
            for (long i = 0; i < b.byteSize(); i++) assertThat(b.getByte(i)).isEqualTo((byte) (i * 7));
            assertThat(d.get(1000)).isEqualTo(500.0);
            assertThat(d.toArray()).hasSize(1001);
            p.first().send("bye");
            assertThat(w.join(30, TimeUnit.SECONDS)).isTrue();
            assertThat(w.exitCode()).hasValue(0);
            assertThat(ShmRegistry.list()).contains(bufName, arrName);
        }
        assertThat(ShmRegistry.list()).doesNotContain(bufName, arrName);
    }

    static void createAndGetKilled(Connection c) throws Exception {
        SharedBuffer b = SharedBuffer.allocate(1 << 20); // never closed: the process is killed
        c.send(b.name());
        Thread.sleep(600_000);
    }

    @Test
    void filesOfAKilledCreatorAreSweptAway() throws Exception {
        try (Pipe p = Pipe.open(); WorkerProcess w = WorkerProcess.start(SharedMemoryTest::createAndGetKilled, p.second())) {
            String name = p.first().receive();
            assertThat(name).startsWith(ShmRegistry.PREFIX + w.pid() + "-");
            assertThat(ShmRegistry.list()).contains(name);
            w.kill(); // kill -9: no shutdown hook runs
            assertThat(w.join(30, TimeUnit.SECONDS)).isTrue();
            assertThat(ShmRegistry.list()).as("left behind by the crash").contains(name);
            assertThat(ShmRegistry.sweepDeadOwners()).contains(name); // what any Blockwork JVM does at start
            assertThat(ShmRegistry.list()).doesNotContain(name);
        }
    }

    @Test
    void typedViewsShareMemoryAndUseAfterCloseFails() {
        SharedBuffer b = SharedBuffer.allocate(64);
        try (SharedLongArray l = b.asLongArray()) {
            l.set(3, 42);
            assertThat(b.segment().getAtIndex(ValueLayout.JAVA_LONG, 3)).isEqualTo(42);
            assertThat(l.getAndAdd(3, 1)).isEqualTo(42);
            assertThat(l.compareAndSet(3, 43, 7)).isTrue();
            assertThatThrownBy(() -> l.getAndAdd(8, 1)).isInstanceOf(IndexOutOfBoundsException.class);
        }
        b.close();
        assertThatThrownBy(b::segment).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> SharedBuffer.open(b.name())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no longer exists");
    }

    record Counting(ProcessLock lock, SharedLongArray counter, ProcessBarrier start, int rounds) implements Serializable {}

    /** Non-atomic read-modify-write under the lock: lost updates would show without mutual exclusion. */
    static void count(Counting c) throws Exception {
        try (ProcessLock lock = c.lock(); SharedLongArray n = c.counter(); ProcessBarrier b = c.start()) {
            b.await(30, TimeUnit.SECONDS);
            for (int i = 0; i < c.rounds(); i++) {
                lock.lock();
                try {
                    n.set(0, n.get(0) + 1);
                } finally {
                    lock.unlock();
                }
            }
            b.await(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void lockAndBarrierAcrossTwoWorkerJvms() throws Exception {
        int rounds = 20_000;
        try (ProcessLock lock = ProcessLock.create(); SharedLongArray n = SharedLongArray.allocate(1);
             ProcessBarrier barrier = ProcessBarrier.create(3)) {
            Counting job = new Counting(lock, n, barrier, rounds);
            try (WorkerProcess a = WorkerProcess.start(SharedMemoryTest::count, job);
                 WorkerProcess b = WorkerProcess.start(SharedMemoryTest::count, job)) {
                barrier.await(30, TimeUnit.SECONDS);
                barrier.await(60, TimeUnit.SECONDS);
                assertThat(n.get(0)).isEqualTo(2L * rounds);
                assertThat(a.join(30, TimeUnit.SECONDS) && b.join(30, TimeUnit.SECONDS)).isTrue();
                assertThat(a.exitCode()).hasValue(0);
            }
        }
    }

    static void holdAndDie(ProcessLock lock) throws Exception {
        lock.lock();
        Runtime.getRuntime().halt(9);
    }

    @Test
    void lockHeldByAKilledProcessIsRecovered() throws Exception {
        try (ProcessLock lock = ProcessLock.create(); WorkerProcess w = WorkerProcess.start(SharedMemoryTest::holdAndDie, lock)) {
            assertThat(w.join(30, TimeUnit.SECONDS)).isTrue();
            assertThat(lock.holderPid()).isEqualTo(w.pid());
            assertThat(lock.tryLock(30, TimeUnit.SECONDS)).isTrue();
            assertThat(lock.lastAcquireRecovered()).isTrue();
            Throwable[] other = new Throwable[1];
            Thread.ofPlatform().start(() -> { try { lock.unlock(); } catch (Throwable t) { other[0] = t; } }).join();
            assertThat(other[0]).isInstanceOf(IllegalMonitorStateException.class);
            lock.unlock();
        }
    }

    record Signals(ProcessEvent go, ProcessSemaphore sem, ProcessEvent done) implements Serializable {}

    static void signals(Signals s) throws Exception {
        try (ProcessEvent go = s.go(); ProcessSemaphore sem = s.sem(); ProcessEvent done = s.done()) {
            if (!go.await(30, TimeUnit.SECONDS)) throw new AssertionError("no go");
            sem.release();
            sem.release();
            done.set();
        }
    }

    @Test
    void eventAndSemaphoreAcrossJvmsAndTimeouts() throws Exception {
        try (ProcessEvent go = ProcessEvent.create(); ProcessSemaphore sem = ProcessSemaphore.create(0);
             ProcessEvent done = ProcessEvent.create()) {
            assertThat(go.await(5, TimeUnit.MILLISECONDS)).isFalse();
            assertThat(sem.tryAcquire(5, TimeUnit.MILLISECONDS)).isFalse();
            try (WorkerProcess w = WorkerProcess.start(SharedMemoryTest::signals, new Signals(go, sem, done))) {
                go.set();
                assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
                assertThat(sem.tryAcquire(30, TimeUnit.SECONDS)).isTrue();
                assertThat(sem.tryAcquire()).isTrue();
                assertThat(sem.tryAcquire()).isFalse();
                assertThat(w.join(30, TimeUnit.SECONDS)).isTrue();
            }
            go.clear();
            assertThat(go.isSet()).isFalse();
        }
    }

    @Test
    void barrierTimeoutBreaksIt() {
        try (ProcessBarrier b = ProcessBarrier.create(2)) {
            assertThatThrownBy(() -> b.await(10, TimeUnit.MILLISECONDS)).isInstanceOf(java.util.concurrent.TimeoutException.class);
            assertThat(b.isBroken()).isTrue();
            assertThatThrownBy(() -> b.await(10, TimeUnit.MILLISECONDS))
                    .isInstanceOf(java.util.concurrent.BrokenBarrierException.class);
        }
    }
}
