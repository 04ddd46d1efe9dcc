package dev.blockwork.graph;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** A layer given as explicit tasks (what a Dask user would call a plain dict graph). */
public final class TaskLayer implements Layer {
    private final String name;
    private final Map<Key, Task> tasks;
    private final Set<String> dependencies;

    /**
     * A layer of the given tasks.
     *
     * @param name the layer name: every task's key must have it
     * @param tasks the tasks
     * @param dependencies the names of the layers the tasks' arguments refer to
     * @throws IllegalArgumentException if a task's key has another layer name
     */
    public TaskLayer(String name, Collection<Task> tasks, Set<String> dependencies) {
        this.name = name;
        Map<Key, Task> m = new LinkedHashMap<>();
        for (Task t : tasks) {
            if (!t.key().name().equals(name)) {
                throw new IllegalArgumentException("task " + t.key() + " does not belong to layer '" + name + "'");
            }
            m.put(t.key(), t);
        }
        this.tasks = Collections.unmodifiableMap(m);
        this.dependencies = Set.copyOf(dependencies);
    }

    @Override public String name() { return name; }
    @Override public Set<String> dependencies() { return dependencies; }
    @Override public Collection<Key> keys() { return tasks.keySet(); }

    @Override
    public Task task(Key key) {
        Task t = tasks.get(key);
        if (t == null) throw new IllegalArgumentException("layer '" + name + "' has no task " + key);
        return t;
    }
}
