package dev.blockwork.schedule;

import dev.blockwork.graph.Task;

/**
 * A node of an object graph that points at its dependencies directly (like {@code Delayed}), so that
 * {@link Planner#planNodes} can plan it without any key lookups. Implementations keep two mutable
 * fields for the planner ({@link #planMark}); nothing else may touch them.
 */
public interface PlanNode {
    /** The task this node stands for; its Key (and Keys) arguments appear in the same order as {@link #planDependencies()}. */
    Task task();

    /** One node per key occurrence in the task's arguments, in order. */
    PlanNode[] planDependencies();

    long planStamp();

    int planSlot();

    /** Records this node's slot in the planning with {@code stamp}. */
    void planMark(long stamp, int slot);

    /**
     * True when another node object may carry the same key (a key named by what it computes, not unique to this
     * object): the planner then merges such nodes by key, so one graph runs that task once. False (the default)
     * keeps the planner on its lookup-free path.
     *
     * @return whether this node's key may be shared
     */
    default boolean planSharedKey() { return false; }

    /**
     * A node to plan in this one's place, or null (the default): a persisted value whose holder is gone names the
     * node that computes it, so that a compute planned now makes it again. Asked once per planning of this node.
     *
     * @return the replacement (same key), or null to plan this node
     */
    default PlanNode planReplacement() { return null; }
}
