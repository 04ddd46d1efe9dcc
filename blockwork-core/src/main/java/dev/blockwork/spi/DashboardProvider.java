package dev.blockwork.spi;

/**
 * What the {@code dashboard=on} setting starts: blockwork-dashboard registers one through
 * {@link java.util.ServiceLoader} ({@code META-INF/services/dev.blockwork.spi.DashboardProvider}), so core
 * needs no dependency on it. Core looks for providers once, at the first compute, and only when the
 * setting is on.
 */
public interface DashboardProvider {
    /**
     * Starts the dashboard if it is not running yet (it registers its own global listener and prints its
     * address once). Called at most once per JVM by core; must be quick and must not throw for a port in use
     * or the like (it reports such trouble itself).
     */
    void start();
}
