package dev.blockwork.schedule;

import dev.blockwork.delayed.Delayed;
import dev.blockwork.futures.Client;
import dev.blockwork.futures.TaskFuture;
import dev.blockwork.graph.Graph;
import dev.blockwork.graph.Key;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The "results stay where they were made" protocol ({@link HeldResult}): an executor that keeps every result in
 * its own store and gives the engine handles, as a cluster worker does. The engine must release each handle
 * exactly once when it is no longer needed, fetch held inputs for executors that do not move data themselves,
 * fetch outputs for the caller, keep them for {@code persist()}, and recompute what a lost holder took with it.
 */
@Timeout(120)
class HeldResultTest {

    /** A store of results outside the engine, with a record of every fetch and release. */
    static final class Store {
        final Map<Long, Object> values = new ConcurrentHashMap<>();
        final Map<Long, AtomicInteger> releases = new ConcurrentHashMap<>();
        final AtomicLong ids = new AtomicLong();
        final AtomicInteger fetches = new AtomicInteger();
        volatile boolean gone; // the holder died: every fetch fails

        Handle put(Object v) {
            long id = ids.incrementAndGet();
            values.put(id, v);
            releases.put(id, new AtomicInteger());
            return new Handle(this, id);
        }

        int live() { return values.size(); }

        List<Long> releasedTwice() {
            List<Long> bad = new ArrayList<>();
            releases.forEach((id, n) -> { if (n.get() > 1) bad.add(id); });
            return bad;
        }
    }

    record Handle(Store store, long id) implements HeldResult {
        @Override public String location() { return "store-" + System.identityHashCode(store); }
        @Override public long sizeBytes() { return 8; }
        @Override public Object fetch() throws WorkerLostException {
            Object v = store.values.get(id);
            if (store.gone || v == null) throw new WorkerLostException("result " + id + " is gone with " + location());
            store.fetches.incrementAndGet();
            return v;
        }
        @Override public boolean isLost() { return store.gone || !store.values.containsKey(id); }
        @Override public void release() {
            store.releases.get(id).incrementAndGet();
            store.values.remove(id);
            synchronized (store) { store.notifyAll(); } // for a test that waits until everything is released
        }
    }

    /**
     * Runs tasks on its own threads and keeps each result in {@link #store}. With {@code movesData}, it takes
     * handles as inputs and fetches them where the task runs (as a cluster worker would fetch from a peer).
     */
    static final class HoldingScheduler implements Scheduler {
        final Store store = new Store();
        final boolean movesData;
        final ExecutorService pool = Executors.newFixedThreadPool(3);

        HoldingScheduler(boolean movesData) { this.movesData = movesData; }

        @Override public String name() { return "holding"; }
        @Override public int parallelism() { return 3; }

        @Override
        public void execute(Execution exec) {
            if (movesData) exec.acceptHeldInputs();
            ReadySink sink = new ReadySink() {
                @Override public void ready(int t) { pool.execute(() -> runOne(exec, t, this)); }
            };
            for (int t : exec.initialReady()) sink.ready(t);
        }

        private void runOne(Execution exec, int t, ReadySink sink) {
            TaskCall call = exec.start(t, sink);
            if (call == null) return;
            Object v;
            try {
                Object[] args = movesData ? HeldResults.fetchInputs(call.args()) : call.args();
                assertThat(HeldResults.anyHeld(args)).as("inputs of %s after fetching", call.key()).isFalse();
                v = call.function().apply(args);
            } catch (Throwable e) {
                exec.fail(t, e, null, sink);
                return;
            }
            exec.finish(t, store.put(v), new TaskReport("holder", 0, 0, 8), sink);
        }

        @Override public void close() { pool.shutdownNow(); }
    }

    private static Graph graph(dev.blockwork.graph.Task... tasks) {
        Graph g = Graph.empty();
        for (dev.blockwork.graph.Task t : tasks) g = g.with(new dev.blockwork.graph.TaskLayer(t.key().name(), List.of(t), java.util.Set.of()));
        return g;
    }

