/**
 * Multiprocessing for the JVM: worker JVMs ({@link dev.blockwork.process.WorkerProcess}), pipes
 * ({@link dev.blockwork.process.Pipe}) and queues ({@link dev.blockwork.process.ProcessQueue}) through
 * shared-memory rings, shared arrays ({@link dev.blockwork.process.SharedBuffer}), cross-process
 * {@link dev.blockwork.process.ProcessLock}, {@link dev.blockwork.process.ProcessSemaphore},
 * {@link dev.blockwork.process.ProcessEvent}, {@link dev.blockwork.process.ProcessBarrier}, and a pool of
 * workers ({@link dev.blockwork.process.ProcessPool}) that also backs the {@code processes} scheduler.
 *
 * <h2>Happens-before edges (across processes)</h2>
 * <ul>
 *   <li>Actions of a thread before {@code ProcessQueue.put} (or {@code offer} returning true) happen-before
 *       actions after the {@code take}/{@code poll} that returns that value, in any process. The same holds
 *       for {@code Connection.send} and the matching {@code receive}.</li>
 *   <li>Writes to a {@code SharedBuffer} (or typed array) made before sending any message on a pipe or
 *       queue happen-before reads made after receiving that message: the message announces the writes.
 *       Plain shared-memory reads and writes are otherwise unordered.</li>
 *   <li>{@code ProcessLock.unlock} happens-before the next successful {@code lock}; a
 *       {@code ProcessSemaphore.release} happens-before the acquire that takes its permit;
 *       {@code ProcessEvent.set} happens-before an {@code await} that returns because of it; actions before
 *       {@code ProcessBarrier.await} happen-before every party's return from that generation's await.</li>
 *   <li>Submitting a task to a {@code ProcessPool} happens-before it runs in a worker; the task's result
 *       (its serialized value) happens-before the completion of the future or call that returns it. A task's
 *       other writes in the worker JVM are not visible to the caller unless made to shared memory and
 *       announced by the result. Array blocks in a pool task's inputs or result ({@code NDArray}, primitive
 *       arrays of 64 KiB or more) are written to shared memory before the message that names them is sent,
 *       and the receiver's single copy out of it happens after that message is received.</li>
 * </ul>
 *
 * <h2>Failure rules</h2>
 * Every blocking call has a timed variant. A wait whose peer process died ends with
 * {@link dev.blockwork.process.PeerDiedException}; a pool worker that dies fails or retries only its task
 * ({@link dev.blockwork.process.WorkerDiedException}). Shared-memory files live in {@code /dev/shm} as
 * {@code blockwork-<creatorPid>-...}: removed by their last user, by their creator's exit, or by the sweep
 * any Blockwork JVM does at start when the creator is dead.
 */
package dev.blockwork.process;
