package dev.blockwork.schedule;

/**
 * A worker came or went (a worker JVM of a pool or of the {@code processes} scheduler; cluster members
 * next). Sent to the {@linkplain Listeners#register global listeners}, not per compute.
 *
 * @param pool   the pool's name ({@code processes} for the scheduler's own pool)
 * @param worker the worker's name, as task events and failures name it
 * @param pid    its process id, or -1
 * @param reason why it left ({@code null} when it came): died with exit status..., replaced after a cancel...
 * @param nanos  when, as {@link System#nanoTime()}
 */
public record WorkerEvent(String pool, String worker, long pid, String reason, long nanos) {}
