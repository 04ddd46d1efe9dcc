package dev.blockwork.cli.bench;

import static dev.blockwork.array.DArrays.chunks;
import static dev.blockwork.array.DArrays.shape;

import dev.blockwork.array.DArray;
import dev.blockwork.array.DRandom;
import dev.blockwork.ndarray.Blas;
import dev.blockwork.ndarray.NDArray;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The DArray benchmark cases of the issue, one line per case: {@code <case> <median-seconds> s}, followed (where
 * {@code python3} with NumPy is present) by NumPy's median for the same case measured by a small Python subprocess,
 * plus this machine's STREAM-like memory bandwidth measured in the same run. Warm runs: each case runs once
 * before it is timed. Benchmarks, not tests: nothing here asserts a time.
 *
 * <pre>
 * seed           ones((1000,1000), chunks=(100,100)); (x + x*2).compute()
 * add-16k        ones((16000,16000), chunks=2000); (x + x*2).compute()   (child JVM, 6 GiB pre-touched heap)
 * sum-20k        ones((20000,20000), chunks=2000); (x + x*2).sum().compute()
 * sum-20k-nofold the same with constant folding off (child JVM): the fused creation/maths/sum kernel itself
 * mean0-16k     random((16000,16000), chunks=2000).mean(axis=0).compute()
 * std-16k       random((16000,16000), chunks=2000).std().compute()
 * matmul-4k     a @ b, 4000x4000 float64, chunks 1000 (a and b persisted first)
 * big-reduction mean of a random array 4x the heap of a child JVM (-Xmx512m), peak heap reported
 * </pre>
 */
public final class ArrayBench {
    private ArrayBench() {}

    /** A case; {@code childJvmArgs} non-empty runs it in a child JVM with those options (big heap, flags). */
    record Case(String name, int runs, Supplier<Runnable> setup, String numpySetup, String numpyStmt, List<String> childJvmArgs) {
        Case(String name, int runs, Supplier<Runnable> setup, String numpySetup, String numpyStmt) {
            this(name, runs, setup, numpySetup, numpyStmt, List.of());
        }
    }

    static final List<String> BIG_HEAP = List.of("-Xms6g", "-Xmx6g", "-XX:+AlwaysPreTouch");

    static final List<Case> CASES = List.of(
            new Case("seed", 30, () -> {
                DArray x = DArray.ones(shape(1000, 1000), chunks(100, 100));
                DArray z = x.add(x.mul(2));
                return z::compute;
            }, "", "x = np.ones((1000, 1000)); z = x + x * 2"),
            new Case("add-16k", 3, () -> {
                DArray x = DArray.ones(shape(16000, 16000), chunks(2000, 2000));
                DArray z = x.add(x.mul(2));
                return z::compute;
            }, "", "x = np.ones((16000, 16000)); z = x + x * 2; del x, z", BIG_HEAP),
            new Case("sum-20k", 5, () -> {
                DArray x = DArray.ones(shape(20000, 20000), chunks(2000, 2000));
                DArray s = x.add(x.mul(2)).sum();
                return s::compute;
            }, "", "x = np.ones((20000, 20000)); s = (x + x * 2).sum(); del x"),
            new Case("sum-20k-nofold", 3, () -> {
                DArray x = DArray.ones(shape(20000, 20000), chunks(2000, 2000));
                DArray s = x.add(x.mul(2)).sum();
                return s::compute;
            }, "", "", List.of("-Dblockwork.array.constantFolding=false")),
            new Case("mean0-16k", 3, () -> {
                DArray m = new DRandom(0).uniform(shape(16000, 16000), chunks(2000, 2000)).mean(0);
                return m::compute;
            }, "rng = np.random.default_rng(0)", "x = rng.random((16000, 16000)); m = x.mean(axis=0); del x"),
            new Case("std-16k", 3, () -> {
                DArray m = new DRandom(0).uniform(shape(16000, 16000), chunks(2000, 2000)).std();
                return m::compute;
            }, "rng = np.random.default_rng(0)", "x = rng.random((16000, 16000)); s = x.std(); del x"),
            new Case("matmul-4k", 3, () -> {
                DRandom r = new DRandom(1);
                DArray a = r.uniform(shape(4000, 4000), chunks(1000, 1000)).persist();
                DArray b = r.uniform(shape(4000, 4000), chunks(1000, 1000)).add(0.0).persist();
                DArray c = a.matmul(b);
                return c::compute;
            }, "rng = np.random.default_rng(0); a = rng.random((4000, 4000)); b = rng.random((4000, 4000))", "c = a @ b"));

