package com.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blockwork.array.DArray;
import dev.blockwork.array.DArrays;
import dev.blockwork.delayed.Delayed;
import dev.blockwork.ndarray.NDArray;
import dev.blockwork.process.PoolOptions;
import dev.blockwork.process.ProcessPool;
import dev.blockwork.process.WorkerProcess;
import dev.blockwork.process.schedule.ProcessesScheduler;
import dev.blockwork.schedule.ComputeOptions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A user's own package (not dev.blockwork) with no settings: the README's ProcessPool snippet, user result
 * types (and the types of their fields), Delayed and DArray.mapBlocks on processes, and a WorkerProcess
 * task all work, because a JVM trusts what it sent and the result types its functions declare. A class
 * that nobody sent or declared is still refused.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class UserClassesOnWorkersTest {
    static final ProcessesScheduler PROCESSES = new ProcessesScheduler(2);

    @AfterAll
    static void stop() { PROCESSES.close(); }

    /** A user result type whose field holds another user type: both must come back. */
    record Summary(int n, List<Part> parts) implements java.io.Serializable {}

    record Part(String name, double weight) implements java.io.Serializable {}

    /** Never sent and never declared as a result type anywhere. */
    static final class Undeclared implements java.io.Serializable {
        final int x = 1;
    }

    static Summary summarize(int n) {
        return new Summary(n, List.of(new Part("p" + n, n * 0.5)));
    }

    @Test
    void theReadmeProcessPoolSnippetWorksFromAUserPackage() {
        try (ProcessPool pool = ProcessPool.create(2)) {
            List<Integer> squares = pool.map(x -> x * x, List.of(1, 2, 3));
            assertThat(squares).containsExactly(1, 4, 9);
        }
    }

    @Test
    void userResultTypesAndTheirFieldTypesComeBack() {
        try (ProcessPool pool = ProcessPool.create(1)) {
            List<Summary> got = pool.map(UserClassesOnWorkersTest::summarize, List.of(1, 2));
            assertThat(got).containsExactly(summarize(1), summarize(2));
        }
    }

    @Test
    void delayedAndMapBlocksRunOnProcessesFromAUserPackage() {
        ComputeOptions on = ComputeOptions.defaults().withScheduler(PROCESSES).withProgress(false);
        Delayed<Summary> s = Delayed.of(UserClassesOnWorkersTest::summarize, Delayed.of((Integer x) -> x + 1, 4));
        assertThat(s.compute(on)).isEqualTo(summarize(5));
        DArray x = DArray.ones(DArrays.shape(40, 40), DArrays.chunks(20, 20));
        NDArray r = x.mapBlocks((b, info) -> b.add(NDArray.scalar(1.0))).compute(on);
        assertThat(r.sum().item()).isEqualTo(3200.0);
    }

    @Test
    void aWorkerProcessRunsAUserTask() throws Exception {
        WorkerProcess w = WorkerProcess.builder().name("user-task").output(WorkerProcess.Output.CAPTURE)
                .start(() -> { if (summarize(3).n() != 3) System.exit(3); });
        assertThat(w.join()).isZero();
    }

    @Test
    void aClassNobodySentOrDeclaredIsStillRefused() {
        try (ProcessPool pool = ProcessPool.create(new PoolOptions().processes(1).output(WorkerProcess.Output.CAPTURE))) {
            assertThatThrownBy(() -> pool.apply(() -> (Object) new Undeclared()))
                    .hasMessageContaining("could not be read").hasMessageContaining(Undeclared.class.getName());
            assertThat(pool.apply(() -> "still serving")).isEqualTo("still serving");
        }
    }
}
