package dev.blockwork.cli;

import dev.blockwork.config.Setting;
import dev.blockwork.config.Settings;
import dev.blockwork.config.SettingsGroup;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** {@code blockwork config}: every setting with the value in force, or the reference table. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = {"Prints every Blockwork setting with the value in force here.",
                "A value comes from the system property blockwork.KEY, the environment",
                "variable BLOCKWORK_KEY or the config file; else the default is shown."})
final class ConfigCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--markdown", description = "Print the reference table (docs/configuration.md) instead.")
    boolean markdown;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        if (markdown) {
            out.print(Settings.table());
        } else {
            for (SettingsGroup g : Settings.groups()) {
                out.println("# " + g.module());
                for (Setting s : g.settings()) {
                    String v = s.get(null);
                    out.printf("%-36s %s%n", s.key(), v == null ? "(" + s.defaultText() + ")" : v);
                }
            }
        }
        out.flush();
    }
}
