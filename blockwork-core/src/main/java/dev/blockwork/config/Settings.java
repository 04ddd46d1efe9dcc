package dev.blockwork.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The one registry of Blockwork settings: every module's {@link SettingsGroup}, in module order. The
 * configuration reference (docs/configuration.md) is {@link #table()}; {@code blockwork config} prints it
 * with the values in force.
 */
public final class Settings {
    private Settings() {}

    /** {@return the groups of every module on the class path, sorted by module name} Each call loads them afresh. */
    public static List<SettingsGroup> groups() {
        List<SettingsGroup> gs = new ArrayList<>();
        for (SettingsGroup g : ServiceLoader.load(SettingsGroup.class, Settings.class.getClassLoader())) gs.add(g);
        gs.sort(Comparator.comparing(SettingsGroup::module));
        return gs;
    }

    /** {@return every declared setting, in group order, then declaration order} */
    public static List<Setting> all() {
        List<Setting> out = new ArrayList<>();
        for (SettingsGroup g : groups()) out.addAll(g.settings());
        return out;
    }

    /** {@return the reference table in Markdown: one row per setting, grouped by module, with the defaults (not the values in force)} */
    public static String table() {
        StringBuilder b = new StringBuilder();
        b.append("| setting | module | default | unit | meaning |\n|---|---|---|---|---|\n");
        for (SettingsGroup g : groups()) {
            for (Setting s : g.settings()) {
                b.append("| `").append(s.key()).append("` | ").append(g.module()).append(" | ").append(s.defaultText())
                        .append(" | ").append(s.unit()).append(" | ").append(s.meaning())
                        .append(s.readOnStart() ? " (read at start-up)" : "").append(" |\n");
            }
        }
        return b.toString();
    }
}
