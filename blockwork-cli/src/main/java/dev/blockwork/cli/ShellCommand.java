package dev.blockwork.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code blockwork shell}: JShell with Blockwork on the class path and the usual imports made, so the seed
 * example runs as typed. Tasks typed in the shell also run on {@code processes} and {@code ProcessPool}:
 * the workers load the snippets' classes from the shell (see docs/process.md, "Code travels with the task").
 */
@Command(name = "shell", mixinStandardHelpOptions = true,
        description = {"Starts JShell with Blockwork on the class path and its usual imports made.",
                "The imports:",
                "  dev.blockwork.array.*           static dev.blockwork.array.DArrays.*",
                "  dev.blockwork.ndarray.*         dev.blockwork.delayed.Delayed",
                "  dev.blockwork.futures.*         dev.blockwork.schedule.*",
                "  dev.blockwork.process.*         dev.blockwork.async.*",
                "Any further arguments go to jshell (a script file, --feedback, ...)."})
final class ShellCommand implements Callable<Integer> {
    /** What the shell imports at start (JShell's own defaults stay). */
    static final String IMPORTS = """
            import dev.blockwork.array.*;
            import static dev.blockwork.array.DArrays.*;
            import dev.blockwork.ndarray.*;
            import dev.blockwork.delayed.Delayed;
            import dev.blockwork.futures.*;
            import dev.blockwork.schedule.*;
            import dev.blockwork.process.*;
            import dev.blockwork.async.*;
            """;

    @Parameters(arity = "0..*", paramLabel = "JSHELL-ARGS", description = "Passed to jshell.")
    List<String> jshellArgs = new ArrayList<>();

    @Override
    public Integer call() throws IOException, InterruptedException {
        Path jshell = Path.of(System.getProperty("java.home"), "bin", "jshell");
        if (!Files.isExecutable(jshell)) {
            System.err.println("blockwork shell: no jshell in " + jshell.getParent() + "; it needs a full JDK 25 (not a JRE)");
            return 2;
        }
        Path startup = Files.createTempFile("blockwork-shell", ".jsh");
        try {
            Files.writeString(startup, IMPORTS);
            return new ProcessBuilder(command(jshell, startup)).inheritIO().start().waitFor();
        } finally {
            Files.deleteIfExists(startup);
        }
    }

    List<String> command(Path jshell, Path startup) {
        List<String> cmd = new ArrayList<>(List.of(jshell.toString(), "--class-path", System.getProperty("java.class.path"),
                "--startup", "DEFAULT", "--startup", startup.toString(),
                "-R--enable-native-access=ALL-UNNAMED", "-R-Dkryo.unsafe=false"));
        cmd.addAll(jshellArgs);
        return cmd;
    }
}
