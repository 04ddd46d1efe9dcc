/** Blockwork dashboard: the live web dashboard, {@code visualize} and performance reports. */
module dev.blockwork.dashboard {
    requires transitive dev.blockwork.core;
    requires jdk.httpserver;
    requires java.management;
    requires jdk.management;
    exports dev.blockwork.dashboard;
    provides dev.blockwork.config.SettingsGroup with dev.blockwork.dashboard.DashboardSettings;
    provides dev.blockwork.spi.DashboardProvider with dev.blockwork.dashboard.internal.AutoStart;
}
