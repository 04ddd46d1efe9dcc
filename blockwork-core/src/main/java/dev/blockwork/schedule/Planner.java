package dev.blockwork.schedule;

import dev.blockwork.graph.Key;
import dev.blockwork.graph.Keys;
import dev.blockwork.graph.Task;
import dev.blockwork.graph.TaskFunction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.function.Function;

/**
 * Turns a graph (any key → task lookup) and the requested outputs into a {@link Plan}.
 *
 * <h2>Implementation overview</h2>
 * Three transforms, in one linear-time pass each (Dask's {@code cull}, {@code fuse}, {@code order}):
 * <ol>
 *   <li><b>cull</b> — walk dependencies from the outputs with an explicit stack (no recursion: a
 *       10,000-long chain must not overflow the Java stack). Only tasks reached are ever materialised,
 *       so a layer's unused blocks cost nothing.</li>
 *   <li><b>order</b> — the same walk numbers tasks in depth-first post-order: a task's number is
 *       assigned once all its dependencies have numbers, dependencies visited in argument order, outputs
 *       in request order. <em>Ordering rule:</em> lower post-order number = higher priority. Initial ready
 *       tasks are started in that order, and a worker always continues with the tasks that its own last
 *       task made ready (last made ready, first run). Together this finishes one subtree before opening
 *       the next, so a reduction over many blocks holds O(depth × workers) intermediate results, not
 *       O(blocks): the property Dask's {@code order.py} aims for, reached here with a simpler rule.</li>
 *   <li><b>fuse</b> — a task whose result has exactly one consumer, that consumer having no other
 *       dependency, and which is not itself an output, is merged into its consumer. Chains collapse into
 *       one task that runs the steps in sequence ({@link FusedFunction}); errors still name the step's key.
 *       A task whose result is already held ({@link HeldValue}) never fuses: its consumer's executor must see
 *       the handle. Chains are bounded ({@code blockwork.fuse.maxSteps} steps, {@code blockwork.fuse.maxBytes} of
 *       literal arguments): a 20,000-step chain becomes about 80 tasks, each small enough to ship.</li>
 * </ol>
 * Cycles are reported with the keys involved.
 */
public final class Planner {
    private static final int[] NONE = new int[0];
    /** Most steps in one fused task ({@code blockwork.fuse.maxSteps}, default 256). */
    static final int MAX_FUSED_STEPS = Math.max(1, dev.blockwork.config.CoreSettings.FUSE_MAX_STEPS.getInt());
    /** Most bytes of literal arguments in one fused task ({@code blockwork.fuse.maxBytes}, default 1 MiB). */
    static final long MAX_FUSED_BYTES = Math.max(1, dev.blockwork.config.CoreSettings.FUSE_MAX_BYTES.getLong());

    private Planner() {}

    /** A rough size of a literal argument: arrays and strings by length, anything else a small constant. */
    static long estimateBytes(Object a) {
        return switch (a) {
            case null -> 0;
            case Key k -> 0;
            case byte[] x -> x.length;
            case boolean[] x -> x.length;
            case short[] x -> 2L * x.length;
            case char[] x -> 2L * x.length;
            case int[] x -> 4L * x.length;
            case float[] x -> 4L * x.length;
            case long[] x -> 8L * x.length;
            case double[] x -> 8L * x.length;
            case Object[] x -> 16L * x.length;
            case CharSequence x -> 2L * x.length();
            default -> 16;
        };
    }

    /**
     * Plans the graph that {@code lookup} describes for {@code outputs}, with fusion on.
     *
     * @param lookup  the task of each key the outputs need
     * @param outputs the keys wanted (a key may repeat)
     * @return the plan: culled to what the outputs need, tasks numbered in priority order
     * @throws IllegalArgumentException if {@code outputs} is empty
     */
    public static Plan plan(Function<Key, Task> lookup, List<Key> outputs) {
        return plan(lookup, outputs, true);
    }

