package dev.blockwork.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blockwork.dashboard.internal.Aggregator;
import dev.blockwork.dashboard.internal.Collector;
import dev.blockwork.dashboard.internal.Probes;
import dev.blockwork.dashboard.testing.MiniJson;
import dev.blockwork.delayed.Delayed;
import dev.blockwork.schedule.ComputeOptions;
import dev.blockwork.schedule.TaskFailedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Events to panels: real computes on the threads scheduler feed a {@link Collector}; the {@link Aggregator}'s
 * counters, rectangles, errors, graph and JSON messages must say exactly what ran.
 */
class AggregatorTest {
    static final ComputeOptions THREADS = ComputeOptions.defaults().withScheduler("threads").withProgress(false).withStory(true);

    static long inc(long x) { return x + 1; }

    static long add(long a, long b) { return a + b; }

    static long sum(List<Long> xs) {
        long s = 0;
        for (long x : xs) s += x;
        return s;
    }

    static long boom(long x) { throw new IllegalArgumentException("bad input " + x); }

    /** inc (n) → add (n/2) → total (1). */
    static Delayed<Long> graph(int n) {
        List<Delayed<Long>> incs = new ArrayList<>();
        for (int i = 0; i < n; i++) incs.add(Delayed.of(AggregatorTest::inc, (long) i));
        List<Delayed<Long>> adds = new ArrayList<>();
        for (int i = 0; i < n; i += 2) adds.add(Delayed.of(AggregatorTest::add, incs.get(i), incs.get(i + 1)));
        return Delayed.all(adds).then(AggregatorTest::sum).named("total");
    }

    /** Runs {@code body} with a collector registered, then drains it. */
    static Aggregator watch(int maxEventTasks, long minRectNanos, Runnable body) throws Exception {
        Aggregator a = new Aggregator(System.nanoTime(), 200_000, minRectNanos, 0, maxEventTasks);
        Collector c = new Collector(a, true);
        try (AutoCloseable h = dev.blockwork.schedule.Listeners.register(c)) {
            body.run();
        }
        c.drain();
        return a;
    }

    static Map<String, Object> tick(Aggregator a, boolean full) {
        return MiniJson.object(full ? a.snapshot(System.nanoTime(), new Probes().measure(List.of()))
                : a.tick(System.nanoTime(), new Probes().measure(List.of()), false, 0, 0));
    }

    @Test
    void progressPerOperationCountsEveryTask() throws Exception {
        Aggregator a = watch(50_000, 0, () -> assertThat(graph(200).compute(THREADS)).isEqualTo(200L * 201 / 2));
        assertThat(a.progress("inc")).containsExactly(200, 200, 0, 0, 0); // total, done, running, waiting, erred
        assertThat(a.progress("add")).containsExactly(100, 100, 0, 0, 0);
        assertThat(a.progress("total")).containsExactly(1, 1, 0, 0, 0);
        assertThat(a.opTotals("inc")[1]).isEqualTo(200);
        assertThat(a.workerNames()).isNotEmpty().allMatch(w -> w.startsWith("blockwork-threads"));
        assertThat(a.graphOperations()).containsExactlyInAnyOrder("inc", "add", "total");
        assertThat(a.graphOperationEdges()).containsExactlyInAnyOrder("inc -> add", "add -> total");
    }

    @Test
    void theTaskStreamMergesNeighboursButCountsEveryTask() throws Exception {
        Aggregator a = watch(50_000, 5_000_000, () -> graph(2000).compute(THREADS));
        Map<String, Object> m = tick(a, false);
        List<?> rects = (List<?>) m.get("rects");
        long tasks = 0;
        for (Object r : rects) tasks += ((Double) ((List<?>) r).get(4)).longValue();
        assertThat(tasks).isEqualTo(3001);                   // every task is in some rectangle
        assertThat(rects.size()).isLessThan(3001 / 4);       // but far fewer rectangles than tasks
        // a later page gets the same rectangles in its snapshot
        assertThat(((List<?>) tick(a, true).get("rects"))).hasSameSizeAs(rects);
        // and a second delta has none of them again
        assertThat((List<?>) tick(a, false).get("rects")).isEmpty();
    }

