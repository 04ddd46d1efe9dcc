package dev.blockwork.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Runs the whole benchmark once and checks its output format (no timing assertions). ~30 s: tagged slow. */
@Tag("slow")
@Timeout(300)
class AsyncBenchSlowTest {

    @Test
    void printsOneLinePerCase() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            AsyncBench.run(out);
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        System.out.print(text);
        assertThat(text.lines().filter(l -> !l.startsWith("#")))
                .allMatch(l -> l.matches("[a-z0-9-]+ \\d+(\\.\\d+)? (s|MB|us)"), "<case> <median> <unit>")
                .anyMatch(l -> l.startsWith("sleep-100k-tasks "))
                .anyMatch(l -> l.startsWith("sleep-100k-peak-heap "));
    }
}