    /**
     * Plans the graph that {@code lookup} describes for {@code outputs}: cull, fuse if asked, order.
     *
     * @param lookup  the task of each key the outputs need
     * @param outputs the keys wanted (a key may repeat)
     * @param fuse    whether to fuse linear chains
     * @return the plan: culled to what the outputs need, tasks numbered in priority order
     * @throws IllegalArgumentException if {@code outputs} is empty
     */
    public static Plan plan(Function<Key, Task> lookup, List<Key> outputs, boolean fuse) {
        if (outputs.isEmpty()) throw new IllegalArgumentException("nothing to compute: no output keys given");
        KeyWalk w = new KeyWalk(lookup);
        int[] outIdx = new int[outputs.size()];
        for (int o = 0; o < outIdx.length; o++) outIdx[o] = w.visit(outputs.get(o));
        return w.finish(outIdx, fuse);
    }

    /** Guards the slot marks that nodes carry (the fast path); a planning that finds it taken never waits. */
    static final java.util.concurrent.locks.ReentrantLock NODE_LOCK = new java.util.concurrent.locks.ReentrantLock();
    private static long nodeStamps; // guarded by NODE_LOCK

    /**
     * Plans an object graph whose nodes point at their dependencies directly (e.g. Delayed): no key
     * lookups at all. Fast path: each node's slot is recorded in the node itself under a stamp unique to
     * this planning, which needs the one lock that owns those marks. A planning that finds the lock taken
     * (another thread is planning) does not wait: it keeps its slots in its own identity map instead, so
     * unrelated graphs plan in parallel.
     *
     * @param outputs the nodes wanted (a node may repeat)
     * @param fuse    whether to fuse linear chains
     * @return the plan: culled to what the outputs need, tasks numbered in priority order
     * @throws IllegalArgumentException if {@code outputs} is empty
     */
    public static Plan planNodes(List<? extends PlanNode> outputs, boolean fuse) {
        if (outputs.isEmpty()) throw new IllegalArgumentException("nothing to compute: no outputs given");
        if (NODE_LOCK.tryLock()) {
            try {
                return planNodes(new NodeWalk(++nodeStamps, null), outputs, fuse);
            } finally {
                NODE_LOCK.unlock();
            }
        }
        return planNodes(new NodeWalk(0, new java.util.IdentityHashMap<>()), outputs, fuse);
    }

    private static Plan planNodes(NodeWalk w, List<? extends PlanNode> outputs, boolean fuse) {
        int[] outIdx = new int[outputs.size()];
        for (int o = 0; o < outIdx.length; o++) outIdx[o] = w.visitRoot(w.discoverNode(outputs.get(o)));
        return w.finish(outIdx, fuse);
    }

    /** Walks nodes by reference, numbering them through {@link PlanNode#planSlot} or, when given, its own map. */
    private static final class NodeWalk extends Walk {
        final long stamp;
        final java.util.IdentityHashMap<PlanNode, Integer> slots; // null: marks in the nodes (lock held)
        final ArrayList<PlanNode> nodes = new ArrayList<>();

        NodeWalk(long stamp, java.util.IdentityHashMap<PlanNode, Integer> slots) {
            this.stamp = stamp;
            this.slots = slots;
        }

        int discoverNode(PlanNode n) {
            if (slots == null) {
                if (n.planStamp() == stamp) return n.planSlot();
            } else {
                Integer s = slots.get(n);
                if (s != null) return s;
            }
            PlanNode r = n.planReplacement();
            if (r != null) { // a lost persisted value: plan what computes it, under this node's mark too
                int idx = discoverNode(r);
                if (slots == null) n.planMark(stamp, idx);
                else slots.put(n, idx);
                return idx;
            }
            int idx = -1;
            if (n.planSharedKey()) { // another object may stand for the same task: one slot per key
                if (byKey == null) byKey = new java.util.HashMap<>();
                Integer s = byKey.get(n.task().key());
                if (s != null) idx = s;
            }
            if (idx < 0) {
                idx = add(n.task());
                nodes.add(n);
                if (n.planSharedKey()) byKey.put(n.task().key(), idx);
            }
            if (slots == null) n.planMark(stamp, idx);
            else slots.put(n, idx);
            return idx;
        }

        /** Slots of nodes with shared keys (made on first use). */
        java.util.HashMap<Key, Integer> byKey;