    @Test
    void withoutMergingEachTaskIsItsOwnRectangle() throws Exception {
        Aggregator a = watch(50_000, 0, () -> {
            // one thread: rectangles cannot interleave, and 0-gap merging only joins tasks of one operation
            graph(20).compute(ComputeOptions.defaults().withScheduler("sync").withProgress(false));
        });
        long tasks = 0;
        Map<String, Object> m = tick(a, false);
        for (Object r : (List<?>) m.get("rects")) tasks += ((Double) ((List<?>) r).get(4)).longValue();
        assertThat(tasks).isEqualTo(31);
    }

    @Test
    void anErredTaskKeepsItsKeyFunctionWorkerStackAndStory() throws Exception {
        Aggregator a = watch(50_000, 0, () -> {
            Delayed<Long> bad = Delayed.of(AggregatorTest::add, Delayed.of(AggregatorTest::boom, 3L), Delayed.of(AggregatorTest::inc, 1L));
            assertThatThrownBy(() -> bad.compute(THREADS)).isInstanceOf(TaskFailedException.class);
        });
        assertThat(a.errors()).hasSize(1);
        Aggregator.Erred e = a.errors().getFirst();
        assertThat(e.key()).startsWith("'boom-");
        assertThat(e.function()).isEqualTo("boom");
        assertThat(e.worker()).startsWith("blockwork-threads");
        assertThat(e.attempt()).isEqualTo(1);
        assertThat(e.exceptionClass()).isEqualTo(IllegalArgumentException.class.getName());
        assertThat(e.stackTrace()).contains("bad input 3").contains("AggregatorTest.boom");
        assertThat(String.join("\n", e.story())).contains("RUNNING -> ERRED");
        assertThat(a.progress("boom")[4]).isEqualTo(1);
        Map<String, Object> m = tick(a, true);
        Map<?, ?> err = (Map<?, ?>) ((List<?>) m.get("errors")).getFirst();
        assertThat((String) err.get("stack")).contains("AggregatorTest.boom");
    }

    @Test
    void retriesAreShownWithTheirCause() throws Exception {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        Aggregator a = watch(50_000, 0, () -> {
            Delayed<Long> flaky = Delayed.of((Long x) -> {
                if (calls.incrementAndGet() == 1) throw new IllegalStateException("first try fails");
                return x;
            }, 5L).named("flaky");
            assertThat(flaky.compute(THREADS.withRetries(1))).isEqualTo(5L);
        });
        assertThat(a.errors()).singleElement().satisfies(e -> {
            assertThat(e.retried()).isTrue();
            assertThat(e.stackTrace()).contains("first try fails");
        });
        assertThat(a.progress("flaky")).containsExactly(1, 1, 0, 0, 0);
    }

    @Test
    void aBigComputeIsPolledAndStillCounted() throws Exception {
        // above maxEventTasks: no task events at all; the tick polls task states
        Aggregator a = watch(10, 0, () -> graph(200).compute(THREADS));
        assertThat(a.progress("inc")).containsExactly(200, 200, 0, 0, 0);
        assertThat(a.progress("add")).containsExactly(100, 100, 0, 0, 0);
        assertThat(a.workerNames()).singleElement().asString().contains("polled");
        Map<String, Object> m = tick(a, false);
        assertThat(((Double) m.get("tasksSeen")).longValue()).isEqualTo(301);
        List<?> rects = (List<?>) m.get("rects");
        assertThat(rects).hasSize(1);
        assertThat(((Double) ((List<?>) rects.getFirst()).get(4)).longValue()).isEqualTo(301);
    }

