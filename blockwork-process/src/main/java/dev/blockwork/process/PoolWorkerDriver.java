package dev.blockwork.process;

import dev.blockwork.process.internal.PoolWorkerLoop;
import dev.blockwork.process.internal.ResultMessage;
import dev.blockwork.process.internal.TaskFrameDescriptor;
import dev.blockwork.process.serial.ClassNotAllowedException;
import dev.blockwork.process.serial.JavaSerializer;
import dev.blockwork.schedule.Listeners;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Drives one worker slot of a {@link ProcessPool}: sends chunks, collects results, notices the
 * worker's death and replaces it. One platform thread per slot; all state here is confined to it.
 *
 * <p>Worker states: STARTING (launched, no result yet) → RUNNING → RETIRING (stop sent or quota
 * reached) → EXITED; any state → DEAD when the process exits unexpectedly, which charges the oldest
 * in-flight chunk (the one the worker was running), re-queues the rest, and starts a fresh worker.
 * A cancelled running chunk kills its worker the same way, charging nothing. Deaths during start-up
 * break the pool only after {@code maxStartFailures} in a row with the same exit status.
 */
final class PoolWorkerDriver implements Runnable {
    private static final long POLL_MS = 100;
    /**
     * Tiny chunks: keep up to this many tasks in flight per worker even beyond {@code prefetch} chunks,
     * so a worker never idles while its driver wakes from a park (~50 µs timer slack each).
     */
    static final int SMALL_TASK_WINDOW = 64;
    /**
     * Each worker pipe, per direction: {@code blockwork.pool.pipeSlots} (default 16384) slots of
     * {@code blockwork.pool.pipeSlotBytes} (default 128) bytes = 2 MiB, so the largest chunk or result is
     * ~1.9 MiB once serialized; array blocks in it do not count (they travel through shared memory, only their
     * handles go through the pipe); a tiny task frame takes one 128-byte slot (A/B against 4096 x 1 KiB was
     * within this machine's noise).
     */
    static final int PIPE_SLOTS = ProcessSettings.POOL_PIPE_SLOTS.getInt(),
            PIPE_SLOT_BYTES = ProcessSettings.POOL_PIPE_SLOT_BYTES.getInt();
    /** While tasks are in flight the driver parks at most this long (a worker is busy; idle drivers block on the queue). */
    static final long BUSY_MAX_PARK_NS = ProcessSettings.POOL_BUSY_MAX_PARK_NS.getLong();

    /** Names of block-arena segments end so ({@code ShmFile}'s kind name). */
    private static final String ARENA_SUFFIX = "-blk";

    private final ProcessPool pool;
    private final int slot;
    private WorkerProcess process;
    private Pipe pipe;
    private Connection conn;
    private final ArrayDeque<PoolChunk> inFlight = new ArrayDeque<>();
    private int inFlightTasks;
    private Set<Integer> knownFunctions = new HashSet<>();
    /** Application class names this worker has been told to trust (sent once per worker). */
    private Set<String> trustedByWorker = new HashSet<>();
    private int sentToThisWorker;
    private int resultsFromThisWorker;
    private int generation;
    private int consecutiveStartFailures;
    private int lastStartFailureStatus = Integer.MIN_VALUE;

    private boolean ready;
    private boolean removedAnnounced; // workerRemoved sent for the current process

    PoolWorkerDriver(ProcessPool pool, int slot) {
        this.pool = pool;
        this.slot = slot;
    }

    void startWorker() {
        generation++;
        pipe = Pipe.open(PIPE_SLOTS, PIPE_SLOT_BYTES);
        conn = pipe.first();
        PoolOptions o = pool.options;
        process = WorkerProcess.builder().name(o.name + "-worker-" + slot + "." + generation).output(o.output)
                .jvmArgs(o.jvmArgs.toArray(String[]::new))
                .start(new PoolWorkerLoop(pipe.second(), o.initializer, o.maxTasksPerChild));
        removedAnnounced = false;
        pool.workersStarted.add(process.pid());
        Listeners.workerAdded(o.name, process.name(), process.pid());
        knownFunctions = new HashSet<>();
        trustedByWorker = new HashSet<>();
        sentToThisWorker = 0;
        resultsFromThisWorker = 0;
        ready = false;
    }

    @Override
    public void run() {
        try {
            loop();
        } catch (Throwable t) {
            failAll(new IllegalStateException("pool driver " + slot + " failed", t));
        } finally {
            retire();
        }
    }

