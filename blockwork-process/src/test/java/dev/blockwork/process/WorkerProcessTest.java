package dev.blockwork.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blockwork.process.serial.UnserializableException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Starting, joining, killing worker JVMs; exit statuses and output handling. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WorkerProcessTest {
    @AfterAll
    static void noLeaks() throws InterruptedException { Leaks.assertClean(); }

    public static void greet(String who, Integer times) {
        for (int i = 0; i < times; i++) System.out.println("hello " + who);
        System.err.println("done");
    }

    @Test
    void staticMethodWithCapturedOutputAndNoWarnings() throws Exception {
        try (WorkerProcess w = WorkerProcess.builder().name("greeter").output(WorkerProcess.Output.CAPTURE)
                .start(WorkerProcessTest.class, "greet", "world", 2)) {
            assertThat(w.join()).as(w.stderr()).isZero();
            assertThat(w.stdout()).isEqualTo("hello world\nhello world\n");
            assertThat(w.stderr()).isEqualTo("done\n"); // no WARNING lines from the JVM or libraries
        }
    }

    @Test
    void exitStatusesForThrowAndSystemExit() throws Exception {
        try (WorkerProcess t = WorkerProcess.builder().output(WorkerProcess.Output.CAPTURE)
                .start(() -> { throw new IllegalStateException("boom"); });
             WorkerProcess e = WorkerProcess.start(() -> System.exit(42))) {
            assertThat(t.join()).isEqualTo(1);
            assertThat(t.stderr()).contains("IllegalStateException: boom");
            assertThat(e.join()).isEqualTo(42);
        }
    }

    @Test
    void joinTimesOutThenKillEndsTheWorker() throws Exception {
        try (WorkerProcess w = WorkerProcess.start(() -> Thread.sleep(600_000))) {
            assertThat(w.join(50, TimeUnit.MILLISECONDS)).isFalse();
            assertThat(w.isAlive()).isTrue();
            assertThat(w.exitCode()).isEmpty();
            w.kill();
            assertThat(w.join(30, TimeUnit.SECONDS)).isTrue();
            assertThat(w.exitCode()).hasValue(137);
        }
    }

    @Test
    void unserializableTaskFailsAtStartNamingTheClass() {
        Object lock = new Object();
        assertThatThrownBy(() -> WorkerProcess.start(() -> System.out.println(lock)))
                .isInstanceOf(UnserializableException.class).hasMessageContaining("java.lang.Object")
                .hasMessageContaining("worker");
    }
}
