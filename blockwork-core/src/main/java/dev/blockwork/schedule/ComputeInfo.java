package dev.blockwork.schedule;

/** A live view of one running compute, handed to {@link SchedulerListener}s. */
public interface ComputeInfo {
    /** A number unique within this JVM. */
    long id();

    /** Name of the scheduler running it ({@code sync}, {@code threads}, ...). */
    String scheduler();

    /** Tasks in the plan (after culling and fusion). */
    int totalTasks();

    /** Tasks finished so far (done or erred). */
    long completedTasks();

    /** {@link System#nanoTime()} at start. */
    long startNanos();
}
