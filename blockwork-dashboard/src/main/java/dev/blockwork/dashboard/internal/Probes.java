package dev.blockwork.dashboard.internal;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a tick measures besides the events: this JVM's heap and CPU, and each worker process's resident memory
 * and CPU (from {@code /proc} and {@link ProcessHandle}; -1 where the platform does not say). Used by one
 * thread (the sampler).
 */
public final class Probes {
    private final Map<Long, long[]> lastCpu = new HashMap<>(); // pid -> {cpu nanos, at nanoTime}

    /**
     * Measures now.
     *
     * @param pids worker processes to look at
     * @return the measurements
     */
    public Aggregator.Probe measure(List<Long> pids) {
        Runtime rt = Runtime.getRuntime();
        double heap = (rt.totalMemory() - rt.freeMemory()) / 1048576.0;
        double cpu = -1;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            cpu = os.getProcessCpuLoad();
        }
        Map<Long, double[]> workers = new HashMap<>();
        long now = System.nanoTime();
        for (long pid : pids) {
            double rss = rssMiB(pid);
            double load = -1;
            var info = ProcessHandle.of(pid).map(ProcessHandle::info).flatMap(ProcessHandle.Info::totalCpuDuration);
            if (info.isPresent()) {
                long c = info.get().toNanos();
                long[] prev = lastCpu.put(pid, new long[] {c, now});
                if (prev != null && now > prev[1]) load = (c - prev[0]) / (double) (now - prev[1]);
            }
            workers.put(pid, new double[] {rss, load});
        }
        return new Aggregator.Probe(heap, cpu, workers);
    }

    /** VmRSS of {@code pid} in MiB, or -1. */
    static double rssMiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.substring(6).trim().split("\\s+")[0]) / 1024.0;
            }
        } catch (IOException | RuntimeException e) {
            return -1; // not Linux, or the process has gone
        }
        return -1;
    }
}
