package dev.blockwork.schedule;

import dev.blockwork.delayed.Delayed;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchedulerSelectionTest {

    static String threadName() { return Thread.currentThread().getName(); }

    @Test
    void defaultIsThreadsAndAScopeOverridesItUntilClosed() {
        Delayed<String> where = Delayed.of(SchedulerSelectionTest::threadName);
        ComputeOptions quiet = ComputeOptions.defaults().withProgress(false);
        assertThat(Schedulers.current().name()).isEqualTo("threads");
        assertThat(where.compute(quiet)).startsWith("blockwork-threads-");
        try (var s = Schedulers.use("sync")) {
            assertThat(Schedulers.current().name()).isEqualTo("sync");
            assertThat(where.compute(quiet)).isEqualTo(Thread.currentThread().getName());
            try (var inner = Schedulers.use("threads")) {
                assertThat(where.compute(quiet)).startsWith("blockwork-threads-");
            }
            assertThat(Schedulers.current().name()).isEqualTo("sync");
            // a per-call choice beats the scope
            assertThat(where.compute(quiet.withScheduler("threads"))).startsWith("blockwork-threads-");
        }
        assertThat(Schedulers.current().name()).isEqualTo("threads");
    }

    @Test
    void systemPropertySelectsTheDefault() {
        System.setProperty("blockwork.scheduler", "synchronous");
        try {
            assertThat(Schedulers.current().name()).isEqualTo("sync");
        } finally {
            System.clearProperty("blockwork.scheduler");
        }
    }

    @Test
    void unknownNamesListTheKnownOnes() {
        assertThatThrownBy(() -> Schedulers.get("gpu"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown scheduler 'gpu'")
                .hasMessageContaining("sync").hasMessageContaining("threads");
    }
}
