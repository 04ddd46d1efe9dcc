package dev.blockwork.schedule;

/**
 * The life of one task inside one execution. Every move is checked at run time against this table
 * ({@link #canMoveTo}); an illegal one fails loudly with the key and the task's recent story.
 * <pre>
 *                 ┌──────────── retry (RUNNING → READY: attempt + 1, worker blamed) ───────────┐
 *                 ▼                                                                            │
 *   WAITING ──► READY ──► RUNNING ──► DONE ──► RELEASED                                        │
 *    ▲  │         │          ├──────► ERRED   (failed for good: retries used up, or not retryable)
 *    │  │         │          └─────────────────────────────────────────────────────────────────┘
 *    │  └─────────┴──────────┴─► CANCELLED   (the execution ended first, the task's future was cancelled,
 *    │                                        or a dependency failed; a result that arrives later is dropped)
 *    └── recompute: DONE/RELEASED → WAITING (its result was lost and a dependent still needs it),
 *                   RUNNING → WAITING (it was about to run but an input had been lost)
 * </pre>
 * RELEASED means the result was dropped because its last dependent has run (outputs are never released).
 */
public enum TaskState {
    WAITING, READY, RUNNING, DONE, ERRED, RELEASED, CANCELLED;

    static final TaskState[] VALUES = values();

    /** Whether the engine may move a task from this state to {@code to}. */
    public boolean canMoveTo(TaskState to) {
        return switch (this) {
            case WAITING -> to == READY || to == CANCELLED;
            case READY -> to == RUNNING || to == CANCELLED;
            case RUNNING -> to == DONE || to == ERRED || to == CANCELLED || to == READY || to == WAITING;
            case DONE -> to == RELEASED || to == WAITING;
            case RELEASED -> to == WAITING;
            case ERRED, CANCELLED -> false;
        };
    }

    /** DONE, ERRED, RELEASED or CANCELLED: nothing more will run for this task. */
    public boolean isTerminal() {
        return this == DONE || this == ERRED || this == RELEASED || this == CANCELLED;
    }
}
