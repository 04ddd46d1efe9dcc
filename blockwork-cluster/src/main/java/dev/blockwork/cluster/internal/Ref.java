package dev.blockwork.cluster.internal;

/**
 * A task input that stays where it was made: result {@code id} of the sending client, held by member {@code member}
 * (its UUID). What travels in a task's arguments instead of the value; the worker that runs the task looks it up
 * in its own store or fetches it from that member.
 */
public record Ref(long id, String member) implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
}
