package dev.blockwork.schedule;

import dev.blockwork.graph.Task;

/**
 * A node of an object graph that points at its dependencies directly (like {@code Delayed}), so that
 * {@link Planner#planNodes} can plan it without any key lookups. Implementations keep two mutable
 * fields for the planner ({@link #planMark}); nothing else may touch them.
 */
public interface PlanNode {
    /** {@return the task this node stands for} Its Key (and Keys) arguments appear in the same order as {@link #planDependencies()}. */
    Task task();

    /** {@return one node per key occurrence in the task's arguments, in order} */
    PlanNode[] planDependencies();

    /** {@return the stamp of the planning that last marked this node (planner use only)} */
    long planStamp();

    /** {@return this node's slot in the planning of {@link #planStamp()} (planner use only)} */
    int planSlot();

    /**
     * Records this node's slot in the planning with {@code stamp} (planner use only).
     *
     * @param stamp the planning's stamp, unique to it
     * @param slot  the node's slot in that planning
     */
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
