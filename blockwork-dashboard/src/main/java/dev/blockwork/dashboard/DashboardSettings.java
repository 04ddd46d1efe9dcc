package dev.blockwork.dashboard;

import dev.blockwork.config.Setting;
import dev.blockwork.config.SettingsGroup;

import java.util.List;

/**
 * blockwork-dashboard's settings (the reference table is made from these: docs/configuration.md). The
 * {@code dashboard} switch itself ({@code on} starts the dashboard at the first compute) is core's, so that
 * core can look for the dashboard only when asked to.
 */
public final class DashboardSettings implements SettingsGroup {
    /** The address the dashboard binds to. */
    public static final Setting HOST = Setting.text("dashboard.host", "127.0.0.1", "an address or host name",
            "where the dashboard listens; anything but loopback also requires a random token, printed with the URL");
    /** The port; 0 picks a free one. */
    public static final Setting PORT = Setting.integer("dashboard.port", 0, "port",
            "the dashboard's port; 0 = a free port");

    /** Computes of more tasks are watched by polling their task states instead of per-task events. */
    public static final Setting TASK_EVENTS_MAX_TASKS = Setting.integer("dashboard.taskEvents.maxTasks", 50_000, "tasks",
            "computes of more tasks are watched by polling (progress, memory, a sampled task stream) instead of per-task events, so their tasks pay nothing");

    /** Creates the group (for {@link java.util.ServiceLoader}). */
    public DashboardSettings() {}

    @Override public String module() { return "blockwork-dashboard"; }

    @Override public List<Setting> settings() { return List.of(HOST, PORT, TASK_EVENTS_MAX_TASKS); }
}
