package dev.blockwork.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Crash isolation: workers that exit, run out of memory or get kill -9 mid-task. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class PoolCrashTest {
    @AfterAll
    static void noLeaks() throws InterruptedException { Leaks.assertClean(); }

    @Test
    void killMinus9MidTaskRetriesOnAFreshWorker() throws Exception {
        try (ProcessPool pool = ProcessPool.create(new PoolOptions().processes(1).maxRetries(2));
             ProcessQueue<Long> started = ProcessQueue.create()) {
            long first = pool.workerPids().getFirst();
            CompletableFuture<Long> f = pool.applyAsync(() -> {
                try (ProcessQueue<Long> q = started) {
                    q.put(ProcessHandle.current().pid());
                }
                Thread.sleep(2_000); // killed in here on the first attempt
                return ProcessHandle.current().pid();
            });
            long victim = started.poll(30, TimeUnit.SECONDS);
            assertThat(victim).isEqualTo(first);
            new ProcessBuilder("kill", "-9", Long.toString(victim)).start().waitFor();
            long second = started.poll(30, TimeUnit.SECONDS);
            assertThat(second).isNotEqualTo(first);
            assertThat(f.get(30, TimeUnit.SECONDS)).isEqualTo(second);
            assertThat(pool.<Integer, Integer>map(x -> x + 1, List.of(1, 2))).containsExactly(2, 3);
        }
    }

    @Test
    void systemExitAndOutOfMemoryFailOnlyTheirTaskAfterRetries() {
        try (ProcessPool pool = ProcessPool.create(new PoolOptions().processes(1).maxRetries(1).jvmArgs("-Xmx48m")
                .output(WorkerProcess.Output.CAPTURE))) {
            assertThatThrownBy(() -> pool.apply(() -> { System.exit(7); return 0; }))
                    .isInstanceOf(WorkerDiedException.class).hasMessageContaining("exit status 7")
                    .hasMessageContaining("tried 2 times").hasMessageContaining("pool-worker-0");
            assertThatThrownBy(() -> pool.apply(() -> {
                List<long[]> hog = new java.util.ArrayList<>();
                while (true) hog.add(new long[1 << 20]);
            })).satisfiesAnyOf(t -> assertThat(t).isInstanceOf(WorkerDiedException.class), // killed while throwing
                    t -> assertThat(t).isInstanceOf(RemoteTaskException.class).cause().isInstanceOf(OutOfMemoryError.class));
            assertThat(pool.apply(() -> "still serving")).isEqualTo("still serving");
        }
    }

    @Test
    void initializerAndMaxTasksPerChildReplaceWorkers() {
        try (ProcessPool pool = ProcessPool.create(new PoolOptions().processes(1).maxTasksPerChild(2)
                .initializer(() -> System.setProperty("init.ran", "yes")))) {
            List<String> r = pool.map(x -> System.getProperty("init.ran") + ":" + ProcessHandle.current().pid(),
                    IntStream.range(0, 6).boxed().toList(), 1);
            assertThat(r).allMatch(s -> s.startsWith("yes:"));
            Set<String> pids = new HashSet<>(r.stream().map(s -> s.substring(4)).toList());
            assertThat(pids).hasSize(3);
        }
    }

    @Test
    void aFailingInitializerBreaksThePoolInsteadOfHanging() {
        try (ProcessPool pool = ProcessPool.create(new PoolOptions().processes(1).maxRetries(1)
                .output(WorkerProcess.Output.CAPTURE).initializer(() -> { throw new IllegalStateException("no init"); }))) {
            assertThatThrownBy(() -> pool.apply(() -> 1)).isInstanceOf(WorkerDiedException.class)
                    .hasMessageContaining("during start-up");
        }
    }

    @Test
    void terminateCancelsPendingWork() {
        ProcessPool pool = ProcessPool.create(1);
        CompletableFuture<Object> slow = pool.applyAsync(() -> { Thread.sleep(60_000); return 1; });
        CompletableFuture<Object> queued = pool.applyAsync(() -> 2);
        pool.terminate();
        assertThat(queued).isCompletedExceptionally();
        assertThat(slow).isCompletedExceptionally();
        assertThatThrownBy(() -> pool.apply(() -> 3)).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }
}
