/**
 * Asyncio-style structured concurrency on virtual threads (Java 25, no preview APIs).
 *
 * <p>Every task runs on its own virtual thread; blocking (sleep, queue get, awaiting another task or a
 * {@link java.util.concurrent.CompletableFuture}) unmounts it from its carrier, so a hundred thousand tasks
 * can wait at once. Tasks live in a {@link dev.blockwork.async.TaskGroup}: when the group closes, all of them
 * have finished; when one fails the others are cancelled. Cancellation is interruption plus a cancelled state,
 * and it reaches every descendant through nested groups. {@link dev.blockwork.async.Async} holds the
 * {@code asyncio}-like entry points ({@code run}, {@code gather}, {@code gatherSettled},
 * {@code firstCompleted}, {@code asCompleted}, {@code withTimeout}, {@code sleep}, {@code await}).
 *
 * <h2>Memory consistency (happens-before edges this package promises)</h2>
 * <ul>
 *   <li>Actions in a thread before {@code TaskGroup.spawn(body)} happen-before the body runs.</li>
 *   <li>The body's actions happen-before {@code AsyncTask.await()}/{@code join()}/{@code outcomeNow()} or any
 *       completion callback observes the task done, and before {@code TaskGroup.close()} returns
 *       (close joins every child thread).</li>
 *   <li>{@code AsyncTask.cancel()} happens-before the cancelled body observes its interrupt or
 *       {@code Async.checkCancelled()} throws.</li>
 *   <li>Actions before {@code AsyncQueue.put(x)} (or a successful {@code offer}) happen-before actions after
 *       the {@code get}/{@code poll} that returns {@code x}; {@code close()} happens-before the
 *       {@code AsyncQueueClosedException} it causes.</li>
 *   <li>Actions before {@code AsyncSemaphore.release()} happen-before actions after an acquire that takes
 *       that permit; actions before {@code AsyncEvent.set()} happen-before an {@code await()} that returns
 *       because of it.</li>
 *   <li>Completion of a {@link java.util.concurrent.CompletionStage} happens-before {@code Async.await(stage)}
 *       returns its value.</li>
 * </ul>
 */
package dev.blockwork.async;
