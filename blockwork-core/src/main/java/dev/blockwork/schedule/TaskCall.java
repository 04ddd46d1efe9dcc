package dev.blockwork.schedule;

import dev.blockwork.graph.Key;
import dev.blockwork.graph.TaskFunction;

/**
 * One task ready to run anywhere: its function and its resolved argument values. Schedulers that run
 * tasks elsewhere (processes, cluster) ship this; {@link #call()} runs it.
 */
public record TaskCall(Key key, String label, TaskFunction function, Object[] args) implements java.io.Serializable {
    public Object call() throws Exception {
        return function.apply(args);
    }
}
