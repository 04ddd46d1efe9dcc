package dev.blockwork.cluster;

import dev.blockwork.delayed.Delayed;
import dev.blockwork.schedule.ComputeOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The cluster's basics on a 2-worker LocalCluster: workers seen, a graph computed there, results released. */
class ClusterBasicsTest {
    static LocalCluster local;

    @BeforeAll
    static void start() { local = LocalCluster.start(2); }

    @AfterAll
    static void stop() { Leaks.closeAndCheck(local); }

    static int inc(int x) { return x + 1; }

    static int add(int a, int b) { return a + b; }

    @Test
    void seesBothWorkersAndComputesThere() {
        assertThat(local.cluster().workers()).hasSize(2);
        Delayed<Integer> c = Delayed.of(ClusterBasicsTest::add, Delayed.of(ClusterBasicsTest::inc, 1), Delayed.of(ClusterBasicsTest::inc, 2));
        assertThat(c.compute(ComputeOptions.defaults().withScheduler(local.scheduler()).withProgress(false))).isEqualTo(5);
        assertThat(local.cluster().heldResults()).isZero();
    }
}
