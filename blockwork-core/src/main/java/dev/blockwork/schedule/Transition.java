package dev.blockwork.schedule;

import dev.blockwork.graph.Key;

/**
 * One entry of a task's story: a state change, why, where and when ({@link System#nanoTime()}).
 * Read through {@link ComputeInfo#story(Key)}.
 *
 * @param key     the task's key
 * @param from    the state it left
 * @param to      the state it entered
 * @param reason  why, e.g. the error or {@code cancelled}; null when there is nothing to say
 * @param worker  where it ran, or null
 * @param attempt the task's attempt at the time, 1 for the first
 * @param nanos   when, as {@link System#nanoTime()}
 */
public record Transition(Key key, TaskState from, TaskState to, String reason, String worker, int attempt, long nanos) {
    @Override
    public String toString() {
        return key + ": " + from + " -> " + to + (reason == null ? "" : " (" + reason + ")")
                + (worker == null ? "" : " on " + worker) + (attempt > 1 ? " attempt " + attempt : "");
    }
}
