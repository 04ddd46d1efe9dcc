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

    public PoolOptions processes(int n) { processes = n; return this; }
    public PoolOptions maxTasksPerChild(int n) { maxTasksPerChild = n; return this; }
    public PoolOptions maxRetries(int n) { maxRetries = n; return this; }
    public PoolOptions prefetch(int n) { prefetch = n; return this; }
    public PoolOptions maxStartFailures(int n) { maxStartFailures = n; return this; }
    public PoolOptions initializer(WorkerTask init) { initializer = init; return this; }
    public PoolOptions jvmArgs(String... args) { jvmArgs.addAll(List.of(args)); return this; }
    public PoolOptions output(WorkerProcess.Output o) { output = Objects.requireNonNull(o); return this; }
    public PoolOptions name(String n) { name = Objects.requireNonNull(n); return this; }

    public int processes() { return processes; }
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
