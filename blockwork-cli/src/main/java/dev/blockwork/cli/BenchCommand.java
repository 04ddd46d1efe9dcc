package dev.blockwork.cli;

import dev.blockwork.cli.bench.TaskBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code blockwork bench}: benchmarks that print {@code <case> <median> <unit>} lines. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Runs benchmarks; each line is '<case> <median> <unit>', with references measured in the same run.",
                "Suites: tasks (scheduler overhead), arrays (chunked arrays vs memory bandwidth and NumPy),",
                "kernels (one-block NDArray kernels vs plain loops), processes (queues, pipes, pools between JVMs),", "async (100,000 sleeping tasks), dashboard (what the live dashboard costs per task)."})
final class BenchCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "SUITE", description = "tasks, kernels, arrays, processes, async, dashboard (default: tasks).")
    List<String> suites = List.of("tasks");

    @Option(names = "--runs", description = "Timed runs per case (median reported), default ${DEFAULT-VALUE}.")
    int runs = 7;

    @Option(names = "--cases", split = ",", description = "arrays only: run just these cases.")
    List<String> cases = List.of();

    @Option(names = "--dashboard", description = "Start the live dashboard first (prints its URL) and watch the benchmark in a browser.")
    boolean dashboard;

    @Override
    public Integer call() throws Exception {
        if (dashboard) dev.blockwork.dashboard.Dashboard.start();
        for (String s : suites) {
            switch (s) {
                case "tasks" -> TaskBench.run(System.out, runs);
                case "async" -> dev.blockwork.async.bench.AsyncBench.run(System.out);
                case "kernels" -> dev.blockwork.ndarray.bench.KernelBench.run(System.out);
                case "arrays" -> dev.blockwork.array.bench.ArrayBench.run(System.out, cases.toArray(new String[0]));
                case "processes" -> dev.blockwork.cli.bench.ProcessBench.run(System.out);
                case "dashboard" -> dev.blockwork.cli.bench.DashboardBench.run(System.out, runs);
                default -> {
                    System.err.println("blockwork bench: unknown suite '" + s + "'; expected tasks, kernels, arrays, processes, async or dashboard");
                    return 2;
                }
            }
        }
        return 0;
    }
}
