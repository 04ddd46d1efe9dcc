package dev.blockwork.cli.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class AsyncExamplesTest {

    private static String capture(ThrowingConsumer body) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            body.accept(out);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private interface ThrowingConsumer {
        void accept(PrintStream out) throws Exception;
    }

    @Test
    void helloPrintsFiveGreetingsAndATiming() throws Exception {
        String out = capture(HelloAsync::run);
        assertThat(out.lines().filter("Hello"::equals)).hasSize(5);
        assertThat(out).containsPattern("print_hello: 5 x Hello with a 100 ms sleep after each, on a virtual"
                + " thread, took \\d+\\.\\d{3} s");
    }

    @Test
    void httpLoadRunsEveryRequestAgainstTheLocalServer() throws Exception {
        String out = capture(o -> HttpLoadExample.run(o, 200, 20));
        assertThat(out).contains("200 GET requests to http://127.0.0.1:")
                .containsPattern("200 ok, 0 timed out, 0 failed in \\d+\\.\\d{3} s: \\d+ requests/s")
                .containsPattern("latency p50 \\d+\\.\\d{2} ms, p90 .* p99 .* max \\d+\\.\\d{2} ms");
        assertThatThrownBy(() -> HttpLoadExample.run(System.out, 0, 1))
                .hasMessage("got 0 requests, expected at least 1");
    }

    @Test
    void percentilesUseNearestRank() {
        long[] nanos = new long[100];
        for (int i = 0; i < 100; i++) {
            nanos[i] = (100 - i) * 1_000_000L;
        }
        LatencySummary s = new LatencySummary(nanos);
        assertThat(s.percentileMillis(50)).isEqualTo(50.0);
        assertThat(s.percentileMillis(99)).isEqualTo(99.0);
        assertThat(s.percentileMillis(100)).isEqualTo(100.0);
        assertThat(new LatencySummary(new long[] {7_000_000L}).percentileMillis(1)).isEqualTo(7.0);
        assertThatThrownBy(() -> s.percentileMillis(0)).hasMessage("got percentile 0.0, expected 0 < p <= 100");
    }
}
