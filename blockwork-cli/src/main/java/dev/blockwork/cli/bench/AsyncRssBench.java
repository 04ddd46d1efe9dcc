package dev.blockwork.cli.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Peak resident memory of 100,000 sleepers, each in a fresh process so that nothing else is counted: one
 * {@link AsyncSleepers} child JVM per run and JVM flag set (no flags inherited from this JVM or the launcher),
 * and the same workload on Python's asyncio where {@code python3} is on the PATH (without it, the Java figures
 * only). Each sleeper is spawned in a task group, sleeps {@link #SLEEP_MS} ms and returns; asyncio's are
 * {@code asyncio.sleep} coroutines under {@code asyncio.gather} (the reference) and coroutines that
 * await it under an {@code asyncio.TaskGroup} (the same shape as the Java case).
 *
 * <p>Prints {@code rss-100k-sleepers-<config> <median VmHWM> MB} per case, the median over the runs, with
 * {@code #} lines giving each config's flags, each run's figures and the heap used/committed at its end.
 * Peak RSS is the kernel's high-water mark ({@code VmHWM} in {@code /proc/self/status}; Python's
 * {@code ru_maxrss}, the same counter). Takes about 5 s per run on 2 cores.
 */
public final class AsyncRssBench {
    /** Sleepers per run. */
    public static final int TASKS = 100_000;
    /** How long each sleeper sleeps, in milliseconds. */
    public static final long SLEEP_MS = 1_000;

    /**
     * One JVM flag set: a case-name suffix, the flags and the child's warm-up rounds (0: a cold JVM), documented in
     * docs/PERFORMANCE.md with their figures (docs/async.md says which to use).
     */
    private record Config(String name, List<String> flags, int warmups) {
        Config(String name, List<String> flags) {
            this(name, flags, 0);
        }
    }

    /** Warm-up rounds of the {@code lean-warm} case: enough for the JIT to compile the sleep path (C2) first. */
    static final int WARMUP_ROUNDS = 5;

    /**
     * The flags that bound a huge number of sleepers best in the measurements of docs/PERFORMANCE.md: the
     * serial collector (no G1 remembered sets, marking bitmaps or concurrent threads), compact object headers
     * (8-byte headers: each task's objects and its stack chunk are smaller) and a 16 MB young generation
     * (the young generation is sized from the initial heap, a 64th of RAM, and all of it is touched before the
     * first collection; sleeping tasks outlive it anyway).
     */
    public static final List<String> LEAN_FLAGS = List.of("-XX:+UseSerialGC", "-XX:+UseCompactObjectHeaders", "-Xmn16m");

    private static final List<Config> CONFIGS = List.of(
            new Config("jdk-default", List.of()),
            new Config("parallel-gc", List.of("-XX:+UseParallelGC")),
            new Config("serial-gc", List.of("-XX:+UseSerialGC")),
            new Config("xmx256m", List.of("-Xmx256m")),
            new Config("heap-free-ratio", List.of("-XX:MinHeapFreeRatio=5", "-XX:MaxHeapFreeRatio=10")),
            new Config("c1-only", List.of("-XX:TieredStopAtLevel=1")),
            new Config("no-thread-tracking", List.of("-Djdk.trackAllThreads=false")),
            new Config("compact-headers", List.of("-XX:+UseCompactObjectHeaders")),
            new Config("young-16m", List.of("-Xmn16m")),
            new Config("serial-young-16m", List.of("-XX:+UseSerialGC", "-Xmn16m")),
            new Config("lean", LEAN_FLAGS),
            new Config("lean-xbatch", concat(LEAN_FLAGS, List.of("-Xbatch"))),
            new Config("lean-warm", LEAN_FLAGS, WARMUP_ROUNDS));

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    private static final String PYTHON = String.join("\n",
            "import asyncio, resource, sys, time",
            "n, s, shape = int(sys.argv[1]), float(sys.argv[2]), sys.argv[3]",
            "async def sleeper():",
            "    await asyncio.sleep(s)",
            "async def gather():",
            "    await asyncio.gather(*(asyncio.sleep(s) for _ in range(n)))",
            "async def group():",
            "    async with asyncio.TaskGroup() as g:",
            "        for _ in range(n):",
            "            g.create_task(sleeper())",
            "t = time.perf_counter()",
            "asyncio.run(gather() if shape == 'gather' else group())",
            "print('seconds=%.3f vmhwm_kb=%d' % (time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))");

    private AsyncRssBench() {}

    /**
     * Runs every config {@code runs} times, each in a fresh process, and prints the results to {@code out}.
     *
     * @param out where the results go
     * @param runs fresh processes per config (the median is printed)
     * @throws IOException if a child JVM cannot be started
     * @throws InterruptedException if interrupted while waiting for a child
     */
    public static void run(PrintStream out, int runs) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("java.class.path");
        out.printf("# async rss: %d sleepers of %d ms per fresh process, %d runs per config, median VmHWM;"
                + " java %s, %d cpus%n", TASKS, SLEEP_MS, runs, Runtime.version(), Runtime.getRuntime().availableProcessors());
        for (Config c : CONFIGS) {
            List<String> cmd = new ArrayList<>(List.of(java));
            cmd.addAll(c.flags());
            cmd.addAll(List.of("-cp", classPath, AsyncSleepers.class.getName(), Integer.toString(TASKS),
                    Long.toString(SLEEP_MS), Integer.toString(c.warmups())));
            report(out, c.name(), "flags: " + (c.flags().isEmpty() ? "(none)" : String.join(" ", c.flags()))
                    + (c.warmups() == 0 ? "" : "; first " + c.warmups() + " warm-up rounds of " + AsyncSleepers.WARMUP_TASKS
                    + " sleepers of 50 ms in the same JVM"), cmd, runs);
        }
        leanWithAotCache(out, java, classPath, runs);
        for (String shape : List.of("gather", "taskgroup")) {
            List<String> cmd = List.of("python3", "-c", PYTHON, Integer.toString(TASKS), Double.toString(SLEEP_MS / 1e3),
                    shape);
            try {
                report(out, "python-asyncio-" + shape, shape.equals("gather")
                        ? "asyncio.gather of asyncio.sleep coroutines" : "asyncio.TaskGroup of coroutines awaiting asyncio.sleep", cmd, runs);
            } catch (IOException e) {
                out.println("# python-asyncio-" + shape + ": not measured (no python3 on the PATH)");
                return;
            } catch (IllegalStateException e) {
                out.println("# python-asyncio-" + shape + ": not measured (" + e.getMessage() + ")");
            }
        }
    }

    /**
     * The lean flags plus a Java 25 AOT cache (JEP 514/515) made by one training run of the same workload: the
     * cached method profiles let the JIT compile the sleep path sooner, so fewer tasks park with big interpreted
     * frames. The training run is not measured; the cache is deleted afterwards.
     */
    private static void leanWithAotCache(PrintStream out, String java, String classPath, int runs)
            throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("blockwork-rss-aot");
        Path cache = dir.resolve("sleepers.aot");
        try {
            List<String> workload = List.of("-cp", classPath, AsyncSleepers.class.getName(), Integer.toString(TASKS),
                    Long.toString(SLEEP_MS));
            List<String> train = new ArrayList<>(List.of(java));
            train.addAll(LEAN_FLAGS);
            train.add("-XX:AOTCacheOutput=" + cache);
            train.addAll(workload);
            runChild("lean-aot-cache (training)", train);
            if (!Files.isRegularFile(cache)) {
                out.println("# lean-aot-cache: not measured (the training run wrote no cache)");
                return;
            }
            List<String> cmd = new ArrayList<>(List.of(java));
            cmd.addAll(LEAN_FLAGS);
            cmd.addAll(List.of("-XX:AOTCache=" + cache, "-Xlog:aot=off", "-Xlog:cds=off"));
            cmd.addAll(workload);
            report(out, "lean-aot-cache", "flags: " + String.join(" ", LEAN_FLAGS)
                    + " -XX:AOTCache=<made by one training run of this workload>", cmd, runs);
        } finally {
            Files.deleteIfExists(cache);
            Files.deleteIfExists(dir.resolve("sleepers.aot.config"));
            Files.deleteIfExists(dir);
        }
    }

    private static void report(PrintStream out, String name, String what, List<String> cmd, int runs)
            throws IOException, InterruptedException {
        double[] rssMb = new double[runs];
        StringBuilder detail = new StringBuilder();
        for (int r = 0; r < runs; r++) {
            Map<String, String> f = runChild(name, cmd);
            rssMb[r] = Long.parseLong(f.get("vmhwm_kb")) / 1024.0;
            detail.append(r == 0 ? "" : "; ").append(String.format("%.0f MB", rssMb[r])).append(" in ")
                    .append(f.get("seconds")).append(" s");
            if (f.containsKey("heap_used_kb")) {
                detail.append(String.format(" (spawn loop %s s; heap at end %.0f MB used, %.0f MB committed)",
                        f.get("spawn_seconds"), Long.parseLong(f.get("heap_used_kb")) / 1024.0,
                        Long.parseLong(f.get("heap_committed_kb")) / 1024.0));
            }
        }
        out.println("# " + name + ": " + what + ": " + detail);
        out.printf("rss-100k-sleepers-%s %.0f MB%n", name, median(rssMb));
    }

    /** Runs one child to completion and returns the fields of its {@code key=value} result line. */
    private static Map<String, String> runChild(String name, List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String o = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("got a failed child for " + name + " (" + String.join(" ", cmd.subList(0, Math.min(cmd.size(), 6)))
                    + " ...), expected a result line; its output: " + o);
        }
        Map<String, String> fields = new HashMap<>();
        for (String kv : o.lines().filter(l -> l.contains("vmhwm_kb=")).reduce((a, b) -> b).orElse("").split(" ")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                fields.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        if (!fields.containsKey("vmhwm_kb")) {
            throw new IllegalStateException("got '" + o + "' from the child for " + name + ", expected a line with vmhwm_kb=");
        }
        return fields;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /**
     * Command-line entry point: prints to standard output.
     *
     * @param args optional: the runs per config (default 3)
     * @throws Exception if a child fails
     */
    public static void main(String[] args) throws Exception {
        run(System.out, args.length > 0 ? Integer.parseInt(args[0]) : 3);
    }
}
