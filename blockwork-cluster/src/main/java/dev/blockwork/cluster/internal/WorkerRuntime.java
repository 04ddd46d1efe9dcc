package dev.blockwork.cluster.internal;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import dev.blockwork.process.serial.ClassAllowList;
import dev.blockwork.process.serial.Serialization;
import dev.blockwork.spi.Serializer;
import dev.blockwork.graph.Key;
import dev.blockwork.graph.TaskFunction;
import dev.blockwork.schedule.RemoteTask;
import dev.blockwork.schedule.TaskCall;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A worker's side of the cluster executor: the results it holds, its task threads, and one session per client.
 *
 * <p>Contract: {@link #submit} queues tasks on the worker's threads and returns at once; each task's inputs are
 * found in this worker's store or fetched from the member holding them (worker to worker, never through the
 * client); its result stays here under its id and only its size (and the value itself when
 * {@linkplain Sizes#inline small}) goes back, through the client's next {@link #collect}, a long poll.
 * {@link #fetch} serves values to clients and peers; {@link #release} drops them; {@link #cancel} interrupts the
 * task's thread; {@link #steal} takes back tasks that are queued and have not started (the client re-sends them to
 * an idle worker). A client that disconnects loses its session (its results are dropped).
 *
 * <p>Implementation overview: sessions are keyed by the client's UUID; a session has the results
 * ({@code id → value}), the client's functions ({@code id → TaskFunction}, learnt from its submits: one instance runs
 * all of that function's tasks, as on {@code threads}), the running tasks ({@code id → Future}, for cancel), the
 * queued ones ({@code id → Claim}: the task thread that starts a task and a steal or cancel that un-queues it race
 * for one CAS, so a stolen task never runs and a started one is never stolen) and an outbox of finished tasks that
 * the collect call drains (one blocking poll, then whatever else is there). Task threads are platform threads in a
 * fixed pool of {@code threads}. Calls from Hazelcast run on the member's {@code blockwork} executor threads.
 */
public final class WorkerRuntime {
    /** Where a member keeps its runtime ({@link HazelcastInstance#getUserContext()}). */
    public static final String CONTEXT_KEY = "blockwork.worker";
    private static final Object NULL = new Object();
    private final String name;
    /** The member, once started (the runtime exists before it joins, so that no call finds a member without one). */
    private final java.util.concurrent.CompletableFuture<HazelcastInstance> member = new java.util.concurrent.CompletableFuture<>();
    private final ExecutorService threads;
    /**
     * One permit per task thread: a task runs only with one. A submit of a single task that will wait for its result
     * anyway runs it on its own (Hazelcast executor) thread when a permit is free: two thread hand-offs fewer on a
     * future's round trip, and never more tasks at once than {@code threads}.
     */
    private final java.util.concurrent.Semaphore slots;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final AtomicLong storeBytes = new AtomicLong();

    public WorkerRuntime(String name, int threadCount) {
        this.name = name;
        AtomicInteger n = new AtomicInteger();
        this.slots = new java.util.concurrent.Semaphore(threadCount);
        this.threads = Executors.newFixedThreadPool(threadCount, r -> {
            Thread t = new Thread(r, name + "-task-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public String name() { return name; }

    /** The member this runtime serves has started. */
    public void attach(HazelcastInstance hz) { member.complete(hz); }

    /** The runtime of the member this call runs on. */
    public static WorkerRuntime of(HazelcastInstance hz) {
        Object r = hz.getUserContext().get(CONTEXT_KEY);
        if (r == null) throw new IllegalStateException("member " + hz.getName() + " is not a Blockwork worker (no runtime in its user context)");
        return (WorkerRuntime) r;
    }

    private Session session(String client) { return sessions.computeIfAbsent(client, Session::new); }

    /** A client left: its results and queued outcomes go. */
    public void clientLeft(String client) {
        replicas.dropStore(client);
        Session s = sessions.remove(client);
        if (s == null) return;
        for (Future<?> f : s.running.values()) f.cancel(true);
        long freed = 0;
        for (Object v : s.results.values()) freed += Math.max(0, Sizes.of(v == NULL ? null : v));
        storeBytes.addAndGet(-freed);
    }

    /**
     * Learns the functions {@code functionIds} ({@code functionBytes}: their Kryo bytes), then queues tasks {@code ids}
     * ({@code payload}: their {@link TaskBatch}, Kryo), after trusting the client's class names. A function that cannot
     * be read fails every task that calls it; a task naming a function this worker does not have reports
     * {@link Outcomes#FUNCTION_UNKNOWN}.
     */
    public void submit(String client, long[] ids, String[] trusted, byte[] payload, long[] functionIds, byte[][] functionBytes) {
        submit(client, ids, trusted, payload, functionIds, functionBytes, false);
    }

    /**
     * As {@link #submit(String, long[], String[], byte[], long[], byte[][])}; {@code mayRunHere}: a single task may run
     * in the calling thread, before this returns, if a task thread's permit is free (the caller waits for it anyway).
     */
    public void submit(String client, long[] ids, String[] trusted, byte[] payload, long[] functionIds, byte[][] functionBytes,
                       boolean mayRunHere) {
        Session s = session(client);
        if (trusted.length > 0) ClassAllowList.trust(List.of(trusted));
        for (int i = 0; i < functionIds.length; i++) {
            if (!s.functions.containsKey(functionIds[i])) s.functions.putIfAbsent(functionIds[i], readFunction(functionBytes[i]));
        }
        TaskBatch batch;
        try {
            batch = (TaskBatch) Serialization.get().deserialize(payload);
            if (batch.size() != ids.length) throw new IllegalStateException("got " + batch.size() + " tasks for " + ids.length + " ids, expected as many");
        } catch (Throwable e) { // a class not allowed, a class the client could not give: every task of the batch fails
            long now = dev.blockwork.schedule.TaskReport.epochNanosNow();
            IllegalStateException why = cannotRead(e);
            for (long id : ids) s.outbox.add(new Outcomes.One(id, Outcomes.FAILED, -1, now, now, why));
            return;
        }
        for (int i = 0; i < ids.length; i++) {
            long id = ids[i], fid = batch.functionIds()[i];
            Object fn = fid == 0 ? batch.functions()[i] : s.functions.get(fid);
            if (fid == 0 && !(fn instanceof TaskFunction)) fn = new IllegalStateException("worker " + name + " got a task without a function");
            if (!(fn instanceof TaskFunction f)) {
                long now = dev.blockwork.schedule.TaskReport.epochNanosNow();
                s.outbox.add(fn == null ? new Outcomes.One(id, Outcomes.FUNCTION_UNKNOWN, -1, now, now, null)
                        : new Outcomes.One(id, Outcomes.FAILED, -1, now, now, fn));
                continue;
            }
            TaskCall call = new TaskCall((Key) batch.keys()[i], batch.labels()[i], f, (Object[]) batch.args()[i]);
            if (mayRunHere && ids.length == 1 && slots.tryAcquire()) {
                java.util.concurrent.FutureTask<Void> here = new java.util.concurrent.FutureTask<>(() -> run(s, id, call), null);
                synchronized (s.running) { s.running.put(id, here); }
                try {
                    here.run(); // a cancel interrupts this thread, and has been delivered when run() returns
                } finally {
                    slots.release();
                    Thread.interrupted(); // not the executor thread's own interrupt: clear it
                }
                return;
            }
            Claim claim = new Claim();
            synchronized (s.running) { // so that the task's own removal cannot precede this put
                s.queued.put(id, claim);
                s.running.put(id, threads.submit(() -> {
                    try {
                        slots.acquire();
                    } catch (InterruptedException cancelled) { // cancelled before it started: nobody waits for an outcome
                        synchronized (s.running) {
                            if (claim.take()) { // else a steal or a cancel took it, and removed its entries
                                s.queued.remove(id);
                                s.running.remove(id);
                            }
                        }
                        return;
                    }
                    try {
                        if (!claim.take()) return; // stolen: the steal reported it, and removed its entries
                        synchronized (s.running) { s.queued.remove(id); }
                        run(s, id, call);
                    } finally {
                        slots.release();
                    }
                }));
            }
        }
    }

    /** A function from its bytes; what cannot be read becomes the exception that fails its tasks. */
    private Object readFunction(byte[] bytes) {
        try {
            Object fn = Serialization.get().deserialize(bytes);
            if (fn instanceof TaskFunction) return fn;
            return new IllegalStateException("worker " + name + " got a " + (fn == null ? "null" : fn.getClass().getName())
                    + " as a task's function, expected a dev.blockwork.graph.TaskFunction");
        } catch (Throwable e) {
            return cannotRead(e);
        }
    }

    private void run(Session s, long id, TaskCall call) {
        Outcomes.One out;
        try {
            resolveAll(s, call.args(), new HashMap<>());
            RemoteTask.Result r = new RemoteTask(call).run();
            Object v = r.value();
            long size = Sizes.of(v);
            s.results.put(id, v == null ? NULL : v);
            storeBytes.addAndGet(Math.max(0, size));
            out = new Outcomes.One(id, Sizes.inline(v) ? Outcomes.INLINE : Outcomes.HELD, size, r.startEpochNanos(), r.endEpochNanos(),
                    Sizes.inline(v) ? v : null);
        } catch (InputLost lost) {
            long now = dev.blockwork.schedule.TaskReport.epochNanosNow();
            out = new Outcomes.One(id, Outcomes.INPUT_LOST, -1, now, now, lost.ref);
        } catch (RemoteTask.Failure e) { // the task's own failure: its key, step, worker and original exception
            long now = dev.blockwork.schedule.TaskReport.epochNanosNow();
            out = new Outcomes.One(id, Outcomes.FAILED, -1, now, now, e);
        } catch (Throwable e) { // the worker's own trouble (a peer fetch, a class): as text, readable by any client
            long now = dev.blockwork.schedule.TaskReport.epochNanosNow();
            out = new Outcomes.One(id, Outcomes.FAILED, -1, now, now, readable("worker " + name + " could not run the task", e));
        } finally {
            synchronized (s.running) { s.running.remove(id); }
        }
        s.outbox.add(out);
    }

    /** Replaces every {@link Ref} in {@code args} (at any depth of nested {@code Object[]}) by its value. */
    private void resolveAll(Session s, Object[] args, Map<Ref, Object> fetched) throws Exception {
        for (int p = 0; p < args.length; p++) {
            if (args[p] instanceof Ref r) args[p] = resolve(s, r, fetched);
            else if (args[p] instanceof Object[] list && list.getClass() == Object[].class) resolveAll(s, list, fetched);
        }
    }

    /** An input's value: from this worker's store, or fetched from the member holding it. */
    private Object resolve(Session s, Ref r, Map<Ref, Object> fetched) throws Exception {
        Session from = r.space() == null ? s : sessions.get(r.space()); // the client's own store, or a dataset's
        Object v = from == null ? null : from.results.get(r.id());
        if (v != null) return v == NULL ? null : v;
        if (fetched.containsKey(r)) return fetched.get(r);
        ReplicaKey rk = new ReplicaKey(r.space() == null ? s.client : r.space(), r.id(), r.member());
        Object replica = replicas.get(rk);
        if (replica != null) return replica == NULL ? null : replica;
        HazelcastInstance hz = member.get(60, TimeUnit.SECONDS);
        Member holder = null;
        for (Member m : hz.getCluster().getMembers()) if (m.getUuid().toString().equals(r.member())) holder = m;
        if (holder == null || holder.localMember()) throw new InputLost(r);
        IExecutorService ex = hz.getExecutorService(HazelcastConfigs.EXECUTOR);
        byte[] bytes;
        try {
            bytes = ex.submitToMember(new Messages.Fetch(r.space() == null ? s.client : r.space(), new long[] {r.id()}), holder).get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new InputLost(r);
        }
        Object value = decodeFetch(bytes, true)[0]; // a peer: trust the class names it sent with the values
        fetched.put(r, value);
        replicas.put(rk, value == null ? NULL : value, Sizes.of(value));
        return value;
    }

    /** A fetched value's name: the store it is in on its holder (a client's or a dataset's), its id, its holder. */
    record ReplicaKey(String store, long id, String member) {}

    /**
     * Values this worker fetched from peers, kept for its next tasks that read them, the most recently used up to
     * {@code cluster.replicaBytes} (Dask's workers keep such replicas too): a task placed away from its input, or
     * stolen, fetches it once per worker, not once per task. A result is never changed after it is made and an id
     * is never reused by its store, so a replica cannot be stale; one whose holder released the original only
     * takes room until it is evicted (or its client leaves).
     */
    static final class Replicas {
        private final long capacity;
        private final java.util.LinkedHashMap<ReplicaKey, Object> values = new java.util.LinkedHashMap<>(16, 0.75f, true);
        private final Map<ReplicaKey, Long> sizes = new HashMap<>();
        private long bytes;

        Replicas(long capacity) { this.capacity = capacity; }

        synchronized Object get(ReplicaKey k) { return values.get(k); }

        /** Keeps {@code v} unless it is over a quarter of the capacity (or its size is unknown); evicts the oldest. */
        synchronized void put(ReplicaKey k, Object v, long size) {
            if (size < 0 || size > capacity / 4 || values.containsKey(k)) return;
            values.put(k, v);
            sizes.put(k, size);
            bytes += size;
            for (var it = values.keySet().iterator(); bytes > capacity && it.hasNext(); ) {
                ReplicaKey old = it.next();
                it.remove();
                bytes -= sizes.remove(old);
            }
        }

        /** Drops the replicas of a store (its client left, or the dataset was unpublished). */
        synchronized void dropStore(String store) {
            for (var it = values.keySet().iterator(); it.hasNext(); ) {
                ReplicaKey k = it.next();
                if (k.store().equals(store)) {
                    it.remove();
                    bytes -= sizes.remove(k);
                }
            }
        }

        synchronized long bytes() { return bytes; }
    }

    private final Replicas replicas = new Replicas(dev.blockwork.cluster.ClusterSettings.REPLICA_BYTES.getLong());

    /** Set for {@code --code deployed}: classes come from this worker's class path only. */
    private volatile boolean deployedOnly;

    /** This worker loads no class from its clients ({@code --code deployed}); its errors say so. */
    public void deployedCodeOnly() { deployedOnly = true; }

    /** Why a task (or its function) could not be read; with deployed code only, a missing class says so. */
    private IllegalStateException cannotRead(Throwable e) {
        String hint = deployedOnly && lacksClass(e)
                ? " (this worker runs deployed code only, --code deployed: put the application's classes on its class path)" : "";
        return readable("worker " + name + " could not read the task" + hint, e);
    }

    private static boolean lacksClass(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ClassNotFoundException || String.valueOf(t.getMessage()).startsWith("Unable to find class")) return true;
        }
        return false;
    }

    /**
     * {@code e} as an exception any client can read: its class names and stack trace as text in the message (the
     * original may be of a class the client does not allow, such as Kryo's or Hazelcast's own).
     */
    static IllegalStateException readable(String what, Throwable e) {
        java.io.StringWriter w = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(w));
        String trace = w.toString();
        return new IllegalStateException(what + ": " + e + "\n" + (trace.length() > 8000 ? trace.substring(0, 8000) + "..." : trace));
    }

    /** An input the task needs is on no live member (or its holder no longer has it). */
    static final class InputLost extends Exception {
        final Ref ref;

        InputLost(Ref ref) {
            super("input " + ref.id() + " is gone", null, false, false);
            this.ref = ref;
        }
    }

    /** Finished tasks of {@code client}: waits up to {@code waitMs} for the first, then takes what else is there. */
    public byte[] collect(String client, long waitMs, int max) throws InterruptedException {
        Session s = session(client);
        List<Outcomes.One> out = new ArrayList<>();
        Outcomes.One first = s.outbox.poll(waitMs, TimeUnit.MILLISECONDS);
        if (first != null) {
            out.add(first);
            s.outbox.drainTo(out, max - 1);
        }
        return copy(Serialization.get().serialize(Outcomes.of(name, storeBytes.get(), out)));
    }

    /**
     * The values of results {@code ids}: Kryo of {@code {String[] names, byte[] values}}, where {@code values} is
     * Kryo of an {@code Object[]} and {@code names} the application classes it names, which a peer worker trusts
     * (members of one cluster trust each other) and a client ignores (it trusts only what it sent itself).
     */
    public byte[] fetch(String client, long[] ids) {
        fetchesServed.add(ids.length);
        Session s = sessions.get(client);
        Object[] values = new Object[ids.length];
        for (int i = 0; i < ids.length; i++) {
            Object v = s == null ? null : s.results.get(ids[i]);
            if (v == null) throw new IllegalStateException("worker " + name + " holds no result " + ids[i] + " of client " + client);
            values[i] = v == NULL ? null : v;
        }
        return Envelope.wrap(values);
    }

    /** The values in a {@link #fetch} reply; {@code trustNames}: a peer's reply, whose class names are trusted first. */
    public static Object[] decodeFetch(byte[] bytes, boolean trustNames) {
        return (Object[]) Envelope.unwrap(bytes, trustNames);
    }

    /** Drops results {@code ids} of {@code client}. */
    public void release(String client, long[] ids) {
        Session s = sessions.get(client);
        if (s == null) return;
        long freed = 0;
        for (long id : ids) {
            Object v = s.results.remove(id);
            if (v != null) freed += Math.max(0, Sizes.of(v == NULL ? null : v));
        }
        storeBytes.addAndGet(-freed);
    }

    /**
     * Keeps results {@code ids} of store {@code client} in the store {@code space} too (a published dataset's), as
     * its results {@code targets} (a dataset numbers its results itself): they stay
     * when the client releases them or leaves, until {@link #unpin}. The values are shared, not copied.
     *
     * @throws IllegalStateException naming the first id this worker does not hold for the client
     */
    public void pin(String client, long[] ids, long[] targets, String space) {
        if (targets.length != ids.length) throw new IllegalArgumentException("got " + targets.length + " target ids for " + ids.length + " results, expected as many");
        Session s = sessions.get(client);
        Object[] values = new Object[ids.length];
        for (int i = 0; i < ids.length; i++) { // all or nothing
            values[i] = s == null ? null : s.results.get(ids[i]);
            if (values[i] == null) throw new IllegalStateException("worker " + name + " holds no result " + ids[i] + " of " + client + " to publish");
        }
        Session d = session(space);
        long added = 0;
        for (int i = 0; i < ids.length; i++) {
            Object before = d.results.putIfAbsent(targets[i], values[i]);
            if (before == null) added += Math.max(0, Sizes.of(values[i] == NULL ? null : values[i]));
            else if (before != values[i]) throw new IllegalStateException("worker " + name + " already holds result " + targets[i] + " of " + space);
        }
        storeBytes.addAndGet(added); // counted twice while the client holds them too: a limit errs on the safe side
    }

    /** Drops the store {@code space} (a dataset unpublished) and what it alone held. */
    public void unpin(String space) { clientLeft(space); }

    /** Interrupts tasks {@code ids} of {@code client} where they run (those still queued never start). */
    public void cancel(String client, long[] ids) {
        Session s = sessions.get(client);
        if (s == null) return;
        for (long id : ids) {
            Future<?> f;
            boolean queued;
            synchronized (s.running) {
                Claim c = s.queued.get(id);
                queued = c != null && c.take();
                if (queued) {
                    s.queued.remove(id);
                    f = s.running.remove(id);
                } else {
                    f = s.running.get(id);
                }
            }
            if (f != null) f.cancel(!queued); // a queued one never starts; a running one is interrupted
        }
    }

    /**
     * Takes back up to {@code max} of tasks {@code ids} of {@code client} that are queued here and have not started,
     * trying them in the order given (the client names the most recently sent first, the tail of the queue, as Dask
     * steals); returns the ids taken, which will never run nor report an outcome here. An id that runs, has finished
     * or is unknown is not taken. Idempotent: an id a steal already took is returned again (a client that lost the
     * reply asks again), as long as this session remembers it ({@value #STOLEN_REMEMBERED} ids).
     */
    public long[] steal(String client, long[] ids, int max) {
        Session s = sessions.get(client);
        if (s == null) return new long[0];
        long[] taken = new long[Math.min(ids.length, Math.max(0, max))];
        int n = 0;
        List<Future<?>> dropped = new ArrayList<>();
        synchronized (s.running) {
            for (int i = 0; i < ids.length && n < taken.length; i++) {
                long id = ids[i];
                if (s.stolen.contains(id)) {
                    taken[n++] = id;
                    continue;
                }
                Claim c = s.queued.get(id);
                if (c == null || !c.take()) continue; // started, finished, cancelled, or never here
                s.queued.remove(id);
                Future<?> f = s.running.remove(id);
                if (f != null) dropped.add(f);
                s.stolen.add(id);
                taken[n++] = id;
            }
            for (var it = s.stolen.iterator(); s.stolen.size() > STOLEN_REMEMBERED; ) {
                it.next();
                it.remove();
            }
        }
        for (Future<?> f : dropped) f.cancel(false); // the pool skips it without taking a slot; the claim alone keeps it from running
        return n == taken.length ? taken : java.util.Arrays.copyOf(taken, n);
    }

    /** How many stolen ids a session remembers, so that a repeated steal returns them again. */
    static final int STOLEN_REMEMBERED = 1 << 16;

    /**
     * A queued task's claim: the task thread that starts it and a {@link #steal} race for it, and exactly one wins
     * (an explicit flag rather than {@code FutureTask.cancel(false)}, which also succeeds on a task that runs).
     */
    static final class Claim extends java.util.concurrent.atomic.AtomicBoolean {
        private static final long serialVersionUID = 1L;

        /** @return whether this caller won the task (it was unclaimed) */
        boolean take() { return compareAndSet(false, true); }
    }

    private final java.util.concurrent.atomic.LongAdder fetchesServed = new java.util.concurrent.atomic.LongAdder();

    /** Values this worker has served to clients and peers ({@link #fetch}), for tests and diagnostics. */
    public long fetchesServed() { return fetchesServed.sum(); }

    /** Bytes of replicas kept now ({@link Replicas}), for tests and diagnostics. */
    public long replicaBytes() { return replicas.bytes(); }

    /** Results held, for tests and diagnostics. */
    public int heldResults() {
        int n = 0;
        for (Session s : sessions.values()) n += s.results.size();
        return n;
    }

    public void close() { threads.shutdownNow(); }

    private static byte[] copy(Serializer.Bytes b) { return b.copy(); }

    private static final class Session {
        final String client;
        final Map<Long, Object> results = new ConcurrentHashMap<>();
        final Map<Long, Future<?>> running = new HashMap<>();
        /** Tasks queued and not started, by id (guarded by {@code running}): a steal may take them back. */
        final Map<Long, Claim> queued = new HashMap<>();
        /** Ids taken back by steals, oldest first, at most {@link #STOLEN_REMEMBERED} (guarded by {@code running}). */
        final java.util.LinkedHashSet<Long> stolen = new java.util.LinkedHashSet<>();
        /** The client's functions by id ({@link FunctionTable}): a {@code TaskFunction}, or the exception reading it gave. */
        final Map<Long, Object> functions = new ConcurrentHashMap<>();
        final LinkedBlockingQueue<Outcomes.One> outbox = new LinkedBlockingQueue<>();

        Session(String client) { this.client = client; }
    }

    static UUID uuid(String s) { return UUID.fromString(s); }
}
