package dev.blockwork.schedule;

import java.util.Set;

/**
 * Makes schedulers known by name. Modules add theirs in
 * {@code META-INF/services/dev.blockwork.schedule.SchedulerProvider}.
 */
public interface SchedulerProvider {
    /** {@return the names (and aliases) this provider answers to, lower case, e.g. {@code sync}, {@code synchronous}} */
    Set<String> names();

    /** {@return a new scheduler: the shared instance used when a compute names this scheduler, created once per JVM} */
    Scheduler create();
}
