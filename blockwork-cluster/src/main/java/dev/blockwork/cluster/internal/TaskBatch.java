package dev.blockwork.cluster.internal;

/**
 * The tasks of one {@link Messages.Submit}, as parallel arrays (one Kryo payload; a record per task would be rebuilt
 * by reflection). Task {@code i} calls function {@code functionIds[i]} of the worker's table for this client, or,
 * when that id is {@code 0}, the function {@code functions[i]} (one seen once, too large or too many to keep:
 * {@link FunctionTable}); {@code args[i]} holds its arguments, inputs held on workers as {@link Ref}s.
 *
 * <pre>
 *   functionIds[i]  > 0: the function's id in the table | 0: functions[i] is the function itself
 *   keys[i], labels[i]: the task's key and label (what a failure names)
 *   args[i]: Object[] of the task's arguments
 * </pre>
 *
 * @param functionIds     per task, its function's id, or 0
 * @param functions       per task, its function when its id is 0, else null
 * @param keys            per task, its {@code dev.blockwork.graph.Key}
 * @param labels          per task, its label
 * @param args            per task, its {@code Object[]} of arguments
 */
public record TaskBatch(long[] functionIds, Object[] functions, Object[] keys, String[] labels, Object[] args)
        implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** @return the number of tasks */
    public int size() { return functionIds.length; }
}
