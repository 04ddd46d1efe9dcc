package com.example;

import static dev.blockwork.array.DArrays.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.blockwork.array.DArray;
import dev.blockwork.async.AsyncTask;
import dev.blockwork.async.TaskGroup;
import dev.blockwork.delayed.Delayed;
import dev.blockwork.ndarray.NDArray;
import dev.blockwork.process.ProcessPool;
import dev.blockwork.schedule.ComputeOptions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The README's first-screen snippets, as a user types them in their own package ({@code com.example}, not
 * {@code dev.blockwork}), with no setting: the seed example, Delayed, a ProcessPool, a graph on
 * {@code processes}, and a TaskGroup. Keep in step with README.md.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ReadmeSnippetsTest {
    static int add(int a, int b) { return a + b; }

    static int inc(int x) { return x + 1; }

    static String fetch(String what) { return "got " + what; }

    @Test
    void theSnippetsRunFromAUsersPackage() throws Exception {
        DArray x = DArray.ones(shape(1000, 1000), chunks(100, 100));   // 100 blocks, nothing computed yet
        DArray z = x.add(x.mul(2));                                     // fused: one task per block
        NDArray r = z.compute();                                        // in parallel on all cores
        double total = z.sum().compute().item();                        // 3,000,000.0 without materialising x
        assertThat(r.getDouble(999, 999)).isEqualTo(3.0);
        assertThat(total).isEqualTo(3_000_000.0);

        Delayed<Integer> c = Delayed.of(ReadmeSnippetsTest::add, Delayed.of(ReadmeSnippetsTest::inc, 1), Delayed.of(ReadmeSnippetsTest::inc, 2));
        int result = c.compute();                                       // inc and inc in parallel, then add
        assertThat(result).isEqualTo(5);

        try (ProcessPool pool = ProcessPool.create(2)) {                 // worker JVMs
            List<Integer> squares = pool.map(v -> v * v, List.of(1, 2, 3));
            assertThat(squares).containsExactly(1, 4, 9);
        }
        NDArray onWorkers = z.compute(ComputeOptions.defaults().withScheduler("processes"));   // any graph, on worker JVMs
        assertThat(onWorkers).isEqualTo(r);

        AsyncTask<String> a, b;
        try (TaskGroup g = TaskGroup.open()) {                           // structured concurrency on virtual threads
            a = g.spawn(() -> fetch("a"));
            b = g.spawn(() -> fetch("b"));
        }                                                                // both done here
        assertThat(a.join()).isEqualTo("got a");
        assertThat(b.join()).isEqualTo("got b");
    }
}