    @Test
    void theSameBigGraphComputedAgainIsCountedAgain() throws Exception {
        Delayed<Long> g = graph(200);
        Delayed<Long> other = graph(100);
        Aggregator a = new Aggregator(System.nanoTime(), 0, 0, 0, 10);
        Collector c = new Collector(a, true);
        try (AutoCloseable h = dev.blockwork.schedule.Listeners.register(c)) {
            g.compute(THREADS);
            c.drain();
            g.compute(THREADS); // the same keys: the operations of the first compute are reused
            c.drain();
            assertThat(a.progress("inc")).containsExactly(200, 200, 0, 0, 0);
            other.compute(THREADS); // other keys: mapped afresh
            c.drain();
            assertThat(a.progress("inc")).containsExactly(100, 100, 0, 0, 0);
            assertThat(a.progress("add")).containsExactly(50, 50, 0, 0, 0);
        }
        assertThat(a.graphOperations()).containsExactlyInAnyOrder("inc", "add", "total");
    }

    @Test
    void messagesAreValidJsonWithEveryPanel() throws Exception {
        Aggregator a = watch(50_000, 0, () -> graph(8).compute(THREADS));
        Map<String, Object> m = tick(a, true);
        assertThat(m).containsKeys("t", "ops", "workers", "rects", "samples", "busy", "errors", "graph", "taskStates", "stateNames");
        Map<?, ?> g = (Map<?, ?>) m.get("graph");
        assertThat((List<?>) g.get("ops")).hasSize(3);
        Map<?, ?> tasks = (Map<?, ?>) g.get("tasks");
        assertThat((List<?>) tasks.get("nodes")).hasSize(8 + 4 + 1);
        assertThat((List<?>) tasks.get("edges")).hasSize(8 + 4);
        assertThat((String) m.get("taskStates")).hasSize(13).matches("[0-9]+");
        Map<String, Object> d = tick(a, false);
        assertThat(d).containsKey("graph");                 // a receiver that has no graph (version 0) gets it
        assertThat((List<?>) d.get("samples")).hasSize(1);  // one sample per tick
    }

    @Test
    void layersNamedByATokenCountUnderTheirOperation() throws Exception {
        // Deterministic names (DArray's): operation + "-" + 32 hex digits; the digits are not part of the operation
        String src = "ones-" + "0123456789abcdef".repeat(2), part = "sum-partial-" + "fedcba9876543210".repeat(2);
        List<dev.blockwork.graph.Task> ones = new ArrayList<>(), parts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ones.add(new dev.blockwork.graph.Task(dev.blockwork.graph.Key.of(src, i), "ones", x -> 1L, new Object[0]));
            parts.add(new dev.blockwork.graph.Task(dev.blockwork.graph.Key.of(part, i), "sum-partial", x -> (Long) x[0] + 1,
                    new Object[] {dev.blockwork.graph.Key.of(src, i)}));
        }
        dev.blockwork.graph.Graph g = dev.blockwork.graph.Graph.of(new dev.blockwork.graph.TaskLayer(src, ones, java.util.Set.of()),
                new dev.blockwork.graph.TaskLayer(part, parts, java.util.Set.of(src)));
        List<dev.blockwork.graph.Key> outs = new ArrayList<>();
        for (int i = 0; i < 6; i++) outs.add(dev.blockwork.graph.Key.of(part, i));
        Aggregator a = watch(50_000, 0, () -> dev.blockwork.schedule.Compute.compute(g, outs,
                dev.blockwork.schedule.ComputeOptions.defaults().withOptimize(false).withProgress(false)));
        assertThat(a.progress("sum-partial")).containsExactly(6, 6, 0, 0, 0);
        assertThat(a.progress("ones")).containsExactly(6, 6, 0, 0, 0);
        assertThat(a.graphOperations()).containsExactlyInAnyOrder("ones", "sum-partial");
    }
}
