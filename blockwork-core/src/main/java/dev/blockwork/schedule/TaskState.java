package dev.blockwork.schedule;

/**
 * The life of one task inside one execution. Legal transitions (anything else is a bug and fails
 * loudly with the key):
 * <pre>
 *   WAITING ──► READY ──► RUNNING ──► DONE ──► RELEASED
 *      │          │          ├──────► ERRED
 *      └──────────┴──────────┴─► CANCELLED   (the execution ended first; a result that arrives later is dropped)
 * </pre>
 * RELEASED means the result was dropped because its last dependent has run (outputs are never released).
 */
public enum TaskState {
    WAITING, READY, RUNNING, DONE, ERRED, RELEASED, CANCELLED;

    static final TaskState[] VALUES = values();

    boolean canMoveTo(TaskState to) {
        return switch (this) {
            case WAITING -> to == READY || to == CANCELLED;
            case READY -> to == RUNNING || to == CANCELLED;
            case RUNNING -> to == DONE || to == ERRED || to == CANCELLED;
            case DONE -> to == RELEASED;
            case ERRED, RELEASED, CANCELLED -> false;
        };
    }
}
