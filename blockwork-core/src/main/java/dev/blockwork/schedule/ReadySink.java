package dev.blockwork.schedule;

/** Receives tasks that have just become ready (all dependencies done). Called by the thread that finished the last dependency. */
@FunctionalInterface
public interface ReadySink {
    void ready(int task);
}
