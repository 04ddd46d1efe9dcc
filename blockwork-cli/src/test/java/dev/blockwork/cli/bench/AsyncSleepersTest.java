package dev.blockwork.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The RSS bench's child workload, small: its result line is what AsyncRssBench parses. */
@Timeout(60)
class AsyncSleepersTest {

    @Test
    void printsTheFiguresTheRssBenchParses() throws Exception {
        String line = AsyncSleepers.run(1_000, Duration.ofMillis(1));
        assertThat(line).matches("seconds=\\d+\\.\\d{3} spawn_seconds=\\d+\\.\\d{3} vmhwm_kb=-?\\d+ heap_used_kb=\\d+"
                + " heap_committed_kb=\\d+");
        if (System.getProperty("os.name").startsWith("Linux")) {
            assertThat(AsyncSleepers.peakRssKb()).isPositive();
        }
    }

    @Test
    void warmUpRoundsRunBeforeTheMeasuredRound() throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.PrintStream old = System.out;
        System.setOut(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
        long t0 = System.nanoTime();
        try {
            AsyncSleepers.main(new String[] {"100", "1", "2"});
        } finally {
            System.setOut(old);
        }
        // two warm-up rounds of 50 ms sleepers, then the measured line, once
        assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(Duration.ofMillis(100).toNanos());
        assertThat(bytes.toString(java.nio.charset.StandardCharsets.UTF_8).lines()).singleElement()
                .asString().startsWith("seconds=");
    }
}
