package dev.blockwork.async;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class AsyncTaskTest {

    @Test
    void awaitWithTimeoutLeavesTheTaskRunning() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (TaskGroup g = TaskGroup.open()) {
            AsyncTask<String> t = g.spawn("slow-one", () -> {
                release.await();
                return "done";
            });
            assertThatThrownBy(() -> t.await(TestWaits.SHORT)).isInstanceOf(TimeoutException.class)
                    .hasMessageContaining("got no result from task 'slow-one' within PT0.02S");
            assertThat(t.state()).isEqualTo(TaskState.RUNNING);
            assertThat(t.isDone()).isFalse();
            assertThatThrownBy(t::resultNow).isInstanceOf(IllegalStateException.class)
                    .hasMessage("got state RUNNING for task 'slow-one', expected SUCCEEDED");
            assertThatThrownBy(t::outcomeNow).isInstanceOf(IllegalStateException.class);
            release.countDown();
            assertThat(t.await(TestWaits.LONG)).isEqualTo("done");
            assertThat(t.cancel()).isFalse();
        }
    }

    @Test
    void joinWrapsCheckedFailuresOnly() {
        IOException io = new IOException("checked");
        IllegalStateException ise = new IllegalStateException("unchecked");
        TaskGroup g = TaskGroup.openTolerant("join"); // tolerant: one failure does not cancel the other
        AsyncTask<Object> checked = g.spawn(() -> {
            throw io;
        });
        AsyncTask<Object> unchecked = g.spawn(() -> {
            throw ise;
        });
        g.close();
        assertThatThrownBy(checked::join).isInstanceOf(CompletionException.class).hasCause(io);
        assertThatThrownBy(unchecked::join).isSameAs(ise);
        assertThat(checked.outcomeNow()).isEqualTo(new Outcome.Failure<>(io));
    }

    @Test
    void cancellingDuringTheBodyEndsCancelledAndTheStateSaysSo() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        try (TaskGroup g = TaskGroup.open()) {
            AsyncTask<Object> t = g.spawn(() -> {
                started.countDown();
                new CountDownLatch(1).await();
                return null;
            });
            TestWaits.await(started);
            assertThat(t.cancel()).isTrue();
            assertThat(t.isCancelled()).isTrue();
            assertThat(t.cancel()).isFalse();
            assertThatThrownBy(t::await).isInstanceOf(CancellationException.class)
                    .hasMessageMatching("task '#[0-9a-f]+' was cancelled");
            assertThat(t.state()).isEqualTo(TaskState.CANCELLED);
            assertThat(t.state().isDone()).isTrue();
        }
    }

    @Test
    void toCompletableFutureMirrorsTheOutcome() throws Exception {
        IOException io = new IOException("mirrored");
        TaskGroup g = TaskGroup.openTolerant("mirror");
        AsyncTask<String> ok = g.spawn(() -> "value");
        AsyncTask<String> bad = g.spawn(() -> {
            throw io;
        });
        g.close();
        assertThat(ok.toCompletableFuture().get()).isEqualTo("value");
        assertThatThrownBy(() -> bad.toCompletableFuture().get()).isInstanceOf(ExecutionException.class)
                .hasCause(io);
    }

    @Test
    void awaitingItselfIsRejected() {
        assertThatThrownBy(() -> Async.run(() -> Async.currentTask().orElseThrow().await()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("from its own thread");
    }
}
