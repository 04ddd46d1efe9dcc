package dev.blockwork.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blockwork.schedule.ComputeOptions;
import dev.blockwork.delayed.Delayed;
import dev.blockwork.process.schedule.ProcessesScheduler;
import dev.blockwork.schedule.Scheduler;
import dev.blockwork.schedule.Schedulers;
import dev.blockwork.schedule.TaskFailedException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Graphs computed with scheduler=processes on worker JVMs. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProcessesSchedulerTest {
    static final ProcessesScheduler S = new ProcessesScheduler(2);

    @AfterAll
    static void stop() throws InterruptedException {
        S.close();
        Leaks.assertClean();
    }

    static ComputeOptions on(Scheduler s) { return ComputeOptions.defaults().withScheduler(s).withProgress(false); }

    static int inc(int x) { return x + 1; }

    static int add(int a, int b) { return a + b; }

    static long pid(int ignored) { return ProcessHandle.current().pid(); }

    static int boom(int x) { throw new IllegalStateException("boom " + x); }

    @Test
    void registeredUnderItsNameAndComputesAGraphOnWorkers() {
        assertThat(Schedulers.get("processes").name()).isEqualTo("processes");
        Delayed<Integer> a = Delayed.of(ProcessesSchedulerTest::inc, 1);
        Delayed<Integer> b = Delayed.of(ProcessesSchedulerTest::inc, 2);
        Delayed<Integer> c = Delayed.of(ProcessesSchedulerTest::add, a, b);
        assertThat(c.compute(on(S))).isEqualTo(5);
        Delayed<Long> p = Delayed.of(ProcessesSchedulerTest::pid, 0);
        assertThat(p.compute(on(S))).isNotEqualTo(ProcessHandle.current().pid());
    }

    @Test
    void wideGraphAndAFailureNamingTheTask() {
        List<Delayed<Integer>> parts = new ArrayList<>();
        for (int i = 0; i < 50; i++) parts.add(Delayed.of(ProcessesSchedulerTest::inc, i));
        Delayed<Integer> sum = parts.getFirst();
        for (int i = 1; i < parts.size(); i++) sum = Delayed.of(ProcessesSchedulerTest::add, sum, parts.get(i));
        assertThat(sum.compute(on(S))).isEqualTo(50 * 51 / 2);
        Delayed<Integer> bad = Delayed.of(ProcessesSchedulerTest::inc, Delayed.of(ProcessesSchedulerTest::boom, 7));
        assertThatThrownBy(() -> bad.compute(on(S))).isInstanceOf(TaskFailedException.class).hasMessageContaining("boom 7");
    }
}
