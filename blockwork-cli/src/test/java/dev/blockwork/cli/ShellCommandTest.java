package dev.blockwork.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code blockwork shell} runs the README's seed example as typed, and a lambda typed in the shell runs on
 * worker JVMs. Drives the real jshell, in its own process, with a script.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ShellCommandTest {
    @Test
    void theSeedExampleAndAProcessPoolRunAsTyped(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("seed.jsh");
        Files.writeString(script, """
                DArray x = DArray.ones(shape(1000, 1000), chunks(100, 100));
                DArray z = x.add(x.mul(2));
                System.out.println("total " + z.sum().compute().item());
                try (ProcessPool pool = ProcessPool.create(1)) { System.out.println("squares " + pool.map((Integer i) -> i * i, java.util.List.of(1, 2, 3))); }
                /exit
                """);
        ShellCommand shell = new ShellCommand();
        shell.jshellArgs = java.util.List.of("-J-Duser.home=" + dir, "-R-Duser.home=" + dir, script.toString());
        Path startup = dir.resolve("imports.jsh");
        Files.writeString(startup, ShellCommand.IMPORTS);
        Process p = new ProcessBuilder(shell.command(Path.of(System.getProperty("java.home"), "bin", "jshell"), startup))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(150, TimeUnit.SECONDS)).isTrue();
        assertThat(out).as(out).contains("total 3000000.0").contains("squares [1, 4, 9]").doesNotContain("Exception");
        assertThat(p.exitValue()).as(out).isZero();
    }
}
