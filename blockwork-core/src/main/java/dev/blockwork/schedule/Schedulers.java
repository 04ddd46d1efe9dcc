package dev.blockwork.schedule;


import java.util.ArrayDeque;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds schedulers by name and decides which one a compute uses when it names none, like Dask's
 * {@code scheduler=} option. Precedence, first that applies:
 * <ol>
 *   <li>the scheduler named in the call ({@link ComputeOptions#withScheduler});</li>
 *   <li>the innermost {@link #use(String)} block open in this thread;</li>
 *   <li>configuration key {@code scheduler}: system property {@code blockwork.scheduler}, environment
 *       variable {@code BLOCKWORK_SCHEDULER}, or the config file (see {@link dev.blockwork.config.Config});</li>
 *   <li>{@code threads}.</li>
 * </ol>
 */
public final class Schedulers {
    private static final Map<String, Scheduler> INSTANCES = new ConcurrentHashMap<>();
    private static final ThreadLocal<ArrayDeque<Scheduler>> SCOPES = ThreadLocal.withInitial(ArrayDeque::new);

    private Schedulers() {}

    /**
     * The shared scheduler called {@code name}, made by its {@link SchedulerProvider} on first use; thread-safe.
     *
     * @param name a scheduler's name or alias, any case, e.g. {@code threads}
     * @return the one instance of that scheduler in this JVM
     * @throws IllegalArgumentException naming the known schedulers if none answers to {@code name}
     */
    public static Scheduler get(String name) {
        String n = name.trim().toLowerCase(java.util.Locale.ROOT);
        Scheduler s = INSTANCES.get(n);
        if (s != null) return s;
        synchronized (INSTANCES) {
            s = INSTANCES.get(n);
            if (s != null) return s;
            TreeSet<String> known = new TreeSet<>();
            for (SchedulerProvider p : ServiceLoader.load(SchedulerProvider.class, Schedulers.class.getClassLoader())) {
                known.addAll(p.names());
                if (p.names().contains(n)) {
                    s = p.create();
                    for (String alias : p.names()) INSTANCES.put(alias, s);
                    return s;
                }
            }
            throw new IllegalArgumentException("unknown scheduler '" + name + "', expected one of " + known
                    + " (add a module such as blockwork-process for more)");
        }
    }

    /**
     * The scheduler a compute uses when it names none (see the class comment for the precedence).
     *
     * @return this thread's innermost {@link #use} scope's, else the one of the setting {@code scheduler}
     * @throws IllegalArgumentException if the setting names no known scheduler
     */
    public static Scheduler current() {
        Scheduler scoped = SCOPES.get().peek();
        if (scoped != null) return scoped;
        return get(dev.blockwork.config.CoreSettings.SCHEDULER.get());
    }

    /**
     * Makes {@code name} the default for computes started by this thread until the returned scope closes:
     * {@code try (var s = Schedulers.use("sync")) { ... }}. Scopes nest.
     *
     * @param name a scheduler's name
     * @return the scope; close it on this thread, innermost first
     * @throws IllegalArgumentException naming the known schedulers if none answers to {@code name}
     */
    public static Scope use(String name) {
        return use(get(name));
    }

    /**
     * As {@link #use(String)}, with an instance (e.g. a {@code ThreadsScheduler} of a chosen size).
     *
     * @param scheduler the scheduler
     * @return the scope; close it on this thread, innermost first
     */
    public static Scope use(Scheduler scheduler) {
        ArrayDeque<Scheduler> stack = SCOPES.get();
        stack.push(scheduler);
        return new Scope(stack, scheduler);
    }

    /** An open {@link #use} block; closing it restores the previous default. */
    public static final class Scope implements AutoCloseable {
        private final ArrayDeque<Scheduler> stack;
        private final Scheduler scheduler;
        private boolean closed;

        private Scope(ArrayDeque<Scheduler> stack, Scheduler scheduler) {
            this.stack = stack;
            this.scheduler = scheduler;
        }

        /** {@return the scheduler this scope made the default} */
        public Scheduler scheduler() { return scheduler; }

        @Override
        public void close() {
            if (closed) return;
            closed = true;
            if (stack.peek() != scheduler) {
                throw new IllegalStateException("scheduler scopes closed out of order: closing " + scheduler.name()
                        + " while " + (stack.peek() == null ? "none" : stack.peek().name()) + " is innermost");
            }
            stack.pop();
        }
    }
}
