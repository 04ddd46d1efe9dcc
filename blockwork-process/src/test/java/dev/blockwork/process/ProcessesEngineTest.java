package dev.blockwork.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blockwork.delayed.Delayed;
import dev.blockwork.process.schedule.ProcessesScheduler;
import dev.blockwork.schedule.Compute;
import dev.blockwork.schedule.ComputeInfo;
import dev.blockwork.schedule.ComputeOptions;
import dev.blockwork.schedule.Computation;
import dev.blockwork.schedule.KilledWorkerException;
import dev.blockwork.schedule.RetryPolicy;
import dev.blockwork.schedule.SchedulerListener;
import dev.blockwork.schedule.TaskEvent;
import dev.blockwork.schedule.TaskState;
import dev.blockwork.schedule.WorkerLostException;
import dev.blockwork.testing.Signals;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The engine's worker-death rules on real worker JVMs: a task whose worker is killed is retried by the
 * engine (visible to listeners), a task that kills every worker fails with {@link KilledWorkerException},
 * and one outside kill of a starting worker never breaks a pool.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ProcessesEngineTest {
    static final ProcessesScheduler S = new ProcessesScheduler(1);

    @AfterAll
    static void stop() throws InterruptedException {
        S.close();
        Leaks.assertClean();
    }

    static ComputeOptions on() { return ComputeOptions.defaults().withScheduler(S).withProgress(false); }

    /** kill -9 of this very JVM: the real signal, sent from inside the worker. */
    static void killMyself() throws Exception {
        new ProcessBuilder("kill", "-9", Long.toString(ProcessHandle.current().pid())).start().waitFor();
        Thread.sleep(60_000); // the signal lands in here
    }

    /** Dies on its first run (the count lives in the test JVM), then returns its attempt number. */
    static int diesOnce(Signals.Handle h, int x) throws Exception {
        int attempt = h.fire();
        if (attempt == 1) killMyself();
        return attempt * 100 + x;
    }

    static int diesAlways(int x) throws Exception {
        killMyself();
        return x;
    }

    @Test
    void aTaskWhoseWorkerIsKilledIsRetriedByTheEngineAndListenersSeeTheRetry() {
        try (Signals signals = new Signals()) {
            Signals.Handle h = signals.handle("dies-once");
            Delayed<Integer> d = Delayed.of((Integer x) -> diesOnce(h, x), 7);
            ConcurrentLinkedQueue<Throwable> causes = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<TaskEvent> finished = new ConcurrentLinkedQueue<>();
            SchedulerListener l = new SchedulerListener() {
                @Override public void onTaskRetry(ComputeInfo c, TaskEvent e, Throwable cause) { causes.add(cause); }
                @Override public void onTaskFinish(ComputeInfo c, TaskEvent e) { finished.add(e); }
            };
            Computation<Integer> run = d.computeAsync(on().withListener(l));
            assertThat(Compute.await(run)).isEqualTo(207);
            assertThat(causes).singleElement().isInstanceOf(WorkerLostException.class).isInstanceOf(WorkerDiedException.class)
                    .satisfies(c -> assertThat(c.getMessage()).contains("killed by signal 9"));
            assertThat(finished).singleElement().satisfies(e -> {
                assertThat(e.state()).isEqualTo(TaskState.DONE);
                assertThat(e.attempt()).isEqualTo(2);
                assertThat(e.worker()).matches("processes-worker-0\\.\\d+ \\(pid \\d+\\)");
            });
            assertThat(run.info().story(d.key())).anySatisfy(t -> {
                assertThat(t.to()).isEqualTo(TaskState.READY);
                assertThat(t.reason()).startsWith("worker lost");
            });
            run.info().validate();
        }
    }

    @Test
    void aTaskThatKillsEveryWorkerFailsWithKilledWorkerNamingIt() {
        Delayed<Integer> d = Delayed.of(ProcessesEngineTest::diesAlways, 1);
        assertThatThrownBy(() -> d.compute(on().withRetryPolicy(new RetryPolicy(0, 1))))
                .isInstanceOf(KilledWorkerException.class)
                .hasMessageContaining(d.key().toString())
                .hasMessageContaining("killed 2 workers")
                .satisfies(e -> assertThat(((KilledWorkerException) e).workersKilled()).isEqualTo(2));
        assertThat(Delayed.of((Integer x) -> x + 1, 1).compute(on().withTimeout(Duration.ofSeconds(60)))).isEqualTo(2); // still serving
    }

    @Test
    void oneOutsideKillOfAStartingWorkerNeverBreaksThePool() throws Exception {
        try (ProcessPool pool = ProcessPool.create(new PoolOptions().processes(1).maxRetries(0)
                .output(WorkerProcess.Output.CAPTURE))) {
            long starting = pool.workerPids().getFirst();
            new ProcessBuilder("kill", "-9", Long.toString(starting)).start().waitFor();
            assertThat(pool.<Integer, Integer>map(x -> x + 1, List.of(1, 2, 3))).containsExactly(2, 3, 4);
            assertThat(pool.workerPids().getFirst()).isNotEqualTo(starting);
        }
    }

    @Test
    void workerEventsNameEachStartAndDeathWithTheReason() throws Exception {
        ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();
        SchedulerListener l = new SchedulerListener() {
            @Override public void onWorkerAdded(dev.blockwork.schedule.WorkerEvent e) {
                if (e.pool().equals("events-test")) seen.add("+" + e.worker());
            }
            @Override public void onWorkerRemoved(dev.blockwork.schedule.WorkerEvent e) {
                if (e.pool().equals("events-test")) seen.add("-" + e.worker() + ": " + e.reason());
            }
        };
        try (AutoCloseable registration = dev.blockwork.schedule.Listeners.register(l)) {
            try (ProcessPool pool = ProcessPool.create(new PoolOptions().processes(1).name("events-test"))) {
                assertThat(pool.apply(() -> 1)).isEqualTo(1); // started and serving
                new ProcessBuilder("kill", "-9", Long.toString(pool.workerPids().getFirst())).start().waitFor();
                assertThat(pool.<Integer, Integer>map(x -> x + 1, List.of(1))).containsExactly(2);
            }
        }
        assertThat(seen).containsExactly(
                "+events-test-worker-0.1",
                "-events-test-worker-0.1: died with exit status 137 (killed by signal 9, SIGKILL: kill -9 or out of memory)",
                "+events-test-worker-0.2",
                "-events-test-worker-0.2: pool closed");
    }
}