        @Override
        int[] depsOf(int t) {
            int[] d = argDeps.get(t);
            if (d != null) return d;
            PlanNode[] ds = nodes.get(t).planDependencies();
            d = ds.length == 0 ? NONE : new int[ds.length];
            for (int i = 0; i < ds.length; i++) d[i] = discoverNode(ds[i]);
            noteKeysArg(t);
            argDeps.set(t, d);
            return d;
        }
    }

    /** Walks a key-addressed graph, materialising each task through the lookup. */
    private static final class KeyWalk extends Walk {
        final Function<Key, Task> lookup;
        final HashMap<Key, Integer> index = new HashMap<>();

        KeyWalk(Function<Key, Task> lookup) { this.lookup = lookup; }

        int discover(Key k) {
            Integer i = index.get(k);
            if (i != null) return i;
            Task t = lookup.apply(k);
            if (t == null) throw new IllegalArgumentException("no task produces key " + k);
            if (!t.key().equals(k)) {
                throw new IllegalArgumentException("lookup of " + k + " returned a task for " + t.key());
            }
            int idx = add(t);
            index.put(k, idx);
            return idx;
        }

        int visit(Key root) { return visitRoot(discover(root)); }

        @Override
        int[] depsOf(int t) {
            int[] d = argDeps.get(t);
            if (d != null) return d;
            Object[] args = tasks.get(t).args();
            int n = 0;
            for (Object a : args) {
                if (a instanceof Key) n++;
                else if (a instanceof Keys ks) n += ks.keys().size();
            }
            d = n == 0 ? NONE : new int[n];
            int j = 0;
            for (Object a : args) {
                if (a instanceof Key k) d[j++] = discover(k);
                else if (a instanceof Keys ks) for (Key k : ks.keys()) d[j++] = discover(k);
            }
            noteKeysArg(t);
            argDeps.set(t, d);
            return d;
        }
    }

    /** Culls and orders by an iterative depth-first walk; subclasses say how dependencies are found. */
    private abstract static class Walk {
        final ArrayList<Task> tasks = new ArrayList<>();
        final ArrayList<int[]> argDeps = new ArrayList<>(); // per task: dep index per dependency occurrence
        static final int DISCOVERED = 0, ON_STACK = 2, FINISHED = 1;
        final java.util.BitSet hasKeysArg = new java.util.BitSet();
        int[] post = new int[64];   // post-order number per task
        int[] state = new int[64];  // DISCOVERED, ON_STACK or FINISHED
        int nextPost;

        /** Adds a newly discovered task; returns its index. */
        int add(Task t) {
            int idx = tasks.size();
            tasks.add(t);
            if (idx == post.length) {
                post = Arrays.copyOf(post, idx * 2);
                state = Arrays.copyOf(state, idx * 2);
            }
            argDeps.add(null);
            return idx;
        }

        abstract int[] depsOf(int t);

        void noteKeysArg(int t) {
            for (Object a : tasks.get(t).args()) if (a instanceof Keys) { hasKeysArg.set(t); return; }
        }

        int visitRoot(int r) {
            if (state[r] == FINISHED) return r;
            int[] stack = new int[16];
            int[] cursor = new int[16];
            int sp = 0;
            stack[sp] = r; cursor[sp] = 0; sp++;
            state[r] = ON_STACK;
            while (sp > 0) {
                int t = stack[sp - 1];
                int[] deps = depsOf(t);
                int c = cursor[sp - 1];
                boolean pushed = false;
                while (c < deps.length) {
                    int d = deps[c++];
                    if (state[d] == FINISHED) continue;
                    if (state[d] == ON_STACK) throw cycle(stack, sp, d);
                    cursor[sp - 1] = c;
                    if (sp == stack.length) {
                        stack = Arrays.copyOf(stack, sp * 2);
                        cursor = Arrays.copyOf(cursor, sp * 2);
                    }
                    stack[sp] = d; cursor[sp] = 0; sp++;
                    state[d] = ON_STACK;
                    pushed = true;
                    break;
                }
                if (!pushed) {
                    state[t] = FINISHED;
                    post[t] = nextPost++;
                    sp--;
                }
            }
            return r;
        }

