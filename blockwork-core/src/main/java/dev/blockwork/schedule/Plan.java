package dev.blockwork.schedule;

import dev.blockwork.graph.Key;
import dev.blockwork.graph.TaskFunction;

import java.util.List;

/**
 * A low-level graph ready to run: culled to what the outputs need, linear chains fused, tasks numbered
 * {@code 0..size()-1}, and every dependency resolved to a task number. This is what a {@link Scheduler}
 * receives (through an {@link Execution}); it is immutable and may be shared by several executions.
 *
 * <p>Argument templates hold the task's arguments with each dependency replaced by a {@link Ref}
 * (one result) or a {@link RefList} (several results as an {@code Object[]}); {@link Execution}
 * substitutes the results when the task starts.
 */
public final class Plan {

    /**
     * An argument slot that receives the result of task {@code task}.
     *
     * @param task the number of the task whose result goes here
     */
    public record Ref(int task) implements java.io.Serializable {}

    /**
     * An argument slot that receives the results of several tasks as an {@code Object[]}.
     *
     * @param tasks the numbers of the tasks whose results go here, in order (do not modify)
     */
    public record RefList(int[] tasks) implements java.io.Serializable {}

    final Key[] keys;
    final String[] labels;
    final TaskFunction[] functions;
    final Object[][] argTemplates;
    final int[][] dependencies;
    final int[][] dependents;
    final int[] outputs;
    final boolean[] isOutput;
    final int[] initialReady;
    final int fusedAway;
    /** No argument template holds a {@link Ref}: tasks get their templates as they are (futures batches). */
    final boolean literalArgs;

    Plan(Key[] keys, String[] labels, TaskFunction[] functions, Object[][] argTemplates, int[][] dependencies,
         int[][] dependents, int[] outputs, boolean[] isOutput, int[] initialReady, int fusedAway) {
        this.keys = keys;
        this.labels = labels;
        this.functions = functions;
        this.argTemplates = argTemplates;
        this.dependencies = dependencies;
        this.dependents = dependents;
        this.outputs = outputs;
        this.isOutput = isOutput;
        this.initialReady = initialReady;
        this.fusedAway = fusedAway;
        this.literalArgs = false;
    }

    private Plan(Key[] keys, String[] labels, TaskFunction[] functions, Object[][] args, int[][] none, int[] order, boolean[] isOut) {
        this.keys = keys;
        this.labels = labels;
        this.functions = functions;
        this.argTemplates = args;
        this.dependencies = none;
        this.dependents = none;
        this.outputs = order;
        this.isOutput = isOut;
        this.initialReady = order;
        this.fusedAway = 0;
        this.literalArgs = true;
    }

    private static final int[] NONE = new int[0];
    // Shared by every one-task plan: a plan never modifies its arrays, and hands out copies of the int[] ones.
    private static final int[][] ONE_NONE = {NONE};
    private static final int[] ZERO = {0};
    private static final boolean[] ONE_TRUE = {true};

    /**
     * A plan of independent calls, each its own output (the futures API: one batch of submits). Costs
     * a few arrays; no graph walk. The argument arrays are handed to the functions as they are (a literal
     * that is a {@link Ref} stays a literal). The arrays are kept, not copied: do not modify them afterwards.
     *
     * @param keys      one key per call, distinct
     * @param labels    one label per call, for events and errors
     * @param functions one function per call
     * @param args      one argument array per call
     * @return the plan: task {@code i} is call {@code i}, and every task is an output
     */
    public static Plan ofCalls(Key[] keys, String[] labels, TaskFunction[] functions, Object[][] args) {
        int n = keys.length;
        if (n == 1) return new Plan(keys, labels, functions, args, ONE_NONE, ZERO, ONE_TRUE); // one submit
        int[][] none = new int[n][];
        int[] order = new int[n];
        boolean[] isOut = new boolean[n];
        for (int i = 0; i < n; i++) { none[i] = NONE; order[i] = i; isOut[i] = true; }
        return new Plan(keys, labels, functions, args, none, order, isOut);
    }

    /** {@return the number of tasks to run} */
    public int size() { return keys.length; }

    /** {@return how many tasks of the original graph were merged into others by linear-chain fusion} */
    public int fusedAway() { return fusedAway; }

    /**
     * The key of a task (for a fused task, the key of the chain's last step).
     *
     * @param task a task number, {@code 0..size()-1}
     * @return its key
     */
    public Key key(int task) { return keys[task]; }

    /**
     * The label of a task: what events, the progress bar and errors call its function.
     *
     * @param task a task number, {@code 0..size()-1}
     * @return its label
     */
    public String label(int task) { return labels[task]; }

    /**
     * The function a task runs on its resolved arguments.
     *
     * @param task a task number, {@code 0..size()-1}
     * @return its function
     */
    public TaskFunction function(int task) { return functions[task]; }

    /**
     * The argument template of a task: its arguments with {@link Ref}s and {@link RefList}s for its dependencies.
     *
     * @param task a task number, {@code 0..size()-1}
     * @return the template itself (do not modify)
     */
    public Object[] argTemplate(int task) { return argTemplates[task]; }

    /**
     * The distinct tasks whose results a task needs.
     *
     * @param task a task number, {@code 0..size()-1}
     * @return their numbers (the array itself: do not modify)
     */
    public int[] dependencies(int task) { return dependencies[task]; }

    /**
     * The distinct tasks that need the result of a task.
     *
     * @param task a task number, {@code 0..size()-1}
     * @return their numbers (the array itself: do not modify)
     */
    public int[] dependents(int task) { return dependents[task]; }

    /** {@return a copy of the task numbers of the requested outputs, in request order (an output may repeat)} */
    public int[] outputs() { return outputs.clone(); }

    /**
     * Whether a task is one of the requested outputs.
     *
     * @param task a task number, {@code 0..size()-1}
     * @return true if it is
     */
    public boolean isOutput(int task) { return isOutput[task]; }

    /** {@return a copy of the tasks with no dependencies, highest priority first (see {@code Planner} for the ordering rule)} */
    public int[] initialReady() { return initialReady.clone(); }

    /** {@return the keys of all tasks, by task number} */
    public List<Key> keys() { return List.of(keys); }
}
