package dev.blockwork.delayed;

import dev.blockwork.fn.Fn0;
import dev.blockwork.fn.Fn1;
import dev.blockwork.fn.Fn2;
import dev.blockwork.fn.Fn3;
import dev.blockwork.fn.Fn4;
import dev.blockwork.fn.FnN;
import dev.blockwork.fn.Labels;
import dev.blockwork.graph.Graph;
import dev.blockwork.graph.Key;
import dev.blockwork.graph.Keys;
import dev.blockwork.graph.Task;
import dev.blockwork.graph.TaskFunction;
import dev.blockwork.graph.Tokens;
import dev.blockwork.graph.TaskLayer;
import dev.blockwork.schedule.Compute;
import dev.blockwork.schedule.ComputeOptions;
import dev.blockwork.schedule.Computation;
import dev.blockwork.schedule.HeldResult;
import dev.blockwork.schedule.HeldResults;
import dev.blockwork.schedule.HeldValue;
import dev.blockwork.schedule.PlanNode;
import dev.blockwork.schedule.Publishable;
import dev.blockwork.schedule.Planner;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Set;

/**
 * A lazy function call, like {@code dask.delayed}: nothing runs until {@link #compute()}.
 * <pre>{@code
 * Delayed<Integer> a = Delayed.of(Main::inc, 1);
 * Delayed<Integer> b = Delayed.of(Main::inc, 2);
 * Delayed<Integer> c = Delayed.of(Main::add, a, b);   // Delayed values as arguments
 * int r = c.compute();                              // runs a and b in parallel, then c
 * }</pre>
 * An argument may be a plain value or another {@code Delayed} (its result is passed). Several values
 * computed together ({@link #computeAll}) share common work: each task runs once.
 *
 * <p>Delayed objects are immutable and thread-safe; building one costs a key and a small array.
 *
 * @param <T> the type of the call's result
 */
public final class Delayed<T> implements Publishable {
    private static final Delayed<?>[] NO_DEPS = new Delayed<?>[0];

    private final Task task;
    private final Delayed<?>[] deps;
    private final Node node; // what the planner walks: the planner's hooks stay off this public class

    private Delayed(Task task, Delayed<?>[] deps) {
        this(task, deps, false);
    }

    private Delayed(Task task, Delayed<?>[] deps, boolean sharedKey) {
        this.task = task;
        this.deps = deps;
        PlanNode[] nodes = deps.length == 0 ? NO_NODES : new PlanNode[deps.length];
        for (int i = 0; i < deps.length; i++) nodes[i] = deps[i].node;
        this.node = new Node(task, nodes, sharedKey, null);
    }

    /** A persisted value: a task holding its handle, and the node that makes it again if its holder is lost. */
    private Delayed(Task held, PlanNode recipe) {
        this.task = held;
        this.deps = NO_DEPS;
        this.node = new Node(held, NO_NODES, false, recipe);
    }

    private static final PlanNode[] NO_NODES = new PlanNode[0];

    /** The planner's view of one call: its task, its dependencies' nodes, and the two fields the planner owns. */
    private static final class Node implements PlanNode {
        private final Task task;
        private final PlanNode[] deps;
        private final boolean sharedKey; // named by what it computes: other nodes may carry the same key
        private final PlanNode recipe; // a persisted value's original node (null otherwise)
        private long planStamp; // owned by the planner, guarded by its lock
        private int planSlot;

        Node(Task task, PlanNode[] deps, boolean sharedKey, PlanNode recipe) {
            this.task = task;
            this.deps = deps;
            this.sharedKey = sharedKey;
            this.recipe = recipe;
        }

        @Override public PlanNode planReplacement() {
            return recipe != null && ((HeldValue) task.function()).handle().isLost() ? recipe : null;
        }

