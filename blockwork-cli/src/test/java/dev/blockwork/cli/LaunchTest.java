package dev.blockwork.cli;

import dev.blockwork.cli.boot.Launch;
import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The runnable jar's Main-Class: loads on any JVM from Java 8, refuses one older than 25 in one clear line. */
class LaunchTest {
    private static final Path CLASSES = Path.of(System.getProperty("user.dir"), "target", "classes");

    @Test
    void messageNamesWhatIsNeededWhatWasFoundAndWhatToDo() {
        assertThat(Launch.problem("17"))
                .isEqualTo("Blockwork needs Java 25 or newer; found 17; set JAVA_HOME or use ./blockwork");
        assertThat(Launch.problem("1.8")).contains("found 8;");
        assertThat(Launch.problem("24")).contains("found 24;");
        assertThat(Launch.problem("25")).isNull();
        assertThat(Launch.problem("26")).isNull();
        assertThat(Launch.problem("oops")).contains("found oops;");
    }

    @Test
    void launchIsJava8BytecodeSoOldJvmsCanLoadIt() throws Exception {
        try (InputStream in = Files.newInputStream(CLASSES.resolve("dev/blockwork/cli/boot/Launch.class"))) {
            DataInputStream d = new DataInputStream(in);
            assertThat(d.readInt()).isEqualTo(0xCAFEBABE);
            d.readUnsignedShort();
            assertThat(d.readUnsignedShort()).as("class file major version").isEqualTo(52);
        }
    }

    @Test
    void onThisJvmItRunsTheCommand() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Result r = run(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                Launch.class.getName(), "--version");
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(r.out()).contains("blockwork ").contains("java " + Runtime.version()).containsPattern("matmul: (java|native:)");
        // The matmul path is logged at DEBUG only: nothing but the version lines on stdout/stderr.
        assertThat(r.out()).doesNotContain("INFO").doesNotContain("WARNING");
        assertThat(r.out().strip().lines()).hasSize(3);
    }

    @Test
    void onJava17ItSaysWhatIsNeeded() throws Exception {
        Path java17 = findJava17();
        assumeTrue(java17 != null, "no Java 17 on this machine (looked at /usr/bin/java and /usr/lib/jvm/*17*)");
        Result r = run(java17.toString(), "-cp", CLASSES.toString(), Launch.class.getName(), "--version");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out().strip())
                .isEqualTo("Blockwork needs Java 25 or newer; found 17; set JAVA_HOME or use ./blockwork");
    }

    private static Path findJava17() throws Exception {
        List<Path> candidates = new ArrayList<>(List.of(Path.of("/usr/bin/java")));
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (var homes = Files.list(jvms)) {
                homes.filter(h -> h.getFileName().toString().contains("17")).map(h -> h.resolve("bin/java"))
                        .forEach(candidates::add);
            }
        }
        for (Path java : candidates) {
            if (Files.isExecutable(java) && run(java.toString(), "-version").out().contains("version \"17")) return java;
        }
        return null;
    }

    record Result(int code, String out) {}

    private static Result run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("%s finished", String.join(" ", cmd)).isTrue();
        return new Result(p.exitValue(), out);
    }
}