        IllegalArgumentException cycle(int[] stack, int sp, int d) {
            StringBuilder b = new StringBuilder("the graph has a cycle: ");
            int from = sp - 1;
            while (from > 0 && stack[from] != d) from--;
            for (int i = from; i < sp; i++) b.append(tasks.get(stack[i]).key()).append(" -> ");
            b.append(tasks.get(d).key());
            return new IllegalArgumentException(b.toString());
        }

        /**
         * Cuts fused chains so that none has more than {@link #MAX_FUSED_STEPS} steps or
         * {@link #MAX_FUSED_BYTES} bytes of literal arguments (one task must fit a worker's pipe and stay
         * cheap to ship and retry). Walks each chain from its tail; returns how many links it cut.
         */
        int bound(int[] mergedInto, int[][] distinct) {
            int cuts = 0;
            for (int tail = 0; tail < mergedInto.length; tail++) {
                if (mergedInto[tail] >= 0) continue;
                int steps = 1;
                long bytes = literalBytes(tail);
                int cur = tail;
                while (distinct[cur].length == 1 && mergedInto[distinct[cur][0]] == cur) {
                    int prev = distinct[cur][0];
                    long b = literalBytes(prev);
                    if (++steps > MAX_FUSED_STEPS || (bytes += b) > MAX_FUSED_BYTES) {
                        mergedInto[prev] = -1; // prev ends a chain of its own
                        cuts++;
                        steps = 1;
                        bytes = b;
                    }
                    cur = prev;
                }
            }
            return cuts;
        }

        long literalBytes(int t) {
            long b = 0;
            for (Object a : tasks.get(t).args()) b += estimateBytes(a);
            return b;
        }

        Plan finish(int[] outIdx, boolean fuse) {
            int n = tasks.size();
            boolean[] isOut = new boolean[n];
            for (int o : outIdx) isOut[o] = true;
            int[][] distinct = new int[n][];
            int[] dependentCount = new int[n];
            for (int t = 0; t < n; t++) {
                distinct[t] = distinctOf(argDeps.get(t));
                for (int d : distinct[t]) dependentCount[d]++;
            }
            // Fusion: mergedInto[i] = j when i's only consumer j has i as its only dependency.
            int[] mergedInto = new int[n];
            Arrays.fill(mergedInto, -1);
            int fused = 0;
            if (fuse) {
                for (int j = 0; j < n; j++) {
                    if (distinct[j].length == 1 && !hasKeysArg.get(j)) {
                        int i = distinct[j][0];
                        if (dependentCount[i] == 1 && !isOut[i] && !(tasks.get(i).function() instanceof HeldValue)) { mergedInto[i] = j; fused++; }
                    }
                }
                fused -= bound(mergedInto, distinct);
            }
            // Surviving tasks (chain tails), renumbered by post-order so numbers follow priority.
            int m = n - fused;
            int[] byPost = new int[n];
            for (int t = 0; t < n; t++) byPost[post[t]] = t;
            int[] newIndex = new int[n];
            Arrays.fill(newIndex, -1);
            int[] oldOf = new int[m];
            int k = 0;
            for (int p = 0; p < n; p++) {
                int t = byPost[p];
                if (mergedInto[t] < 0) { newIndex[t] = k; oldOf[k++] = t; }
            }
            Key[] keys = new Key[m];
            String[] labels = new String[m];
            TaskFunction[] fns = new TaskFunction[m];
            Object[][] templates = new Object[m][];
            int[][] deps = new int[m][];
            for (int q = 0; q < m; q++) {
                int tail = oldOf[q];
                // Collect the chain ending at tail: head ... tail.
                int len = 1;
                int head = tail;
                while (distinct[head].length == 1 && mergedInto[distinct[head][0]] == head) { head = distinct[head][0]; len++; }
                Task tailTask = tasks.get(tail);
                keys[q] = tailTask.key();
                if (len == 1) {
                    labels[q] = tailTask.label();
                    fns[q] = tailTask.function();
                    templates[q] = template(tailTask.args(), argDeps.get(tail), newIndex, -1);
                } else {
                    int[] chain = new int[len];
                    for (int c = len - 1, t = tail; c >= 0; c--) { chain[c] = t; if (c > 0) t = distinct[t][0]; }
                    Key[] stepKeys = new Key[len];
                    String[] stepLabels = new String[len];
                    TaskFunction[] stepFns = new TaskFunction[len];
                    Object[][] stepArgs = new Object[len][];
                    for (int c = 0; c < len; c++) {
                        Task st = tasks.get(chain[c]);
                        stepKeys[c] = st.key();
                        stepLabels[c] = st.label();
                        stepFns[c] = st.function();
                        stepArgs[c] = template(st.args(), argDeps.get(chain[c]), newIndex, c == 0 ? -1 : chain[c - 1]);
                    }
                    labels[q] = stepLabels[len - 1] + "(fused " + len + ")";
                    fns[q] = new FusedFunction(stepKeys, stepLabels, stepFns, stepArgs);
                    // The fused task receives the head's external arguments; FusedFunction re-resolves
                    // the head's template against them.
                    templates[q] = template(tasks.get(head).args(), argDeps.get(head), newIndex, -1);
                }
                deps[q] = mapDistinct(distinct[head], newIndex);
            }
            int[] counts = new int[m];
            for (int q = 0; q < m; q++) for (int d : deps[q]) counts[d]++;
            int[][] dependents = new int[m][];
            for (int q = 0; q < m; q++) dependents[q] = counts[q] == 0 ? NONE : new int[counts[q]];
            int[] fill = new int[m];
            for (int q = 0; q < m; q++) for (int d : deps[q]) dependents[d][fill[d]++] = q;
            int[] outs = new int[outIdx.length];
            boolean[] isOutput = new boolean[m];
            for (int o = 0; o < outIdx.length; o++) { outs[o] = newIndex[outIdx[o]]; isOutput[outs[o]] = true; }
            int readyCount = 0;
            for (int q = 0; q < m; q++) if (deps[q].length == 0) readyCount++;
            int[] ready = new int[readyCount];
            for (int q = 0, r = 0; q < m; q++) if (deps[q].length == 0) ready[r++] = q; // already in priority order
            return new Plan(keys, labels, fns, templates, deps, dependents, outs, isOutput, ready, fused);
        }

