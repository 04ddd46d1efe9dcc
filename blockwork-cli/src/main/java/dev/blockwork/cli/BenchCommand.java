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
                "kernels (one-block NDArray kernels vs plain loops), processes (queues, pipes, pools between JVMs),", "async (100,000 sleeping tasks), cluster (a 2-worker local cluster vs threads and processes)."})
final class BenchCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "SUITE", description = "tasks, kernels, arrays, processes, cluster, async (default: tasks).")
    List<String> suites = List.of("tasks");

    @Option(names = "--runs", description = "Timed runs per case (median reported), default ${DEFAULT-VALUE}.")
    int runs = 7;

    @Option(names = "--cases", split = ",", description = "arrays only: run just these cases.")
    List<String> cases = List.of();

    @Override
    public Integer call() throws Exception {
        for (String s : suites) {
            switch (s) {
                case "tasks" -> TaskBench.run(System.out, runs);
                case "async" -> dev.blockwork.async.bench.AsyncBench.run(System.out);
                case "kernels" -> dev.blockwork.ndarray.bench.KernelBench.run(System.out);
                case "arrays" -> dev.blockwork.array.bench.ArrayBench.run(System.out, cases.toArray(new String[0]));
                case "processes" -> dev.blockwork.cli.bench.ProcessBench.run(System.out);
                case "cluster" -> dev.blockwork.cli.bench.ClusterBench.run(System.out, runs);
                default -> {
                    System.err.println("blockwork bench: unknown suite '" + s + "'; expected tasks, kernels, arrays, processes, cluster or async");
                    return 2;
                }
            }
        }
        return 0;
    }
}
