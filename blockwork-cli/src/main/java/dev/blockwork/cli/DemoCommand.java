package dev.blockwork.cli;

import dev.blockwork.cli.demo.Demo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code blockwork demo}: the seed tutorial's examples, in Java. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs the seed tutorial's examples, printing what each computed and its time.",
                "The parts:",
                "  1  " + Demo.PART_1,
                "  2  " + Demo.PART_2,
                "  3  " + Demo.PART_3,
                "  4  " + Demo.PART_4,
                "  5  " + Demo.PART_5})
final class DemoCommand implements Callable<Integer> {
    @Option(names = {"-p", "--part"}, split = ",", paramLabel = "N", description = "Run only these parts (1-5), e.g. --part 1,4.")
    List<Integer> parts = List.of(1, 2, 3, 4, 5);

    @Option(names = "--quick", description = "Smaller sizes and counts (a few seconds in all): the same parts and checks.")
    boolean quick;

    @Option(names = "--dashboard", description = "Start the live dashboard first and print its URL; on a terminal, keep it open after the demo until Enter is pressed.")
    boolean dashboard;

    @Override
    public Integer call() throws Exception {
        for (int p : parts) {
            if (p < 1 || p > 5) {
                System.err.println("blockwork demo: no part " + p + "; the parts are 1, 2, 3, 4 and 5");
                return 2;
            }
        }
        dev.blockwork.dashboard.Dashboard board = dashboard ? dev.blockwork.dashboard.Dashboard.start() : null;
        Demo.run(System.out, parts, quick);
        if (board != null && System.console() != null) {
            System.out.println("The dashboard stays open at " + board.url() + " : press Enter to stop.");
            System.console().readLine();
        }
        return 0;
    }
}
