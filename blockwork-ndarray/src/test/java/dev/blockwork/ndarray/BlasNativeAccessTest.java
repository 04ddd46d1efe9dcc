package dev.blockwork.ndarray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Which matmul path a fresh JVM takes with and without {@code --enable-native-access}, and what it prints: without
 * the flag, the Java kernels and Blockwork's one warning line instead of the JDK's four "restricted method" lines.
 */
@Timeout(120)
class BlasNativeAccessTest {

    /** The child: prints the active path and a 2x2 product. */
    public static final class Probe {
        public static void main(String[] args) {
            double[] c = new double[4];
            Blas.dgemm(2, 2, 2, 1, new double[] {1, 2, 3, 4}, 0, 2, new double[] {5, 6, 7, 8}, 0, 2, 0, c, 0, 2);
            System.out.println(Blas.activePath() + " " + Arrays.toString(c));
        }
    }

    private record Run(String stdout, String stderr) {}

    private static Run run(String... flags) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(List.of(flags));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Probe.class.getName()));
        Path err = Files.createTempFile("blas-probe", ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the probe JVM ended").isTrue();
            assertThat(p.exitValue()).as("probe exit status; stderr: %s", Files.readString(err)).isZero();
            return new Run(out, Files.readString(err));
        } finally {
            Files.deleteIfExists(err);
        }
    }

    private static final String PRODUCT = "[19.0, 22.0, 43.0, 50.0]";

    @Test
    void withoutNativeAccessTheJavaKernelsRunAndOneLineSaysWhichFlagToAdd() throws Exception {
        Run r = run();
        assertThat(r.stdout()).isEqualTo("java " + PRODUCT);
        assertThat(r.stderr()).contains("this JVM does not allow native access")
                .contains("--enable-native-access=ALL-UNNAMED")
                .doesNotContain("restricted method");
        assertThat(r.stderr().lines().filter(l -> l.contains("WARNING"))).hasSize(1);
    }

    @Test
    void choosingTheJavaKernelsPrintsNothing() throws Exception {
        Run r = run("-Dblockwork.blas=java");
        assertThat(r.stdout()).isEqualTo("java " + PRODUCT);
        assertThat(r.stderr()).isEmpty();
    }

    @Test
    void withNativeAccessTheSystemBlasRunsSilently() throws Exception {
        assumeTrue(Blas.isNative(), "no native CBLAS on this machine: install the Debian package libopenblas0");
        Run r = run("--enable-native-access=ALL-UNNAMED");
        assertThat(r.stdout()).isEqualTo(Blas.activePath() + " " + PRODUCT).startsWith("native:");
        assertThat(r.stderr()).isEmpty();
        Run allowed = run("--illegal-native-access=allow");  // the JDK's other way to allow it: no warning, BLAS
        assertThat(allowed.stdout()).isEqualTo(Blas.activePath() + " " + PRODUCT);
        assertThat(allowed.stderr()).isEmpty();
        Run forced = run("-Dblockwork.blas=native");  // asked for explicitly: loads, and the JDK warns as it does
        assertThat(forced.stdout()).startsWith("native:").endsWith(PRODUCT);
        assertThat(forced.stderr()).contains("restricted method").doesNotContain("does not allow native access");
    }
}