        @Override public Task task() { return task; }
        @Override public PlanNode[] planDependencies() { return deps; }
        @Override public long planStamp() { return planStamp; }
        @Override public int planSlot() { return planSlot; }
        @Override public void planMark(long stamp, int slot) { planStamp = stamp; planSlot = slot; }
        @Override public boolean planSharedKey() { return sharedKey; }
    }

    private static List<PlanNode> nodes(List<? extends Delayed<?>> values) {
        List<PlanNode> out = new ArrayList<>(values.size());
        for (Delayed<?> d : values) out.add(d.node);
        return out;
    }

    // ---- construction ----------------------------------------------------------------------------

    /**
     * A delayed constant.
     *
     * @param <T> the value's type
     * @param value the value (computes return it as it is)
     * @return the delayed constant
     */
    public static <T> Delayed<T> value(T value) {
        String token = tooBigToHash(value) ? null : Tokens.name("value", () -> null, value);
        Key key = Key.of(token != null ? token : Tokens.uniqueName("value"));
        return new Delayed<>(new Task(key, "value", new Constant(value), new Object[0]), NO_DEPS, token != null);
    }

    /** A primitive array over {@link #HASHED_CONSTANT_BYTES}: named uniquely rather than hashed. */
    private static boolean tooBigToHash(Object value) {
        return value != null && value.getClass().isArray() && value.getClass().getComponentType().isPrimitive()
                && (long) java.lang.reflect.Array.getLength(value) * 8 > HASHED_CONSTANT_BYTES;
    }

    /**
     * A call of {@code f} with no arguments.
     *
     * @param <R> the result type
     * @param f the function; its label (e.g. {@code inc} for {@code Main::inc}) names the key
     * @return the delayed call
     */
    public static <R> Delayed<R> of(Fn0<R> f) {
        return build(Labels.of(f), a -> f.apply(), new Object[0]);
    }

    /**
     * A call {@code f(a)}.
     *
     * @param <A> the argument type
     * @param <R> the result type
     * @param f the function; its label names the key
     * @param a the argument: a value, or a {@code Delayed} whose result is passed
     * @return the delayed call
     */
    @SuppressWarnings("unchecked")
    public static <A, R> Delayed<R> of(Fn1<A, R> f, Object a) {
        return build(Labels.of(f), x -> f.apply((A) x[0]), new Object[] {a});
    }

    /**
     * A call {@code f(a, b)}.
     *
     * @param <A> the first argument's type
     * @param <B> the second argument's type
     * @param <R> the result type
     * @param f the function; its label names the key
     * @param a the first argument: a value, or a {@code Delayed} whose result is passed
     * @param b the second argument, likewise
     * @return the delayed call
     */
    @SuppressWarnings("unchecked")
    public static <A, B, R> Delayed<R> of(Fn2<A, B, R> f, Object a, Object b) {
        return build(Labels.of(f), x -> f.apply((A) x[0], (B) x[1]), new Object[] {a, b});
    }

    /**
     * A call {@code f(a, b, c)}.
     *
     * @param <A> the first argument's type
     * @param <B> the second argument's type
     * @param <C> the third argument's type
     * @param <R> the result type
     * @param f the function; its label names the key
     * @param a the first argument: a value, or a {@code Delayed} whose result is passed
     * @param b the second argument, likewise
     * @param c the third argument, likewise
     * @return the delayed call
     */
    @SuppressWarnings("unchecked")
    public static <A, B, C, R> Delayed<R> of(Fn3<A, B, C, R> f, Object a, Object b, Object c) {
        return build(Labels.of(f), x -> f.apply((A) x[0], (B) x[1], (C) x[2]), new Object[] {a, b, c});
    }

