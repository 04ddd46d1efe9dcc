package dev.blockwork.schedule;

import dev.blockwork.graph.Graph;
import dev.blockwork.graph.Key;
import dev.blockwork.graph.Task;
import dev.blockwork.graph.TaskLayer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlannerTest {

    static Task t(String name, int i, Object... args) {
        return new Task(Key.of(name, i), name, a -> i, args);
    }

    @Test
    void cullMaterialisesOnlyTheTasksTheOutputsNeed() {
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < 100; i++) tasks.add(t("x", i));
        AtomicInteger looked = new AtomicInteger();
        Graph g = Graph.of(new TaskLayer("x", tasks, Set.of()));
        Plan p = Planner.plan(k -> { looked.incrementAndGet(); return g.task(k); }, List.of(Key.of("x", 7)), true);
        assertThat(p.size()).isEqualTo(1);
        assertThat(looked.get()).isEqualTo(1);
    }

    @Test
    void fusesLinearChainsButNotSharedOrOutputTasks() {
        // a -> b -> c -> d (chain), e uses b too: b has two dependents, so only c->d fuse; a->b fuse.
        Graph g = Graph.of(new TaskLayer("n", List.of(
                t("n", 0), t("n", 1, Key.of("n", 0)), t("n", 2, Key.of("n", 1)), t("n", 3, Key.of("n", 2)),
                t("n", 4, Key.of("n", 1))), Set.of()));
        Plan fused = Planner.plan(g::task, List.of(Key.of("n", 3), Key.of("n", 4)), true);
        assertThat(fused.size()).isEqualTo(3); // {a,b}, {c,d}, {e}
        assertThat(fused.fusedAway()).isEqualTo(2);
        Plan plain = Planner.plan(g::task, List.of(Key.of("n", 3), Key.of("n", 4)), false);
        assertThat(plain.size()).isEqualTo(5);
        Plan outputInChain = Planner.plan(g::task, List.of(Key.of("n", 3), Key.of("n", 2)), true);
        assertThat(outputInChain.keys()).contains(Key.of("n", 2), Key.of("n", 3));
    }

    @Test
    void ordersDepthFirstSoSubtreesFinishBeforeTheNextStarts() {
        // ((l0 + l1) + (l2 + l3)): post-order puts l0, l1, their sum, l2, l3, ...
        Graph g = Graph.of(
                new TaskLayer("l", List.of(t("l", 0), t("l", 1), t("l", 2), t("l", 3)), Set.of()),
                new TaskLayer("s", List.of(t("s", 0, Key.of("l", 0), Key.of("l", 1)), t("s", 1, Key.of("l", 2), Key.of("l", 3)),
                        t("s", 2, Key.of("s", 0), Key.of("s", 1))), Set.of("l")));
        Plan p = Planner.plan(g::task, List.of(Key.of("s", 2)), false);
        List<Key> order = p.keys();
        assertThat(order).containsExactly(Key.of("l", 0), Key.of("l", 1), Key.of("s", 0), Key.of("l", 2), Key.of("l", 3),
                Key.of("s", 1), Key.of("s", 2));
        assertThat(p.initialReady()).hasSize(4);
    }

    @Test
    void reportsCyclesWithTheKeys() {
        Graph g = Graph.of(new TaskLayer("c", List.of(t("c", 0, Key.of("c", 1)), t("c", 1, Key.of("c", 0))), Set.of()));
        assertThatThrownBy(() -> Planner.plan(g::task, List.of(Key.of("c", 0)), true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cycle").hasMessageContaining("('c', 0)").hasMessageContaining("('c', 1)");
    }

    @Test
    void reportsMissingKeysAndLayers() {
        Graph g = Graph.of(new TaskLayer("x", List.of(t("x", 0, Key.of("y", 3))), Set.of("y")));
        assertThatThrownBy(() -> Planner.plan(g::task, List.of(Key.of("x", 0)), true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no layer 'y'").hasMessageContaining("('y', 3)");
        assertThatThrownBy(() -> Planner.plan(g::task, List.of(), true)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void planningIsLinearInChainLength() {
        // 200,000-long chain: an O(n^2) planner would not finish within the test timeout.
        List<Task> tasks = new ArrayList<>();
        tasks.add(t("c", 0));
        for (int i = 1; i < 200_000; i++) tasks.add(t("c", i, Key.of("c", i - 1)));
        Graph g = Graph.of(new TaskLayer("c", tasks, Set.of()));
        Plan p = Planner.plan(g::task, List.of(Key.of("c", 199_999)), true);
        // Bounded fusion: chains of at most MAX_FUSED_STEPS steps, so each task stays small enough to ship.
        int expected = (200_000 + Planner.MAX_FUSED_STEPS - 1) / Planner.MAX_FUSED_STEPS;
        assertThat(p.size()).isEqualTo(expected);
        assertThat(p.fusedAway()).isEqualTo(200_000 - expected);
        for (int q = 0; q < p.size(); q++) {
            assertThat(((FusedFunction) p.function(q)).length()).isLessThanOrEqualTo(Planner.MAX_FUSED_STEPS);
        }
    }

    @Test
    void fusionIsBoundedByTheBytesOfLiteralArguments() {
        // 64 steps each carrying a 64 KiB literal: 4 MiB in all, so at least 4 tasks of <= 1 MiB of literals.
        List<Task> tasks = new ArrayList<>();
        tasks.add(new Task(Key.of("b", 0), "b", a -> 0, new Object[] {new byte[64 << 10]}));
        for (int i = 1; i < 64; i++) {
            tasks.add(new Task(Key.of("b", i), "b", a -> a[0], new Object[] {Key.of("b", i - 1), new byte[64 << 10]}));
        }
        Graph g = Graph.of(new TaskLayer("b", tasks, Set.of()));
        Plan p = Planner.plan(g::task, List.of(Key.of("b", 63)), true);
        assertThat(p.size()).isBetween(4, 5);
        assertThat(Compute.compute(g, List.of(Key.of("b", 63)), ComputeOptions.defaults().withScheduler("sync"))).containsExactly(0);
    }

    @Test
    void argumentsGivenAsAKeyArrayStillPlan() {
        Key[] deps = {Key.of("x", 0), Key.of("x", 1)};
        Graph g = Graph.of(
                new TaskLayer("x", List.of(t("x", 0), t("x", 1)), Set.of()),
                new TaskLayer("s", List.of(new Task(Key.of("s", 0), "s", a -> (int) a[0] + (int) a[1], deps)), Set.of("x")));
        Object[] r = Compute.compute(g, List.of(Key.of("s", 0)), ComputeOptions.defaults().withScheduler("sync"));
        assertThat(r).containsExactly(1);
    }

    /** A node as an object-graph front end (Delayed's own is private) would make one. */
    static class TestNode implements PlanNode {
        final dev.blockwork.graph.Task task;
        final PlanNode[] deps;
        long stamp;
        int slot;

        TestNode(dev.blockwork.graph.Task task, PlanNode... deps) {
            this.task = task;
            this.deps = deps;
        }

        @Override public dev.blockwork.graph.Task task() { return task; }
        @Override public PlanNode[] planDependencies() { return deps; }
        @Override public long planStamp() { return stamp; }
        @Override public int planSlot() { return slot; }
        @Override public void planMark(long stamp, int slot) { this.stamp = stamp; this.slot = slot; }
    }

    @Test
    void planningWhileAnotherThreadPlansNeverWaitsAndSharesWorkTheSame() throws Exception {
        Key sk = Key.of("shared"), tk = Key.of("top");
        TestNode shared = new TestNode(new dev.blockwork.graph.Task(sk, "double", a -> 42, new Object[0]));
        TestNode top = new TestNode(new dev.blockwork.graph.Task(tk, "add", a -> (Integer) a[0] + (Integer) a[1], new Object[] {sk, sk}), shared, shared);
        java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1), release = new java.util.concurrent.CountDownLatch(1);
        Thread other = Thread.ofPlatform().start(() -> { // stands for a long planning in another thread
            Planner.NODE_LOCK.lock();
            try {
                held.countDown();
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                Planner.NODE_LOCK.unlock();
            }
        });
        try {
            assertThat(held.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            Plan contended = Planner.planNodes(List.of(top), false); // must not block: the lock is taken
            assertThat(contended.size()).isEqualTo(2); // shared planned once
            assertThat(Compute.await(Compute.run(contended, ComputeOptions.defaults().withScheduler("sync").withProgress(false)))[0]).isEqualTo(84);
        } finally {
            release.countDown();
            other.join();
        }
        assertThat(Planner.planNodes(List.of(top), false).size()).isEqualTo(2); // the fast path agrees
    }

    @Test
    void nodesWithASharedKeyArePlannedOnce() {
        Key k = Key.of("pure-abc");
        TestNode a = new TestNode(new dev.blockwork.graph.Task(k, "pure", x -> 1, new Object[0])) {
            @Override public boolean planSharedKey() { return true; }
        };
        TestNode b = new TestNode(new dev.blockwork.graph.Task(k, "pure", x -> 1, new Object[0])) {
            @Override public boolean planSharedKey() { return true; }
        };
        TestNode top = new TestNode(new dev.blockwork.graph.Task(Key.of("top"), "add", x -> 2, new Object[] {k, k}), a, b);
        assertThat(Planner.planNodes(List.of(top), false).size()).isEqualTo(2);
    }
}
