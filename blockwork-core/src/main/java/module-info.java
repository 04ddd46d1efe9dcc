/**
 * Blockwork core: task graphs, the engine and its executor protocol, the {@code sync} and {@code threads}
 * schedulers, {@code Delayed}, futures, settings, events and the progress bar. No dependencies beyond
 * {@code java.base}.
 *
 * <p>The module is {@code open}: tasks and their functions (lambdas, records) travel between JVMs by
 * serialization, which reads and rebuilds objects of Blockwork's own classes reflectively in whatever module
 * does the serializing. Only the packages below are API; everything else stays encapsulated at compile time.
 */
open module dev.blockwork.core {
    exports dev.blockwork.config;
    exports dev.blockwork.delayed;
    exports dev.blockwork.fn;
    exports dev.blockwork.futures;
    exports dev.blockwork.graph;
    exports dev.blockwork.progress;
    exports dev.blockwork.schedule;
    exports dev.blockwork.spi;

    uses dev.blockwork.config.SettingsGroup;
    uses dev.blockwork.schedule.SchedulerProvider;
    uses dev.blockwork.spi.BlockCodec;
    uses dev.blockwork.spi.DashboardProvider;

    provides dev.blockwork.config.SettingsGroup with dev.blockwork.config.CoreSettings;
    provides dev.blockwork.schedule.SchedulerProvider with
            dev.blockwork.schedule.SyncScheduler.Provider, dev.blockwork.schedule.ThreadsScheduler.Provider;
}