    /**
     * Runs the named cases (all when {@code cases} is empty, or "all"); prints one line per case.
     *
     * @param out   where the lines go
     * @param cases the case names
     * @throws IllegalArgumentException for an unknown case, naming the known ones
     */
    public static void run(PrintStream out, String[] cases) {
        List<String> names = new ArrayList<>();
        for (Case c : CASES) names.add(c.name);
        names.add("big-reduction");
        List<String> selected = cases == null || cases.length == 0 || (cases.length == 1 && cases[0].equals("all"))
                ? names : Arrays.asList(cases);
        for (String s : selected) {
            if (!names.contains(s)) throw new IllegalArgumentException("unknown case '" + s + "', expected one of " + names);
        }
        double[] bw = MemoryBandwidth.measure(1 << 24);
        out.printf("memory bandwidth (Java STREAM-like, %d threads): copy %.1f GB/s, triad %.1f GB/s%n",
                Runtime.getRuntime().availableProcessors(), bw[0], bw[1]);
        out.println("BLAS: " + Blas.activePath() + "; max heap " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB");
        boolean numpy = hasNumpy();
        for (Case c : CASES) {
            if (!selected.contains(c.name)) continue;
            if (c.childJvmArgs.isEmpty()) {
                out.println(c.name + " " + timed(c.setup.get(), c.runs));
            } else {
                out.println(child(c.childJvmArgs, List.of("--child", c.name), c.name) + "   (child JVM " + String.join(" ", c.childJvmArgs) + ")");
            }
            if (numpy && !c.numpyStmt.isEmpty()) {
                String np = numpyTime(c);
                out.println("  numpy " + c.name + " " + np);
            }
            System.gc();
        }
        if (selected.contains("big-reduction")) out.println(bigReduction());
    }

    /** Runs {@code ArrayBench args} (or {@code main} of {@code mainClass}) in a child JVM and returns its last output line. */
    static String child(List<String> jvmArgs, List<String> args, String name) {
        String java = ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java");
        List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED"));
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), ArrayBench.class.getName()));
        cmd.addAll(args);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            List<String> lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).lines()
                    .filter(l -> !l.contains("INFO") && !l.contains("Blas <clinit>")).toList();
            if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0 || lines.isEmpty()) {
                return name + " failed: " + String.join(" | ", lines);
            }
            return lines.get(lines.size() - 1);
        } catch (Exception e) {
            return name + " failed: " + e;
        }
    }

    /**
     * {@code "<median wall> s (cpu <median process CPU> s)"}: on a shared machine the process CPU time per run is
     * much steadier than the wall time (divide by the core count for the wall time an idle machine would give).
     */
    static String timed(Runnable r, int runs) {
        double[] cpu = new double[runs];
        double wall = time(r, runs, cpu);
        Arrays.sort(cpu);
        return String.format(java.util.Locale.ROOT, "%.4f s (cpu %.4f s)", wall, cpu[runs / 2]);
    }

    static double time(Runnable r, int runs) { return time(r, runs, new double[runs]); }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static double time(Runnable r, int runs, double[] cpu) {
        r.run(); // warm
        if (runs >= 10) { // small cases: let the JIT settle (C2 on a busy 2-core machine needs a few hundred runs)
            for (int i = 0; i < 500; i++) r.run();
            System.gc();
        }
        double[] t = new double[runs];
        for (int i = 0; i < runs; i++) {
            long c0 = processCpuNanos(), t0 = System.nanoTime();
            r.run();
            t[i] = (System.nanoTime() - t0) / 1e9;
            cpu[i] = (processCpuNanos() - c0) / 1e9;
        }
        Arrays.sort(t);
        return t[runs / 2];
    }

    static boolean hasNumpy() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import numpy").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    static String numpyTime(Case c) {
        String script = String.join("\n",
                "import time, numpy as np",
                c.numpySetup,
                "ts = []",
                "for i in range(" + (c.runs + 1) + "):",
                "    t0 = time.perf_counter()",
                "    " + c.numpyStmt,
                "    ts.append(time.perf_counter() - t0)",
                "ts = sorted(ts[1:])",
                "print('%.4f s' % ts[len(ts) // 2])");
        try {
            ProcessBuilder pb = new ProcessBuilder("python3", "-c", script).redirectErrorStream(true);
            pb.environment().remove("OPENBLAS_NUM_THREADS"); // NumPy's reference uses all cores, as NumPy users run it
            Process p = pb.start();
            String o = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "timed out";
            }
            return p.exitValue() == 0 ? o : "failed: " + o.lines().reduce((a, b) -> b).orElse("");
        } catch (Exception e) {
            return "failed: " + e;
        }
    }

    /** Runs {@link LargerThanHeap} in a child JVM with -Xmx512m and reports its time and peak heap. */
    static String bigReduction() {
        String java = ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java");
        List<String> cmd = List.of(java, "-Xmx512m", "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                LargerThanHeap.class.getName());
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            List<String> lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).lines().toList();
            if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) return "big-reduction failed: " + String.join(" | ", lines);
            String[] f = lines.get(lines.size() - 1).trim().split(" ");
            return String.format("big-reduction %.4f s   (array %.2f GiB in a child JVM with -Xmx512m: max heap %.0f MiB, peak heap %.0f MiB, mean %.6f)",
                    Double.parseDouble(f[0]), Long.parseLong(f[1]) / (double) (1L << 30), Long.parseLong(f[2]) / (double) (1 << 20),
                    Long.parseLong(f[3]) / (double) (1 << 20), Double.parseDouble(f[4]));
        } catch (Exception e) {
            return "big-reduction failed: " + e;
        }
    }

    /**
     * {@code ArrayBench [case...]}; {@code --child <case>} times one case in this JVM (used for child JVMs).
     *
     * @param args the case names, or {@code --child <case>}
     */
    public static void main(String[] args) {
        if (args.length == 2 && args[0].equals("--child")) {
            for (Case c : CASES) if (c.name.equals(args[1])) System.out.println(c.name + " " + timed(c.setup.get(), c.runs));
            return;
        }
        run(System.out, args);
    }
}
