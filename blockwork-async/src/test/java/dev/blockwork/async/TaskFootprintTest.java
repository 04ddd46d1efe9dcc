package dev.blockwork.async;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a task costs while it waits: a parked virtual thread keeps every frame of its stack on the heap, so the
 * library keeps one frame under the body, and the current-task map forgets each body when it ends.
 */
@Timeout(120)
class TaskFootprintTest {

    @Test
    void theBodyRunsWithOneLibraryFrameUnderIt() throws Exception {
        List<String> frames = Async.run(() -> StackWalker.getInstance().walk(s -> s
                .skip(1) // this lambda
                .map(f -> f.getClassName() + "." + f.getMethodName())
                .takeWhile(n -> !n.startsWith("java."))
                .toList()));
        assertThat(frames).containsExactly("dev.blockwork.async.AsyncTask$Body.run");
    }

    @Test
    void theCurrentTaskIsForgottenWhenItsBodyReturnsThrowsOrIsCancelled() throws Exception {
        CountDownLatch inBody = new CountDownLatch(1);
        List<AsyncTask<?>> tasks = new ArrayList<>();
        TaskGroup g = TaskGroup.openTolerant("footprint");
        AsyncTask<Boolean> returns = g.spawn(() -> {
            boolean registered = Async.currentTask().orElseThrow().isBodyRunning();
            return registered;
        });
        AsyncTask<Object> throwsIo = g.spawn(() -> {
            throw new IOException("boom");
        });
        AsyncTask<Object> cancelled = g.spawn(() -> {
            inBody.countDown();
            Async.sleep(TestWaits.LONG);
            return null;
        });
        TestWaits.await(inBody);
        assertThat(cancelled.isBodyRunning()).isTrue();
        cancelled.cancel();
        tasks.addAll(List.of(returns, throwsIo, cancelled));
        g.closeQuietly();
        assertThat(returns.resultNow()).isTrue();
        assertThatThrownBy(throwsIo::await).isInstanceOf(IOException.class);
        assertThat(cancelled.state()).isEqualTo(TaskState.CANCELLED);
        assertThat(tasks).noneMatch(AsyncTask::isBodyRunning);
        assertThat(Async.currentTask()).isEmpty();
    }

    @Test
    void aTaskSpawnedIntoACancelledGroupIsNeverRegistered() {
        try (TaskGroup g = TaskGroup.open()) {
            g.cancel();
            AsyncTask<Object> t = g.spawn(() -> {
                throw new AssertionError("the body of a task spawned cancelled must not run");
            });
            g.closeQuietly();
            assertThat(t.state()).isEqualTo(TaskState.CANCELLED);
            assertThat(t.isBodyRunning()).isFalse();
        }
    }

    @Test
    void aHundredThousandSleepersCompleteAndLeaveNothingBehind() {
        int n = 100_000;
        List<AsyncTask<Integer>> tasks = new ArrayList<>(n);
        try (TaskGroup g = TaskGroup.open("sleepers")) {
            for (int i = 0; i < n; i++) {
                int k = i;
                tasks.add(g.spawn(() -> {
                    Async.sleep(Duration.ofMillis(10));
                    return k;
                }));
            }
        }
        long sum = 0;
        for (AsyncTask<Integer> t : tasks) {
            assertThat(t.state()).isEqualTo(TaskState.SUCCEEDED);
            assertThat(t.isBodyRunning()).isFalse();
            sum += t.resultNow();
        }
        assertThat(sum).isEqualTo((long) n * (n - 1) / 2);
    }

    @Test
    void cancellingAGroupOfSleepersEndsThemAllCancelled() {
        int n = 1_000;
        CountDownLatch asleep = new CountDownLatch(n);
        List<AsyncTask<Object>> tasks = new ArrayList<>(n);
        try (TaskGroup g = TaskGroup.open("cancelled-sleepers")) {
            for (int i = 0; i < n; i++) {
                tasks.add(g.spawn(() -> {
                    asleep.countDown();
                    Async.sleep(TestWaits.LONG.multipliedBy(10)); // only the cancellation ends this in time
                    return null;
                }));
            }
            try {
                TestWaits.await(asleep);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            g.cancel();
        }
        assertThat(tasks).allMatch(t -> t.state() == TaskState.CANCELLED && !t.isBodyRunning());
    }
}
