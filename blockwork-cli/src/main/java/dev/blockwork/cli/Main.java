package dev.blockwork.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code blockwork} command. */
@Command(name = "blockwork", mixinStandardHelpOptions = true, version = "blockwork 0.1.0-SNAPSHOT",
        description = "Parallel and distributed computing for the JVM.",
        subcommands = {DemoCommand.class, BenchCommand.class, ConfigCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }
}
