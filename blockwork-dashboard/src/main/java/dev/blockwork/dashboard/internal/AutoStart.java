package dev.blockwork.dashboard.internal;

import dev.blockwork.dashboard.Dashboard;
import dev.blockwork.spi.DashboardProvider;

/** What {@code dashboard=on} starts (found by core through {@link java.util.ServiceLoader}). */
public final class AutoStart implements DashboardProvider {
    public AutoStart() {}

    @Override public void start() {
        try {
            Dashboard.start();
        } catch (java.io.UncheckedIOException e) {
            System.getLogger(AutoStart.class.getName()).log(System.Logger.Level.WARNING,
                    "dashboard=on, but the dashboard could not start: " + e.getCause().getMessage());
        }
    }
}
