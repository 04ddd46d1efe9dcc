package dev.blockwork.async;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class TaskGroupTest {

    @Test
    void closeWaitsForEveryChildAndLeavesNoThreadRunning() throws Exception {
        ConcurrentLinkedQueue<Thread> threads = new ConcurrentLinkedQueue<>();
        CountDownLatch go = new CountDownLatch(1);
        List<AsyncTask<Integer>> tasks = new ArrayList<>();
        try (TaskGroup g = TaskGroup.open("leaks")) {
            for (int i = 0; i < 200; i++) {
                int n = i;
                tasks.add(g.spawn(() -> {
                    threads.add(Thread.currentThread());
                    TestWaits.await(go);
                    return n;
                }));
            }
            go.countDown();
        }
        assertThat(threads).hasSize(200).allSatisfy(t -> assertThat(t.isAlive()).as("%s alive", t).isFalse());
        for (int i = 0; i < tasks.size(); i++) {
            assertThat(tasks.get(i).state()).isEqualTo(TaskState.SUCCEEDED);
            assertThat(tasks.get(i).resultNow()).isEqualTo(i);
        }
    }

    @Test
    void oneFailingChildCancelsItsSiblingsAndIsRaised() {
        CountDownLatch siblingsStarted = new CountDownLatch(3);
        CountDownLatch never = new CountDownLatch(1);
        List<AsyncTask<Object>> siblings = new ArrayList<>();
        IllegalStateException boom = new IllegalStateException("boom");
        assertThatThrownBy(() -> {
            try (TaskGroup g = TaskGroup.open()) {
                for (int i = 0; i < 3; i++) {
                    siblings.add(g.spawn(() -> {
                        siblingsStarted.countDown();
                        never.await();
                        return null;
                    }));
                }
                g.spawn(() -> {
                    TestWaits.await(siblingsStarted);
                    throw boom;
                });
            }
        }).isSameAs(boom);
        assertThat(siblings).allSatisfy(t -> assertThat(t.state()).isEqualTo(TaskState.CANCELLED));
        assertThatThrownBy(() -> siblings.getFirst().await())
                .isInstanceOf(CancellationException.class)
                .hasMessageContaining("was cancelled")
                .hasCauseInstanceOf(InterruptedException.class);
    }

    @Test
    void failuresRaisedWhileBeingCancelledAreAttachedAsSuppressed() {
        CountDownLatch started = new CountDownLatch(1);
        IOException cleanup = new IOException("cleanup failed");
        IllegalArgumentException first = new IllegalArgumentException("first");
        assertThatThrownBy(() -> {
            try (TaskGroup g = TaskGroup.open()) {
                g.spawn(() -> {
                    try {
                        started.countDown();
                        new CountDownLatch(1).await();
                        return null;
                    } catch (InterruptedException e) {
                        throw cleanup;
                    }
                });
                g.spawn(() -> {
                    TestWaits.await(started);
                    throw first;
                });
            }
        }).isSameAs(first).satisfies(e -> assertThat(e.getSuppressed()).containsExactly(cleanup));
    }

    @Test
    void checkedFailureArrivesAsCauseOfCompletionException() {
        IOException io = new IOException("disk");
        assertThatThrownBy(() -> {
            try (TaskGroup g = TaskGroup.open()) {
                g.spawn(() -> {
                    throw io;
                });
            }
        }).isInstanceOf(CompletionException.class).hasCause(io);
    }

    @Test
    void cancellationReachesGrandchildrenThroughNestedGroups() throws Exception {
        CountDownLatch grandchildStarted = new CountDownLatch(1);
        AtomicReference<AsyncTask<Object>> grandchild = new AtomicReference<>();
        AtomicReference<Thread> grandchildThread = new AtomicReference<>();
        AsyncTask<Object> child;
        try (TaskGroup outer = TaskGroup.open("outer")) {
            child = outer.spawn(() -> {
                try (TaskGroup inner = TaskGroup.open("inner")) {
                    grandchild.set(inner.spawn(() -> {
                        grandchildThread.set(Thread.currentThread());
                        grandchildStarted.countDown();
                        new CountDownLatch(1).await();
                        return null;
                    }));
                }
                return "unreachable";
            });
            TestWaits.await(grandchildStarted);
            child.cancel();
        }
        assertThat(child.state()).isEqualTo(TaskState.CANCELLED);
        assertThat(grandchild.get().state()).isEqualTo(TaskState.CANCELLED);
        assertThat(grandchildThread.get().isAlive()).isFalse();
    }

    @Test
    void failureInOneBranchCancelsANestedGroupInAnother() {
        CountDownLatch deepStarted = new CountDownLatch(1);
        AtomicReference<AsyncTask<Object>> deep = new AtomicReference<>();
        RuntimeException boom = new RuntimeException("branch failed");
        assertThatThrownBy(() -> {
            try (TaskGroup outer = TaskGroup.open()) {
                outer.spawn(() -> {
                    try (TaskGroup inner = TaskGroup.open()) {
                        deep.set(inner.spawn(() -> {
                            deepStarted.countDown();
                            Async.sleep(TestWaits.LONG.multipliedBy(10));
                            return null;
                        }));
                    }
                    return null;
                });
                outer.spawn(() -> {
                    TestWaits.await(deepStarted);
                    throw boom;
                });
            }
        }).isSameAs(boom);
        assertThat(deep.get().state()).isEqualTo(TaskState.CANCELLED);
    }

    @Test
    void groupOpenedInACancelledTaskStartsCancelled() throws Exception {
        AtomicBoolean bodyRan = new AtomicBoolean();
        AtomicReference<Boolean> cancelled = new AtomicReference<>();
        assertThatThrownBy(() -> Async.run(() -> {
            Async.currentTask().orElseThrow().cancel();
            Thread.interrupted();
            try (TaskGroup g = TaskGroup.open()) {
                cancelled.set(g.isCancelled());
                AsyncTask<Object> t = g.spawn(() -> bodyRan.getAndSet(true));
                t.awaitDone();
            }
            return null;
        })).isInstanceOf(CancellationException.class);
        assertThat(cancelled.get()).isTrue();
        assertThat(bodyRan).isFalse();
    }

    @Test
    void interruptingTheOwnerInCloseCancelsChildrenAndWaitsForThem() throws Exception {
        CountDownLatch childStarted = new CountDownLatch(1);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean flagAfterClose = new AtomicBoolean();
        AtomicReference<AsyncTask<Object>> child = new AtomicReference<>();
        Thread owner = Thread.ofVirtual().start(() -> {
            try (TaskGroup g = TaskGroup.open()) {
                child.set(g.spawn(() -> {
                    childStarted.countDown();
                    new CountDownLatch(1).await();
                    return null;
                }));
            } catch (Throwable t) {
                thrown.set(t);
                flagAfterClose.set(Thread.currentThread().isInterrupted());
            }
        });
        TestWaits.await(childStarted);
        TestWaits.awaitBlocked(owner);
        owner.interrupt();
        owner.join(TestWaits.LONG);
        assertThat(owner.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(CancellationException.class);
        assertThat(flagAfterClose).isTrue();
        assertThat(child.get().state()).isEqualTo(TaskState.CANCELLED);
    }

    @Test
    void explicitCancelIsNotAFailure() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AsyncTask<Object> t;
        try (TaskGroup g = TaskGroup.open()) {
            t = g.spawn(() -> {
                started.countDown();
                new CountDownLatch(1).await();
                return null;
            });
            TestWaits.await(started);
            g.cancel();
        }
        assertThat(t.state()).isEqualTo(TaskState.CANCELLED);
    }

    @Test
    void spawnIntoACancelledGroupNeverRunsTheBody() {
        AtomicBoolean ran = new AtomicBoolean();
        AsyncTask<Boolean> t;
        try (TaskGroup g = TaskGroup.open()) {
            g.cancel();
            t = g.spawn(() -> ran.getAndSet(true));
        }
        assertThat(ran).isFalse();
        assertThat(t.state()).isEqualTo(TaskState.CANCELLED);
    }

    @Test
    void spawnAfterCloseIsRejected() {
        TaskGroup g = TaskGroup.open("done");
        g.close();
        g.close();
        assertThatThrownBy(() -> g.spawn(() -> 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("got spawn(")
                .hasMessageContaining("closed task group 'done'")
                .hasMessageContaining("expected an open group");
    }

    @Test
    void childrenMaySpawnSiblingsWhileTheGroupIsOpen() throws Exception {
        AtomicReference<AsyncTask<String>> sibling = new AtomicReference<>();
        try (TaskGroup g = TaskGroup.open()) {
            g.spawn(() -> {
                sibling.set(g.spawn(() -> "sibling"));
                return null;
            });
        }
        assertThat(sibling.get().await()).isEqualTo("sibling");
    }
}
