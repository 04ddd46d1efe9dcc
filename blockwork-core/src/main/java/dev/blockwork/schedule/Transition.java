package dev.blockwork.schedule;

import dev.blockwork.graph.Key;

/**
 * One entry of a task's story: a state change, why, where and when ({@link System#nanoTime()}).
 * Read through {@link ComputeInfo#story(Key)}.
 */
public record Transition(Key key, TaskState from, TaskState to, String reason, String worker, int attempt, long nanos) {
    @Override
    public String toString() {
        return key + ": " + from + " -> " + to + (reason == null ? "" : " (" + reason + ")")
                + (worker == null ? "" : " on " + worker) + (attempt > 1 ? " attempt " + attempt : "");
    }
}
