/**
 * Blockwork cluster: the {@code cluster} scheduler, {@code LocalCluster}, {@code Cluster.connect}, the
 * {@code blockwork worker} runtime and distributed Queue/Lock/Event/Semaphore/Variable, on Hazelcast.
 */
open module dev.blockwork.cluster {
    requires transitive dev.blockwork.core;
    requires dev.blockwork.process;
    requires com.hazelcast.core;
    requires java.logging;
    exports dev.blockwork.cluster;
    provides dev.blockwork.config.SettingsGroup with dev.blockwork.cluster.ClusterSettings;
    provides dev.blockwork.schedule.SchedulerProvider with dev.blockwork.cluster.ClusterScheduler.Provider;
}
