package dev.blockwork.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./blockwork} rebuilds only when a source is newer than its jar ({@code bin/newer-sources}): files that
 * builds generate under {@code target/} (JMH writes {@code .java} files there after the CLI jar is made) must not
 * count, or every second run rebuilds.
 */
class LauncherStalenessTest {
    private static final Path SCRIPT = Path.of(System.getProperty("user.dir")).getParent().resolve("bin/newer-sources");
    private static final Instant JAR_TIME = Instant.parse("2026-01-01T12:00:00Z");

    @TempDir Path root;

    @Test
    void generatedSourcesUnderTargetDoNotMakeTheJarStale() throws Exception {
        Path jar = touch("blockwork-cli/target/blockwork.jar", JAR_TIME);
        touch("blockwork-core/src/main/java/dev/A.java", JAR_TIME.minusSeconds(60));
        touch("blockwork-core/pom.xml", JAR_TIME.minusSeconds(60));
        touch("blockwork-bench/target/generated-sources/annotations/X_jmhTest.java", JAR_TIME.plusSeconds(60));
        touch("blockwork-bench/target/classes/META-INF/BenchmarkList", JAR_TIME.plusSeconds(60));
        touch(".git/objects/pom.xml", JAR_TIME.plusSeconds(60));
        assertThat(newerSources(jar)).isEmpty();
    }

    @Test
    void aChangedSourcePomOrResourceMakesItStale() throws Exception {
        Path jar = touch("blockwork-cli/target/blockwork.jar", JAR_TIME);
        for (String changed : new String[] {
                "blockwork-core/src/main/java/dev/A.java", "pom.xml", "blockwork-core/src/main/resources/META-INF/x"}) {
            Path p = touch(changed, JAR_TIME.plusSeconds(60));
            assertThat(newerSources(jar)).isEqualTo(p.toString());
            Files.setLastModifiedTime(p, FileTime.from(JAR_TIME.minusSeconds(60)));
        }
        assertThat(newerSources(jar)).isEmpty();
    }

    private Path touch(String relative, Instant time) throws IOException {
        Path p = root.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, relative);
        Files.setLastModifiedTime(p, FileTime.from(time));
        return p;
    }

    private String newerSources(Path jar) throws Exception {
        Process p = new ProcessBuilder("sh", SCRIPT.toString(), root.toString(), jar.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("bin/newer-sources finished").isTrue();
        assertThat(p.exitValue()).as("exit status, output: %s", out).isZero();
        return out;
    }
}