    /**
     * A call {@code f(a, b, c, d)}.
     *
     * @param <A> the first argument's type
     * @param <B> the second argument's type
     * @param <C> the third argument's type
     * @param <D> the fourth argument's type
     * @param <R> the result type
     * @param f the function; its label names the key
     * @param a the first argument: a value, or a {@code Delayed} whose result is passed
     * @param b the second argument, likewise
     * @param c the third argument, likewise
     * @param d the fourth argument, likewise
     * @return the delayed call
     */
    @SuppressWarnings("unchecked")
    public static <A, B, C, D, R> Delayed<R> of(Fn4<A, B, C, D, R> f, Object a, Object b, Object c, Object d) {
        return build(Labels.of(f), x -> f.apply((A) x[0], (B) x[1], (C) x[2], (D) x[3]), new Object[] {a, b, c, d});
    }

    /**
     * A call with any number of arguments, named {@code label} in keys and errors.
     *
     * @param <R> the result type
     * @param label the name used in keys and errors
     * @param f the function; it receives the arguments as an array
     * @param args the arguments: values, or {@code Delayed}s whose results are passed
     * @return the delayed call
     */
    public static <R> Delayed<R> ofN(String label, FnN<R> f, Object... args) {
        return build(label, f::apply, args.clone());
    }

    /**
     * A delayed list of the values of {@code items} (like passing a list of delayed values in Dask).
     *
     * @param <T> the element type
     * @param items the values
     * @return a delayed list of their results, in order
     */
    public static <T> Delayed<List<T>> all(List<? extends Delayed<? extends T>> items) {
        Key[] keys = new Key[items.size()];
        for (int i = 0; i < keys.length; i++) keys[i] = items.get(i).key();
        Task t = new Task(newKey("list"), "list", new ToList(), new Object[] {new Keys(List.of(keys))});
        return new Delayed<>(t, items.toArray(new Delayed<?>[0]));
    }

    /**
     * {@code f} applied to this value, lazily.
     *
     * @param <R> the result type
     * @param f the function
     * @return the delayed call {@code f(this)}
     */
    public <R> Delayed<R> then(Fn1<? super T, R> f) {
        return of(f, this);
    }

    /**
     * This call with another label (keys and error messages use it).
     *
     * @param label the new name
     * @return a copy of this call under a new key
     */
    public Delayed<T> named(String label) {
        return new Delayed<>(new Task(newKey(label), label, task.function(), task.args()), deps);
    }

    private static <R> Delayed<R> build(String label, TaskFunction fn, Object[] args) {
        Delayed<?>[] deps = NO_DEPS;
        int nd = 0;
        for (int i = 0; i < args.length; i++) {
            if (args[i] instanceof Delayed<?> d) {
                if (deps == NO_DEPS) deps = new Delayed<?>[args.length];
                deps[nd++] = d;
                args[i] = d.task.key();
            } else if (args[i] instanceof Key || args[i] instanceof Keys) {
                throw new IllegalArgumentException("argument " + i + " of " + label + " is a graph key (" + args[i]
                        + "); pass the Delayed value instead");
            }
        }
        if (nd != deps.length) deps = Arrays.copyOf(deps, nd);
        return new Delayed<>(new Task(newKey(label), label, fn, args), deps);
    }

    /** {@code label-<32 hex>}, unique in this JVM and across JVMs (two clients of one cluster never share a key by chance). */
    private static Key newKey(String label) {
        return Key.of(Tokens.uniqueName(label));
    }

    /** Constants larger than this are named uniquely rather than hashed (as {@code DArray.fromArray} does). */
    private static final long HASHED_CONSTANT_BYTES = 16L << 20;

    /**
     * This call named by what it computes (Dask's {@code pure=True}): its key is a token of its function (the
     * method, its code and what the lambda captured) and its arguments, so the same call built twice, in this JVM
     * or another, has the same key, and a graph that contains it twice computes it once. Use it for functions
     * whose result depends only on their arguments. A call is impure by default (a unique key, as in Dask),
     * because a task may read a clock, a file or a random source.
     *
     * @return a copy of this call under its token key
     * @throws IllegalArgumentException if the function or an argument has no stable identity (an arbitrary
     *     object, or a lambda capturing one); records, {@link Tokens.Tokenizable} values, strings, numbers,
     *     arrays and lists of those have one
     */
    public Delayed<T> pure() {
        String token;
        try {
            token = Tokens.ofPure(task.label(), task.function(), task.args());
        } catch (Tokens.NotTokenizable e) {
            throw new IllegalArgumentException("cannot name " + task.label() + " by what it computes: " + e.getMessage()
                    + " (make such values records or Tokens.Tokenizable, or leave the call impure)", e);
        }
        return new Delayed<>(new Task(Key.of(task.label() + "-" + token), task.label(), task.function(), task.args()), deps, true);
    }

