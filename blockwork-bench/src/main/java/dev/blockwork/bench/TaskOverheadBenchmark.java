package dev.blockwork.bench;

import dev.blockwork.delayed.Delayed;
import dev.blockwork.futures.Client;
import dev.blockwork.futures.TaskFuture;
import dev.blockwork.schedule.ComputeOptions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Per-task scheduler overhead, in nanoseconds per task (JMH). The baseline {@code plainLoop} is the same
 * arithmetic as a Java loop, so the difference is what scheduling costs.
 * <pre>
 * ./build -q package -pl blockwork-bench -am -DskipTests
 * java --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -jar blockwork-bench/target/benchmarks.jar TaskOverhead
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
public class TaskOverheadBenchmark {
    /** JMH makes one instance per trial. */
    public TaskOverheadBenchmark() {}

    static final int LEAVES = 100_000;
    static final int TASKS = 2 * LEAVES - 1;

    /** The scheduler the tree sum and the futures run on. */
    @Param({"threads", "sync"})
    public String scheduler;

    Delayed<Long> tree;
    ComputeOptions options;
    Client client;
    List<Long> items;

    static long inc(long x) { return x + 1; }

    static long add(long a, long b) { return a + b; }

    /** Builds the tree, the options and the client for {@link #scheduler}. */
    @Setup(Level.Trial)
    public void setUp() {
        List<Delayed<Long>> level = new ArrayList<>();
        for (int i = 0; i < LEAVES; i++) level.add(Delayed.of(TaskOverheadBenchmark::inc, (long) i));
        while (level.size() > 1) {
            List<Delayed<Long>> next = new ArrayList<>();
            for (int i = 0; i + 1 < level.size(); i += 2) next.add(Delayed.of(TaskOverheadBenchmark::add, level.get(i), level.get(i + 1)));
            if (level.size() % 2 == 1) next.add(level.getLast());
            level = next;
        }
        tree = level.getFirst();
        options = ComputeOptions.defaults().withScheduler(scheduler).withProgress(false);
        client = Client.create(scheduler);
        items = new ArrayList<>();
        for (long i = 0; i < LEAVES; i++) items.add(i);
    }

    /** Closes the client. */
    @TearDown(Level.Trial)
    public void tearDown() { client.close(); }

    /**
     * Plan + run of the 199,999-task tree; score = ns per task.
     *
     * @return the sum, so that JMH keeps the work
     */
    @Benchmark
    @OperationsPerInvocation(TASKS)
    public long treeSum() { return tree.compute(options); }

    /**
     * Futures: one submit per task, then gather; score = ns per task.
     *
     * @return the sum, so that JMH keeps the work
     */
    @Benchmark
    @OperationsPerInvocation(LEAVES)
    public long submitGather() {
        List<TaskFuture<Long>> fs = new ArrayList<>(LEAVES);
        for (long i = 0; i < LEAVES; i++) fs.add(client.submit(TaskOverheadBenchmark::inc, i));
        long s = 0;
        for (long v : client.gather(fs)) s += v;
        return s;
    }

    /**
     * Baseline: the same sum as a plain loop; score = ns per leaf.
     *
     * @return the sum, so that JMH keeps the work
     */
    @Benchmark
    @OperationsPerInvocation(LEAVES)
    public long plainLoop() {
        long s = 0;
        for (long i = 0; i < LEAVES; i++) s += inc(i);
        return s;
    }
}
