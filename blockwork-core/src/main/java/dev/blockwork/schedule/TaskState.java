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
    /** Some dependency has not finished yet. */
    WAITING,
    /** Every dependency is done: the task may be handed to an executor. */
    READY,
    /** An executor is running it. */
    RUNNING,
    /** It ran; its result is held. */
    DONE,
    /** It failed for good: retries used up, or not retryable. */
    ERRED,
    /** It ran and its result was dropped after its last dependent ran. */
    RELEASED,
    /** It will not run, or its result is dropped: the execution ended, its future was cancelled, or a dependency failed. */
    CANCELLED;

    static final TaskState[] VALUES = values();

    /**
     * Whether the engine may move a task from this state to {@code to} (the table above).
     *
     * @param to the state it would move to
     * @return true if the move is a transition
     */
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

    /** {@return whether this is DONE, ERRED, RELEASED or CANCELLED: nothing more will run for this task, unless a lost result is recomputed} */
    public boolean isTerminal() {
        return this == DONE || this == ERRED || this == RELEASED || this == CANCELLED;
    }
}
