package dev.blockwork.schedule;

import dev.blockwork.graph.Key;

import java.util.List;

/**
 * A read-only live view of one running compute (or one batch of futures), handed to
 * {@link SchedulerListener}s and returned by {@link Computation#info()}. Never the engine itself.
 */
public interface ComputeInfo {
    /** A number unique within this JVM. */
    long id();

    /** Name of the scheduler running it ({@code sync}, {@code threads}, ...). */
    String scheduler();

    /** Tasks in the plan (after culling and fusion). */
    int totalTasks();

    /** Tasks finished so far (done, erred or cancelled after starting). */
    long completedTasks();

    /** {@link System#nanoTime()} at start. */
    long startNanos();

    /** Whether these are futures ({@code Client.submit/map}) rather than one compute of a graph. */
    default boolean isFutures() { return false; }

    /**
     * The state of the task {@code key} names (a key of the plan: for a fused chain, its last key), or
     * {@code null} if it is not in this compute.
     */
    default TaskState state(Key key) { return null; }

    /**
     * The state of task number {@code task} of {@link #plan()} (0 to {@code totalTasks() - 1}): one volatile
     * read, cheap enough to poll every task of a big compute a few times a second.
     */
    default TaskState state(int task) {
        Plan p = plan();
        return p == null ? null : state(p.key(task));
    }

    /** The task's recorded transitions, oldest first (see {@link ComputeOptions#withStory(boolean)}). */
    default List<Transition> story(Key key) { return List.of(); }

    /** Results held right now (O(tasks): for diagnostics and tests, not for every event of a big graph). */
    default int heldResults() { return 0; }

    /** Checks the engine's invariants (see {@code Execution.validate}); call when no task is in flight. */
    default void validate() {}

    /** How many times the task has been started so far (1 + retries); 0 if never. */
    default int attempts(Key key) { return 0; }

    /**
     * The plan being run (immutable: keys, labels, dependencies), for diagnostics that draw or group the
     * graph; {@code null} where a view has none.
     */
    default Plan plan() { return null; }
}
