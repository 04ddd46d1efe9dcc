package dev.blockwork.schedule;

import dev.blockwork.graph.Graph;
import dev.blockwork.graph.Key;
import dev.blockwork.graph.Task;
import dev.blockwork.graph.TaskLayer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Drives {@link Execution} by hand, as a remote scheduler would, and checks every state it passes through. */
class ExecutionStateMachineTest {

    /** a → b → c and a → c; outputs c. */
    static Plan diamondPlan() {
        Graph g = Graph.of(new TaskLayer("t", List.of(
                new Task(Key.of("t", 0), "a", x -> 1, new Object[0]),
                new Task(Key.of("t", 1), "b", x -> (int) x[0] + 1, new Object[] {Key.of("t", 0)}),
                new Task(Key.of("t", 2), "c", x -> (int) x[0] + (int) x[1], new Object[] {Key.of("t", 0), Key.of("t", 1)})),
                Set.of()));
        return Planner.plan(g::task, List.of(Key.of("t", 2)), false);
    }

    static int index(Plan p, int block) {
        for (int i = 0; i < p.size(); i++) if (p.key(i).index(0) == block) return i;
        throw new AssertionError();
    }

    @Test
    void walksWaitingReadyRunningDoneReleased() throws Exception {
        Plan p = diamondPlan();
        int a = index(p, 0), b = index(p, 1), c = index(p, 2);
        Execution e = new Execution(p, "manual", List.of(), 0);
        assertThat(e.initialReady()).containsExactly(a);
        assertThat(e.state(a)).isEqualTo(TaskState.READY);
        assertThat(e.state(b)).isEqualTo(TaskState.WAITING);

        List<Integer> ready = new ArrayList<>();
        TaskCall ca = e.start(a);
        assertThat(e.state(a)).isEqualTo(TaskState.RUNNING);
        e.finish(a, ca.call(), ready::add);
        assertThat(e.state(a)).isEqualTo(TaskState.DONE);
        assertThat(ready).containsExactly(b);
        assertThat(e.state(b)).isEqualTo(TaskState.READY);
        assertThat(e.state(c)).isEqualTo(TaskState.WAITING);

        TaskCall cb = e.start(b);
        assertThat(cb.args()).containsExactly(1);
        e.finish(b, cb.call(), ready::add);
        assertThat(ready).containsExactly(b, c);
        assertThat(e.holdsResult(a)).isTrue(); // c still needs it

        TaskCall cc = e.start(c);
        e.finish(c, cc.call(), ready::add);
        assertThat(e.state(a)).isEqualTo(TaskState.RELEASED);
        assertThat(e.holdsResult(a)).isFalse();
        assertThat(e.state(b)).isEqualTo(TaskState.RELEASED);
        assertThat(e.state(c)).isEqualTo(TaskState.DONE); // an output: kept
        assertThat(e.result().get()).containsExactly(3);
        assertThat(e.completedTasks()).isEqualTo(3);
    }

    @Test
    void anIllegalTransitionFailsLoudlyWithTheKey() throws Exception {
        Plan p = diamondPlan();
        int a = index(p, 0);
        Execution e = new Execution(p, "manual", List.of(), 0);
        e.finish(a, e.start(a).call(), t -> {});
        assertThatThrownBy(() -> e.start(a))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("('t', 0)")
                .hasMessageContaining("DONE -> RUNNING");
    }

    @Test
    void failureErrsTheTaskAndCancelsTheRest() {
        Plan p = diamondPlan();
        int a = index(p, 0), b = index(p, 1);
        Execution e = new Execution(p, "manual", List.of(), 0);
        List<Integer> ready = new ArrayList<>();
        e.start(a);
        e.finish(a, 1, ready::add);
        e.start(b);
        e.fail(b, new IllegalStateException("boom"));
        assertThat(e.state(b)).isEqualTo(TaskState.ERRED);
        assertThat(e.result()).isCompletedExceptionally();
        assertThatThrownBy(() -> e.result().join()).hasCauseInstanceOf(TaskFailedException.class)
                .hasMessageContaining("('t', 1)").hasMessageContaining("boom");
    }

    @Test
    void aTaskNotStartedWhenTheComputeEndsBecomesCancelled() {
        Plan p = diamondPlan();
        int a = index(p, 0);
        Execution e = new Execution(p, "manual", List.of(), 0);
        e.cancel(new CancellationException("stop"));
        assertThat(e.start(a)).isNull();
        assertThat(e.state(a)).isEqualTo(TaskState.CANCELLED);
    }

    @Test
    void resultsReportedAfterTheEndAreDropped() {
        Plan p = diamondPlan();
        int a = index(p, 0);
        Execution e = new Execution(p, "manual", List.of(), 0);
        e.start(a);
        e.cancel(new CancellationException("stop"));
        List<Integer> ready = new ArrayList<>();
        e.finish(a, 1, ready::add);
        assertThat(ready).isEmpty();
        assertThat(e.holdsResult(a)).isFalse();
        assertThat(e.state(a)).isEqualTo(TaskState.CANCELLED);
    }