    private void loop() throws InterruptedException {
        int quota = pool.options.maxTasksPerChild;
        while (true) {
            if (pool.terminated) return;
            // top up
            while ((inFlight.size() < pool.options.prefetch || inFlightTasks < SMALL_TASK_WINDOW)
                    && (quota <= 0 || sentToThisWorker < quota)) {
                PoolChunk c = inFlight.isEmpty() ? pool.queue.poll(POLL_MS, TimeUnit.MILLISECONDS) : pool.queue.poll();
                if (c == null) break;
                if (c.future.isDone()) continue;
                send(c);
            }
            if (!inFlight.isEmpty() && inFlight.peekFirst().future.isCancelled()) {
                replaceForCancel();
                continue;
            }
            if (inFlight.isEmpty()) {
                if (pool.closing && pool.queue.isEmpty()) return;
                if (!ready) {
                    Object r = conn.poll(0, TimeUnit.MILLISECONDS);
                    if (PoolWorkerLoop.READY.equals(r)) { ready = true; consecutiveStartFailures = 0; lastStartFailureStatus = Integer.MIN_VALUE; }
                }
                if (!process.isAlive()) handleDeath(null);
                continue;
            }
            Object r;
            try {
                r = conn.pollExpecting(POLL_MS, TimeUnit.MILLISECONDS, BUSY_MAX_PARK_NS);
            } catch (PeerDiedException | ChannelClosedException e) {
                r = null;
            } catch (RuntimeException unreadable) { // consumed but not deserializable: fail its chunk, keep the worker
                failUnreadable(unreadable);
                continue;
            }
            if (r == null) {
                if (!process.isAlive()) handleDeath(null);
                continue;
            }
            if (PoolWorkerLoop.READY.equals(r)) {
                ready = true;
                consecutiveStartFailures = 0;
                lastStartFailureStatus = Integer.MIN_VALUE;
                continue;
            }
            complete((ResultMessage) r);
            if (quota > 0 && resultsFromThisWorker >= quota) {
                process.join(10, TimeUnit.SECONDS);
                closeWorker("maxTasksPerChild (" + quota + ") reached");
                if (!pool.terminated) startWorker();
            }
        }
    }

    private void send(PoolChunk c) {
        boolean known = knownFunctions.contains(c.fnId);
        java.util.List<String> newNames = new java.util.ArrayList<>();
        for (String n : c.trust) if (!trustedByWorker.contains(n)) newNames.add(n);
        byte[] frame = TaskFrameDescriptor.encode(c.id, c.mode, c.fnId, known ? null : c.fnBytes, c.inputs, c.inputs.length, newNames);
        long max = (long) PIPE_SLOTS * (PIPE_SLOT_BYTES - 8) - 8;
        if (frame.length > max) {
            c.future.completeExceptionally(new IllegalArgumentException("task " + c.description() + " is "
                    + frame.length + " bytes serialized, expected <= " + max + " (a worker pipe's capacity); use a smaller"
                    + " chunksize, or pass large data in a SharedBuffer"));
            return;
        }
        if (c.fnBytes != null) knownFunctions.add(c.fnId);
        trustedByWorker.addAll(newNames);
        inFlight.addLast(c);
        inFlightTasks += c.count;
        sentToThisWorker++;
        try {
            conn.sendBytes(frame);
        } catch (ChannelClosedException | PeerDiedException e) {
            // the worker died; the next poll notices and re-queues
        }
    }

    private void complete(ResultMessage m) {
        PoolChunk c = inFlight.pollFirst();
        if (c != null) inFlightTasks -= c.count;
        resultsFromThisWorker++;
        consecutiveStartFailures = 0;
        if (c == null || c.id != m.chunkId()) {
            throw new IllegalStateException("got result for chunk " + m.chunkId() + ", expected " + (c == null ? "none" : c.id));
        }
        if (m.results() != null) {
            c.future.complete(dev.blockwork.process.internal.Packing.unpack(m.results()));
        } else {
            c.future.completeExceptionally(remoteFailure(c, m));
        }
    }

    /**
     * A result message that could not be deserialized (a class not allowed here, a shared block already
     * gone): results arrive in order, so it belongs to the oldest chunk in flight.
     */
    private void failUnreadable(RuntimeException e) {
        PoolChunk c = inFlight.pollFirst();
        if (c == null) throw e;
        inFlightTasks -= c.count;
        resultsFromThisWorker++;
        c.future.completeExceptionally(new RemoteTaskException("the result of task " + c.description() + " (chunk " + c.id
                + ") from " + process.name() + " (pid " + process.pid() + ") could not be read: " + e, e));
    }

    private Throwable remoteFailure(PoolChunk c, ResultMessage m) {
        String where = "task " + c.description() + " (input #" + m.failedIndex() + " of chunk " + c.id + ") failed in "
                + process.name() + " (pid " + process.pid() + ")";
        Throwable original = null;
        if (m.error() != null) {
            try {
                original = (Throwable) new JavaSerializer().deserialize(m.error());
            } catch (ClassNotAllowedException | IllegalStateException e) {
                original = null;
            }
        }
        if (original == null) return new RemoteTaskException(where + ":\n" + m.errorText(), null);
        return new RemoteTaskException(where + ": " + original, original); // the caller's join gives it the caller's stack
    }