    @Test
    void randomDagsGiveTheReferenceAndEveryHandleIsReleasedOnce() {
        long base = Long.getLong("blockwork.test.seed", 20261201L);
        for (boolean moves : new boolean[] {false, true}) {
            try (HoldingScheduler s = new HoldingScheduler(moves)) {
                for (long seed = base; seed < base + 30; seed++) {
                    Random r = new Random(seed);
                    RandomDagPropertyTest.Dag d = RandomDagPropertyTest.randomDag(r);
                    long[] expected = RandomDagPropertyTest.reference(d);
                    Graph g = RandomDagPropertyTest.graph(d);
                    List<Key> outs = List.of(Key.of("n", d.n() - 1), Key.of("n", r.nextInt(d.n())));
                    Computation<Object[]> c = Compute.computeAsync(g::task, outs,
                            ComputeOptions.defaults().withScheduler(s).withProgress(false));
                    Object[] got = Compute.await(c);
                    for (int i = 0; i < outs.size(); i++) {
                        assertThat(got[i]).as("seed %d moves %s output %s", seed, moves, outs.get(i)).isEqualTo(expected[outs.get(i).index(0)]);
                    }
                    c.info().validate();
                    assertThat(s.store.live()).as("seed %d: handles not released after the compute", seed).isZero();
                    assertThat(s.store.releasedTwice()).as("seed %d: handles released twice", seed).isEmpty();
                }
            }
        }
    }

    @Test
    void persistKeepsHandlesAndLaterComputesBorrowThem() {
        try (HoldingScheduler s = new HoldingScheduler(false)) {
            ComputeOptions o = ComputeOptions.defaults().withScheduler(s).withProgress(false);
            Graph g = graph(new dev.blockwork.graph.Task(Key.of("x"), "x", a -> 21L, new Object[0]));
            Object[] kept = Compute.compute(g, List.of(Key.of("x")), o.withKeepHeld(true));
            assertThat(kept[0]).isInstanceOf(HeldResult.class);
            assertThat(s.store.live()).isEqualTo(1);
            HeldResult h = (HeldResult) kept[0];
            // a later compute reads it through a borrowed view: it runs, and the persisted value stays held
            Graph g2 = graph(new dev.blockwork.graph.Task(Key.of("y"), "y", a -> (Long) a[0] * 2,
                    new Object[] {Key.of("x")}), new dev.blockwork.graph.Task(Key.of("x"), "x", new HeldValue(h.borrowed()), new Object[0]));
            for (int i = 0; i < 3; i++) assertThat(Compute.compute(g2, List.of(Key.of("y")), o)[0]).isEqualTo(42L);
            assertThat(s.store.values).containsKey(((Handle) h).id());
            h.release();
            assertThat(s.store.values).doesNotContainKey(((Handle) h).id());
        }
    }

    @Test
    void aDelayedPersistedOnAHolderIsFetchedByItsConsumers() {
        try (HoldingScheduler s = new HoldingScheduler(false); var use = Schedulers.use(s)) {
            Delayed<Long> p = Delayed.of(() -> 20L).then(x -> x + 1).persist();
            assertThat(s.store.live()).as("the persisted value stays in the holder").isEqualTo(1);
            assertThat(p.then(x -> x * 2).compute()).isEqualTo(42L);
            assertThat(p.compute()).isEqualTo(21L);
            assertThat(s.store.live()).isEqualTo(1);
        }
    }

    @Test
    void aPersistedValueWhoseHolderLostItIsMadeAgainFromItsGraphByTheNextCompute() {
        try (HoldingScheduler s = new HoldingScheduler(false); var use = Schedulers.use(s)) {
            AtomicInteger runs = new AtomicInteger();
            Delayed<Long> p = Delayed.of(() -> { runs.incrementAndGet(); return 20L; }).then(x -> x + 1).persist();
            assertThat(runs).hasValue(1);
            s.store.values.clear(); // its holder lost it
            assertThat(p.then(x -> x * 2).compute()).isEqualTo(42L);
            assertThat(p.compute()).isEqualTo(21L);
            assertThat(runs).as("made again for each compute planned after the loss").hasValue(3);
        }
    }

