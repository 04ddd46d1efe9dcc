package dev.blockwork.cli.bench;

import dev.blockwork.async.Async;
import dev.blockwork.async.TaskGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The child JVM of {@link AsyncRssBench}: spawns {@code tasks} sleepers in one {@link TaskGroup} (each sleeps
 * {@code sleepMs} with {@link Async#sleep} and returns), closes the group, then prints one line:
 * {@code seconds=<s> spawn_seconds=<s> vmhwm_kb=<kB> heap_used_kb=<kB> heap_committed_kb=<kB>}. {@code vmhwm_kb}
 * is the process's peak resident set ({@code VmHWM} in {@code /proc/self/status}, read at the end; -1 where
 * there is no such file); the heap figures are {@link Runtime}'s at the end (used includes uncollected garbage).
 * {@code spawn_seconds} is how long the spawn loop took: when it is under the sleep, every sleeper was asleep at
 * once (on a loaded machine the first ones may wake before the last are spawned). The body is only the sleep, so
 * nothing but the library and the JDK is in each task's stack. Nothing else runs in this JVM: no management beans, no sampler thread, no other case.
 */
public final class AsyncSleepers {
    /** Sleepers per warm-up round. */
    static final int WARMUP_TASKS = 10_000;
    private static final Duration WARMUP_SLEEP = Duration.ofMillis(50);

    private AsyncSleepers() {}

    /**
     * Runs the sleepers and prints the line described in the class comment.
     *
     * @param args {@code <tasks> <sleepMs> [<warmupRounds>]}: with warm-up rounds, that many rounds of
     *     {@value #WARMUP_TASKS} sleepers of 50 ms run first (as in a JVM that has served such tasks before, whose
     *     JIT has compiled the sleep path), then a full collection; the peak covers the whole run
     * @throws IOException if {@code /proc/self/status} exists but cannot be read
     */
    public static void main(String[] args) throws IOException {
        int warmups = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        for (int i = 0; i < warmups; i++) {
            run(WARMUP_TASKS, WARMUP_SLEEP);
        }
        if (warmups > 0) {
            System.gc(); // the warm-up's sleepers are garbage: the measured round reuses their pages
        }
        System.out.println(run(Integer.parseInt(args[0]), Duration.ofMillis(Long.parseLong(args[1]))));
    }

    /** Runs {@code tasks} sleepers of {@code sleep} each and returns the result line (class comment). */
    static String run(int tasks, Duration sleep) throws IOException {
        long start = System.nanoTime();
        long spawned;
        try (TaskGroup g = TaskGroup.open("sleepers")) {
            for (int i = 0; i < tasks; i++) {
                g.spawn(() -> {
                    Async.sleep(sleep);
                    return null;
                });
            }
            spawned = System.nanoTime();
        }
        long end = System.nanoTime();
        Runtime rt = Runtime.getRuntime();
        return String.format("seconds=%.3f spawn_seconds=%.3f vmhwm_kb=%d heap_used_kb=%d heap_committed_kb=%d",
                (end - start) / 1e9, (spawned - start) / 1e9, peakRssKb(), (rt.totalMemory() - rt.freeMemory()) >> 10,
                rt.totalMemory() >> 10);
    }

    /** VmHWM from /proc/self/status in kB, or -1 where there is no such file (not Linux). */
    static long peakRssKb() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return -1;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.substring(6).replace("kB", "").strip());
            }
        }
        return -1;
    }
}
