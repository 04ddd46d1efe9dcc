/**
 * Internals of the cluster executor: the client side ({@code ClusterExecutor}, {@code MemberLink},
 * {@code ClusterHeld}), the worker side ({@code WorkerRuntime}, {@code WorkerMain}), the messages between them
 * ({@code Messages}, {@code Outcomes}, {@code Ref}, {@code Envelope}) and the Hazelcast configuration
 * ({@code HazelcastConfigs}). Not API.
 *
 * <p>Happens-before: a worker stores a result before it queues the task's outcome; the client reads the outcome
 * before it reports the result to the engine; a fetch of a result by a peer or the client reads it after it was
 * stored (the store is a concurrent map).
 */
package dev.blockwork.cluster.internal;
