package dev.blockwork.schedule;

/** Receives tasks that have just become ready (all dependencies done). Called by the thread that finished the last dependency. */
@FunctionalInterface
public interface ReadySink {
    /**
     * A task has just become READY; it must be run (or handed on) exactly once.
     *
     * @param task its task number
     */
    void ready(int task);
}
