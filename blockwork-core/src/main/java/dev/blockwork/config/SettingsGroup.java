package dev.blockwork.config;

import java.util.List;

/**
 * The settings one module declares, found through {@link java.util.ServiceLoader} (a
 * {@code META-INF/services/dev.blockwork.config.SettingsGroup} entry per module), so that
 * {@link Settings#all()} and the configuration reference list every knob of the modules present.
 */
public interface SettingsGroup {
    /** {@return the module's name, e.g. {@code blockwork-core}} */
    String module();

    /** {@return the module's settings, in the order the reference lists them} */
    List<Setting> settings();
}
