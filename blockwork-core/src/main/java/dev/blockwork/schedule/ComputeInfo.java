package dev.blockwork.schedule;

import dev.blockwork.graph.Key;

import java.util.List;

/**
 * A read-only live view of one running compute (or one batch of futures), handed to
 * {@link SchedulerListener}s and returned by {@link Computation#info()}. Never the engine itself.
 */
public interface ComputeInfo {
    /** {@return a number unique within this JVM} */
    long id();

    /** {@return the name of the scheduler running it ({@code sync}, {@code threads}, ...)} */
    String scheduler();

    /** {@return the number of tasks in the plan (after culling and fusion)} */
    int totalTasks();

    /** {@return the number of tasks finished so far (done, erred or cancelled after starting)} */
    long completedTasks();

    /** {@return {@link System#nanoTime()} when the compute started} */
    long startNanos();

    /** {@return whether these are futures ({@code Client.submit/map}) rather than one compute of a graph} */
    default boolean isFutures() { return false; }

    /**
     * The state of the task {@code key} names (a key of the plan: for a fused chain, its last key), or
     * {@code null} if it is not in this compute.
     *
     * @param key a key of the plan
     * @return its state now, or {@code null}
     */
    default TaskState state(Key key) { return null; }

    /**
     * The state of task number {@code task} of {@link #plan()} (0 to {@code totalTasks() - 1}): one volatile
     * read, cheap enough to poll every task of a big compute a few times a second.
     *
     * @param task a task number of {@link #plan()}
     * @return its state now, or {@code null} where the view has no plan
     */
    default TaskState state(int task) {
        Plan p = plan();
        return p == null ? null : state(p.key(task));
    }

    /**
     * The task's recorded transitions, oldest first (see {@link ComputeOptions#withStory(boolean)}).
     *
     * @param key a key of the plan
     * @return its transitions kept in the bounded story log; empty if none or not in this compute
     */
    default List<Transition> story(Key key) { return List.of(); }

    /** {@return the number of results held right now} O(tasks): for diagnostics and tests, not for every event of a big graph. */
    default int heldResults() { return 0; }

    /** Checks the engine's invariants (see {@code Execution.validate}); call when no task is in flight. */
    default void validate() {}

    /**
     * How many times the task has been started so far.
     *
     * @param key a key of the plan
     * @return 1 + its retries; 0 if it never started or is not in this compute
     */
    default int attempts(Key key) { return 0; }

    /**
     * The plan being run (immutable: keys, labels, dependencies), for diagnostics that draw or group the
     * graph.
     *
     * @return the plan, or {@code null} where a view has none
     */
    default Plan plan() { return null; }
}