    /**
     * The chunk the worker is running was cancelled (its compute ended, its future was cancelled): kill the
     * worker so the abandoned work stops now, put the chunks queued behind it back (uncharged), start afresh.
     */
    private void replaceForCancel() throws InterruptedException {
        inFlight.pollFirst();
        process.kill();
        process.join(5, TimeUnit.SECONDS);
        inFlightTasks = 0;
        while (!inFlight.isEmpty()) {
            PoolChunk c = inFlight.pollLast();
            if (!c.future.isDone()) pool.queue.addFirst(c);
        }
        closeWorker("killed: the task it ran was cancelled");
        if (!pool.terminated) startWorker();
    }

    private void handleDeath(Throwable cause) throws InterruptedException {
        process.join(5, TimeUnit.SECONDS);
        int status = process.exitCode().orElse(-1);
        String who = process.name() + " (pid " + process.pid() + ") died with exit status " + status + describe(status);
        if (!ready) { // start-up deaths count only while they repeat with the same exit status
            consecutiveStartFailures = status == lastStartFailureStatus ? consecutiveStartFailures + 1 : 1;
            lastStartFailureStatus = status;
        }
        PoolChunk running = ready ? inFlight.pollFirst() : null; // not ready: no task ran, none is charged
        inFlightTasks = 0;
        if (running != null) {
            running.deaths++;
            if (running.deaths > pool.options.maxRetries) {
                running.future.completeExceptionally(new WorkerDiedException(who + " while running task " + running.description()
                        + " (chunk " + running.id + "); tried " + running.deaths + " times (maxRetries "
                        + pool.options.maxRetries + "); see the worker's stderr above", process.pid(), status));
            } else {
                pool.queue.addFirst(running);
            }
        }
        while (!inFlight.isEmpty()) pool.queue.addFirst(inFlight.pollLast());
        closeWorker("died with exit status " + status + describe(status));
        if (!ready && consecutiveStartFailures >= pool.options.maxStartFailures) {
            String err = process.outputTail();
            String why = status > 128 ? "something outside the pool killed it each time (the OOM killer? a kill command?)"
                    : !err.isEmpty() ? "its last output lines are below"
                    : "the initializer failing? bad JVM flags? see the worker's stderr above";
            pool.broken(new WorkerDiedException(who + " during start-up, before running any task, " + consecutiveStartFailures
                    + " times in a row with the same exit status (" + why + "); the pool is broken" + startupReport(err),
                    process.pid(), status));
            return;
        }
        if (!pool.terminated) startWorker();
    }

    /** What a worker that died at start-up left: its last output lines (stderr and stdout), and the class path it was given. */
    private String startupReport(String err) {
        String lines = err.isEmpty() ? "" : "\n" + process.name() + "'s last output lines:\n  " + err.replace("\n", "\n  ");
        return lines + "\n" + process.name() + "'s class path: " + process.classPath();
    }

    static String describe(int status) {
        if (status > 128) return " (killed by signal " + (status - 128) + (status == 137 ? ", SIGKILL: kill -9 or out of memory" : "") + ")";
        if (status == 1) return " (the task threw, or System.exit(1))";
        return "";
    }

    private void failAll(Throwable t) {
        for (PoolChunk c : inFlight) c.future.completeExceptionally(t);
        inFlight.clear();
        inFlightTasks = 0;
    }

    private void closeWorker(String reason) {
        if (process != null && !removedAnnounced) {
            removedAnnounced = true;
            Listeners.workerRemoved(pool.options.name, process.name(), process.pid(), reason);
        }
        if (conn != null) {
            try { conn.close(); } catch (RuntimeException ignored) { }
            try { pipe.second().close(); } catch (RuntimeException ignored) { }
        }
        if (process != null) {
            process.close();
            // Nothing more is read from this worker: drop our mappings of its block segments, and delete
            // those it left if it is gone (killed: it could not clean up; exited: only unread hand-offs remain).
            dev.blockwork.process.internal.BlockViews.forgetCreatedBy(process.pid());
            if (!process.isAlive()) {
                dev.blockwork.process.internal.ShmRegistry.sweepCreatedBy(java.util.Set.of(process.pid()), ARENA_SUFFIX);
            }
        }
    }

    private void retire() {
        if (process != null && process.isAlive() && !pool.terminated) {
            try {
                conn.sendBytes(TaskFrameDescriptor.stop());
                process.join(10, TimeUnit.SECONDS);
            } catch (RuntimeException | InterruptedException ignored) {
                // kill below
            }
        }
        failAll(new java.util.concurrent.CancellationException("pool terminated"));
        closeWorker(pool.terminated ? "pool terminated" : "pool closed");
    }

    long pid() { return process == null ? -1 : process.pid(); }
}
