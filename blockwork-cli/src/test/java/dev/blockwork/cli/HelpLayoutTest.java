package dev.blockwork.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The help's layout: each command's summary (in {@code blockwork --help}) is a whole sentence; a command's own
 * description is printed line for line as written (nothing wraps it); and no identifier, path or key=value in any
 * description is cut across two lines.
 */
class HelpLayoutTest {
    /** Dotted names (dev.blockwork.futures.*, docs/cluster.md, 127.0.0.1) and key=value words. */
    private static final Pattern IDENTIFIER = Pattern.compile("[\\w$*/\\-]+(?:[.=:][\\w$*/\\-\"]+)+");

    private static final CommandLine MAIN = new CommandLine(new Main());

    /** Blockwork's own commands (picocli's {@code help} has a header, and %n in its description). */
    private static List<CommandLine> ownCommands() {
        return MAIN.getSubcommands().values().stream()
                .filter(c -> !(c.getCommandSpec().userObject() instanceof CommandLine.HelpCommand)).toList();
    }

    @Test
    void everyCommandsSummaryIsAWholeSentence() {
        String help = MainTest.run("--help").out();
        List<String> commands = help.lines().dropWhile(l -> !l.equals("Commands:")).skip(1).toList();
        assertThat(commands).isNotEmpty();
        List<String> summaries = new ArrayList<>();
        for (String line : commands) {
            if (line.matches("  \\S.*")) summaries.add(line.strip().replaceFirst("^\\S+\\s+", ""));
            else summaries.set(summaries.size() - 1, summaries.getLast() + " " + line.strip());
        }
        assertThat(summaries).hasSize(MAIN.getSubcommands().size());
        for (String s : summaries) {
            assertThat(s).as("a command's summary").endsWith(".").doesNotContain(":.");
        }
        for (CommandLine sub : ownCommands()) {
            String first = sub.getCommandSpec().usageMessage().description()[0];
            assertThat(summaries).as("the summary of %s", sub.getCommandName()).contains(first);
        }
    }

    @Test
    void everyCommandsDescriptionIsPrintedUnwrapped() {
        for (CommandLine sub : ownCommands()) {
            List<String> usage = sub.getUsageMessage().lines().toList();
            for (String line : sub.getCommandSpec().usageMessage().description()) {
                assertThat(usage).as("%s --help prints this line whole", sub.getCommandName()).contains(line);
            }
        }
    }

    @Test
    void noIdentifierIsCutAcrossLines() {
        for (CommandLine sub : ownCommands()) {
            CommandSpec spec = sub.getCommandSpec();
            String usage = sub.getUsageMessage();
            List<String> texts = new ArrayList<>(List.of(spec.usageMessage().description()));
            for (ArgSpec a : spec.args()) texts.addAll(List.of(a.description()));
            int checked = 0;
            for (String text : texts) {
                Matcher m = IDENTIFIER.matcher(text);
                while (m.find()) {
                    if (m.group().contains("${")) continue;
                    assertThat(usage).as("%s --help holds '%s' on one line", sub.getCommandName(), m.group()).contains(m.group());
                    checked++;
                }
            }
            if (sub.getCommandName().equals("shell") || sub.getCommandName().equals("worker")) {
                assertThat(checked).as("identifiers checked in %s --help", sub.getCommandName()).isGreaterThan(3);
            }
        }
    }

    @Test
    void shellHelpNamesEveryImportTheShellMakes() {
        String usage = MAIN.getSubcommands().get("shell").getUsageMessage();
        for (String line : ShellCommand.IMPORTS.strip().lines().toList()) {
            String name = line.replaceFirst("^import ", "").replaceFirst(";$", "");
            assertThat(usage).as("shell --help names %s", name).contains(name);
        }
    }
}