    @Test
    void aComputeThatReadsAPersistedValueLostWhileItRunsIsPlannedAgain() {
        try (HoldingScheduler s = new HoldingScheduler(false); var use = Schedulers.use(s)) {
            AtomicInteger runs = new AtomicInteger(), starts = new AtomicInteger();
            Delayed<Long> p = Delayed.of(() -> { runs.incrementAndGet(); return 20L; }).then(x -> x + 1).persist();
            long held = s.store.values.keySet().iterator().next();
            Delayed<Long> dropper = Delayed.of(() -> { s.store.values.remove(held); return 1L; }); // the holder loses p meanwhile
            Delayed<Long> sum = Delayed.of((Long a, Long b) -> a + b, p, dropper);
            SchedulerListener l = new SchedulerListener() {
                @Override public void onComputeStart(ComputeInfo c) { starts.incrementAndGet(); }
            };
            Computation<Long> c = sum.computeAsync(ComputeOptions.defaults().withListener(l).withProgress(false));
            assertThat(Compute.await(c)).isEqualTo(22L);
            assertThat(starts).as("planned again once p was lost").hasValue(2);
            assertThat(runs).as("p made again by the second plan").hasValue(2);
            assertThat(c.info().totalTasks()).as("the future follows the second compute, which makes p").isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void aFutureWhoseHeldValueWasLostIsMadeAgainForItsReadersAndDependents() {
        { // futures as arguments reach the executor as handles: one that moves data (as a cluster does)
            try (HoldingScheduler s = new HoldingScheduler(true);
                 Client client = Client.create(ComputeOptions.defaults().withScheduler(s).withProgress(false))) {
                AtomicInteger runsOfA = new AtomicInteger();
                TaskFuture<Long> a = client.submit(() -> { runsOfA.incrementAndGet(); return 20L; });
                TaskFuture<Long> b = client.submit((Long x) -> x + 1, a);
                assertThat(b.result()).isEqualTo(21L);
                s.store.values.clear(); // the holder lost everything
                assertThat(b.result()).as("b made again, a before it").isEqualTo(21L);
                assertThat(runsOfA).hasValue(2);
                assertThat(a.result()).as("a's value made for b is a's value now").isEqualTo(20L);
                assertThat(client.submit((Long x) -> x * 2, a).result()).isEqualTo(40L);
                assertThat(runsOfA).hasValue(2);
            }
        }
    }

    @Test
    void aHolderThatDiesTakesItsResultsAndTheyAreRecomputed() {
        try (HoldingScheduler s = new HoldingScheduler(false)) {
            ComputeOptions o = ComputeOptions.defaults().withScheduler(s).withProgress(false);
            AtomicInteger runsOfA = new AtomicInteger();
            Store first = s.store;
            // a; b needs a; before b's fetch of a, a's holder "dies" once (its store drops everything)
            Graph g = graph(
                    new dev.blockwork.graph.Task(Key.of("a"), "a", x -> { runsOfA.incrementAndGet(); return 5L; }, new Object[0]),
                    new dev.blockwork.graph.Task(Key.of("b"), "b", x -> {
                        Thread.onSpinWait();
                        return (Long) x[0] + 1;
                    }, new Object[] {Key.of("a")}),
                    new dev.blockwork.graph.Task(Key.of("c"), "c", x -> (Long) x[0] * 10, new Object[] {Key.of("b")}));
            SchedulerListener drop = new SchedulerListener() {
                @Override public boolean wantsTaskEvents() { return true; }
                @Override public void onTaskFinish(ComputeInfo c, TaskEvent e) {
                    if (e.key().equals(Key.of("a")) && runsOfA.get() == 1) first.values.clear(); // lost before b starts
                }
            };
            Object[] got = Compute.compute(g, List.of(Key.of("c")), o.withOptimize(false).withListener(drop));
            assertThat(got[0]).isEqualTo(60L);
            assertThat(runsOfA.get()).as("a ran again after its holder lost it").isEqualTo(2);
        }
    }

    @Test
    void anOutputThatCannotBeFetchedFailsTheComputeNamingIt() {
        try (HoldingScheduler s = new HoldingScheduler(false)) {
            Graph g = graph(new dev.blockwork.graph.Task(Key.of("out"), "out", a -> {
                s.store.gone = true; // the holder dies right after making the output
                return 1L;
            }, new Object[0]));
            assertThatThrownBy(() -> Compute.compute(g, List.of(Key.of("out")), ComputeOptions.defaults().withScheduler(s).withProgress(false)))
                    .isInstanceOf(WorkerLostException.class)
                    .hasMessageContaining("output 'out'").hasMessageContaining("was lost with store-");
        }
    }

    @Test
    void aFutureHoldsItsHandleAndFetchesOnResult() throws Exception {
        HoldingScheduler s = new HoldingScheduler(true);
        try (Client client = Client.create(ComputeOptions.defaults().withScheduler(s).withProgress(false))) {
            TaskFuture<Long> a = client.submit(() -> 40L);
            TaskFuture<Long> b = client.submit((Long x) -> x + 2, a);
            assertThat(b.result()).isEqualTo(42L);
            for (int i = 0; i < 3; i++) System.gc(); // b waited for a: its handle must not go with an unreachable inner future
            Object raw = ((java.util.concurrent.CompletableFuture<?>) a.toCompletableFuture()).join();
            assertThat(raw).as("the future keeps the handle, not the value").isInstanceOf(HeldResult.class);
            assertThat(a.computeAsync().join()).isEqualTo(40L);
            assertThat(a.get()).isEqualTo(40L);
            assertThat(client.gather(List.of(a, b))).containsExactly(40L, 42L);
            assertThat(s.store.live()).as("both futures still hold their results").isEqualTo(2);
        } finally {
            s.close();
        }
    }
}
