package dev.blockwork.cli.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blockwork.cli.bench.ArrayBench;
import dev.blockwork.cli.examples.SeedArrayExample;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The entry points the CLI calls: the seed example prints its summary; the bench rejects unknown cases. */
class SeedAndBenchEntryPointsTest {
    @Test
    void seedExamplePrintsShapeCornerSumAndTime() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SeedArrayExample.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("shape (1000, 1000)").contains("[3., 3., 3.]").contains("sum = 3000000.0").contains("ms");
    }

    @Test
    void benchRejectsUnknownCases() {
        assertThatThrownBy(() -> ArrayBench.run(System.out, new String[] {"nope"})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown case 'nope'").hasMessageContaining("seed");
    }
}