        /**
         * Argument template: each Key occurrence becomes a Ref to its new task number; an occurrence of
         * {@code prevInChain} becomes {@link FusedFunction#PREVIOUS}.
         */
        Object[] template(Object[] args, int[] occ, int[] newIndex, int prevInChain) {
            Object[] out = args.clone();
            int j = 0;
            for (int p = 0; p < args.length; p++) {
                Object a = args[p];
                if (a instanceof Key) {
                    int d = occ[j++];
                    out[p] = d == prevInChain ? FusedFunction.PREVIOUS : ref(newIndex[d]);
                } else if (a instanceof Keys ks) {
                    int[] r = new int[ks.keys().size()];
                    for (int i = 0; i < r.length; i++) r[i] = newIndex[occ[j++]];
                    out[p] = new Plan.RefList(r);
                }
            }
            return out;
        }

        Plan.Ref[] refs;

        /** One Ref object per task, shared by all its dependents. */
        Plan.Ref ref(int q) {
            if (refs == null) refs = new Plan.Ref[tasks.size()];
            Plan.Ref r = refs[q];
            if (r == null) refs[q] = r = new Plan.Ref(q);
            return r;
        }

        static int[] mapDistinct(int[] d, int[] newIndex) {
            if (d.length == 0) return NONE;
            int[] r = new int[d.length];
            for (int i = 0; i < d.length; i++) r[i] = newIndex[d[i]];
            return r;
        }

        static int[] distinctOf(int[] occ) {
            if (occ.length <= 1) return occ;
            if (occ.length == 2) return occ[0] == occ[1] ? new int[] {occ[0]} : occ;
            int[] s = occ.clone();
            Arrays.sort(s);
            int u = 1;
            for (int i = 1; i < s.length; i++) if (s[i] != s[u - 1]) s[u++] = s[i];
            return u == s.length ? s : Arrays.copyOf(s, u);
        }
    }
}
