package dev.blockwork.cli.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** {@code blockwork bench startup}: the first compute, the first ten in all, and computes 2 to 10 per compute. */
class StartupBenchTest {
    @Test
    void theFirstTenComputesInAllAreTheFirstPlusNineMore() {
        StartupBench.ChildTimes t = StartupBench.measure(System.currentTimeMillis());
        assertThat(t.firstCompute()).isPositive();
        assertThat(t.computes2To10()).isPositive();
        assertThat(t.firstTenComputes()).isGreaterThan(t.firstCompute())
                .isCloseTo(t.firstCompute() + 9 * t.computes2To10(), within(1e-6));
        assertThat(t.jvmStartToFirstResult()).isLessThanOrEqualTo(t.firstTenComputes() + 1);
    }

    @Test
    void aChildsLineReadsBackAndAMalformedOneIsRefusedNamingIt() {
        StartupBench.ChildTimes t = new StartupBench.ChildTimes(412, 180.5, 221.25, 4.5);
        assertThat(StartupBench.ChildTimes.parse(t.line())).isEqualTo(t);
        assertThatThrownBy(() -> StartupBench.ChildTimes.parse("412 180.5 4.5"))
                .hasMessageContaining("'412 180.5 4.5'").hasMessageContaining("expected 4 numbers");
    }

    @Test
    void eachConfigurationReportsTheFirstTenComputesInAllAndPerCompute() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StartupBench.lines(new PrintStream(bytes, true, StandardCharsets.UTF_8), "startup_seed_aot_cache", List.of(
                new StartupBench.ChildTimes(400, 100, 190, 10),
                new StartupBench.ChildTimes(500, 120, 219, 11),
                new StartupBench.ChildTimes(450, 110, 200, 10)));
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "startup_seed_aot_cache_jvm_start_to_first_result 450.000 ms",
                "startup_seed_aot_cache_first_compute 110.000 ms",
                "startup_seed_aot_cache_first_10_computes 200.000 ms",
                "startup_seed_aot_cache_computes_2_to_10 10.000 ms/compute");
    }
}