    // ---- inspection ------------------------------------------------------------------------------

    /**
     * The key of this call's result.
     *
     * @return the key
     */
    public Key key() { return task.key(); }

    /**
     * The graph of this value and everything it depends on: one layer per call (Delayed keys have no block index).
     *
     * @return the graph
     */
    public Graph graph() {
        List<dev.blockwork.graph.Layer> layers = new ArrayList<>();
        for (Task t : collect(List.of(this)).values()) {
            Set<String> deps = new java.util.HashSet<>();
            for (Object a : t.args()) if (a instanceof Key k) deps.add(k.name());
            else if (a instanceof Keys ks) for (Key k : ks.keys()) deps.add(k.name());
            layers.add(new TaskLayer(t.key().name(), List.of(t), deps));
        }
        return Graph.of(layers.toArray(new dev.blockwork.graph.Layer[0]));
    }

    // ---- computing -------------------------------------------------------------------------------

    /**
     * Computes this value with the default scheduler.
     *
     * @return the result
     */
    public T compute() {
        return compute(ComputeOptions.defaults());
    }

    /**
     * Computes this value as {@code options} say (scheduler, timeout, progress, optimisation).
     *
     * @param options how to compute
     * @return the result
     */
    @SuppressWarnings("unchecked")
    public T compute(ComputeOptions options) {
        return (T) Compute.await(Compute.run(() -> Planner.planNodes(List.of(node), options.optimize()), options))[0];
    }

    /**
     * Starts computing and returns at once; cancelling the future cancels the compute.
     *
     * @return the running computation
     */
    public Computation<T> computeAsync() {
        return computeAsync(ComputeOptions.defaults());
    }

    /**
     * Starts computing as {@code options} say and returns at once; cancelling the future cancels the compute.
     *
     * @param options how to compute
     * @return the running computation
     */
    @SuppressWarnings("unchecked")
    public Computation<T> computeAsync(ComputeOptions options) {
        Computation<Object[]> c = Compute.run(() -> Planner.planNodes(List.of(node), options.optimize()), options);
        return Compute.map(c, r -> (T) r[0]);
    }

    /**
     * Computes now and returns a Delayed that holds the result (later computes reuse it, not recompute it). On a
     * cluster the value stays on the worker that made it; if that worker is lost, computes make it again from this
     * Delayed's graph, which the result keeps for that (as Dask's scheduler keeps a persisted key's task).
     *
     * @return a Delayed holding the computed value, with the same key
     */
    public Delayed<T> persist() { return persist(ComputeOptions.defaults()); }

    /**
     * As {@link #persist()}, computing with {@code options} (a scheduler, listeners, a timeout).
     *
     * @param options how to compute
     * @return a Delayed holding the computed value, with the same key
     */
    public Delayed<T> persist(ComputeOptions options) {
        ComputeOptions o = options.withKeepHeld(true);
        Object v = Compute.await(Compute.run(() -> Planner.planNodes(List.of(node), o.optimize()), o))[0];
        if (!(v instanceof HeldResult h)) return new Delayed<>(new Task(key(), task.label(), new Constant(v), new Object[0]), NO_DEPS);
        // kept where it was made (a cluster worker): computes that read it borrow the handle; it is released
        // when the returned Delayed is unreachable
        // if its worker is lost, a compute planned later makes it again from this Delayed's graph (kept for that)
        Delayed<T> d = new Delayed<>(new Task(key(), task.label(), new HeldValue(h.borrowed()), new Object[0]), node);
        HeldResults.releaseWhenUnreachable(d, new Object[] {h});
        return d;
    }

