/**
 * Internals of the cluster executor: the client side ({@code ClusterExecutor}, {@code MemberLink},
 * {@code ClusterHeld}, {@code StealPolicy}), the worker side ({@code WorkerRuntime}, {@code WorkerMain}), the
 * messages between them ({@code Messages}, {@code Outcomes}, {@code Ref}, {@code Envelope}) and the Hazelcast
 * configuration ({@code HazelcastConfigs}). Not API.
 *
 * <p>Happens-before: a worker stores a result before it queues the task's outcome; the client reads the outcome
 * before it reports the result to the engine; a fetch of a result by a peer or the client reads it after it was
 * stored (the store is a concurrent map). A steal's reply is sent after the worker won each task's claim it names,
 * so those tasks never run there; the client re-sends a stolen task only after it removed the task's entry from the
 * victim's in-flight map (the reply thread hands it to the shipping thread through a concurrent queue).
 */
package dev.blockwork.cluster.internal;
