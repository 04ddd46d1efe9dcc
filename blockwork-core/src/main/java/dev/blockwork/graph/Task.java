package dev.blockwork.graph;

import java.util.Arrays;

/**
 * One node of a low-level graph: a function applied to arguments. An argument is a literal, a
 * {@link Key} (the result of another task: a dependency) or a {@link Keys} (several results as an
 * {@code Object[]}).
 *
 * @param key      the output this task produces
 * @param label    a short human name for the function, used in errors and diagnostics (e.g. {@code "inc"})
 * @param function the code to run
 * @param args     the arguments; never modified by Blockwork
 */
public record Task(Key key, String label, TaskFunction function, Object[] args) {

    /**
     * Checks the key and function.
     *
     * @param key      the output this task produces
     * @param label    a short human name for the function
     * @param function the code to run
     * @param args     the arguments
     * @throws IllegalArgumentException if {@code key} or {@code function} is null
     */
    public Task {
        if (key == null || function == null) {
            throw new IllegalArgumentException("a task needs a key and a function, got key=" + key + ", function=" + function);
        }
        if (label == null) label = "task";
        if (args == null) args = new Object[0];
        else if (args.getClass() != Object[].class) args = java.util.Arrays.copyOf(args, args.length, Object[].class); // e.g. a Key[]: keep templates writable
    }

    @Override
    public String toString() {
        return key + " = " + label + Arrays.toString(args);
    }
}
