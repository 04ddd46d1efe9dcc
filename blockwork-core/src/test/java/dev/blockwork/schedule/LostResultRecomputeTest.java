package dev.blockwork.schedule;

import dev.blockwork.graph.Graph;
import dev.blockwork.graph.Key;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lost-result recompute (DONE/RELEASED → WAITING): test executors that drop results on purpose, as a worker
 * that dies holding them would, while random DAGs run; the outputs must still equal a sequential reference,
 * the lost tasks must have run again, and the engine must stay consistent.
 */
@Timeout(120)
class LostResultRecomputeTest {

    /**
     * Runs tasks one at a time in the caller's thread, like sync, and after each task reports the result of
     * a random earlier task as lost (seeded): the executor "forgot" it.
     */
    static final class ForgetfulScheduler implements Scheduler {
        final Random random;
        final double lossRate;
        int losses;

        ForgetfulScheduler(long seed, double lossRate) {
            this.random = new Random(seed);
            this.lossRate = lossRate;
        }

        @Override public String name() { return "forgetful"; }

        @Override public int parallelism() { return 1; }

        @Override
        public void execute(Execution exec) {
            IntStack stack = new IntStack();
            int[] ready = exec.initialReady();
            for (int i = ready.length - 1; i >= 0; i--) stack.push(ready[i]);
            List<Integer> done = new ArrayList<>();
            while (!stack.isEmpty() && !exec.isTerminated()) {
                int t = stack.pop();
                exec.run(t, stack);
                if (exec.state(t) == TaskState.DONE) done.add(t);
                if (!done.isEmpty() && random.nextDouble() < lossRate) {
                    int victim = done.get(random.nextInt(done.size()));
                    if (exec.lost(victim)) losses++;
                }
            }
        }
    }

    @Test
    void randomDagsSurviveLostResultsOnASequentialExecutor() {
        long base = Long.getLong("blockwork.test.seed", 20261201L);
        int totalLosses = 0;
        for (long seed = base; seed < base + 80; seed++) {
            Random r = new Random(seed);
            RandomDagPropertyTest.Dag d = RandomDagPropertyTest.randomDag(r);
            long[] expected = RandomDagPropertyTest.reference(d);
            Graph g = RandomDagPropertyTest.graph(d);
            List<Key> outs = List.of(Key.of("n", d.n() - 1), Key.of("n", r.nextInt(d.n())));
            for (boolean fuse : new boolean[] {true, false}) {
                ForgetfulScheduler s = new ForgetfulScheduler(seed, 0.3);
                ConcurrentLinkedQueue<Key> lostEvents = new ConcurrentLinkedQueue<>();
                SchedulerListener l = new SchedulerListener() {
                    @Override public void onResultLost(ComputeInfo c, Key k) { lostEvents.add(k); }
                };
                Computation<Object[]> c = Compute.computeAsync(g::task, outs, ComputeOptions.defaults().withScheduler(s)
                        .withOptimize(fuse).withProgress(false).withListener(l));
                Object[] got = Compute.await(c);
                for (int i = 0; i < outs.size(); i++) {
                    assertThat((Long) got[i]).as("seed %d fuse %s output %s", seed, fuse, outs.get(i))
                            .isEqualTo(expected[outs.get(i).index(0)]);
                }
                c.info().validate();
                assertThat(lostEvents).hasSize(s.losses);
                totalLosses += s.losses;
            }
        }
        assertThat(totalLosses).as("results lost across the runs").isGreaterThan(200);
    }

    @Test
    void aLostResultRunsAgainAndItsStorySaysWhy() {
        // a -> b -> c, unfused: lose a's result after b ran... c needs only b; lose b before c starts instead.
        Plan p = ExecutionStateMachineTest.diamondPlan(); // a -> b -> c and a -> c
        int a = ExecutionStateMachineTest.index(p, 0), b = ExecutionStateMachineTest.index(p, 1), c = ExecutionStateMachineTest.index(p, 2);
        Execution e = new Execution(p, "manual", List.of(), 0);
        IntStack ready = new IntStack();
        e.run(a, ready);             // a DONE; b ready
        e.run(ready.pop(), ready);   // b DONE; c ready (needs a and b)
        assertThat(ready.pop()).isEqualTo(c);
        e.lost(a);                   // the executor lost a's result before c ran
        e.run(c, ready);             // c finds a lost: back to WAITING, a recomputed
        assertThat(e.state(c)).isEqualTo(TaskState.WAITING);
        assertThat(e.state(a)).isEqualTo(TaskState.READY);
        e.validate();
        e.run(ready.pop(), ready);   // a runs again; c ready again
        assertThat(ready.pop()).isEqualTo(c);
        e.run(c, ready);
        assertThat(e.result().join()).containsExactly(3);
        assertThat(e.info().story(p.key(a))).extracting(Transition::reason)
                .contains("result lost", "recompute: ('t', 2) needs it", "recomputed");
        assertThat(e.info().story(p.key(c))).extracting(Transition::to).contains(TaskState.WAITING);
        assertThat(e.attempts(c)).isEqualTo(1); // it never ran with a missing input
        e.validate();
    }

    @Test
    void threadsSurviveLossesFromAnotherThreadWhileTheyRun() throws Exception {
        long base = Long.getLong("blockwork.test.seed", 20261201L);
        try (ThreadsScheduler pool = new ThreadsScheduler(3)) {
            for (long seed = base; seed < base + 40; seed++) {
                Random r = new Random(seed);
                RandomDagPropertyTest.Dag d = RandomDagPropertyTest.randomDag(r);
                long[] expected = RandomDagPropertyTest.reference(d);
                Graph g = RandomDagPropertyTest.graph(d);
                Plan plan = Planner.plan(g::task, List.of(Key.of("n", d.n() - 1)), false);
                Execution exec = new Execution(plan, "threads", List.of(), 0);
                AtomicBoolean stop = new AtomicBoolean();
                Random chaos = new Random(seed * 31);
                Thread loser = Thread.ofPlatform().start(() -> { // an executor losing results at random moments
                    while (!stop.get() && !exec.isTerminated()) {
                        int t = chaos.nextInt(plan.size());
                        if (exec.state(t) == TaskState.DONE) exec.lost(t);
                        Thread.onSpinWait();
                    }
                });
                pool.execute(exec);
                Object[] got = exec.result().get(60, java.util.concurrent.TimeUnit.SECONDS);
                stop.set(true);
                loser.join();
                assertThat((Long) got[0]).as("seed %d", seed).isEqualTo(expected[d.n() - 1]);
            }
        }
    }
}
