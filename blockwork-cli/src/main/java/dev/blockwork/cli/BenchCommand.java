package dev.blockwork.cli;

import dev.blockwork.cli.bench.TaskBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code blockwork bench}: benchmarks that print {@code <case> <median> <unit>} lines. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Runs benchmarks, printing one '<case> <median> <unit>' line per case.",
                "References (plain loops, memory bandwidth, NumPy) are measured in the same run.",
                "Suites:",
                "  tasks      scheduler overhead per task",
                "  arrays     chunked arrays vs memory bandwidth and NumPy",
                "  kernels    one-block NDArray kernels vs plain loops",
                "  processes  queues, pipes and pools between JVMs",
                "  async      100,000 sleeping tasks; --cases rss: only their peak RSS,",
                "             each run in a fresh JVM, vs asyncio",
                "  zarr       codecs vs raw file I/O, the example workloads at full size,",
                "             a 16 GiB array in a 1 GiB heap",
                "  linalg     TSQR of 2,000,000 x 100 and svdCompressed of 10000^2 vs NumPy",
                "             and matmul; needs -Xmx12g in BLOCKWORK_JAVA_OPTS",
                "  dashboard  what the live dashboard costs per task",
                "  startup    the first computes in a fresh JVM, with and without an AOT cache",
                "  cluster    a 2-worker local cluster vs threads and processes"})
final class BenchCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "SUITE", description = "tasks, kernels, arrays, processes, async, zarr, linalg, dashboard, startup, cluster (default: tasks).")
    List<String> suites = List.of("tasks");

    @Option(names = "--runs", description = "Timed runs per case (median reported), default ${DEFAULT-VALUE}.")
    int runs = 7;

    @Option(names = "--cases", split = ",", description = "arrays, zarr and async only: run just these cases (async: in-jvm, rss).")
    List<String> cases = List.of();

    @Option(names = "--dashboard", description = "Start the live dashboard first (prints its URL) and watch the benchmark in a browser.")
    boolean dashboard;

    @Option(names = "--dir", description = "zarr only: the directory to write its data under (default: the system's temporary directory).")
    java.nio.file.Path dir;

    @Override
    public Integer call() throws Exception {
        if (dashboard) dev.blockwork.dashboard.Dashboard.start();
        for (String s : suites) {
            switch (s) {
                case "tasks" -> TaskBench.run(System.out, runs);
                case "async" -> {
                    if (cases.isEmpty() || cases.contains("in-jvm")) dev.blockwork.cli.bench.AsyncBench.run(System.out);
                    if (cases.isEmpty() || cases.contains("rss")) dev.blockwork.cli.bench.AsyncRssBench.run(System.out, Math.min(runs, 3));
                }
                case "kernels" -> dev.blockwork.cli.bench.KernelBench.run(System.out);
                case "arrays" -> dev.blockwork.cli.bench.ArrayBench.run(System.out, cases.toArray(new String[0]));
                case "linalg" -> dev.blockwork.cli.bench.LinalgBench.run(System.out, 2_000_000L, 10_000, Math.min(runs, 3));
                case "processes" -> dev.blockwork.cli.bench.ProcessBench.run(System.out);
                case "zarr" -> dev.blockwork.cli.bench.ZarrBench.run(System.out, cases, dir);
                case "dashboard" -> dev.blockwork.cli.bench.DashboardBench.run(System.out, runs);
                case "startup" -> dev.blockwork.cli.bench.StartupBench.run(System.out, runs);
                case "cluster" -> dev.blockwork.cli.bench.ClusterBench.run(System.out, runs);
                default -> {
                    System.err.println("blockwork bench: unknown suite '" + s + "'; expected tasks, kernels, arrays, processes, async, zarr, linalg, dashboard, startup or cluster");
                    return 2;
                }
            }
        }
        return 0;
    }
}
