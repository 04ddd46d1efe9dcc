package dev.blockwork.dashboard.internal;

import dev.blockwork.graph.GraphLayout;
import dev.blockwork.graph.GraphPicture;
import dev.blockwork.graph.Key;
import dev.blockwork.schedule.ComputeInfo;
import dev.blockwork.schedule.Plan;
import dev.blockwork.schedule.TaskEvent;
import dev.blockwork.schedule.TaskFailure;
import dev.blockwork.schedule.TaskState;
import dev.blockwork.schedule.Transition;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns scheduler events into the dashboard's panels: progress per operation, the task stream (rectangles
 * per worker row, neighbouring tasks of one operation merged), workers, erred tasks and the graph. Pure
 * state, no threads and no I/O: the {@link Collector} feeds it from one thread at a time (every method is
 * {@code synchronized}) and the server turns {@link #tick} output into messages.
 *
 * <h2>Implementation overview</h2>
 * Each compute gets a {@link ComputeState} with per-operation counters (arrays indexed by the global
 * operation number); an event finds its operation through a per-compute map from layer name (cached
 * {@code String} hashes) to that number. The progress panel sums the computes shown: those running, plus
 * those that ended since the last time a compute started while none ran (Dask's progress panel clears
 * the same way). The task stream is <em>aggregated</em>: on each worker, a task of the same operation that
 * starts within {@link #mergeGapNanos} of the previous one's end extends that rectangle instead of making
 * a new one, so a million tiny tasks become a few thousand rectangles while a slow task stays its own.
 * Only rectangles new since the last tick are sent; the last {@link #HISTORY} are kept for a page that
 * connects later.
 */
public final class Aggregator {
    /** Rectangles kept for pages that connect later. */
    public static final int HISTORY = 20_000;
    /** Samples kept for the time-series charts (one per tick). */
    public static final int SAMPLES = 600;
    /** Erred tasks kept. */
    public static final int ERRORS = 100;
    /** The graph view shows the task graph up to this many tasks. */
    public static final int TASK_GRAPH_LIMIT = 64;

    /**
     * One rectangle of the task stream: {@code tasks} consecutive tasks of operation {@code op} on worker
     * row {@code row}, from the first one's start to the last one's end.
     *
     * @param row        the worker's row
     * @param op         the operation's number
     * @param startNanos start, {@link System#nanoTime()}
     * @param endNanos   end
     * @param tasks      how many tasks it stands for
     * @param erred      whether it is an erred task (never merged)
     * @param bytes      bytes that moved with its results (transfers), 0 if none measured
     * @param key        the first task's key
     */
    public record Rect(int row, int op, long startNanos, long endNanos, int tasks, boolean erred, long bytes, Key key) {}

    /** An erred (or retried) task, as the erred-tasks panel shows it. */
    public record Erred(long seq, String key, String function, String worker, int attempt, String exceptionClass,
                        String message, String stackTrace, List<String> story, boolean retried) {}

    /** One worker row. */
    static final class Worker {
        final int row;
        final String name;
        long pid = -1;
        int running;
        long done, bytes, busyNanos, erred;
        boolean gone;
        /** The rectangle being extended, not yet emitted. */
        Rect pending;
        long[] pendingOpNanos = new long[8]; // task time per operation inside a merged (mixed) pending rectangle
        double lastBusy; // fraction of the last tick spent in tasks
        double rssMiB = -1, cpu = -1;
        Worker(int row, String name) { this.row = row; this.name = name; }
    }

    /** One compute's share of the counters. */
    final class ComputeState {
        /** Null once the compute has ended: the view holds the whole execution, which must not outlive it. */
        ComputeInfo info;
        final long id;
        /** The task graph's final states (when it is the graph view's compute), kept when {@code info} is dropped. */
        String finalTaskStates;
        long[] total = new long[8], done = new long[8], running = new long[8], erred = new long[8];
        long held, lost, retries, lastScanNanos;
        /** Watched by polling its task states (too many tasks for per-task events); then opOfTask is set. */
        final boolean polled;
        int[] opOfTask;
        long[] finishedBefore = new long[8]; // polled: done + erred per op at the last scan
        Key lastErred; // the plan key of the last ERRED task (a fused chain's last key: where its story is)
        boolean ended;
        String error;
        ComputeState(ComputeInfo info) {
            this.info = info;
            this.id = info.id();
            this.polled = !wantsEvents(info);
        }

        int op(Key key) { return op(key, null); }

        /** As {@link #op(Key)}; {@code label}, when known, lets a Delayed-style key skip the parse. */
        int op(Key key, String label) {
            int o = opOfLayer(key.name(), label);
            if (o >= total.length) grow(o + 1);
            return o;
        }

        void grow(int n) {
            int c = Math.max(n, total.length * 2);
            total = Arrays.copyOf(total, c);
            done = Arrays.copyOf(done, c);
            running = Arrays.copyOf(running, c);
            erred = Arrays.copyOf(erred, c);
            finishedBefore = Arrays.copyOf(finishedBefore, c);
        }
    }

    /** The graph view of one compute: operations (always) and tasks (small plans only), laid out. */
    static final class GraphView {
        final long version;
        final long computeId;
        final List<String> opNames = new ArrayList<>();
        final List<int[]> opEdges = new ArrayList<>();
        GraphLayout.Placement opPlace;
        double[] opWidths;
        Key[] taskKeys; // null when the plan is too big
        String[] taskLabels;
        List<int[]> taskEdges;
        GraphLayout.Placement taskPlace;
        double[] taskWidths;
        GraphView(long version, long computeId) { this.version = version; this.computeId = computeId; }

        /** This operations graph, for another compute of the same plan (no task graph: only big plans reuse). */
        GraphView again(long newVersion, long newComputeId) {
            GraphView g = new GraphView(newVersion, newComputeId);
            g.opNames.addAll(opNames);
            g.opEdges.addAll(opEdges);
            g.opPlace = opPlace;
            g.opWidths = opWidths;
            return g;
        }
    }

    private final long epochNanos;
    private final long mergeGapNanos;
    private final long minRectNanos;
    private final int maxEventTasks;
    private final int recordLimit;
    private final List<String> opNames = new ArrayList<>();
    private final Map<String, Integer> opByName = new HashMap<>();
    private long[] opTimeNanos = new long[8], opTasks = new long[8], opBytes = new long[8];
    private final Map<ComputeInfo, ComputeState> computes = new IdentityHashMap<>();
    private final List<ComputeState> shown = new ArrayList<>();
    private ComputeInfo lastInfo;
    private ComputeState lastState;
    private final Map<String, Worker> workers = new LinkedHashMap<>();
    private final List<Rect> fresh = new ArrayList<>();
    private final ArrayDeque<Rect> history = new ArrayDeque<>();
    private final List<Rect> recording;
    private long recordedDropped;
    private final ArrayDeque<Erred> errors = new ArrayDeque<>();
    private long errorSeq;
    private final ArrayDeque<double[]> samples = new ArrayDeque<>(); // {tMs, held, heapMiB, cpu, running}
    private final ArrayDeque<double[]> busySamples = new ArrayDeque<>(); // per worker row, aligned with samples
    private GraphView graph;
    private long graphVersion;
    private long tasksSeen, computesSeen, spills, spilledBytes;
    private long lastTickNanos;

    /**
     * @param epochNanos    the {@link System#nanoTime()} that the page's times count from
     * @param mergeGapNanos neighbouring tasks of one operation on one worker closer than this merge
     * @param minRectNanos  tasks of any operation that start within this of a rectangle's start join it
     *                      (coloured by the operation with the most time in it); 0 = never
     * @param recordLimit   keep every rectangle up to this many (for a report or a trace), 0 = none
     * @param maxEventTasks computes of more tasks are watched by polling instead of per-task events
     */
    public Aggregator(long epochNanos, long mergeGapNanos, long minRectNanos, int recordLimit, int maxEventTasks) {
        this.epochNanos = epochNanos;
        this.mergeGapNanos = mergeGapNanos;
        this.minRectNanos = minRectNanos;
        this.maxEventTasks = maxEventTasks;
        this.recordLimit = recordLimit;
        this.recording = recordLimit > 0 ? new ArrayList<>() : null;
        this.lastTickNanos = epochNanos;
    }

    // ---- events --------------------------------------------------------------------------------

    /**
     * Whether {@code info} gets per-task events; a compute of more than {@code maxEventTasks} tasks is polled
     * instead (its task states, a few times a second), so that its tasks pay nothing for the dashboard.
     */
    public boolean wantsEvents(ComputeInfo info) {
        Plan p = info.plan();
        return p == null || p.size() <= maxEventTasks;
    }

    private String lastLayer, lastLabel;
    private int lastLayerOp, lastLabelOp = -1;

    /**
     * The operation number of a layer name ({@code inc-123} → the number of {@code inc}) without allocating:
     * a Delayed graph has a layer per task, so a map by layer name would hold every key. The last layer seen
     * is cached (array layers: many keys, one name object); otherwise the prefix is compared with the few
     * operation names known.
     */
    private int opOfLayer(String layer, String label) {
        if (layer == lastLayer) return lastLayerOp;
        // Delayed: the key is label + "-" + a number and labels are shared objects: the same label as the last
        // task's, whose operation was that label, names the same operation (no parse, no lookup)
        if (label != null && label == lastLabel && lastLabelOp >= 0) {
            int l = label.length();
            if (layer.length() > l + 1 && layer.charAt(l) == '-' && Character.isDigit(layer.charAt(l + 1)) && layer.startsWith(label)) {
                return lastLabelOp;
            }
        }
        int len = layer.length(), dash = layer.lastIndexOf('-');
        if (dash > 0 && dash < len - 1) { // a unique number, or a 32-digit token (deterministic names), is not the operation
            boolean token = len - dash - 1 == 32;
            for (int i = dash + 1; i < len; i++) {
                char c = layer.charAt(i);
                boolean digit = c >= '0' && c <= '9', hex = digit || (c >= 'a' && c <= 'f');
                if (!(token ? hex : digit)) { dash = len; break; }
            }
            len = Math.min(len, dash);
        }
        int found = -1;
        for (int o = 0; o < opNames.size() && found < 0; o++) {
            String n = opNames.get(o);
            if (n.length() == len && layer.regionMatches(0, n, 0, len)) found = o;
        }
        if (found < 0) found = opIndex(layer.substring(0, len));
        lastLayer = layer;
        lastLayerOp = found;
        if (label != null) {
            lastLabel = label;
            lastLabelOp = opNames.get(found).equals(label) ? found : -1;
        }
        return found;
    }

    private int opIndex(String name) {
        Integer o = opByName.get(name);
        if (o != null) return o;
        int i = opNames.size();
        opNames.add(name);
        opByName.put(name, i);
        if (i >= opTimeNanos.length) {
            opTimeNanos = Arrays.copyOf(opTimeNanos, i * 2);
            opTasks = Arrays.copyOf(opTasks, i * 2);
            opBytes = Arrays.copyOf(opBytes, i * 2);
        }
        return i;
    }

    private ComputeState state(ComputeInfo info) {
        if (info == lastInfo) return lastState;
        ComputeState s = computes.get(info);
        if (s == null) s = register(info);
        lastInfo = info;
        lastState = s;
        return s;
    }

    /** A compute was seen for the first time: count its plan per operation and lay out its graph. */
    private ComputeState register(ComputeInfo info) {
        boolean anyRunning = false;
        // an end may still wait in the control queue (applied after ring events): a compute with every task
        // completed counts as ended here
        for (ComputeState c : shown) anyRunning |= !c.ended && c.info != null && c.info.completedTasks() < c.info.totalTasks();
        if (!anyRunning) shown.clear();
        ComputeState s = new ComputeState(info);
        computes.put(info, s);
        shown.add(s);
        computesSeen++;
        Plan plan = info.plan();
        if (plan == null) return s;
        if (s.polled && reuse(plan, s)) { // the same big graph again (a loop, a benchmark): nothing per task
            graph = graph.again(graph.version, info.id()); // same structure: pages keep what they have
            return s;
        }
        s.opOfTask = new int[plan.size()];
        for (int t = 0; t < plan.size(); t++) {
            int op = s.op(plan.key(t), plan.label(t));
            s.total[op]++;
            s.opOfTask[t] = op;
        }
        if (plan.size() > 1 || graph == null) graph = layout(info, plan, s);
        if (s.polled) {
            lastPolledKeys = new Key[plan.size()];
            for (int t = 0; t < lastPolledKeys.length; t++) lastPolledKeys[t] = plan.key(t);
            lastPolled = s;
        }
        return s;
    }

    /** The last polled compute's keys, and its state: a plan of the very same keys maps to the same operations. */
    private Key[] lastPolledKeys;
    private ComputeState lastPolled;

    /**
     * Whether {@code plan} has exactly the keys (the same objects, in the same order) of the last polled compute;
     * then {@code s} takes its per-task operations and totals, and the graph view stays. One reference
     * comparison per task instead of mapping every key again.
     */
    private boolean reuse(Plan plan, ComputeState s) {
        Key[] prev = lastPolledKeys;
        if (prev == null || prev.length != plan.size() || graph == null || graph.taskKeys != null) return false;
        for (int t = 0; t < prev.length; t++) if (plan.key(t) != prev[t]) return false;
        s.opOfTask = lastPolled.opOfTask;
        s.grow(lastPolled.total.length);
        System.arraycopy(lastPolled.total, 0, s.total, 0, lastPolled.total.length);
        lastPolled = s;
        return true;
    }

    public synchronized void computeStarted(ComputeInfo info) { state(info); }

    public synchronized void computeFinished(ComputeInfo info, Throwable error) {
        ComputeState s = state(info);
        if (!s.ended && s.opOfTask != null) scan(s, System.nanoTime()); // the final counts
        s.ended = true;
        if (error != null) s.error = error.getClass().getSimpleName() + ": " + error.getMessage();
        if (error instanceof dev.blockwork.schedule.TaskFailedException tfe) addError(info, tfe.failure(), false, s.lastErred);
        computes.remove(info); // shown keeps its counters until the next fresh start, but not the execution
        if (lastInfo == info) { lastInfo = null; lastState = null; }
        if (graph != null && graph.taskKeys != null && graph.computeId == s.id) s.finalTaskStates = taskStates(info);
        s.info = null;
    }

    /**
     * How many tasks the local worker {@code name} (a thread) runs now, as its {@link Collector} ring counted
     * (starts are not events in the rings: a counter per thread is enough).
     */
    public synchronized void workerRunning(String name, int running) { worker(name).running = Math.max(0, running); }

    public synchronized void taskFinished(ComputeInfo info, TaskEvent e) {
        ComputeState s = state(info);
        int op = s.op(e.key());
        boolean erred = e.state() == TaskState.ERRED; // the counters come from the scans; events feed the stream
        if (erred) s.lastErred = e.key();
        tasksSeen++;
        long dur = e.startNanos() > 0 && e.endNanos() > e.startNanos() ? e.endNanos() - e.startNanos() : 0;
        long bytes = Math.max(0, e.bytes());
        opTimeNanos[op] += dur;
        opTasks[op]++;
        opBytes[op] += bytes;
        if (e.worker() == null || e.startNanos() == 0) return;
        Worker w = worker(e.worker());
        if (erred) w.erred++;
        else w.done++;
        w.bytes += bytes;
        w.busyNanos += dur;
        Rect p = w.pending;
        if (op >= w.pendingOpNanos.length) w.pendingOpNanos = Arrays.copyOf(w.pendingOpNanos, Math.max(op + 1, 2 * w.pendingOpNanos.length));
        if (p != null && !erred && !p.erred() && e.startNanos() >= p.startNanos()
                && ((p.op() == op && e.startNanos() - p.endNanos() < mergeGapNanos) || e.startNanos() - p.startNanos() < minRectNanos)) {
            w.pendingOpNanos[op] += Math.max(1, dur);
            w.pending = new Rect(p.row(), p.op(), p.startNanos(), Math.max(p.endNanos(), e.endNanos()), p.tasks() + 1, false, p.bytes() + bytes, p.key());
        } else {
            if (p != null) emitPending(w);
            Arrays.fill(w.pendingOpNanos, 0);
            w.pendingOpNanos[op] = Math.max(1, dur);
            w.pending = new Rect(w.row, op, e.startNanos(), e.endNanos(), 1, erred, bytes, e.key());
        }
    }

    public synchronized void resultLost(ComputeInfo info, Key key) { state(info).lost++; }

    /** A held result went to disk (the engine's memory limit). */
    public synchronized void spilled(long bytes) {
        spills++;
        spilledBytes += Math.max(0, bytes);
    }

    public synchronized void taskRetried(ComputeInfo info, TaskEvent e, Throwable cause) {
        ComputeState s = state(info);
        s.retries++;
        addError(info, TaskFailure.of(e.key(), e.label(), e.worker(), e.attempt(), cause), true, e.key());
    }

    public synchronized void workerAdded(String name, long pid) {
        Worker w = worker(withPid(name, pid));
        w.pid = pid;
        w.gone = false;
    }

    public synchronized void workerRemoved(String name, long pid) { worker(withPid(name, pid)).gone = true; }

    /** A worker event names {@code processes-worker-0.1} and its pid apart; task events say {@code ... (pid 4242)}. */
    static String withPid(String name, long pid) {
        return pid > 0 && !name.endsWith(")") ? name + " (pid " + pid + ")" : name;
    }

    private Worker worker(String name) {
        Worker w = workers.get(name);
        if (w == null) {
            w = new Worker(workers.size(), name);
            w.pid = pidOf(name);
            workers.put(name, w);
        }
        return w;
    }

    /** The pid in a worker name like {@code processes-worker-0.1 (pid 4242)}, or -1. */
    public static long pidOf(String worker) {
        int at = worker.lastIndexOf("(pid ");
        if (at < 0 || !worker.endsWith(")")) return -1;
        try { return Long.parseLong(worker.substring(at + 5, worker.length() - 1).trim()); } catch (NumberFormatException e) { return -1; }
    }

    /** {@code planKey}: where the task's story is kept (inside a fused chain the failing step has none of its own). */
    private void addError(ComputeInfo info, TaskFailure f, boolean retried, Key planKey) {
        if (f == null) return;
        List<Transition> transitions = info.story(f.key());
        if (transitions.isEmpty() && planKey != null) transitions = info.story(planKey);
        List<String> story = new ArrayList<>();
        for (Transition t : transitions) story.add(t.toString());
        errors.addLast(new Erred(++errorSeq, String.valueOf(f.key()), f.function(), f.worker(), f.attempt(), f.exceptionClass(),
                f.message(), f.stackTrace(), story, retried));
        while (errors.size() > ERRORS) errors.removeFirst();
    }

    /** Emits {@code w}'s pending rectangle, coloured by the operation with the most task time in it. */
    private void emitPending(Worker w) {
        Rect p = w.pending;
        w.pending = null;
        if (p.tasks() > 1) {
            int best = p.op();
            for (int o = 0; o < w.pendingOpNanos.length; o++) if (w.pendingOpNanos[o] > w.pendingOpNanos[best]) best = o;
            if (best != p.op()) p = new Rect(p.row(), best, p.startNanos(), p.endNanos(), p.tasks(), false, p.bytes(), p.key());
        }
        emit(p);
    }

    /**
     * Polls a compute: its per-operation counters (done, running, erred) and results held from the task states,
     * one volatile read per task; for a compute watched without task events also one task-stream rectangle on
     * its "polled" row for what finished since the last scan.
     */
    private void scan(ComputeState s, long nowNanos) {
        int nOps = s.total.length;
        long[] done = new long[nOps], running = new long[nOps], erred = new long[nOps];
        long held = 0;
        int[] opOf = s.opOfTask;
        for (int t = 0; t < opOf.length; t++) {
            TaskState st = s.info.state(t);
            if (st == null) continue;
            switch (st) {
                case DONE -> { done[opOf[t]]++; held++; }
                case RELEASED -> done[opOf[t]]++;
                case RUNNING -> running[opOf[t]]++;
                case ERRED -> erred[opOf[t]]++;
                default -> { }
            }
        }
        int best = -1;
        long finished = 0, bestCount = 0;
        for (int o = 0; o < nOps; o++) {
            long now = done[o] + erred[o], delta = now - s.finishedBefore[o];
            s.finishedBefore[o] = now;
            finished += Math.max(0, delta);
            if (delta > bestCount) { bestCount = delta; best = o; }
        }
        s.done = done;
        s.running = running;
        s.erred = erred;
        s.held = held;
        if (finished > 0 && s.polled) {
            Worker w = worker("all workers (" + s.info.scheduler() + ", polled)");
            long from = Math.max(s.info.startNanos(), s.lastScanNanos);
            emit(new Rect(w.row, best, from, nowNanos, (int) Math.min(Integer.MAX_VALUE, finished), false, 0, null));
            w.done += finished;
            tasksSeen += finished;
        }
        s.lastScanNanos = nowNanos;
    }

    private void emit(Rect r) {
        fresh.add(r);
        history.addLast(r);
        while (history.size() > HISTORY) history.removeFirst();
        if (recording != null) {
            if (recording.size() < recordLimit) recording.add(r);
            else recordedDropped++;
        }
    }

    // ---- the graph view ------------------------------------------------------------------------

    private GraphView layout(ComputeInfo info, Plan plan, ComputeState s) {
        GraphView g = new GraphView(++graphVersion, info.id());
        Map<Integer, Integer> node = new LinkedHashMap<>();
        int n = plan.size();
        int[] opOf = new int[n];
        for (int t = 0; t < n; t++) {
            int op = s.polled ? s.opOfTask[t] : s.op(plan.key(t), plan.label(t));
            opOf[t] = op;
            if (!node.containsKey(op)) {
                g.opNames.add(opNames.get(op));
                node.put(op, g.opNames.size() - 1);
            }
        }
        int nodes = g.opNames.size();
        int[] nodeOfOp = new int[opNames.size()];
        for (Map.Entry<Integer, Integer> e : node.entrySet()) nodeOfOp[e.getKey()] = e.getValue();
        boolean[] seen = new boolean[nodes * nodes]; // operations are few: a matrix, no boxing per edge
        for (int t = 0; t < n; t++) {
            int to = nodeOfOp[opOf[t]];
            for (int d : plan.dependencies(t)) {
                int from = nodeOfOp[opOf[d]];
                if (from != to && !seen[from * nodes + to]) {
                    seen[from * nodes + to] = true;
                    g.opEdges.add(new int[] {from, to});
                }
            }
        }
        g.opWidths = widths(g.opNames);
        g.opPlace = GraphLayout.layout(g.opWidths, 30, g.opEdges); // a cycle (add -> mul -> add) only costs the layout rows
        if (n <= TASK_GRAPH_LIMIT) {
            g.taskKeys = new Key[n];
            g.taskLabels = new String[n];
            g.taskEdges = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            for (int t = 0; t < n; t++) {
                Key k = plan.key(t);
                g.taskKeys[t] = k;
                StringBuilder l = new StringBuilder(plan.label(t));
                if (k.rank() > 0) {
                    l.append(" (");
                    for (int a = 0; a < k.rank(); a++) l.append(a == 0 ? "" : ",").append(k.index(a));
                    l.append(')');
                }
                g.taskLabels[t] = l.toString();
                labels.add(g.taskLabels[t]);
                for (int d : plan.dependencies(t)) g.taskEdges.add(new int[] {d, t});
            }
            g.taskWidths = widths(labels);
            g.taskPlace = GraphLayout.layout(g.taskWidths, 24, g.taskEdges);
        }
        return g;
    }

    private static double[] widths(List<String> labels) {
        double[] w = new double[labels.size()];
        for (int i = 0; i < w.length; i++) w[i] = Math.max(36, labels.get(i).length() * 6.6 + 14);
        return w;
    }

    // ---- ticks: panels as JSON -------------------------------------------------------------------

    /** What the tick measures outside the events: heap, the JVM's CPU, and worker processes. */
    public record Probe(double heapMiB, double processCpu, Map<Long, double[]> workerRssCpu) {}

    /**
     * Ends one tick: emits the workers' pending rectangles, takes a sample for the charts and writes the
     * panels as one JSON message: everything when {@code full} (a page that has just connected), otherwise
     * what changed (new rectangles, new errors, the graph if it changed; counters whole).
     *
     * @param nowNanos   the tick's time
     * @param probe      heap, CPU and worker processes measured by the caller
     * @param full       write the whole history (for a page that has just connected)
     * @param sentGraph  the graph version the receiver has (0 = none)
     * @param sentErrors the last error sequence number the receiver has
     * @return the message
     */
    public synchronized String tick(long nowNanos, Probe probe, boolean full, long sentGraph, long sentErrors) {
        endTick(nowNanos);
        double span = Math.max(1, nowNanos - lastTickNanos);
        if (!full) {
            lastTickNanos = nowNanos;
            sample(nowNanos, probe, span);
        }
        Json j = new Json();
        j.obj().field("t", ms(nowNanos)).field("full", full).field("tasksSeen", tasksSeen).field("computes", computesSeen);
        writeOps(j);
        writeWorkers(j);
        j.name("rects").arr();
        for (Rect r : !full ? fresh : recording != null ? recording : history) writeRect(j, r);
        j.endArr();
        if (!full) fresh.clear();
        j.name("samples").arr();
        if (full) for (double[] s : samples) writeNums(j, s);
        else if (!samples.isEmpty()) writeNums(j, samples.getLast());
        j.endArr();
        j.name("busy").arr();
        if (full) for (double[] s : busySamples) writeNums(j, s);
        else if (!busySamples.isEmpty()) writeNums(j, busySamples.getLast());
        j.endArr();
        j.name("errors").arr();
        for (Erred e : errors) if (full || e.seq() > sentErrors) writeError(j, e);
        j.endArr();
        if (graph != null && (full || graph.version != sentGraph)) writeGraph(j);
        if (graph != null && graph.taskKeys != null) writeTaskStates(j);
        return j.end().toString();
    }

    /**
     * Ends one tick without writing a message (a recording): emits pending rectangles and takes a sample.
     *
     * @param nowNanos the tick's time
     * @param probe    heap, CPU and worker processes measured by the caller
     */
    public synchronized void sample(long nowNanos, Probe probe) {
        endTick(nowNanos);
        double span = Math.max(1, nowNanos - lastTickNanos);
        lastTickNanos = nowNanos;
        sample(nowNanos, probe, span);
        fresh.clear();
    }

    /** Emits the pending rectangles and polls the computes watched without task events. */
    private void endTick(long nowNanos) {
        for (Worker w : workers.values()) if (w.pending != null) emitPending(w);
        for (ComputeState c : shown) if (!c.ended && c.opOfTask != null) scan(c, nowNanos);
    }

    /** A copy of the state a page needs, for a closed report: {@link #tick} with {@code full}. */
    public synchronized String snapshot(long nowNanos, Probe probe) { return tick(nowNanos, probe, true, 0, 0); }

    public synchronized long graphVersion() { return graph == null ? 0 : graph.version; }

    public synchronized long errorSeq() { return errorSeq; }

    private void sample(long nowNanos, Probe probe, double span) {
        long held = 0, running = 0;
        for (ComputeState c : shown) {
            if (c.ended) continue;
            held += c.held;
            for (long r : c.running) running += Math.max(0, r);
        }
        samples.addLast(new double[] {ms(nowNanos), held, probe.heapMiB(), probe.processCpu(), running});
        double[] busy = new double[workers.size()];
        for (Worker w : workers.values()) {
            w.lastBusy = Math.min(1, w.busyNanos / span);
            w.busyNanos = 0;
            busy[w.row] = w.lastBusy;
            if (w.pid > 0 && probe.workerRssCpu() != null) {
                double[] rc = probe.workerRssCpu().get(w.pid);
                if (rc != null) { w.rssMiB = rc[0]; w.cpu = rc[1]; }
            }
        }
        busySamples.addLast(busy);
        while (samples.size() > SAMPLES) samples.removeFirst();
        while (busySamples.size() > SAMPLES) busySamples.removeFirst();
    }

    private void writeOps(Json j) {
        int nOps = opNames.size();
        long[] total = new long[nOps], done = new long[nOps], running = new long[nOps], erred = new long[nOps];
        boolean[] present = new boolean[nOps];
        long held = 0, lost = 0, retries = 0;
        int active = 0;
        for (ComputeState c : shown) {
            if (!c.ended) { active++; held += c.held; }
            lost += c.lost;
            retries += c.retries;
            for (int o = 0; o < Math.min(nOps, c.total.length); o++) {
                if (c.total[o] == 0 && c.done[o] == 0 && c.running[o] == 0 && c.erred[o] == 0) continue;
                present[o] = true;
                total[o] += Math.max(c.total[o], c.done[o] + c.erred[o] + Math.max(0, c.running[o]));
                done[o] += c.done[o];
                running[o] += c.ended ? 0 : Math.max(0, c.running[o]);
                erred[o] += c.erred[o];
            }
        }
        j.field("active", active).field("held", held).field("lost", lost).field("retries", retries)
                .field("spills", spills).field("spilledBytes", spilledBytes);
        j.name("ops").arr();
        for (int o = 0; o < nOps; o++) {
            j.obj().field("i", o).field("name", opNames.get(o)).field("shown", present[o]);
            if (present[o]) {
                long waiting = Math.max(0, total[o] - done[o] - running[o] - erred[o]);
                j.field("total", total[o]).field("done", done[o]).field("running", running[o]).field("waiting", waiting).field("erred", erred[o]);
            }
            j.field("timeMs", opTimeNanos[o] / 1e6).field("tasks", opTasks[o]).field("bytes", opBytes[o]).end();
        }
        j.endArr();
    }

    private void writeWorkers(Json j) {
        j.name("workers").arr();
        for (Worker w : workers.values()) {
            j.obj().field("row", w.row).field("name", w.name).field("pid", w.pid).field("running", w.running)
                    .field("done", w.done).field("erred", w.erred).field("bytes", w.bytes).field("busy", w.lastBusy)
                    .field("rssMiB", w.rssMiB).field("cpu", w.cpu).field("gone", w.gone).end();
        }
        j.endArr();
    }

    private void writeRect(Json j, Rect r) {
        j.arr().num(r.row()).num(r.op()).num(ms(r.startNanos())).num(ms(r.endNanos())).num(r.tasks())
                .num(r.erred() ? 1 : 0).num(r.bytes()).str(String.valueOf(r.key())).endArr();
    }

    private static void writeNums(Json j, double[] s) {
        j.arr();
        for (double v : s) j.num(v);
        j.endArr();
    }

    private void writeError(Json j, Erred e) {
        j.obj().field("seq", e.seq()).field("key", e.key()).field("function", e.function()).field("worker", e.worker())
                .field("attempt", e.attempt()).field("exception", e.exceptionClass()).field("message", e.message())
                .field("stack", e.stackTrace()).field("retried", e.retried()).name("story").arr();
        for (String s : e.story()) j.str(s);
        j.endArr().end();
    }

    private void writeGraph(Json j) {
        GraphView g = graph;
        j.name("graph").obj().field("version", g.version).field("compute", g.computeId);
        writeNodes(j, "ops", g.opNames, g.opPlace, g.opWidths, null);
        writeEdges(j, "opEdges", g.opEdges);
        j.field("width", g.opPlace.width()).field("height", g.opPlace.height());
        if (g.taskKeys != null) {
            j.name("tasks").obj().field("width", g.taskPlace.width()).field("height", g.taskPlace.height());
            writeNodes(j, "nodes", Arrays.asList(g.taskLabels), g.taskPlace, g.taskWidths, g.taskKeys);
            writeEdges(j, "edges", g.taskEdges);
            j.end();
        }
        j.end();
    }

    private void writeNodes(Json j, String name, List<String> labels, GraphLayout.Placement p, double[] w, Key[] keys) {
        j.name(name).arr();
        for (int i = 0; i < labels.size(); i++) {
            j.obj().field("label", labels.get(i)).field("x", p.x()[i]).field("y", p.y()[i]).field("w", w[i]);
            if (keys != null) j.field("key", keys[i].toString()).field("op", opByName.getOrDefault(GraphPicture.operation(keys[i].name()), -1));
            else j.field("op", opByName.getOrDefault(labels.get(i), -1));
            j.end();
        }
        j.endArr();
    }

    private static void writeEdges(Json j, String name, List<int[]> edges) {
        j.name(name).arr();
        for (int[] e : edges) j.arr().num(e[0]).num(e[1]).endArr();
        j.endArr();
    }

    private void writeTaskStates(Json j) {
        String states = null;
        for (ComputeState c : shown) {
            if (c.id == graph.computeId) states = c.info != null ? taskStates(c.info) : c.finalTaskStates;
        }
        j.name("taskStates").str(states);
        j.name("stateNames").arr();
        for (TaskState s : TaskState.values()) j.str(s.name());
        j.endArr();
    }

    /** The graph view's task states as digits (TaskState ordinals). */
    private String taskStates(ComputeInfo info) {
        StringBuilder b = new StringBuilder(graph.taskKeys.length);
        for (Key k : graph.taskKeys) {
            TaskState s = info.state(k);
            b.append(s == null ? '?' : (char) ('0' + s.ordinal())); // the page maps digits through "stateNames"
        }
        return b.toString();
    }

    private double ms(long nanos) { return (nanos - epochNanos) / 1e6; }

    // ---- reading back (reports, traces, tests) ------------------------------------------------------

    /** Every rectangle recorded so far (with {@code recordLimit > 0}); the workers' pending ones included. */
    public synchronized List<Rect> recorded() {
        List<Rect> all = new ArrayList<>(recording == null ? List.of() : recording);
        for (Worker w : workers.values()) if (w.pending != null) all.add(w.pending);
        return all;
    }

    /** Rectangles not recorded because the record limit was reached. */
    public synchronized long recordedDropped() { return recordedDropped; }

    /** Worker processes seen (their pids), for the probes. */
    public synchronized List<Long> workerPids() {
        List<Long> r = new ArrayList<>();
        for (Worker w : workers.values()) if (w.pid > 0 && !w.gone) r.add(w.pid);
        return r;
    }

    /** The worker names by row. */
    public synchronized List<String> workerNames() { return new ArrayList<>(workers.keySet()); }

    /** The operation names by number. */
    public synchronized List<String> operations() { return new ArrayList<>(opNames); }

    /** The counters of operation {@code name} summed over the computes shown: {total, done, running, waiting, erred}. */
    public synchronized long[] progress(String name) {
        Integer o = opByName.get(name);
        long[] r = new long[5];
        if (o == null) return r;
        for (ComputeState c : shown) {
            if (o >= c.total.length) continue;
            long running = c.ended ? 0 : Math.max(0, c.running[o]);
            r[0] += Math.max(c.total[o], c.done[o] + c.erred[o] + running);
            r[1] += c.done[o];
            r[2] += running;
            r[4] += c.erred[o];
        }
        r[3] = Math.max(0, r[0] - r[1] - r[2] - r[4]);
        return r;
    }

    /** The erred tasks kept, oldest first. */
    public synchronized List<Erred> errors() { return new ArrayList<>(errors); }

    /** Total task time and bytes of operation {@code name}: {nanos, tasks, bytes}. */
    public synchronized long[] opTotals(String name) {
        Integer o = opByName.get(name);
        return o == null ? new long[3] : new long[] {opTimeNanos[o], opTasks[o], opBytes[o]};
    }

    /** The operations of the graph view (the latest compute of more than one task). */
    public synchronized List<String> graphOperations() { return graph == null ? List.of() : List.copyOf(graph.opNames); }

    /** The graph view's operation edges as {@code from -> to} names. */
    public synchronized List<String> graphOperationEdges() {
        List<String> r = new ArrayList<>();
        if (graph != null) for (int[] e : graph.opEdges) r.add(graph.opNames.get(e[0]) + " -> " + graph.opNames.get(e[1]));
        return r;
    }

    /** The time the page's clock counts from. */
    public long epochNanos() { return epochNanos; }
}
