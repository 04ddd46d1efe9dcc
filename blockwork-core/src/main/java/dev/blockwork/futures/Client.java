package dev.blockwork.futures;

import dev.blockwork.fn.Fn0;
import dev.blockwork.fn.Fn1;
import dev.blockwork.fn.Fn2;
import dev.blockwork.fn.Fn3;
import dev.blockwork.fn.FnN;
import dev.blockwork.fn.Labels;
import dev.blockwork.graph.Key;
import dev.blockwork.graph.TaskFunction;
import dev.blockwork.schedule.ComputeOptions;
import dev.blockwork.schedule.ComputeTimeoutException;
import dev.blockwork.schedule.Execution;
import dev.blockwork.schedule.HeldInputLostException;
import dev.blockwork.schedule.HeldResult;
import dev.blockwork.schedule.HeldResults;
import dev.blockwork.schedule.Listeners;
import dev.blockwork.schedule.OutputSink;
import dev.blockwork.schedule.Plan;
import dev.blockwork.schedule.Scheduler;
import dev.blockwork.schedule.Schedulers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Eager futures over a scheduler, like Dask's {@code Client} and {@code concurrent.futures}:
 * <pre>{@code
 * try (Client client = Client.create()) {                  // the default scheduler (threads)
 *     TaskFuture<Integer> a = client.submit(Main::inc, 1);
 *     TaskFuture<Integer> b = client.submit(Main::add, a, 10);   // futures as arguments: no waiting here
 *     List<TaskFuture<Integer>> fs = client.map(Main::inc, List.of(1, 2, 3));
 *     List<Integer> values = client.gather(fs);
 * }
 * }</pre>
 * Futures run on the same engine as graphs ({@link Execution}): each {@code submit} or {@code map} batch is
 * one execution, so listeners see their tasks, failures raise the same {@link dev.blockwork.schedule.TaskFailedException}
 * on every scheduler, {@link ComputeOptions#withRetries retries} and timeouts apply, and cancelling a future
 * reaches its executor. Tasks may submit tasks and wait for them (the threads pool grows a spare thread while one waits).
 * {@link #close()} cancels the futures of this client that have not finished and refuses new submits.
 *
 * <p>Thread-safe.
 */
public final class Client implements AutoCloseable {
    private final Scheduler scheduler;
    private final boolean ownsScheduler;
    private final ComputeOptions options;
    private final Execution.Options engineOptions;
    /**
     * Futures that may still be running, for close(). Done ones are swept out once the submits since the
     * last sweep exceed max(1024, what the last sweep kept): O(1) amortised per submit, and finished
     * futures (and their values) are kept at most until about as many new submits again.
     */
    private final ConcurrentLinkedQueue<CompletableFuture<?>> live = new ConcurrentLinkedQueue<>();
    private final AtomicInteger sinceSweep = new AtomicInteger();
    private volatile int keptAtLastSweep;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private Client(Scheduler scheduler, boolean owns, ComputeOptions options) {
        this.scheduler = scheduler;
        this.ownsScheduler = owns;
        this.options = options;
        this.engineOptions = options.executionOptions(null);
    }

    /**
     * A client on the current default scheduler (see {@link Schedulers#current()}).
     *
     * @return the client; close it to cancel its unfinished futures
     */
    public static Client create() { return new Client(Schedulers.current(), false, ComputeOptions.defaults()); }

    /**
     * A client on the shared scheduler called {@code name}.
     *
     * @param name a scheduler's name, e.g. {@code threads} or {@code processes}
     * @return the client; close it to cancel its unfinished futures
     * @throws IllegalArgumentException naming the known schedulers if none answers to {@code name}
     */
    public static Client create(String name) { return new Client(Schedulers.get(name), false, ComputeOptions.defaults()); }

    /**
     * A client on {@code scheduler}.
     *
     * @param scheduler where its futures run
     * @param owns      whether closing the client closes the scheduler too
     * @return the client; close it to cancel its unfinished futures
     */
    public static Client create(Scheduler scheduler, boolean owns) { return new Client(scheduler, owns, ComputeOptions.defaults()); }

    /**
     * A client whose futures run with {@code options}: its scheduler, listeners (besides the global ones,
     * registered when the client is made), retries, and a timeout that applies to each submit or map batch.
     *
     * @param options the options; their scheduler is resolved now
     * @return the client; close it to cancel its unfinished futures
     */
    public static Client create(ComputeOptions options) { return new Client(options.resolveScheduler(), false, options); }

    /** {@return the scheduler this client's futures run on} */
    public Scheduler scheduler() { return scheduler; }

    @Override
    public String toString() {
        return "<Client: " + scheduler.name() + ", " + scheduler.parallelism() + " workers" + (closed.get() ? ", closed" : "") + ">";
    }

    // ---- submit ----------------------------------------------------------------------------------

    /**
     * Submits {@code f()} to run on the scheduler; returns at once.
     *
     * @param f   the function
     * @param <R> the result type
     * @return the future of its value; it fails with a {@link dev.blockwork.schedule.TaskFailedException} if the task
     *         fails
     * @throws IllegalStateException if this client is closed
     */
    public <R> TaskFuture<R> submit(Fn0<R> f) {
        return submitCall(Labels.of(f), a -> f.apply(), new Object[0]);
    }

    /**
     * Submits {@code f(a)} to run as soon as its arguments are ready; returns at once.
     *
     * @param f the function
     * @param a the first argument: a value, or a {@link TaskFuture} replaced by its value
     * @param <A> the first argument's type
     * @param <R> the result type
     * @return the future of its value; it fails with a {@link dev.blockwork.schedule.TaskFailedException} if the task
     *         or an argument's task fails
     * @throws IllegalStateException if this client is closed
     */
    @SuppressWarnings("unchecked")
    public <A, R> TaskFuture<R> submit(Fn1<A, R> f, Object a) {
        return submitCall(Labels.of(f), x -> f.apply((A) x[0]), new Object[] {a});
    }

    /**
     * Submits {@code f(a, b)} to run as soon as its arguments are ready; returns at once.
     *
     * @param f the function
     * @param a the first argument: a value, or a {@link TaskFuture} replaced by its value
     * @param b the second argument: a value, or a {@link TaskFuture} replaced by its value
     * @param <A> the first argument's type
     * @param <B> the second argument's type
     * @param <R> the result type
     * @return the future of its value; it fails with a {@link dev.blockwork.schedule.TaskFailedException} if the task
     *         or an argument's task fails
     * @throws IllegalStateException if this client is closed
     */
    @SuppressWarnings("unchecked")
    public <A, B, R> TaskFuture<R> submit(Fn2<A, B, R> f, Object a, Object b) {
        return submitCall(Labels.of(f), x -> f.apply((A) x[0], (B) x[1]), new Object[] {a, b});
    }

    /**
     * Submits {@code f(a, b, c)} to run as soon as its arguments are ready; returns at once.
     *
     * @param f the function
     * @param a the first argument: a value, or a {@link TaskFuture} replaced by its value
     * @param b the second argument: a value, or a {@link TaskFuture} replaced by its value
     * @param c the third argument: a value, or a {@link TaskFuture} replaced by its value
     * @param <A> the first argument's type
     * @param <B> the second argument's type
     * @param <C> the third argument's type
     * @param <R> the result type
     * @return the future of its value; it fails with a {@link dev.blockwork.schedule.TaskFailedException} if the task
     *         or an argument's task fails
     * @throws IllegalStateException if this client is closed
     */
    @SuppressWarnings("unchecked")
    public <A, B, C, R> TaskFuture<R> submit(Fn3<A, B, C, R> f, Object a, Object b, Object c) {
        return submitCall(Labels.of(f), x -> f.apply((A) x[0], (B) x[1], (C) x[2]), new Object[] {a, b, c});
    }

    /**
     * Submits {@code f(args...)} with any number of arguments; futures among them are replaced by their values.
     *
     * @param label names the task in its key, events and errors
     * @param f     the function
     * @param args  the arguments (copied)
     * @param <R>   the result type
     * @return the future of its value; it fails with a {@link dev.blockwork.schedule.TaskFailedException} if the task
     *         or an argument's task fails
     * @throws IllegalStateException if this client is closed
     */
    public <R> TaskFuture<R> submitN(String label, FnN<R> f, Object... args) {
        return submitCall(label, f::apply, args.clone());
    }

    /**
     * Submits {@code f} applied to each item, as one batch (cheaper than a submit per item).
     *
     * @param f     the function
     * @param items the arguments: values, or {@link TaskFuture}s replaced by their values
     * @param <A>   the argument type
     * @param <R>   the result type
     * @return one future per item, in the items' order
     * @throws IllegalStateException if this client is closed
     */
    @SuppressWarnings("unchecked")
    public <A, R> List<TaskFuture<R>> map(Fn1<A, R> f, Iterable<? extends A> items) {
        ensureOpen();
        String label = Labels.of(f);
        TaskFunction fn = x -> f.apply((A) x[0]);
        List<Object[]> direct = new ArrayList<>();
        List<Integer> at = new ArrayList<>();
        List<TaskFuture<R>> out = new ArrayList<>();
        for (A item : items) {
            if (item instanceof TaskFuture<?>) {
                out.add(submitCall(label, fn, new Object[] {item}));
            } else {
                at.add(out.size());
                out.add(null);
                direct.add(new Object[] {item});
            }
        }
        List<TaskFuture<R>> launched = launch(label, fn, direct);
        for (int i = 0; i < at.size(); i++) out.set(at.get(i), launched.get(i));
        return out;
    }

    @SuppressWarnings("unchecked")
    private <R> TaskFuture<R> submitCall(String label, TaskFunction fn, Object[] args) {
        ensureOpen();
        List<CompletableFuture<?>> deps = null;
        for (Object a : args) {
            if (a instanceof TaskFuture<?> tf) {
                if (deps == null) deps = new ArrayList<>();
                deps.add(tf.toCompletableFuture());
            }
        }
        if (deps == null) return (TaskFuture<R>) launch(label, fn, List.<Object[]>of(args)).getFirst();
        // Futures among the arguments: run once they are all done, with their values; a failed one fails this
        // future with the same TaskFailedException (its dependents are cancelled, as in a graph).
        Key key = newKey(label);
        Dependent<R> outer = new Dependent<>();
        CompletableFuture<?>[] inner = new CompletableFuture<?>[1];
        CompletableFuture.allOf(deps.toArray(new CompletableFuture<?>[0])).whenComplete((v, e) -> {
            if (e != null) {
                outer.completeExceptionally(e instanceof java.util.concurrent.CompletionException ce && ce.getCause() != null ? ce.getCause() : e);
                return;
            }
            if (outer.isDone()) return; // cancelled while waiting
            startDependent(outer, inner, key, label, fn, args, 0);
        });
        outer.whenComplete((r, e) -> { // cancelling the future also cancels the job if it was handed over already
            if (outer.isCancelled()) synchronized (inner) { if (inner[0] != null) inner[0].cancel(false); }
        });
        return track(key, outer);
    }

    /**
     * Runs a dependent's task with its inputs' values (an input lost with its worker is made again first, from its
     * recipe). If an input is lost while the task runs ({@link HeldInputLostException}), it starts again, at most
     * {@value #REMAKES} times. A held result gets a {@link Recipe} before the future completes. Making an input
     * again waits for it, so that is never done on the thread that reported the loss (a transport's reply thread,
     * which the remake's own reply may need): it moves to a virtual thread.
     */
    @SuppressWarnings("unchecked")
    private <R> void startDependent(Dependent<R> outer, CompletableFuture<?>[] inner, Key key, String label, TaskFunction fn,
                                    Object[] args, int attempt) {
        if (!Thread.currentThread().isVirtual() && anyLost(args)) {
            Thread.ofVirtual().name("blockwork-remake-" + key).start(() -> startDependent(outer, inner, key, label, fn, args, attempt));
            return;
        }
        try {
            Object[] resolved = args.clone();
            List<CompletableFuture<?>> keep = new ArrayList<>(); // inputs made again: alive until the job has read them
            for (int i = 0; i < resolved.length; i++) {
                if (resolved[i] instanceof TaskFuture<?> tf) {
                    CompletableFuture<?> f = current(tf.toCompletableFuture());
                    keep.add(f);
                    resolved[i] = f.join();
                }
            }
            CompletableFuture<R> job = (CompletableFuture<R>) launchOne(key, label, fn, resolved);
            synchronized (inner) { inner[0] = job; }
            outer.job = job; // the job's future owns its held result: it must live as long as this one
            job.whenComplete((r, x) -> {
                java.lang.ref.Reference.reachabilityFence(keep);
                if (x != null) {
                    if (attempt < REMAKES && !outer.isDone() && HeldInputLostException.inChain(x)) {
                        startDependent(outer, inner, key, label, fn, args, attempt + 1);
                    } else {
                        outer.completeExceptionally(x);
                    }
                    return;
                }
                if (r instanceof HeldResult) outer.recipe = new Recipe(this, key, label, fn, recipeArgs(args), outer);
                outer.complete(r);
            });
            if (outer.isCancelled()) job.cancel(false);
        } catch (Throwable x) {
            outer.completeExceptionally(x instanceof ExecutionException ee && ee.getCause() != null ? ee.getCause() : x);
        }
    }

    /** How often a future's value lost with its worker is made again for one read, and a dependent started again. */
    static final int REMAKES = 3;

    /** Whether an input among {@code args} is a future whose held value is gone (it must be made again first). */
    private static boolean anyLost(Object[] args) {
        for (Object a : args) {
            if (a instanceof TaskFuture<?> tf && tf.toCompletableFuture().getNow(null) instanceof HeldResult h && h.isLost()) return true;
        }
        return false;
    }

    /**
     * A dependency as it is now: its own future if its value is there, else the future of its value made again
     * (from its recipe; this waits), which the caller keeps alive while it uses the value.
     */
    static CompletableFuture<?> current(CompletableFuture<?> f) throws Exception {
        Object v = f.join();
        if (v instanceof HeldResult h && h.isLost()) {
            Recipe r = recipeOf(f);
            if (r != null) return r.current();
        }
        return f;
    }

    /** The arguments of a recipe: futures become their recipes (which pin no worker memory), or their values. */
    private static Object[] recipeArgs(Object[] args) {
        Object[] out = args.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] instanceof TaskFuture<?> tf) {
                CompletableFuture<?> f = tf.toCompletableFuture();
                Recipe r = recipeOf(f);
                out[i] = r != null ? r : f.join();
            }
        }
        return out;
    }

    /** The recipe of a future's held value, or null (its value is not held, or it is no future of a client). */
    static Recipe recipeOf(CompletableFuture<?> f) {
        if (f instanceof Slot s) return s.recipe;
        if (f instanceof Dependent<?> d) return d.recipe;
        return null;
    }

    /** The future of a value made again for {@code f}'s reads (kept by {@code f}: it lives as long as {@code f}). */
    private static CompletableFuture<?> remadeOf(CompletableFuture<?> f) {
        if (f instanceof Slot s) return s.remade;
        if (f instanceof Dependent<?> d) return d.remade;
        return null;
    }

    private static void setRemade(CompletableFuture<?> f, CompletableFuture<?> again) {
        if (f instanceof Slot s) s.remade = again;
        else if (f instanceof Dependent<?> d) d.remade = again;
    }

    /**
     * How a future's value was made, kept when the value is held on a worker, to make it again if that worker is
     * lost (as Dask's scheduler recomputes a lost key from its task): the task's key, label, function and
     * arguments, where an argument that was a future is that future's recipe. A recipe refers to its own future
     * only weakly and keeps no value: the value made again belongs to that future (while it lives) or to whoever
     * asked for it, so a dependent's recipe never keeps an input's value, or its worker memory, alive.
     */
    static final class Recipe {
        private final Client client;
        private final Key key;
        private final String label;
        private final TaskFunction fn;
        private final Object[] args; // values, or Recipes
        private final java.lang.ref.WeakReference<CompletableFuture<?>> original;

        Recipe(Client client, Key key, String label, TaskFunction fn, Object[] args, CompletableFuture<?> original) {
            this.client = client;
            this.key = key;
            this.label = label;
            this.fn = fn;
            this.args = args;
            this.original = new java.lang.ref.WeakReference<>(original);
        }

        /**
         * A finished future of the value as it is now: the original future's (or the one last made for it), if
         * not lost; else the value is made again here (its lost inputs first), and this waits for it.
         */
        synchronized CompletableFuture<?> current() throws Exception {
            CompletableFuture<?> o = original.get();
            for (CompletableFuture<?> c : new CompletableFuture<?>[] {o == null ? null : remadeOf(o), o}) {
                if (c != null && c.isDone() && !c.isCompletedExceptionally() && !(c.join() instanceof HeldResult h && h.isLost())) return c;
            }
            Object[] a = args.clone();
            List<CompletableFuture<?>> keep = new ArrayList<>();
            for (int i = 0; i < a.length; i++) {
                if (a[i] instanceof Recipe r) {
                    CompletableFuture<?> f = r.current();
                    keep.add(f);
                    a[i] = f.join();
                }
            }
            CompletableFuture<Object> again = client.launchOne(key, label, fn, a); // same key: events and errors name the same task
            again.get();
            java.lang.ref.Reference.reachabilityFence(keep); // the inputs made again stay until the task has read them
            if (o != null) setRemade(o, again);
            return again;
        }
    }

    /** One engine execution for a batch of independent calls: each call is an output with its own future. */
    private <R> List<TaskFuture<R>> launch(String label, TaskFunction fn, List<Object[]> argLists) {
        int n = argLists.size();
        if (n == 0) return List.of();
        Key[] keys = new Key[n];
        String[] labels = new String[n];
        TaskFunction[] fns = new TaskFunction[n];
        Object[][] args = new Object[n][];
        for (int i = 0; i < n; i++) {
            keys[i] = newKey(label);
            labels[i] = label;
            fns[i] = fn;
            args[i] = argLists.get(i);
        }
        List<CompletableFuture<Object>> cfs = run(Plan.ofCalls(keys, labels, fns, args), args);
        List<TaskFuture<R>> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(track(keys[i], cast(cfs.get(i))));
        return out;
    }

    /** One call, for a dependent or a remake: its caller keeps the recipe (the arguments here are resolved values). */
    private CompletableFuture<Object> launchOne(Key key, String label, TaskFunction fn, Object[] args) {
        return run(Plan.ofCalls(new Key[] {key}, new String[] {label}, new TaskFunction[] {fn}, new Object[][] {args}), null).getFirst();
    }

    @SuppressWarnings("unchecked")
    private static <R> CompletableFuture<R> cast(CompletableFuture<Object> f) {
        return (CompletableFuture<R>) (CompletableFuture<?>) f;
    }

    /**
     * Runs {@code plan} on the engine in futures mode; future i is output i, and cancelling it cancels task i.
     * With {@code args} (plain arguments of task i), a held result gets its recipe (to be made again if lost).
     */
    private List<CompletableFuture<Object>> run(Plan plan, Object[][] args) {
        int n = plan.size();
        Slot[] slots = new Slot[n];
        for (int i = 0; i < n; i++) slots[i] = new Slot(i);
        OutputSink sink = new OutputSink() {
            // The engine is done with the task: drop the link so a finished future does not keep its execution alive.
            @Override public void done(int task, Object value) {
                slots[task].exec = null;
                if (value instanceof HeldResult h) { // kept on a worker: the future owns the handle until it is garbage
                    HeldResults.releaseWhenUnreachable(slots[task], new Object[] {h});
                    value = h.borrowed();
                    if (args != null) {
                        slots[task].recipe = new Recipe(Client.this, plan.key(task), plan.label(task), plan.function(task), args[task], slots[task]);
                    }
                }
                slots[task].complete(value);
            }
            @Override public void failed(int task, Throwable error) { slots[task].exec = null; slots[task].completeExceptionally(error); }
        };
        Execution.Options eo = new Execution.Options(engineOptions.timeoutNanos(), engineOptions.retry(), engineOptions.fullStory(), sink);
        Execution exec = new Execution(plan, scheduler.name(), Listeners.withGlobal(options.listeners()), eo);
        for (Slot s : slots) s.exec = exec; // before any future is handed out: none can be cancelled earlier
        try {
            scheduler.execute(exec);
        } catch (RuntimeException e) { // a closed scheduler: never leave futures without an end
            exec.cancel(e);
            throw e;
        }
        return java.util.Arrays.asList(slots);
    }

    /**
     * The future of a task that waited for its dependencies. It keeps the engine's future of the job reachable:
     * that future owns the job's held result, released once it is unreachable ({@code releaseWhenUnreachable}),
     * and nothing else refers to it once it has completed this one.
     */
    private static final class Dependent<R> extends CompletableFuture<R> {
        volatile CompletableFuture<?> job;
        volatile Recipe recipe; // set before it completes with a held result
        volatile CompletableFuture<?> remade; // its value made again after a loss (it owns that held result)
    }

    /** The future of one task of a futures execution: cancelling it cancels the task in the engine. */
    private static final class Slot extends CompletableFuture<Object> {
        final int task;
        volatile Execution exec; // null once the task has ended
        volatile Recipe recipe; // set before it completes with a held result
        volatile CompletableFuture<?> remade; // its value made again after a loss (it owns that held result)

        Slot(int task) { this.task = task; }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(mayInterruptIfRunning);
            Execution e = exec;
            if (cancelled && e != null) e.cancelTask(task);
            return cancelled;
        }

        @Override
        public <U> CompletableFuture<U> newIncompleteFuture() { return new CompletableFuture<>(); }
    }

    private <R> TaskFuture<R> track(Key key, CompletableFuture<R> cf) {
        if (!cf.isDone()) {
            live.offer(cf);
            if (closed.get()) cf.cancel(false); // close() ran between ensureOpen() and here
            if (sinceSweep.incrementAndGet() >= Math.max(1024, keptAtLastSweep)) {
                sinceSweep.set(0);
                live.removeIf(CompletableFuture::isDone);
                keptAtLastSweep = live.size();
            }
        }
        return new TaskFuture<>(key, cf);
    }

    /** {@code label-<32 hex>}, unique in this JVM and across JVMs: two clients of one cluster never share a key by chance. */
    private static Key newKey(String label) {
        return Key.of(dev.blockwork.graph.Tokens.uniqueName(label));
    }

    // ---- waiting ---------------------------------------------------------------------------------

    /**
     * Waits for every future, in order.
     *
     * @param futures the futures
     * @param <T>     the value type
     * @return their values, in order
     * @throws dev.blockwork.schedule.TaskFailedException the first failure met, in list order
     * @throws CancellationException if a future was cancelled, or this thread is interrupted
     */
    public <T> List<T> gather(List<TaskFuture<T>> futures) {
        List<T> out = new ArrayList<>(futures.size());
        for (TaskFuture<T> f : futures) out.add(f.result());
        return out;
    }

    /**
     * As {@link #gather(List)}, with a bound on the whole wait.
     *
     * @param futures the futures
     * @param timeout the longest wait for all of them together
     * @param <T>     the value type
     * @return their values, in order
     * @throws ComputeTimeoutException if they did not all finish within {@code timeout} (the futures go on)
     * @throws dev.blockwork.schedule.TaskFailedException the first failure met, in list order
     * @throws CancellationException if a future was cancelled, or this thread is interrupted
     */
    public <T> List<T> gather(List<TaskFuture<T>> futures, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<T> out = new ArrayList<>(futures.size());
        for (TaskFuture<T> f : futures) {
            long left = deadline - System.nanoTime();
            out.add(f.result(Duration.ofNanos(Math.max(1, left))));
        }
        return out;
    }

    /**
     * The futures in the order they finish (an iterator that blocks for the next one), like
     * {@code as_completed}. Failed futures are returned too; call {@link TaskFuture#result()} to see the error.
     *
     * @param futures the futures (copied)
     * @param <T>     the value type
     * @return an iterable that may be iterated more than once; {@code next()} throws {@link CancellationException}
     *         if this thread is interrupted
     */
    public <T> Iterable<TaskFuture<T>> asCompleted(Collection<TaskFuture<T>> futures) {
        return asCompleted(futures, null);
    }

    /**
     * As {@link #asCompleted(Collection)}, with a bound on the whole iteration.
     *
     * @param futures the futures (copied)
     * @param timeout the longest wait for all of them, counted from when an iteration starts; null = none
     * @param <T>     the value type
     * @return an iterable whose {@code next()} raises {@link ComputeTimeoutException} once {@code timeout} has passed
     */
    public <T> Iterable<TaskFuture<T>> asCompleted(Collection<TaskFuture<T>> futures, Duration timeout) {
        List<TaskFuture<T>> fs = List.copyOf(futures);
        return () -> new Iterator<>() { // each iteration gets its own queue: the Iterable can be iterated again
            final LinkedBlockingQueue<TaskFuture<T>> done = new LinkedBlockingQueue<>();
            final int total = fs.size();
            final long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
            {
                for (TaskFuture<T> f : fs) f.toCompletableFuture().whenComplete((r, e) -> done.add(f));
            }
            int seen;
            @Override public boolean hasNext() { return seen < total; }
            @Override public TaskFuture<T> next() {
                if (seen >= total) throw new NoSuchElementException();
                try {
                    TaskFuture<T> f = timeout == null ? done.take()
                            : done.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    if (f == null) {
                        throw new ComputeTimeoutException((total - seen) + " of " + total + " futures not finished within " + dev.blockwork.config.Durations.human(timeout));
                    }
                    seen++;
                    return f;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CancellationException("interrupted in asCompleted");
                }
            }
        };
    }

    /**
     * Waits until the {@code mode} condition holds or {@code timeout} passes (null = no limit), like
     * {@code concurrent.futures.wait}; never raises the futures' own errors.
     *
     * @param futures the futures
     * @param mode    when to return: all finished, the first finished, or the first failed
     * @param timeout the longest wait, or null for no limit
     * @param <T>     the value type
     * @return the futures done and not done when it returned
     * @throws CancellationException if this thread is interrupted while waiting
     */
    public <T> WaitResult<T> wait(Collection<TaskFuture<T>> futures, WaitMode mode, Duration timeout) {
        if (futures.isEmpty()) return new WaitResult<>(List.of(), List.of());
        CompletableFuture<?>[] cfs = futures.stream().map(TaskFuture::toCompletableFuture).toArray(CompletableFuture<?>[]::new);
        CompletableFuture<?> cond = switch (mode) {
            case ALL_COMPLETED -> CompletableFuture.allOf(cfs);
            case FIRST_COMPLETED -> CompletableFuture.anyOf(cfs);
            case FIRST_EXCEPTION -> {
                CompletableFuture<Object> firstError = new CompletableFuture<>();
                for (CompletableFuture<?> c : cfs) c.whenComplete((r, e) -> { if (e != null) firstError.complete(null); });
                CompletableFuture.allOf(cfs).whenComplete((r, e) -> firstError.complete(null));
                yield firstError;
            }
        };
        try {
            if (timeout == null) cond.get();
            else cond.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted in wait");
        } catch (ExecutionException | TimeoutException | CancellationException e) {
            // the condition is read from the futures below
        }
        List<TaskFuture<T>> done = new ArrayList<>();
        List<TaskFuture<T>> notDone = new ArrayList<>();
        for (TaskFuture<T> f : futures) (f.isDone() ? done : notDone).add(f);
        return new WaitResult<>(done, notDone);
    }

    /**
     * Cancels {@code futures}: those not started never run; running ones are stopped where the executor can
     * (on {@code processes} the worker running one is replaced) or else finish with their results dropped.
     *
     * @param futures the futures; those already finished are left as they are
     */
    public void cancel(Collection<? extends TaskFuture<?>> futures) {
        for (TaskFuture<?> f : futures) f.cancel(false);
    }

    private void ensureOpen() {
        if (closed.get()) throw new IllegalStateException("this client is closed; create a new one");
    }

    /** Cancels this client's unfinished futures, refuses new submits, and closes an owned scheduler. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        for (CompletableFuture<?> f : live) f.cancel(false);
        live.clear();
        if (ownsScheduler) scheduler.close();
    }
}
