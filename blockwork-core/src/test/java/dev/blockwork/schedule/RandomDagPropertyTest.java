package dev.blockwork.schedule;

import dev.blockwork.graph.Graph;
import dev.blockwork.graph.Key;
import dev.blockwork.graph.Keys;
import dev.blockwork.graph.Task;
import dev.blockwork.graph.TaskLayer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property test: random DAGs (seeded; the seed is in the failure message) computed by every scheduler,
 * with and without fusion, must equal a plain sequential evaluation.
 */
@Timeout(120)
class RandomDagPropertyTest {
    static final ThreadsScheduler THREE = new ThreadsScheduler(3);

    @AfterAll
    static void close() { THREE.close(); }

    static Stream<Long> seeds() {
        long base = Long.getLong("blockwork.test.seed", 20261125L);
        return IntStream.range(0, 60).mapToObj(i -> base + i);
    }

    /** Node i depends on up to 4 earlier nodes; value = (i + sum of deps * 31) mod 1e9+7. */
    record Dag(int n, int[][] deps, boolean[] viaKeys) {}

    static Dag randomDag(Random r) {
        int n = 1 + r.nextInt(r.nextBoolean() ? 30 : 400);
        int[][] deps = new int[n][];
        boolean[] viaKeys = new boolean[n];
        for (int i = 0; i < n; i++) {
            int k = i == 0 ? 0 : r.nextInt(Math.min(i, 4) + 1);
            deps[i] = new int[k];
            for (int j = 0; j < k; j++) deps[i][j] = r.nextInt(i);      // duplicates allowed on purpose
            if (r.nextInt(3) == 0 && i > 0 && k == 0) deps[i] = new int[] {i - 1}; // chains, to exercise fusion
            viaKeys[i] = r.nextInt(5) == 0;
        }
        return new Dag(n, deps, viaKeys);
    }

    static long value(int i, long[] depValues) {
        long s = i;
        for (long v : depValues) s = (s + v * 31) % 1_000_000_007L;
        return s;
    }

    static long[] reference(Dag d) {
        long[] v = new long[d.n];
        for (int i = 0; i < d.n; i++) {
            long[] dv = new long[d.deps[i].length];
            for (int j = 0; j < dv.length; j++) dv[j] = v[d.deps[i][j]];
            v[i] = value(i, dv);
        }
        return v;
    }

    static Graph graph(Dag d) {
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < d.n; i++) {
            int node = i;
            Object[] args;
            if (d.viaKeys[i]) {
                List<Key> ks = new ArrayList<>();
                for (int dep : d.deps[i]) ks.add(Key.of("n", dep));
                args = new Object[] {new Keys(ks)};
                tasks.add(new Task(Key.of("n", i), "node", a -> {
                    Object[] vs = (Object[]) a[0];
                    long[] dv = new long[vs.length];
                    for (int j = 0; j < vs.length; j++) dv[j] = (Long) vs[j];
                    return value(node, dv);
                }, args));
            } else {
                args = new Object[d.deps[i].length + 1];
                args[0] = "literal";
                for (int j = 0; j < d.deps[i].length; j++) args[j + 1] = Key.of("n", d.deps[i][j]);
                tasks.add(new Task(Key.of("n", i), "node", a -> {
                    long[] dv = new long[a.length - 1];
                    for (int j = 1; j < a.length; j++) dv[j - 1] = (Long) a[j];
                    return value(node, dv);
                }, args));
            }
        }
        return Graph.of(new TaskLayer("n", tasks, Set.of()));
    }

    @ParameterizedTest @MethodSource("seeds")
    void everySchedulerMatchesTheSequentialReference(long seed) {
        Random r = new Random(seed);
        Dag d = randomDag(r);
        long[] expected = reference(d);
        Graph g = graph(d);
        List<Key> outs = new ArrayList<>();
        int nOut = 1 + r.nextInt(Math.min(d.n, 5));
        for (int i = 0; i < nOut; i++) outs.add(Key.of("n", r.nextInt(d.n)));
        outs.add(Key.of("n", d.n - 1));
        for (Scheduler s : List.of(Schedulers.get("sync"), Schedulers.get("threads"), THREE)) {
            for (boolean fuse : new boolean[] {true, false}) {
                ComputeOptions o = ComputeOptions.defaults().withScheduler(s).withOptimize(fuse).withProgress(false);
                Object[] got = Compute.compute(g, outs, o);
                for (int i = 0; i < outs.size(); i++) {
                    assertThat((Long) got[i])
                            .as("seed %d (rerun with -Dblockwork.test.seed=%d), scheduler %s, fuse %s, output %s",
                                    seed, seed, s.name(), fuse, outs.get(i))
                            .isEqualTo(expected[outs.get(i).index(0)]);
                }
            }
        }
    }
}
