package dev.blockwork.cluster.internal;

/**
 * A task input that stays where it was made: result {@code id} held by member {@code member} (its UUID) in the
 * sending client's own store ({@code space} null) or in a published dataset's ({@code space}: its store's name on
 * the workers). What travels in a task's arguments instead of the value; the worker that runs the task looks it up
 * in its own store or fetches it from that member.
 */
public record Ref(long id, String member, String space) implements java.io.Serializable {
    private static final long serialVersionUID = 2L;
}
