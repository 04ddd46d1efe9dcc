package com.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standalone {@code examples/} project compiles as a user's project would (its own package, the library on the
 * class path, no flag), and each program runs and prints what it is meant to: the figures are checked against
 * independent references (π to two decimals, the prime count, the word lengths of the input).
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ExamplesProjectTest {
    /** What each program must print (a line matching the pattern). */
    static final Map<String, String> PRINTS = Map.of(
            "MonteCarloPi", "pi is about 3\\.14\\d",
            "WordLengths", "word lengths: \\{2=2, 3=4, 4=1, 5=1, 6=2, 9=1\\}",
            "PoolPrimes", "primes below 200000: 17984",
            "AsyncFetch", "1000 responses, the last: response 999 \\(concurrently\\)");

    @TempDir static Path classes;

    static Path project() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isRegularFile(p.resolve("examples/pom.xml"))) p = p.getParent();
        if (p == null) throw new IllegalStateException("no examples/pom.xml above " + Path.of("").toAbsolutePath());
        return p.resolve("examples");
    }

    @BeforeAll
    static void compileTheProject() throws Exception {
        List<Path> sources;
        try (Stream<Path> s = Files.walk(project().resolve("src/main/java"))) {
            sources = s.filter(f -> f.toString().endsWith(".java")).toList();
        }
        assertThat(sources).extracting(f -> f.getFileName().toString().replace(".java", "")).containsExactlyInAnyOrderElementsOf(PRINTS.keySet());
        UserPrograms.compile(sources, classes, true, "examples/ (warnings are errors)");
    }

    @TestFactory
    Stream<DynamicTest> everyProgramRunsAndPrintsItsResult() {
        return PRINTS.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            String out = UserPrograms.run(classes, e.getKey(), getClass().getClassLoader()).strip();
            assertThat(out).as("what %s prints", e.getKey()).matches(e.getValue());
        }));
    }
}
