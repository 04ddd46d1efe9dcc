package dev.blockwork.cluster.internal;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.ExecutionCallback;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.map.IMap;
import dev.blockwork.cluster.ClusterSettings;
import dev.blockwork.process.internal.CodeBridge;
import dev.blockwork.process.serial.ClassAllowList;
import dev.blockwork.process.serial.Serialization;
import dev.blockwork.schedule.Execution;
import dev.blockwork.schedule.HeldInputLostException;
import dev.blockwork.schedule.HeldResult;
import dev.blockwork.schedule.Listeners;
import dev.blockwork.schedule.ReadySink;
import dev.blockwork.schedule.RemoteTask;
import dev.blockwork.schedule.TaskCall;
import dev.blockwork.schedule.TaskReport;
import dev.blockwork.schedule.WorkerLostException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The client side of the cluster executor: the engine's protocol ({@link Execution}) on Hazelcast members.
 *
 * <p>Contract: ready tasks are started in the engine ({@code start}, READY → RUNNING), placed on a worker, and
 * shipped in batches (one {@link Messages.Submit} per worker per round, up to {@code cluster.batchSize} tasks); each
 * distinct function goes to a worker once and tasks name it by id ({@link FunctionTable}). Each worker's finished
 * tasks come back through one waiting call per worker (a {@link Messages.Collect} long poll, or a submit when no call
 * waits) as {@link ClusterHeld} handles (the value stays on the worker; a small one also comes back inline). Placement:
 * a task goes to the worker holding the most bytes of its inputs when that is at least {@value #LOCALITY_MIN_BYTES}
 * bytes and that worker has room, else to the least loaded worker with room (a worker over its memory limit gets new
 * work only for its own data). At most {@code cluster.inFlightPerWorker} tasks are sent to one worker; the rest wait
 * here, so a worker that joins gets work at once. Releases ride on the next submit or collect to their worker.
 *
 * <p>Work stealing: when nothing waits here and a worker has free task threads while another has more tasks in
 * flight than threads, the busy one is asked ({@link Messages.Steal}) for tasks that have not started, most recently
 * sent first, and those go to the least loaded other workers; {@link StealPolicy} says which and how many (half the
 * excess, one steal at a time per worker; not tasks whose label averages under a millisecond; tasks with their big
 * inputs on the busy worker only for a thief with nothing in flight: a crude stand-in for Dask's weighing of
 * transfer cost against compute time). The engine does not see the move: the task stays RUNNING, and its call as
 * first shipped (no second {@code start}) goes out under a new id.
 *
 * <p>Faults: a worker that leaves (killed, cut off past the heartbeat timeout) fails its in-flight tasks with
 * {@link WorkerLostException} (the engine retries them elsewhere, up to {@code allowedFailures}, then raises
 * {@code KilledWorkerException}) and loses the results it held ({@link Execution#lost}: the engine recomputes
 * them from the graph when a task needs them). A task whose input could not be fetched from a peer fails the same
 * way after the input is marked lost.
 *
 * <p>Implementation overview: the engine's ready sink pushes to the front of one pending deque (depth-first, as
 * the engine orders its dependents) and the initial tasks to the back. Whichever thread made tasks ready ships them
 * (the caller of {@link #execute}, or the reply thread that reported their inputs), one thread at a time under the
 * shipping lock; the dispatcher thread only takes over when that lock was busy, and sends releases that found no call
 * to ride on. Shipping drains as many tasks as there is room for, starts them, groups them by worker, serializes each
 * group once (Kryo, collecting the application class names it holds, whose class files go to the cluster's code map
 * the first time) and submits. Who removes an in-flight entry from its worker's map reports it, exactly once: the
 * collect handler, the membership listener, a failed submit, a cancel, or a steal's reply. The last hands the
 * entry to {@link #stolen}; shipping then puts a new entry on the thief and swaps it for the old one in the run's
 * {@code running} map ({@code replace(task, old, new)}): if a cancel took the old one meanwhile, the swap fails
 * and the task is dropped (nobody waits for it). A stolen id that finished or started meanwhile is not given back
 * (the worker's claim decides); a busy worker that dies mid-steal has its tasks reported by the membership
 * listener, since the steal's reply never comes; a steal that fails in transport while the worker is still a
 * member is asked again (it is idempotent there), so no task it took is lost.
 */
public final class ClusterExecutor implements AutoCloseable {
    static final long LOCALITY_MIN_BYTES = 64 << 10;
    private static final System.Logger LOG = System.getLogger(ClusterExecutor.class.getName());
    private final HazelcastInstance hz;
    private final IExecutorService executor;
    private final String clientId;
    private final Map<String, MemberLink> links = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final ArrayDeque<Pending> pending = new ArrayDeque<>(); // guarded by lock
    /** Tasks a steal took back from their worker, to ship to another (owned by whoever polls them). */
    private final java.util.concurrent.ConcurrentLinkedQueue<InFlight> stolen = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final StealPolicy stealing = new StealPolicy();
    /** Tasks asked for in steals still out. */
    private final java.util.concurrent.atomic.AtomicInteger stealsOut = new java.util.concurrent.atomic.AtomicInteger();
    /** Tasks taken back from one worker and sent to another (for tests and diagnostics). */
    final LongAdder tasksStolen = new LongAdder();
    private final AtomicLong ids = new AtomicLong();
    private final Set<String> published = ConcurrentHashMap.newKeySet();
    private final IMap<String, byte[]> code;
    private final FunctionTable functions = new FunctionTable();
    private final int inFlightCap = (int) ClusterSettings.IN_FLIGHT.getLong();
    private final int batchSize = (int) ClusterSettings.BATCH.getLong();
    private final Thread dispatcher;
    private final UUID membershipRegistration;
    private volatile boolean closed;
    private boolean wake; // guarded by lock: releases or capacity changed
    /** Bytes that moved: task batches sent, outcomes and fetched values received (for the benchmarks). */
    final LongAdder bytesSent = new LongAdder(), bytesReceived = new LongAdder(), bytesFetched = new LongAdder();

    /** A task of a running compute that waits to be shipped. */
    private record Pending(Run run, int task) {}

    /** One compute on this executor: its engine, its sink, and its tasks in flight. */
    static final class Run {
        final Execution exec;
        ReadySink sink;
        final Map<Integer, InFlight> running = new ConcurrentHashMap<>();

        Run(Execution exec) { this.exec = exec; }
    }

    /**
     * A task sent to a worker: what to tell the engine when it ends, the handles of its inputs, and its call (arguments
     * as shipped) and function, to send it again elsewhere if it is stolen back before it starts.
     */
    record InFlight(Run run, int task, long id, MemberLink link, Map<Ref, ClusterHeld> inputs, TaskCall call,
                    FunctionTable.Def function) {}

    public ClusterExecutor(HazelcastInstance hz) {
        this.hz = hz;
        this.executor = hz.getExecutorService(HazelcastConfigs.EXECUTOR);
        this.clientId = hz.getLocalEndpoint().getUuid().toString();
        this.code = hz.getMap(HazelcastConfigs.CODE_MAP);
        membershipRegistration = hz.getCluster().addMembershipListener(new MembershipListener() {
            @Override public void memberAdded(MembershipEvent e) { added(e.getMember()); }
            @Override public void memberRemoved(MembershipEvent e) { removed(e.getMember()); }
        });
        for (Member m : hz.getCluster().getMembers()) added(m);
        dispatcher = new Thread(this::dispatchLoop, "blockwork-cluster-dispatch");
        dispatcher.setDaemon(true);
        dispatcher.start();
    }

    IExecutorService executorService() { return executor; }

    String clientId() { return clientId; }

    /** Task threads of every worker (at least 1). */
    public int parallelism() {
        int n = 0;
        for (MemberLink l : links.values()) n += l.threads;
        return Math.max(1, n);
    }

    /** The workers' names, in join order of this client's view. */
    public List<String> workers() {
        List<String> out = new ArrayList<>();
        for (Member m : hz.getCluster().getMembers()) {
            MemberLink l = links.get(m.getUuid().toString());
            if (l != null) out.add(l.name);
        }
        return out;
    }

    /** Results this client's computes hold on workers now (unreleased handles). */
    public int heldResults() {
        int n = 0;
        for (MemberLink l : links.values()) n += l.held.size();
        return n;
    }

    /** The results this client's computes hold on workers now, described (for diagnostics and tests). */
    public List<String> heldDescriptions() {
        List<String> out = new ArrayList<>();
        for (MemberLink l : links.values()) for (ClusterHeld h : l.held.values()) out.add(h + " " + h.key + " of compute " + h.computeId);
        return out;
    }

    /** Bytes that moved so far: {sent to workers, received from them in reports, fetched from them}. */
    public long[] bytesMoved() { return new long[] {bytesSent.sum(), bytesReceived.sum(), bytesFetched.sum()}; }

    private final Object membership = new Object();

    /** Waits at most {@code ms} for a worker to join or leave (for start-up waits). */
    public void awaitMembershipChange(long ms) {
        synchronized (membership) {
            try {
                membership.wait(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void membershipChanged() {
        synchronized (membership) { membership.notifyAll(); }
    }

    private void added(Member m) {
        String uuid = m.getUuid().toString();
        if (links.containsKey(uuid)) return;
        MemberLink l = new MemberLink(this, m);
        if (links.putIfAbsent(uuid, l) == null) {
            Listeners.workerAdded("cluster", l.name, l.pid);
            wakeDispatcher();
            membershipChanged();
        }
    }

    private void removed(Member m) {
        MemberLink l = links.remove(m.getUuid().toString());
        if (l == null) return;
        l.dead = true;
        String reason = "left the cluster (its JVM died or it was cut off)";
        for (ClusterHeld h : new ArrayList<>(l.held.values())) { // first the lost results, so retries see them lost
            l.held.remove(h.id);
            Execution made = h.exec();
            if (!h.isReleased() && made != null && !made.isTerminated()) made.lost(h.task);
        }
        for (Long id : new ArrayList<>(l.inFlight.keySet())) {
            InFlight f = l.inFlight.remove(id);
            if (f == null) continue;
            f.run.running.remove(f.task, f);
            f.run.exec.fail(f.task, new WorkerLostException("worker " + l.name + " " + reason + " while running task "
                    + f.run.exec.plan().key(f.task)), null, f.run.sink);
        }
        Listeners.workerRemoved("cluster", l.name, l.pid, reason);
        wakeDispatcher();
        membershipChanged();
    }

    // ---- the engine's side ------------------------------------------------------------------------

    /** Runs {@code exec}'s tasks on the workers (returns at once). */
    public void execute(Execution exec) {
        if (closed) throw new IllegalStateException("the cluster connection is closed");
        exec.acceptHeldInputs();
        Run run = new Run(exec);
        run.sink = t -> enqueue(new Pending(run, t), true);
        exec.onCancel(task -> cancel(run, task));
        lock.lock();
        try {
            for (int t : exec.initialReady()) pending.addLast(new Pending(run, t));
        } finally {
            lock.unlock();
        }
        dispatchRound(false); // ship from the caller's thread: no hand-off to the dispatcher on a future's way out
    }

    /**
     * Set while a thread runs engine transitions that it will follow with a {@link #dispatchRound} of its own (a
     * reply's thread): tasks it makes ready need no wake-up of the dispatcher.
     */
    private static final ThreadLocal<boolean[]> WILL_DISPATCH = ThreadLocal.withInitial(() -> new boolean[1]);

    private void enqueue(Pending p, boolean front) {
        lock.lock();
        try {
            if (front) pending.addFirst(p);
            else pending.addLast(p);
            if (!WILL_DISPATCH.get()[0]) work.signal();
        } finally {
            lock.unlock();
        }
    }

    void wakeDispatcher() {
        lock.lock();
        try {
            wake = true;
            work.signal();
        } finally {
            lock.unlock();
        }
    }

    private void cancel(Run run, int task) {
        InFlight f = run.running.remove(task);
        if (f == null) return;
        if (f.link.inFlight.remove(f.id) == null) return; // reported meanwhile
        if (!f.link.dead) executor.submitToMember(new Messages.Cancel(clientId, new long[] {f.id}), f.link.member); // no reply needed
        f.link.releases.add(f.id); // in case it finishes anyway: its result is nobody's
        wakeDispatcher();
    }

    // ---- dispatch -----------------------------------------------------------------------------------

    private int room() {
        int r = 0;
        for (MemberLink l : links.values()) r += Math.max(0, inFlightCap - l.inFlight.size());
        return r;
    }

    /** How often the dispatcher sends releases that found no submit or collect to ride on. */
    private static final long RELEASE_TICK_NS = 100_000_000L;
    /** Releases queued for one worker beyond which they go at once in a call of their own. */
    private static final int RELEASES_AT_ONCE = 4096;

    private void dispatchLoop() {
        while (!closed) {
            lock.lock();
            try {
                long left = RELEASE_TICK_NS;
                while (!closed && !wake && (pending.isEmpty() || room() == 0) && left > 0) left = work.awaitNanos(left);
                wake = false;
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            dispatchRound(true);
        }
    }

    /**
     * Drains what there is room for, ships it, and sends pending releases. Run by the dispatcher thread, or by a
     * reply's thread right after it made tasks ready (one thread hand-off less per step of a chain); one at a time.
     */
    private void dispatchRound(boolean dispatcherThread) {
        if (dispatcherThread) {
            shipping.lock();
        } else if (!shipping.tryLock()) {
            wakeDispatcher(); // another thread is shipping: make sure what we queued is seen after it
            return;
        }
        List<Pending> batch = new ArrayList<>();
        try {
            boolean nothingPending;
            lock.lock();
            try {
                int r = room();
                while (r-- > 0 && !pending.isEmpty()) batch.add(pending.pollFirst());
                nothingPending = pending.isEmpty();
            } finally {
                lock.unlock();
            }
            if (!batch.isEmpty()) ship(batch);
            if (!stolen.isEmpty()) shipStolen();
            if (nothingPending && !closed) steal();
            flushReleases();
        } catch (Throwable e) { // a bug: never let the dispatcher die silently
            LOG.log(System.Logger.Level.ERROR, "the cluster dispatcher failed", e);
            for (Pending p : batch) p.run.exec.cancel(e);
        } finally {
            shipping.unlock();
        }
    }

    private final ReentrantLock shipping = new ReentrantLock();

    /** Starts, places and ships {@code batch}, grouped by worker. */
    private void ship(List<Pending> batch) {
        Map<MemberLink, List<InFlight>> groups = new IdentityHashMap<>();
        Map<Object, FunctionTable.Def> defined = new IdentityHashMap<>(); // this round's functions: serialized once each
        for (Pending p : batch) {
            Execution exec = p.run.exec;
            TaskCall call;
            try {
                call = exec.start(p.task, p.run.sink); // null: cancelled, ended, or an input lost (recomputed)
            } catch (RuntimeException e) {
                exec.cancel(e);
                continue;
            }
            if (call == null) continue;
            Map<Ref, ClusterHeld> inputs = new HashMap<>();
            Object[] args;
            FunctionTable.Def fn;
            try {
                args = shipArgs(exec, call.args(), inputs);
            } catch (Throwable e) { // a foreign handle could not be fetched
                exec.fail(p.task, e, null, p.run.sink);
                continue;
            }
            try {
                fn = defined.get(call.function());
                if (fn == null) defined.put(call.function(), fn = functions.define(call.function()));
            } catch (RuntimeException e) { // the function cannot be serialized: the task fails with why
                exec.fail(p.task, e, null, p.run.sink);
                continue;
            }
            MemberLink target = place(inputs);
            if (target == null) { // the last worker left meanwhile: a retry waits here for one to come
                exec.fail(p.task, new WorkerLostException("no worker left in the cluster to run task " + call.key()), null, p.run.sink);
                continue;
            }
            long id = ids.incrementAndGet();
            InFlight f = new InFlight(p.run, p.task, id, target, inputs, new TaskCall(call.key(), call.label(), call.function(), args), fn);
            target.inFlight.put(id, f);
            p.run.running.put(p.task, f);
            if (target.dead && target.inFlight.remove(id) != null) { // it left after place(): its sweep missed this one
                p.run.running.remove(p.task, f);
                exec.fail(p.task, new WorkerLostException("worker " + target.name + " left the cluster as task " + call.key()
                        + " was placed on it"), null, p.run.sink);
                continue;
            }
            groups.computeIfAbsent(target, k -> new ArrayList<>()).add(f);
        }
        sendAll(groups);
    }

    private void sendAll(Map<MemberLink, List<InFlight>> groups) {
        for (Map.Entry<MemberLink, List<InFlight>> g : groups.entrySet()) {
            List<InFlight> items = g.getValue();
            for (int from = 0; from < items.size(); from += batchSize) send(g.getKey(), items.subList(from, Math.min(items.size(), from + batchSize)));
        }
    }

    /**
     * The arguments as a worker gets them: handles of this cluster become {@link Ref}s (or their inline value), at
     * any depth of nested {@code Object[]} (a task over several blocks gets arrays of them).
     */
    private Object[] shipArgs(Execution exec, Object[] args, Map<Ref, ClusterHeld> inputs) throws Exception {
        Object[] out = null;
        for (int p = 0; p < args.length; p++) {
            Object a = args[p], b = a;
            if (a instanceof HeldResult h) b = shipArg(exec, h, inputs);
            else if (a instanceof Object[] list && list.getClass() == Object[].class) b = shipArgs(exec, list, inputs);
            if (b != a) {
                if (out == null) out = args.clone();
                out[p] = b;
            }
        }
        return out == null ? args : out;
    }

    private Object shipArg(Execution exec, HeldResult h, Map<Ref, ClusterHeld> inputs) throws Exception {
        if (h.owner() instanceof ClusterHeld c && c.link.owner == this) {
            if (c.hasInline()) return c.inline;
            if (c.exec() != exec && c.isLost()) throw persistedLost(c, null);
            Ref r = new Ref(c.id, c.link.uuid, c.space);
            inputs.put(r, c);
            return r;
        }
        return h.fetch(); // held by another executor: bring it here and ship the value
    }

    /** A result made by an earlier compute (a persisted block or value) that is gone with its worker. */
    private static HeldInputLostException persistedLost(ClusterHeld c, Object readBy) {
        String what = c.space != null ? "published result " + c.id + " (of " + Datasets.nameOf(c.space) + ")"
                : "result " + c.id + " (" + c.key + ", made by compute " + c.computeId + ")";
        String then = c.space != null ? "; another client cannot make a dataset's results again: publish it again"
                : "; a compute of a persisted collection is planned again, and a future's value is made again, from"
                        + " what made it";
        String lostWith = c.space != null ? " is gone from worker " + c.link.name + " (it left, or the dataset was unpublished)"
                : " was lost with worker " + c.link.name;
        return new HeldInputLostException(what + lostWith
                + (readBy == null ? "" : " before task " + readBy + " could read it") + then, null);
    }

    /** This client's view of the worker with member UUID {@code uuid}, or null if it is not (or no longer) there. */
    MemberLink link(String uuid) { return links.get(uuid); }

    /** The worker for a task with these held inputs (see the class comment); null if there is no worker. */
    private MemberLink place(Map<Ref, ClusterHeld> inputs) {
        MemberLink best = null;
        if (!inputs.isEmpty()) {
            Map<MemberLink, Long> bytes = new IdentityHashMap<>();
            long most = 0;
            for (ClusterHeld h : inputs.values()) {
                if (h.link.dead) continue;
                long b = bytes.merge(h.link, Math.max(0, h.size), Long::sum);
                if (b > most) { most = b; best = h.link; }
            }
            if (most < LOCALITY_MIN_BYTES) best = null;
        }
        if (best != null && best.inFlight.size() < inFlightCap) return best;
        MemberLink least = null;
        double load = Double.MAX_VALUE;
        boolean leastOver = true;
        for (MemberLink l : links.values()) {
            if (l.dead) continue;
            double x = (double) l.inFlight.size() / l.threads;
            boolean over = l.overMemory() || l.inFlight.size() >= inFlightCap;
            if (least == null || (leastOver && !over) || (over == leastOver && x < load)) {
                least = l;
                load = x;
                leastOver = over;
            }
        }
        return least;
    }

    /**
     * One submit of {@code items} to {@code link}: the functions it has not acknowledged, the tasks, and the releases
     * waiting for it. If no call to the worker is waiting for results, this one waits (a short task's result comes
     * back in this very reply, one call per round trip); otherwise it returns at once with what has finished.
     */
    private void send(MemberLink link, List<InFlight> items) {
        int n = items.size();
        long[] idArr = new long[n], fnIds = new long[n];
        Object[] inlineFns = new Object[n];
        Object[] keys = new Object[n], args = new Object[n];
        String[] labels = new String[n];
        Map<Long, FunctionTable.Def> newFns = new java.util.LinkedHashMap<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < n; i++) {
            InFlight it = items.get(i);
            idArr[i] = it.id();
            keys[i] = it.call().key();
            labels[i] = it.call().label();
            args[i] = it.call().args();
            FunctionTable.Def d = it.function();
            if (d.cached()) {
                fnIds[i] = d.id();
                if (!link.knownFunctions.contains(d.id())) newFns.putIfAbsent(d.id(), d);
            } else {
                inlineFns[i] = it.call().function(); // in the batch's own Kryo stream: its class names written once
            }
        }
        byte[] payload;
        try {
            TaskBatch tb = new TaskBatch(fnIds, inlineFns, keys, labels, args);
            payload = ClassAllowList.collecting(names, () -> Serialization.get().serialize(tb).copy());
        } catch (RuntimeException e) { // one task's arguments cannot be serialized: find it, fail it, send the others
            if (n == 1) {
                InFlight f = items.get(0);
                if (link.inFlight.remove(f.id()) != null) {
                    f.run().running.remove(f.task(), f);
                    f.run().exec.fail(f.task(), e, null, f.run().sink);
                }
                return;
            }
            for (InFlight item : items) send(link, List.of(item));
            return;
        }
        long[] defIds = new long[newFns.size()];
        byte[][] defBytes = new byte[newFns.size()][];
        int k = 0;
        for (FunctionTable.Def d : newFns.values()) {
            defIds[k] = d.id();
            defBytes[k++] = d.bytes();
            names.addAll(List.of(d.names()));
            bytesSent.add(d.bytes().length);
        }
        publishCode(names);
        bytesSent.add(payload.length);
        long[] releases = drainReleases(link);
        boolean waits = link.collecting.compareAndSet(false, true);
        link.submitting.incrementAndGet();
        call(new Messages.Submit(clientId, idArr, names.toArray(new String[0]), payload, waits ? COLLECT_WAIT_MS : 0,
                        4 * batchSize, defIds, defBytes, releases), link.member,
                new ExecutionCallback<byte[]>() {
                    @Override public void onResponse(byte[] reply) {
                        for (long id : defIds) link.knownFunctions.add(id); // stored there before this reply was sent
                        if (waits) link.collecting.set(false);
                        link.submitting.decrementAndGet();
                        try {
                            collected(link, reply);
                        } catch (Throwable e) {
                            LOG.log(System.Logger.Level.ERROR, "reading results from " + link.name + " failed", e);
                        } finally {
                            if (!link.inFlight.isEmpty() && !closed) ensureCollecting(link);
                        }
                    }

                    @Override public void onFailure(Throwable t) {
                        if (waits) link.collecting.set(false);
                        link.submitting.decrementAndGet();
                        requeueReleases(link, releases);
                        submitFailed(link, idArr, t);
                        if (!link.inFlight.isEmpty() && !closed && !link.dead) ensureCollecting(link);
                    }
                });
    }

    // ---- stealing -----------------------------------------------------------------------------------

    /** Sends the steals {@link StealPolicy} chooses now (one at most per busy worker). */
    private void steal() {
        for (StealPolicy.Steal st : stealing.plan(links.values(), stealsOut.get(), batchSize)) {
            stealsOut.addAndGet(st.max());
            stealFrom(st.victim(), new Messages.Steal(clientId, st.ids(), st.max()), 1);
        }
    }

    /**
     * Asks {@code victim} for tasks back; what it gives leaves its in-flight map here (so whoever removes it, this or
     * the membership listener if it dies meanwhile, reports it) and waits in {@link #stolen} to be shipped elsewhere.
     * A call that fails while the victim is still a member is asked again (a steal is idempotent: the reply may be
     * what was lost, and the tasks it took would otherwise never run), up to {@value #STEAL_ATTEMPTS} times.
     */
    private void stealFrom(MemberLink victim, Messages.Steal msg, int attempt) {
        call(msg, victim.member, new ExecutionCallback<long[]>() {
            @Override public void onResponse(long[] taken) {
                int n = 0;
                for (long id : taken) {
                    InFlight f = victim.inFlight.remove(id);
                    if (f == null) continue; // cancelled meanwhile, or its worker was given up on
                    stolen.add(f);
                    n++;
                }
                stealsOut.addAndGet(-msg.max);
                victim.stealing.set(false);
                if (n > 0) dispatchRound(false); // ship them from this thread
            }

            @Override public void onFailure(Throwable t) {
                if (!closed && !victim.dead && hz.getCluster().getMembers().contains(victim.member)) {
                    if (attempt < STEAL_ATTEMPTS) {
                        LOG.log(System.Logger.Level.WARNING, "stealing tasks from " + victim.name + " failed; asking again", t);
                        stealFrom(victim, msg, attempt + 1);
                    } else {
                        // We cannot know which of them it gave back (those never run there): send every one of them
                        // again elsewhere. One it kept still runs there, and its late report is for an id no longer
                        // in flight, whose result is released: duplicate work, but no task is left waiting.
                        LOG.log(System.Logger.Level.ERROR, "stealing tasks from " + victim.name + " failed " + attempt
                                + " times; sending the " + msg.ids.length + " tasks asked for to other workers", t);
                        int n = 0;
                        for (long id : msg.ids) {
                            InFlight f = victim.inFlight.remove(id);
                            if (f == null) continue;
                            stolen.add(f);
                            n++;
                        }
                        stealsOut.addAndGet(-msg.max);
                        victim.stealing.set(false);
                        if (n > 0) dispatchRound(false);
                    }
                    return;
                }
                stealsOut.addAndGet(-msg.max); // it left: the membership listener reports its tasks
                victim.stealing.set(false);
            }
        });
    }

    /** How often a steal that failed in transport is asked again while its worker is still a member. */
    private static final int STEAL_ATTEMPTS = 10;

    /**
     * Ships the stolen tasks to the least loaded other workers under new ids, with their calls as first shipped (the
     * engine has them RUNNING already). A task cancelled since it was stolen no longer maps to its old entry in its
     * run, and is dropped.
     */
    private void shipStolen() {
        Map<MemberLink, List<InFlight>> groups = new IdentityHashMap<>();
        for (InFlight f; (f = stolen.poll()) != null; ) {
            if (f.run.exec.isTerminated()) {
                f.run.running.remove(f.task, f);
                continue;
            }
            MemberLink target = leastLoaded(f.link);
            if (target == null) {
                if (f.run.running.remove(f.task, f)) f.run.exec.fail(f.task, new WorkerLostException("no worker left in the cluster to run task "
                        + f.call.key()), null, f.run.sink);
                continue;
            }
            InFlight g = new InFlight(f.run, f.task, ids.incrementAndGet(), target, f.inputs, f.call, f.function);
            target.inFlight.put(g.id, g);
            if (!f.run.running.replace(f.task, f, g)) { // cancelled since it was stolen: nobody waits for it
                target.inFlight.remove(g.id);
                continue;
            }
            if (target.dead) { // it left while we placed: its listener reported the entry, or missed it and we do
                g.run.running.remove(g.task, g);
                if (target.inFlight.remove(g.id) != null) g.run.exec.fail(g.task, new WorkerLostException("worker " + target.name
                        + " left the cluster before task " + g.call.key() + " reached it"), null, g.run.sink);
                continue;
            }
            tasksStolen.increment();
            groups.computeIfAbsent(target, k -> new ArrayList<>()).add(g);
        }
        sendAll(groups);
    }

    /**
     * The live worker with the fewest tasks in flight per thread, other than {@code not} if there is another; one
     * under its memory limit before one over it.
     */
    private MemberLink leastLoaded(MemberLink not) {
        MemberLink least = null;
        double load = Double.MAX_VALUE;
        boolean leastOver = true;
        for (MemberLink l : links.values()) {
            if (l.dead || l == not) continue;
            double x = (double) l.inFlight.size() / l.threads;
            boolean over = l.overMemory();
            if (least == null || (leastOver && !over) || (over == leastOver && x < load)) {
                least = l;
                load = x;
                leastOver = over;
            }
        }
        return least != null || not.dead ? least : not;
    }

    /** How long the call that waits for a worker's results (a collect, or a submit when none is waiting) waits there. */
    private static final long COLLECT_WAIT_MS = 500;

    /** Class files of application classes that workers may lack, into the cluster's code map (once per class). */
    private void publishCode(Set<String> names) {
        for (String n : names) {
            if (published.contains(n)) continue;
            byte[] b = CodeBridge.classBytes(n);
            if (b.length > 0) code.set(n, b);
            published.add(n);
        }
    }

    private void submitFailed(MemberLink link, long[] idArr, Throwable t) {
        // A call that failed in transport (a connection reset while the worker dies, a member not ready yet), or to
        // a worker that left: the task may run again elsewhere, as after a worker death (the engine bounds how
        // often). The membership listener reports the tasks it swept from a dead worker; one placed there just
        // after the sweep is still in the map, and is reported here (whoever removes an entry reports it).
        for (long id : idArr) {
            InFlight f = link.inFlight.remove(id);
            if (f == null) continue;
            f.run.running.remove(f.task, f);
            f.run.exec.fail(f.task, new WorkerLostException("sending task " + f.run.exec.plan().key(f.task) + " to worker "
                    + link.name + (link.dead ? " failed: it left the cluster" : " failed: " + t), t), null, f.run.sink);
        }
        wakeDispatcher();
    }

    // ---- results ------------------------------------------------------------------------------------

    /** Makes sure one call waits for {@code link}'s results (a collect, unless a waiting submit is out). */
    private void ensureCollecting(MemberLink link) {
        if (link.dead || closed || !link.collecting.compareAndSet(false, true)) return;
        long[] releases = drainReleases(link);
        call(new Messages.Collect(clientId, COLLECT_WAIT_MS, 4 * batchSize, releases), link.member, new ExecutionCallback<byte[]>() {
            @Override public void onResponse(byte[] reply) {
                link.collecting.set(false);
                try {
                    collected(link, reply);
                } catch (Throwable e) {
                    LOG.log(System.Logger.Level.ERROR, "reading results from " + link.name + " failed", e);
                } finally {
                    if (!link.inFlight.isEmpty() && !closed) ensureCollecting(link);
                }
            }

            @Override public void onFailure(Throwable t) {
                link.collecting.set(false);
                if (link.dead || MemberLink.isMemberGone(t) || closed) return;
                requeueReleases(link, releases);
                LOG.log(System.Logger.Level.WARNING, "collecting results from " + link.name + " failed; retrying", t);
                if (!link.inFlight.isEmpty()) ensureCollecting(link);
            }
        });
    }

    private void collected(MemberLink link, byte[] reply) {
        bytesReceived.add(reply.length);
        Outcomes o = (Outcomes) Serialization.get().deserialize(reply);
        link.storeBytes = o.storeBytes();
        if (o.size() == 0) return;
        boolean[] willDispatch = WILL_DISPATCH.get();
        willDispatch[0] = true;
        try {
            finishAll(link, o);
        } finally {
            willDispatch[0] = false;
        }
        dispatchRound(false); // room freed, tasks ready: ship them from this thread
    }

    private void finishAll(MemberLink link, Outcomes o) {
        for (int i = 0; i < o.size(); i++) {
            long id = o.ids()[i];
            byte kind = o.kinds()[i];
            InFlight f = link.inFlight.remove(id);
            if (f == null) { // cancelled, or its worker was given up on: its result is nobody's
                if (kind == Outcomes.HELD || kind == Outcomes.INLINE) link.release(id);
                continue;
            }
            f.run.running.remove(f.task, f);
            Execution exec = f.run.exec;
            TaskReport report = new TaskReport(o.worker(), TaskReport.fromEpochNanos(o.starts()[i]), TaskReport.fromEpochNanos(o.ends()[i]), o.sizes()[i]);
            try {
                switch (kind) {
                    case Outcomes.HELD, Outcomes.INLINE -> {
                        ClusterHeld h = new ClusterHeld(link, id, o.sizes()[i], kind == Outcomes.INLINE ? o.payloads()[i] : ClusterHeld.NOT_INLINE, exec, f.task);
                        stealing.finished(f.call.label(), o.ends()[i] - o.starts()[i]);
                        link.held.put(id, h);
                        if (link.dead) { // it left while we read: what it held is lost
                            link.held.remove(id);
                            exec.fail(f.task, new WorkerLostException("worker " + link.name + " left the cluster holding the result of "
                                    + exec.plan().key(f.task)), report, f.run.sink);
                        } else {
                            exec.finish(f.task, h, report, f.run.sink);
                        }
                    }
                    case Outcomes.FAILED -> {
                        Throwable error = (Throwable) o.payloads()[i];
                        exec.fail(f.task, error, RemoteTask.failureOf(error) != null ? null : report, f.run.sink);
                    }
                    case Outcomes.INPUT_LOST -> {
                        ClusterHeld input = f.inputs.get((Ref) o.payloads()[i]);
                        String where = input == null ? "another worker" : input.link.name;
                        if (input != null && input.exec() != exec) { // made by another compute (persisted): this one cannot make it
                            input.markLost();
                            exec.fail(f.task, persistedLost(input, f.run.exec.plan().key(f.task)), report, f.run.sink);
                            break;
                        }
                        if (input != null) exec.lost(input.task);
                        exec.fail(f.task, new WorkerLostException("an input of task " + exec.plan().key(f.task) + " was lost with " + where), report, f.run.sink);
                    }
                    case Outcomes.FUNCTION_UNKNOWN -> { // its session for us was reset: send every function again
                        link.knownFunctions.clear();
                        exec.fail(f.task, new WorkerLostException("worker " + link.name + " no longer had the function of task "
                                + exec.plan().key(f.task) + " (its session for this client was reset)"), report, f.run.sink);
                    }
                    default -> throw new IllegalStateException("got outcome kind " + kind + " from " + link.name + ", expected 0-4");
                }
            } catch (RuntimeException e) {
                exec.cancel(e);
            }
        }
    }

    /** Sends the releases that found no submit or collect to ride on: those of workers no call waits on, or too many. */
    private void flushReleases() {
        for (MemberLink l : links.values()) {
            if (l.dead || l.releases.isEmpty() || (l.collecting.get() && !atLeast(l.releases, RELEASES_AT_ONCE))) continue;
            long[] arr = drainReleases(l);
            if (arr.length > 0) executor.submitToMember(new Messages.Release(clientId, arr), l.member); // no reply needed
        }
    }

    private static boolean atLeast(java.util.Queue<Long> q, int n) {
        int k = 0;
        for (var it = q.iterator(); it.hasNext() && k < n; it.next()) k++;
        return k >= n;
    }

    private static long[] drainReleases(MemberLink l) {
        if (l.releases.isEmpty()) return NO_IDS;
        long[] arr = new long[16];
        int n = 0;
        for (Long id; (id = l.releases.poll()) != null; ) {
            if (n == arr.length) arr = java.util.Arrays.copyOf(arr, 2 * n);
            arr[n++] = id;
        }
        return n == arr.length ? arr : java.util.Arrays.copyOf(arr, n);
    }

    /** Releases whose call failed in transport go out with the next one (a dead worker's are moot). */
    private static void requeueReleases(MemberLink l, long[] ids) {
        if (l.dead) return;
        for (long id : ids) l.releases.add(id);
    }

    private static final long[] NO_IDS = new long[0];

    /**
     * Calls {@code msg} on {@code member}; {@code callback} runs on one of this executor's reply threads. Not
     * Hazelcast's {@code submitToMember(task, member, callback)}: that runs callbacks on {@code ForkJoinPool.commonPool()},
     * or, where its parallelism is 1 (a 2-core machine), on a new thread per callback.
     */
    private <T> void call(java.util.concurrent.Callable<T> msg, Member member, ExecutionCallback<T> callback) {
        java.util.concurrent.Future<T> f = executor.submitToMember(msg, member);
        @SuppressWarnings("unchecked")
        java.util.concurrent.CompletionStage<T> stage = (java.util.concurrent.CompletionStage<T>) f;
        stage.whenCompleteAsync((v, e) -> {
            if (e == null) callback.onResponse(v);
            else callback.onFailure(e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e);
        }, this::onReplyThread);
    }

    /** Runs {@code r} on a reply thread; once those are shut down (closing), here: the callback sees {@code closed}. */
    private void onReplyThread(Runnable r) {
        try {
            replies.execute(r);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            r.run();
        }
    }

    /** The threads that read replies (and ship what they make ready): one per worker is plenty, at most 4. */
    private final java.util.concurrent.ExecutorService replies = java.util.concurrent.Executors.newFixedThreadPool(
            Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors())), new java.util.concurrent.ThreadFactory() {
                private final java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();

                @Override public Thread newThread(Runnable r) {
                    Thread t = new Thread(r, "blockwork-cluster-reply-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }
            });

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        dispatcher.interrupt();
        replies.shutdown(); // replies still queued are read (their tasks are cancelled below); nothing new is accepted
        try {
            hz.getCluster().removeMembershipListener(membershipRegistration);
        } catch (RuntimeException ignored) {
            // the client is shutting down
        }
        lock.lock();
        try {
            for (Pending p : pending) p.run.exec.cancel(new IllegalStateException("the cluster connection was closed"));
            pending.clear();
            for (InFlight f; (f = stolen.poll()) != null; ) f.run.exec.cancel(new IllegalStateException("the cluster connection was closed"));
        } finally {
            lock.unlock();
        }
        for (MemberLink l : links.values()) {
            for (InFlight f : l.inFlight.values()) f.run.exec.cancel(new IllegalStateException("the cluster connection was closed"));
        }
    }
}