    @Test
    void legalTransitionsAreExactlyThoseDrawn() {
        assertThat(TaskState.WAITING.canMoveTo(TaskState.READY)).isTrue();
        assertThat(TaskState.WAITING.canMoveTo(TaskState.RUNNING)).isFalse();
        assertThat(TaskState.READY.canMoveTo(TaskState.RUNNING)).isTrue();
        assertThat(TaskState.RUNNING.canMoveTo(TaskState.DONE)).isTrue();
        assertThat(TaskState.RUNNING.canMoveTo(TaskState.ERRED)).isTrue();
        assertThat(TaskState.RUNNING.canMoveTo(TaskState.CANCELLED)).isTrue(); // ended while running: result dropped
        assertThat(TaskState.RUNNING.canMoveTo(TaskState.READY)).isTrue(); // a retry
        assertThat(TaskState.READY.canMoveTo(TaskState.DONE)).isFalse();
        assertThat(TaskState.WAITING.canMoveTo(TaskState.CANCELLED)).isTrue(); // taken when a compute ends early
        assertThat(TaskState.DONE.canMoveTo(TaskState.RELEASED)).isTrue();
        for (TaskState end : List.of(TaskState.ERRED, TaskState.CANCELLED)) {
            for (TaskState to : TaskState.values()) assertThat(end.canMoveTo(to)).isFalse();
        }
        // lost-result recompute: a lost or released result that is needed again, a task whose input was lost
        assertThat(TaskState.DONE.canMoveTo(TaskState.WAITING)).isTrue();
        assertThat(TaskState.RELEASED.canMoveTo(TaskState.WAITING)).isTrue();
        assertThat(TaskState.RUNNING.canMoveTo(TaskState.WAITING)).isTrue();
        assertThat(TaskState.RELEASED.canMoveTo(TaskState.READY)).isFalse();
    }

    @Test
    void aFailureCancelsTheWaitingDependentsAndValidatePasses() {
        Plan p = diamondPlan();
        int a = index(p, 0), b = index(p, 1), c = index(p, 2);
        Execution e = new Execution(p, "manual", List.of(), 0);
        e.validate();
        e.start(a);
        e.fail(a, new IllegalStateException("boom"));
        assertThat(e.state(a)).isEqualTo(TaskState.ERRED);
        assertThat(e.state(b)).isEqualTo(TaskState.CANCELLED);
        assertThat(e.state(c)).isEqualTo(TaskState.CANCELLED);
        e.validate();
        assertThat(e.info().story(p.key(a))).extracting(Transition::to).containsExactly(TaskState.ERRED);
    }

    @Test
    void aRetryMovesRunningBackToReadyAndHandsTheTaskOutAgain() {
        Plan p = diamondPlan();
        int a = index(p, 0);
        Execution e = new Execution(p, "manual", List.of(), new Execution.Options(0, new RetryPolicy(1, 0), false, null));
        List<Integer> ready = new ArrayList<>();
        e.start(a);
        e.fail(a, new IllegalStateException("first"), null, ready::add);
        assertThat(e.state(a)).isEqualTo(TaskState.READY);
        assertThat(ready).containsExactly(a);
        e.validate();
        e.start(a);
        assertThat(e.attempts(a)).isEqualTo(2);
        e.fail(a, new IllegalStateException("second"), new TaskReport("w-1", 1, 2, -1), ready::add);
        assertThat(e.state(a)).isEqualTo(TaskState.ERRED);
        assertThat(ready).containsExactly(a); // not handed out a third time
        assertThatThrownBy(() -> e.result().join()).cause().isInstanceOf(TaskFailedException.class)
                .hasMessageContaining("on w-1 (attempt 2)").hasMessageContaining("second");
    }

    @Test
    void aTaskThatKillsTooManyWorkersFailsWithKilledWorker() {
        Plan p = diamondPlan();
        int a = index(p, 0);
        Execution e = new Execution(p, "manual", List.of(), new Execution.Options(0, new RetryPolicy(0, 2), false, null));
        List<Integer> ready = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            e.start(a);
            e.fail(a, new WorkerLostException("worker " + i + " died"), new TaskReport("w-" + i, 1, 2, -1), ready::add);
        }
        assertThat(ready).hasSize(2);
        assertThat(e.state(a)).isEqualTo(TaskState.ERRED);
        assertThatThrownBy(() -> e.result().join()).cause().isInstanceOf(KilledWorkerException.class)
                .hasMessageContaining("killed 3 workers").hasMessageContaining("worker 2 died")
                .satisfies(x -> assertThat(((KilledWorkerException) x).workersKilled()).isEqualTo(3));
    }

    @Test
    void anIllegalReportFailsLoudlyWithTheKey() {
        Plan p = diamondPlan();
        int b = index(p, 1);
        Execution e = new Execution(p, "manual", List.of(), 0);
        assertThatThrownBy(() -> e.finish(b, 1, t -> {})).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("('t', 1)").hasMessageContaining("illegal transition WAITING -> DONE");
    }

    @Test
    void futuresModeFailsAndCancelsTasksOneByOne() throws Exception {
        Plan p = Plan.ofCalls(new dev.blockwork.graph.Key[] {dev.blockwork.graph.Key.of("f", 0), dev.blockwork.graph.Key.of("f", 1),
                        dev.blockwork.graph.Key.of("f", 2)}, new String[] {"f", "f", "f"},
                new dev.blockwork.graph.TaskFunction[] {x -> 1, x -> 2, x -> 3}, new Object[][] {{}, {}, {}});
        List<String> seen = new ArrayList<>();
        OutputSink sink = new OutputSink() {
            @Override public void done(int task, Object value) { seen.add(task + "=" + value); }
            @Override public void failed(int task, Throwable error) { seen.add(task + "!" + error.getClass().getSimpleName()); }
        };
        Execution e = new Execution(p, "manual", List.of(), new Execution.Options(0, RetryPolicy.defaults(), false, sink));
        e.start(0);
        e.fail(0, new IllegalStateException("one"));
        assertThat(e.isTerminated()).isFalse(); // the others go on
        assertThat(e.cancelTask(1)).isTrue();
        assertThat(e.cancelTask(1)).isFalse();
        e.finish(2, e.start(2).call(), t -> {});
        assertThat(seen).containsExactly("0!TaskFailedException", "1!CancellationException", "2=3");
        assertThat(e.result()).isCompleted();
        assertThat(e.state(1)).isEqualTo(TaskState.CANCELLED);
    }
}
