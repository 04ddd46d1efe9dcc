package dev.blockwork.process.schedule;

import dev.blockwork.process.PoolOptions;
import dev.blockwork.process.ProcessPool;
import dev.blockwork.process.SerializableCallable;
import dev.blockwork.schedule.Execution;
import dev.blockwork.schedule.ReadySink;
import dev.blockwork.schedule.RemoteTask;
import dev.blockwork.schedule.Scheduler;
import dev.blockwork.schedule.SchedulerProvider;
import dev.blockwork.schedule.TaskCall;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The {@code processes} scheduler: runs any graph's tasks on a {@link ProcessPool} of worker JVMs
 * ({@code scheduler=processes}, also {@code multiprocessing}).
 *
 * <p>Contract: each ready task's {@link TaskCall} (function + resolved argument values) is serialized
 * and run on a worker; its result comes back and is handed to the shared task-state machine
 * ({@link Execution}), which makes dependents ready. Functions, arguments and results must be
 * serializable and their classes allowed ({@link dev.blockwork.process.serial.ClassAllowList});
 * otherwise the task fails, naming the class. Array blocks among arguments and results
 * ({@code NDArray}s, primitive arrays of at least {@link dev.blockwork.process.serial.ShmTransport#THRESHOLD_BYTES})
 * travel through shared memory, not the worker pipes: any block size works, and the receiver gets a heap
 * copy (one copy out of shared memory). A worker that dies fails or retries only its task (see
 * {@link ProcessPool}). Pool size: config key {@code processes} (default: cores). The shared instance
 * starts its workers on first use and lives until the JVM exits.
 *
 * <p>Engine protocol: each task runs as a {@link RemoteTask}, which reports the worker's name and its
 * own start/end times, and on failure the failing step of a fused chain. A worker death is a
 * {@link dev.blockwork.schedule.WorkerLostException}: the engine retries the task on a fresh worker
 * ({@link dev.blockwork.schedule.RetryPolicy}, visible to listeners) and gives up with a
 * {@link dev.blockwork.schedule.KilledWorkerException}. When a compute ends early (failure, timeout,
 * cancel) or a future is cancelled, the engine's cancel reaches the pool, which kills the worker running
 * that task and starts a fresh one, so abandoned work never holds a worker.
 *
 * <p>Implementation overview: a thin adapter (STYLE rule 1). Ready tasks go to
 * {@link ProcessPool#applyAsync}; completions run {@code finish}/{@code fail} on a pool driver
 * thread, whose ready sink submits the newly ready tasks at once.
 */
public final class ProcessesScheduler implements Scheduler {
    private final int processes;
    private final boolean shared;
    private volatile ProcessPool pool;

    /** Registers {@code processes} (also {@code multiprocessing}). */
    public static final class Provider implements SchedulerProvider {
        /** Creates the provider (for {@link java.util.ServiceLoader}). */
        public Provider() {}

        @Override public Set<String> names() { return Set.of("processes", "multiprocessing"); }

        @Override public Scheduler create() {
            return new ProcessesScheduler(dev.blockwork.process.ProcessSettings.PROCESSES.getInt(Runtime.getRuntime().availableProcessors()), true);
        }
    }

    /**
     * A private scheduler with {@code processes} workers, started on its first compute; close it when done.
     *
     * @param processes worker JVMs, &gt;= 1
     * @throws IllegalArgumentException if {@code processes} is below 1
     */
    public ProcessesScheduler(int processes) { this(processes, false); }

    private ProcessesScheduler(int processes, boolean shared) {
        if (processes < 1) throw new IllegalArgumentException("got processes " + processes + ", expected >= 1");
        this.processes = processes;
        this.shared = shared;
    }

    private ProcessPool pool() {
        ProcessPool p = pool;
        if (p == null) {
            synchronized (this) {
                p = pool;
                // maxRetries 0: retries of tasks whose worker died are the engine's (RetryPolicy), visible to listeners
                if (p == null) pool = p = ProcessPool.create(new PoolOptions().processes(processes).maxRetries(0).name("processes"));
            }
        }
        return p;
    }

    @Override public String name() { return "processes"; }

    @Override public int parallelism() { return processes; }

    @Override
    public void execute(Execution exec) {
        ProcessPool p = pool();
        CompletableFuture<?>[] running = new CompletableFuture<?>[exec.plan().size()];
        // The engine's "cancel": the pool kills the worker running the task and starts a fresh one.
        exec.onCancel(task -> {
            CompletableFuture<?> f;
            synchronized (running) { f = running[task]; }
            if (f != null) f.cancel(true);
        });
        ReadySink[] sink = new ReadySink[1];
        sink[0] = ready -> submit(p, exec, ready, running, sink[0]);
        for (int t : exec.initialReady()) submit(p, exec, t, running, sink[0]);
    }

    private void submit(ProcessPool p, Execution exec, int task, CompletableFuture<?>[] running, ReadySink sink) {
        TaskCall call = exec.start(task, sink); // a lost input: the engine recomputes it through sink
        if (call == null) return;
        CompletableFuture<Object[]> f;
        try {
            f = p.applyAsync(new RemoteCall(call));
        } catch (RuntimeException e) { // unserializable function or argument, closed pool
            exec.fail(task, e);
            return;
        }
        synchronized (running) { running[task] = f; }
        f.whenComplete((r, error) -> {
            synchronized (running) { running[task] = null; }
            if (error == null) exec.finish(task, r[0], RemoteCall.report(r), sink);
            else exec.fail(task, unwrap(error), null, sink);
        });
    }

    static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) t = t.getCause();
        return t;
    }

    /**
     * What a worker runs for one task: the engine's remote side (times, worker name, failing step). The result
     * travels as {@code {value, worker, startEpochNanos, endEpochNanos}}: an array Kryo writes directly, where a
     * record would be rebuilt through its constructor by reflection.
     *
     * @param task the engine's call, with the task's function and inputs
     */
    record RemoteCall(TaskCall task) implements SerializableCallable<Object[]> { // one record less to ship than RemoteTask
        @Override public Object[] call() throws Exception {
            RemoteTask.Result r = new RemoteTask(task).run();
            return new Object[] {r.value(), r.worker(), r.startEpochNanos(), r.endEpochNanos()};
        }

        static dev.blockwork.schedule.TaskReport report(Object[] r) {
            return RemoteTask.report(new RemoteTask.Result(r[0], (String) r[1], (Long) r[2], (Long) r[3]), -1);
        }
    }

    /** Stops a private scheduler's workers; the shared one lives until the JVM exits. */
    @Override
    public void close() {
        if (shared) return;
        ProcessPool p = pool;
        if (p != null) p.close();
    }
}
