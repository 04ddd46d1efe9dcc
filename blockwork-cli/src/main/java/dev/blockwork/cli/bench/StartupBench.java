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
 * Start-up cost: the seed example's first compute in a fresh JVM, and its first ten, with and without Java 25's
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
     * Child mode: prints {@code <ms since JVM start to the first result> <ms of the first compute> <ms of computes 2-10>}.
     *
     * @param args {@code --child}
     */
    public static void main(String[] args) {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        long t0 = System.nanoTime();
        double s = seed();
        long t1 = System.nanoTime();
        for (int i = 0; i < 9; i++) s += seed();
        long t2 = System.nanoTime();
        if (s != 10 * 3_000_000.0) throw new IllegalStateException("seed example gave " + s);
        System.out.printf(java.util.Locale.ROOT, "%d %.3f %.3f%n", System.currentTimeMillis() - jvmStart, (t1 - t0) / 1e6, (t2 - t1) / 9e6);
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
        double[] total = new double[runs], first = new double[runs], next = new double[runs];
        for (int r = 0; r < runs; r++) {
            List<String> cmd = new ArrayList<>(jvm);
            cmd.addAll(List.of(StartupBench.class.getName(), "--child"));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String o = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IllegalStateException(name + ": child JVM failed: " + o);
            String[] f = o.lines().reduce((a, b) -> b).orElse("").split(" ");
            total[r] = Double.parseDouble(f[0]);
            first[r] = Double.parseDouble(f[1]);
            next[r] = Double.parseDouble(f[2]);
        }
        ProcessBench.line(out, name + "_jvm_start_to_first_result", ProcessBench.median(total), "ms");
        ProcessBench.line(out, name + "_first_compute", ProcessBench.median(first), "ms");
        ProcessBench.line(out, name + "_computes_2_to_10", ProcessBench.median(next), "ms/compute");
    }

    private static void numpy(PrintStream out, int runs) throws InterruptedException {
        String script = String.join("\n",
                "import time, numpy as np",
                "t0 = time.perf_counter(); x = np.ones((1000, 1000)); s = (x + x * 2).sum(); t1 = time.perf_counter()",
                "for i in range(9): s += (np.ones((1000, 1000)) * 3).sum()",
                "t2 = time.perf_counter(); print('%.3f %.3f' % ((t1 - t0) * 1e3, (t2 - t1) / 9 * 1e3))");
        double[] first = new double[runs], next = new double[runs];
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
                next[r] = Double.parseDouble(f[1]);
            }
        } catch (IOException e) {
            out.println("# numpy: not measured (no python3 on the PATH)");
            return;
        }
        ProcessBench.line(out, "reference_numpy_first_compute", ProcessBench.median(first), "ms");
        ProcessBench.line(out, "reference_numpy_computes_2_to_10", ProcessBench.median(next), "ms/compute");
    }
}
