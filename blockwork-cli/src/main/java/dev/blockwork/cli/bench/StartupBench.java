package dev.blockwork.cli.bench;

import static dev.blockwork.array.DArrays.chunks;
import static dev.blockwork.array.DArrays.shape;

import dev.blockwork.array.DArray;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Start-up cost: the seed example's first compute in a fresh JVM, its first ten (in all, and computes 2 to 10 per
 * compute), with and without Java 25's
 * ahead-of-time cache (JEP 514/515: classes loaded and linked, and method profiles, from a training run), next to
 * NumPy's first and next computes of the same expression when {@code python3} with NumPy is present. Each figure is
 * the median over fresh child JVMs.
 */
public final class StartupBench {
    private StartupBench() {}

    /** The seed expression, computed; returns its sum (checked by the caller). */
    private static double seed() {
        DArray x = DArray.ones(shape(1000, 1000), chunks(100, 100));
        return x.add(x.mul(2)).compute().sum().item();
    }

    /**
     * What one fresh JVM measured, in milliseconds; a child prints it as one line of four numbers.
     *
     * @param jvmStartToFirstResult from the JVM's start to the first compute's result
     * @param firstCompute          the first compute
     * @param firstTenComputes      the first ten computes in all, the first included
     * @param computes2To10         computes 2 to 10, per compute
     */
    record ChildTimes(double jvmStartToFirstResult, double firstCompute, double firstTenComputes, double computes2To10) {
        String line() {
            return String.format(java.util.Locale.ROOT, "%.0f %.3f %.3f %.3f", jvmStartToFirstResult, firstCompute, firstTenComputes, computes2To10);
        }

        static ChildTimes parse(String line) {
            String[] f = line.strip().split(" ");
            if (f.length != 4) throw new IllegalArgumentException("got child line '" + line + "', expected 4 numbers (ms)");
            return new ChildTimes(Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]));
        }
    }

    /** Computes the seed example ten times and says how long the first, all ten and the nine after the first took. */
    static ChildTimes measure(long jvmStartMillis) {
        long t0 = System.nanoTime();
        double s = seed();
        long t1 = System.nanoTime();
        long firstResultMillis = System.currentTimeMillis();
        for (int i = 0; i < 9; i++) s += seed();
        long t2 = System.nanoTime();
        if (s != 10 * 3_000_000.0) throw new IllegalStateException("seed example gave " + s + ", expected " + 10 * 3_000_000.0);
        return new ChildTimes(firstResultMillis - jvmStartMillis, (t1 - t0) / 1e6, (t2 - t0) / 1e6, (t2 - t1) / 9e6);
    }

    /**
     * Child mode: prints one {@link ChildTimes} line.
     *
     * @param args {@code --child}
     */
    public static void main(String[] args) {
        System.out.println(measure(ManagementFactory.getRuntimeMXBean().getStartTime()).line());
    }

    /**
     * Runs the start-up cases, printing one line per case.
     *
     * @param out  where the lines go
     * @param runs fresh JVMs per case
     * @throws IOException if a child JVM cannot be started
     * @throws InterruptedException if interrupted while waiting for one
     */
    public static void run(PrintStream out, int runs) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        List<String> base = List.of(java, "--enable-native-access=ALL-UNNAMED", "-XX:+UseParallelGC", "-cp", cp);
        Path dir = Files.createTempDirectory("blockwork-aot");
        try {
            Path aot = dir.resolve("startup.aot");
            List<String> train = new ArrayList<>(base);
            train.addAll(List.of("-XX:AOTCacheOutput=" + aot, StartupBench.class.getName(), "--child"));
            Process p = new ProcessBuilder(train).redirectErrorStream(true).redirectOutput(dir.resolve("train.log").toFile()).start();
            boolean trained = p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0 && Files.isRegularFile(aot);
            out.println("# start-up: " + runs + " fresh JVMs per case; AOT cache " + (trained ? Files.size(aot) / (1 << 20) + " MiB from one training run" : "could not be made"));
            report(out, "startup_seed", base, runs);
            if (trained) {
                List<String> withCache = new ArrayList<>(base);
                withCache.addAll(List.of("-XX:AOTCache=" + aot, "-Xlog:aot=off", "-Xlog:cds=off"));
                report(out, "startup_seed_aot_cache", withCache, runs);
            }
            numpy(out, runs);
        } finally {
            try (var s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static void report(PrintStream out, String name, List<String> jvm, int runs) throws IOException, InterruptedException {
        List<ChildTimes> times = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            List<String> cmd = new ArrayList<>(jvm);
            cmd.addAll(List.of(StartupBench.class.getName(), "--child"));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String o = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IllegalStateException(name + ": child JVM failed: " + o);
            times.add(ChildTimes.parse(o.lines().reduce((a, b) -> b).orElse("")));
        }
        lines(out, name, times);
    }

    /** The case lines of one JVM configuration: each figure's median over its fresh JVMs. */
    static void lines(PrintStream out, String name, List<ChildTimes> times) {
        ProcessBench.line(out, name + "_jvm_start_to_first_result", median(times, ChildTimes::jvmStartToFirstResult), "ms");
        ProcessBench.line(out, name + "_first_compute", median(times, ChildTimes::firstCompute), "ms");
        ProcessBench.line(out, name + "_first_10_computes", median(times, ChildTimes::firstTenComputes), "ms");
        ProcessBench.line(out, name + "_computes_2_to_10", median(times, ChildTimes::computes2To10), "ms/compute");
    }

    private static double median(List<ChildTimes> times, java.util.function.ToDoubleFunction<ChildTimes> figure) {
        return ProcessBench.median(times.stream().mapToDouble(figure).toArray());
    }

    private static void numpy(PrintStream out, int runs) throws InterruptedException {
        String script = String.join("\n",
                "import time, numpy as np",
                "t0 = time.perf_counter(); x = np.ones((1000, 1000)); s = (x + x * 2).sum(); t1 = time.perf_counter()",
                "for i in range(9): s += (np.ones((1000, 1000)) * 3).sum()",
                "t2 = time.perf_counter(); print('%.3f %.3f %.3f' % ((t1 - t0) * 1e3, (t2 - t0) * 1e3, (t2 - t1) / 9 * 1e3))");
        double[] first = new double[runs], firstTen = new double[runs], next = new double[runs];
        try {
            for (int r = 0; r < runs; r++) {
                Process p = new ProcessBuilder("python3", "-c", script).redirectErrorStream(true).start();
                String o = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    out.println("# numpy: not measured (" + o.lines().reduce((a, b) -> b).orElse("python3 failed") + ")");
                    return;
                }
                String[] f = o.split(" ");
                first[r] = Double.parseDouble(f[0]);
                firstTen[r] = Double.parseDouble(f[1]);
                next[r] = Double.parseDouble(f[2]);
            }
        } catch (IOException e) {
            out.println("# numpy: not measured (no python3 on the PATH)");
            return;
        }
        ProcessBench.line(out, "reference_numpy_first_compute", ProcessBench.median(first), "ms");
        ProcessBench.line(out, "reference_numpy_first_10_computes", ProcessBench.median(firstTen), "ms");
        ProcessBench.line(out, "reference_numpy_computes_2_to_10", ProcessBench.median(next), "ms/compute");
    }
}
