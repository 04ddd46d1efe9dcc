package dev.blockwork.schedule;

import dev.blockwork.graph.Key;
import dev.blockwork.graph.TaskFunction;

/**
 * One task ready to run anywhere: its function and its resolved argument values. Schedulers that run
 * tasks elsewhere (processes, cluster) ship this; {@link #call()} runs it.
 *
 * @param key      the task's key
 * @param label    its function's label, for events and errors
 * @param function what it runs
 * @param args     the resolved argument values (the array itself is passed on)
 */
public record TaskCall(Key key, String label, TaskFunction function, Object[] args) implements java.io.Serializable {
    /**
     * Runs the function on the arguments, in the calling thread.
     *
     * @return what the function returned
     * @throws Exception what the function threw
     */
    public Object call() throws Exception {
        return function.apply(args);
    }
}
