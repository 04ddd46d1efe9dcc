/**
 * Blockwork process: worker JVMs ({@code ProcessPool}), {@code Pipe}, {@code ProcessQueue}, shared-memory
 * arrays, cross-process locks, and the {@code processes} scheduler.
 *
 * <p>Worker JVMs run Blockwork and the application from the class path: a worker started for an
 * application on the module path gets that module path as its class path. The module is open because the
 * serializer rebuilds Blockwork's own objects reflectively; an application on the module path must open its
 * packages whose objects and lambdas it sends to workers: {@code opens com.example to dev.blockwork.process,
 * com.esotericsoftware.kryo;} in its {@code module-info.java}.
 */
@SuppressWarnings("module") // the qualified export names dev.blockwork.cluster, which is built after this module
open module dev.blockwork.process {
    requires transitive dev.blockwork.core;
    requires com.esotericsoftware.kryo;
    requires com.esotericsoftware.minlog;
    requires org.objenesis;
    exports dev.blockwork.process;
    exports dev.blockwork.process.schedule;
    exports dev.blockwork.process.serial;
    exports dev.blockwork.process.internal to dev.blockwork.cluster;
    uses dev.blockwork.spi.Serializer;
    provides dev.blockwork.config.SettingsGroup with dev.blockwork.process.ProcessSettings;
    provides dev.blockwork.schedule.SchedulerProvider with dev.blockwork.process.schedule.ProcessesScheduler.Provider;
}
