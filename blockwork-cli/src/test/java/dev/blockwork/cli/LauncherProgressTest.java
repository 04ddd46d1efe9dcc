package dev.blockwork.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./blockwork} on a fresh clone shows the build's progress, one line per module, instead of staying silent
 * while Maven runs; a later run (nothing to build) prints nothing of its own; a failed build shows Maven's errors.
 * The script runs in a copy of the repository's layout with a stand-in {@code build} (Maven-like output), JDK and
 * {@code bin/newer-sources}.
 */
class LauncherProgressTest {
    private static final Path SCRIPT = Path.of(System.getProperty("user.dir")).getParent().resolve("blockwork");

    @TempDir Path root;

    record Run(int code, String out, List<String> err) {}

    @BeforeEach
    void layOutTheTree() throws IOException {
        Files.copy(SCRIPT, root.resolve("blockwork"));
        script("bin/find-jdk", "echo \"$(cd \"$(dirname \"$0\")/..\" && pwd)/jdk\"");
        script("bin/newer-sources", "");
        script("jdk/bin/java", "echo \"java $*\"");
        script("build", """
                echo "[INFO] Scanning for projects..."
                echo "[INFO] --------------------< dev.blockwork:blockwork-bom >---------------------"
                echo "[INFO] Building Blockwork BOM 0.1.0-SNAPSHOT                             [1/3]"
                echo "[INFO] --------------------< dev.blockwork:blockwork-core >--------------------"
                echo "[INFO] Building Blockwork core 0.1.0-SNAPSHOT                            [2/3]"
                echo "[INFO] Compiling 120 source files with javac [debug release 25] to target/classes"
                if [ -n "$FAKE_FAIL" ]; then
                  echo "[ERROR] COMPILATION ERROR : A.java:[3,1] class, interface, enum, or record expected"
                  echo "[INFO] BUILD FAILURE"
                  exit 1
                fi
                echo "[INFO] Building jar: /x/blockwork-core-0.1.0-SNAPSHOT.jar"
                echo "[INFO] --------------------< dev.blockwork:blockwork-cli >---------------------"
                echo "[INFO] Building Blockwork command line 0.1.0-SNAPSHOT                    [3/3]"
                mkdir -p "$(dirname "$0")/blockwork-cli/target" && echo jar > "$(dirname "$0")/blockwork-cli/target/blockwork.jar"
                echo "[INFO] BUILD SUCCESS"
                """);
    }

    @Test
    void theFirstRunShowsOneLinePerModuleAndALaterRunNothing() throws Exception {
        Run first = run(false);
        assertThat(first.code()).as("exit status, stderr %s", first.err()).isZero();
        assertThat(first.err()).containsExactly(
                "blockwork: building (first use)...",
                "blockwork:   [1/3] Blockwork BOM",
                "blockwork:   [2/3] Blockwork core",
                "blockwork:   [3/3] Blockwork command line");
        assertThat(first.out()).contains("-jar " + root.toRealPath().resolve("blockwork-cli/target/blockwork.jar") + " demo");

        Run later = run(false);
        assertThat(later.code()).isZero();
        assertThat(later.err()).isEmpty();
        assertThat(later.out()).contains("demo");
    }

    @Test
    void aFailedBuildShowsMavensErrorsAndStops() throws Exception {
        Run failed = run(true);
        assertThat(failed.code()).isEqualTo(1);
        assertThat(failed.err()).contains("blockwork:   [2/3] Blockwork core")
                .anyMatch(l -> l.startsWith("[ERROR] COMPILATION ERROR : A.java:[3,1]"))
                .anyMatch(l -> l.startsWith("blockwork: the build failed (exit 1)"))
                .noneMatch(l -> l.startsWith("[INFO]"));
        try (var logs = Files.list(root)) {
            Path log = logs.filter(f -> f.getFileName().toString().startsWith("blockwork-build.")).findFirst().orElseThrow();
            assertThat(Files.readString(log)).as("the whole output, kept").contains("[INFO] Compiling 120 source files");
        }
        assertThat(failed.out()).as("java did not run").isEmpty();
    }

    private Run run(boolean failBuild) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("sh", root.resolve("blockwork").toString(), "demo");
        pb.environment().put("BLOCKWORK_AOT", "off");
        pb.environment().remove("JAVA_HOME");
        pb.environment().put("TMPDIR", root.toString()); // where a failed build leaves its log
        if (failBuild) pb.environment().put("FAKE_FAIL", "1");
        Path err = root.resolve("stderr.txt");
        Process p = pb.redirectError(err.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("./blockwork finished").isTrue();
        return new Run(p.exitValue(), out, Files.readAllLines(err));
    }

    private void script(String relative, String body) throws IOException {
        Path p = root.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
