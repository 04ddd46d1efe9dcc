package dev.blockwork.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code blockwork} command. */
@Command(name = "blockwork", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Parallel and distributed computing for the JVM.",
        subcommands = {DemoCommand.class, BenchCommand.class, ConfigCommand.class, ShellCommand.class, WorkerCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    /** The top-level command; picocli fills in its spec. */
    public Main() {}

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /**
     * {@code --version}: the version, then the diagnostics a bug report needs (the JVM, and which matmul path is
     * active, which library code logs only at DEBUG).
     */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {
                "blockwork 0.1.0-SNAPSHOT",
                "java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ", " + System.getProperty("java.home") + ")",
                "matmul: " + dev.blockwork.ndarray.Blas.activePath()
            };
        }
    }

    /**
     * Runs the command and exits with its status.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }
}
