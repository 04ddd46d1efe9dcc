package dev.blockwork.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Settings of a {@link ProcessPool}. Each option has a setter, a system property and a documented
 * default; {@link #conclude()} fills defaults and checks them once, before any worker starts.
 *
 * <ul>
 *   <li>{@code processes}: worker JVMs; {@code blockwork.pool.processes}; default: available processors.
 *   <li>{@code maxTasksPerChild}: chunks a worker runs before it is replaced; 0 = unlimited (default).
 *   <li>{@code maxRetries}: times a task whose worker died is retried on a fresh worker;
 *       {@code blockwork.pool.maxRetries}; default 2.
 *   <li>{@code maxStartFailures}: worker deaths in a row during start-up, with the same exit status, after
 *       which the pool gives up (broken); {@code blockwork.pool.maxStartFailures}; default 3. One outside
 *       kill of a starting worker never breaks a pool.
 *   <li>{@code prefetch}: chunks sent ahead to each worker; default 2 (tiny chunks: up to 64 tasks).
 *   <li>{@code initializer}: runs once in each worker before its first task; default none.
 *   <li>{@code jvmArgs}: extra worker JVM flags; default none. {@code output}: worker output handling,
 *       default {@link WorkerProcess.Output#PREFIXED}.
 * </ul>
 */
public final class PoolOptions {
    int processes = ProcessSettings.POOL_PROCESSES.getInt(0);
    int maxTasksPerChild;
    int maxRetries = ProcessSettings.POOL_MAX_RETRIES.getInt();
    int prefetch = 2;
    int maxStartFailures = ProcessSettings.POOL_MAX_START_FAILURES.getInt();
    WorkerTask initializer;
    final List<String> jvmArgs = new ArrayList<>();
    WorkerProcess.Output output = WorkerProcess.Output.PREFIXED;
    String name = "pool";
    private boolean concluded;

    /** Options with the defaults above. */
    public PoolOptions() {}

    /**
     * Worker JVMs (default: the setting {@code blockwork.pool.processes}, else the available processors).
     *
     * @param n worker JVMs, &gt;= 1; 0 for the default
     * @return this
     */
    public PoolOptions processes(int n) { processes = n; return this; }
    /**
     * Chunks a worker runs before it is replaced by a fresh one (default 0: never replaced). Checked by {@link ProcessPool#create(PoolOptions)}, which throws {@code IllegalArgumentException} if it is out of range.
     *
     * @param n chunks, &gt;= 0; 0 = unlimited
     * @return this
     */
    public PoolOptions maxTasksPerChild(int n) { maxTasksPerChild = n; return this; }
    /**
     * Times a chunk whose worker died is run again on a fresh worker before it fails with {@link WorkerDiedException} (default: the setting {@code blockwork.pool.maxRetries}, 2).
     *
     * @param n retries, &gt;= 0
     * @return this
     */
    public PoolOptions maxRetries(int n) { maxRetries = n; return this; }
    /**
     * Chunks sent ahead to each worker (default 2; lowered to {@code maxTasksPerChild} if that is smaller).
     *
     * @param n chunks in flight per worker, &gt;= 1
     * @return this
     */
    public PoolOptions prefetch(int n) { prefetch = n; return this; }
    /**
     * Worker deaths in a row during start-up, with the same exit status, after which the pool is broken and fails its pending tasks (default: the setting {@code blockwork.pool.maxStartFailures}, 3).
     *
     * @param n deaths, &gt;= 1
     * @return this
     */
    public PoolOptions maxStartFailures(int n) { maxStartFailures = n; return this; }
    /**
     * Code each worker runs once before its first task (default: none). If it throws, the worker exits before it is ready, which counts towards {@code maxStartFailures}.
     *
     * @param init the initializer, serializable; null for none
     * @return this
     */
    public PoolOptions initializer(WorkerTask init) { initializer = init; return this; }
    /**
     * Extra flags for the worker JVMs (default: none), added to those of earlier calls.
     *
     * @param args JVM flags, one argument each, e.g. {@code "-Xmx2g"}
     * @return this
     */
    public PoolOptions jvmArgs(String... args) { jvmArgs.addAll(List.of(args)); return this; }
    /**
     * What happens to the workers' standard output and error (default {@link WorkerProcess.Output#PREFIXED}).
     *
     * @param o the output handling, not null
     * @return this
     * @throws NullPointerException if {@code o} is null
     */
    public PoolOptions output(WorkerProcess.Output o) { output = Objects.requireNonNull(o); return this; }
    /**
     * The pool's name, used in its threads', workers' and errors' names (default {@code pool}).
     *
     * @param n the name, not null
     * @return this
     * @throws NullPointerException if {@code n} is null
     */
    public PoolOptions name(String n) { name = Objects.requireNonNull(n); return this; }

    /** {@return the worker JVMs; 0 (the default) until the pool is created, then the available processors} */
    public int processes() { return processes; }
    /** {@return the times a chunk whose worker died is run again} */
    public int maxRetries() { return maxRetries; }

    /** Fills defaults and validates; called by the pool. */
    PoolOptions conclude() {
        if (concluded) return this;
        if (processes == 0) processes = Runtime.getRuntime().availableProcessors();
        if (processes < 1) throw new IllegalArgumentException("got processes " + processes + ", expected >= 1");
        if (maxTasksPerChild < 0) throw new IllegalArgumentException("got maxTasksPerChild " + maxTasksPerChild + ", expected >= 0");
        if (maxRetries < 0) throw new IllegalArgumentException("got maxRetries " + maxRetries + ", expected >= 0");
        if (maxStartFailures < 1) throw new IllegalArgumentException("got maxStartFailures " + maxStartFailures + ", expected >= 1");
        if (prefetch < 1) throw new IllegalArgumentException("got prefetch " + prefetch + ", expected >= 1");
        if (maxTasksPerChild > 0 && prefetch > maxTasksPerChild) prefetch = maxTasksPerChild;
        concluded = true;
        return this;
    }
}
