package dev.blockwork.schedule;

import dev.blockwork.graph.Key;

/**
 * One task event as listeners see it (immutable). Times are {@link System#nanoTime()} values of this JVM:
 * for tasks run elsewhere they are the executor's own start and end, converted to this clock.
 *
 * @param key      the task's key (for a fused chain: the chain's last key)
 * @param label    the function's label
 * @param state    RUNNING (start), DONE or ERRED (finish), READY (a retry)
 * @param attempt  1 for the first run, 2 for the first retry...
 * @param worker   where it ran: a thread name, or a worker process name and pid; {@code null} if unknown yet
 * @param startNanos when it started, 0 for a start event not yet reported by its executor
 * @param endNanos when it ended, 0 for a start event
 * @param bytes    the result's size in bytes when the executor measured it (it moved between JVMs), else -1
 */
public record TaskEvent(Key key, String label, TaskState state, int attempt, String worker,
                        long startNanos, long endNanos, long bytes) {}