    /**
     * Persists this value with {@code options} (a persisted one is reused) for a cluster to publish: its one result
     * and how a reader rebuilds it.
     */
    @Override
    public Publication publication(ComputeOptions options) {
        Delayed<T> p = task.function() instanceof HeldValue || task.function() instanceof Constant ? this : persist(options);
        Object r = p.task.function() instanceof HeldValue hv ? hv.handle().owner() : ((Constant) p.task.function()).value();
        return new Publication(new Object[] {r}, new Republished(key(), task.label()), p);
    }

    /**
     * A published Delayed, rebuilt by a reader over its handle (or the value itself), with the publisher's key.
     *
     * @param key   the publisher's key, which the rebuilt Delayed keeps
     * @param label its task's label
     */
    private record Republished(Key key, String label) implements Publishable.Rebuild {
        @Override
        public Object from(Object[] results) {
            Object r = results[0];
            TaskFunction f = r instanceof HeldResult h ? new HeldValue(h.borrowed()) : new Constant(r);
            return new Delayed<>(new Task(key, label, f, new Object[0]), NO_DEPS);
        }
    }

    /**
     * Draws this value's graph, like Dask's {@code visualize()}: the task graph when it has at most
     * {@link dev.blockwork.graph.GraphPicture#AUTO_TASK_LIMIT} tasks, else one node per operation. A file
     * ending in {@code .dot} gets Graphviz's DOT; any other (normally {@code .svg}) gets SVG, with the DOT
     * beside it. Graphviz is used for the SVG when installed, a built-in layout otherwise.
     *
     * @param file where to write, e.g. {@code Path.of("graph.svg")}
     * @return {@code file}
     * @throws java.io.IOException if the file cannot be written
     */
    public java.nio.file.Path visualize(java.nio.file.Path file) throws java.io.IOException {
        return dev.blockwork.graph.GraphPicture.of(graph(), List.of(key()), dev.blockwork.graph.GraphPicture.Level.AUTO).write(file);
    }

    /**
     * Computes several values at once; shared dependencies run once. Results in argument order.
     *
     * @param values the values
     * @return their results, in argument order
     */
    public static List<Object> computeAll(Delayed<?>... values) {
        return computeAll(ComputeOptions.defaults(), List.of(values));
    }

    /**
     * Computes several values at once as {@code options} say; shared dependencies run once.
     *
     * @param options how to compute
     * @param values the values
     * @return their results, in the order of {@code values}
     */
    public static List<Object> computeAll(ComputeOptions options, List<? extends Delayed<?>> values) {
        return Arrays.asList(Compute.await(Compute.run(() -> Planner.planNodes(nodes(values), options.optimize()), options)));
    }

    /** Every task reachable from {@code roots}, by key (iterative: deep chains do not overflow the stack). */
    private static HashMap<Key, Task> collect(List<? extends Delayed<?>> roots) {
        HashMap<Key, Task> m = new HashMap<>();
        ArrayDeque<Delayed<?>> todo = new ArrayDeque<>(roots);
        while (!todo.isEmpty()) {
            Delayed<?> d = todo.pop();
            if (m.putIfAbsent(d.task.key(), d.task) == null) {
                for (Delayed<?> x : d.deps) todo.push(x);
            }
        }
        return m;
    }

    @Override
    public String toString() { return "Delayed(" + key() + ")"; }


    /**
     * Returns a fixed value.
     *
     * @param value the value
     */
    private record Constant(Object value) implements TaskFunction {
        @Override public Object apply(Object[] args) { return value; }
    }

    /** Turns an Object[] of results into a List. */
    private record ToList() implements TaskFunction {
        @Override public Object apply(Object[] args) { return Arrays.asList((Object[]) args[0]); }
    }
}
