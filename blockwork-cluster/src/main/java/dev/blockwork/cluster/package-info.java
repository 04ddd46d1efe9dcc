/**
 * The same graphs, arrays and futures on many JVMs: the {@code cluster} scheduler on Hazelcast members
 * ({@link dev.blockwork.cluster.Cluster}, {@link dev.blockwork.cluster.LocalCluster},
 * {@link dev.blockwork.cluster.Worker}) and distributed coordination ({@link dev.blockwork.cluster.ClusterQueue},
 * {@link dev.blockwork.cluster.ClusterLock}, {@link dev.blockwork.cluster.ClusterEvent},
 * {@link dev.blockwork.cluster.ClusterSemaphore}, {@link dev.blockwork.cluster.ClusterVariable}). See
 * {@code docs/cluster.md}.
 *
 * <p>Happens-before: the client's writes before a compute or submit → the task on its worker (the task travels in
 * a message); a task's result → its dependents, wherever they run, and → {@code compute()} returning or a future's
 * {@code result()}; {@code ClusterQueue.put} → the {@code take} that returns the element; {@code ClusterLock.unlock}
 * → the next successful {@code lock}; {@code ClusterEvent.set} → an {@code await} that returns true;
 * {@code ClusterVariable.set} → a {@code get} that returns that value. These hold while the cluster is connected;
 * under a network partition the coordination structures give no guarantee (no CP subsystem in Hazelcast's
 * open-source edition).
 */
package dev.blockwork.cluster;
