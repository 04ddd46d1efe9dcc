/**
 * Schedulers and the task-state machine they share.
 *
 * <p>Entry points: {@link dev.blockwork.schedule.Compute} (run a graph), {@link dev.blockwork.schedule.Schedulers}
 * (choose one), {@link dev.blockwork.schedule.SchedulerListener} (watch them). Implementors of new schedulers
 * read {@link dev.blockwork.schedule.Scheduler} and {@link dev.blockwork.schedule.Execution}.
 *
 * <h2>Memory consistency</h2>
 * <ul>
 *   <li>Actions in a thread before it starts a compute happen-before every task of that compute runs.</li>
 *   <li>A task's actions (including writes to its result) happen-before every dependent task starts.</li>
 *   <li>Every task's actions happen-before the compute's result future completes, and so before
 *       {@code compute()} returns in the caller.</li>
 *   <li>{@code onComputeFinish} of every listener happens-before the result future completes.</li>
 * </ul>
 */
package dev.blockwork.schedule;
