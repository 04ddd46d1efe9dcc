package dev.blockwork.config;

import java.util.Objects;

/**
 * One Blockwork setting: its key, default, unit and meaning, declared once (in a module's
 * {@link SettingsGroup}) and read through {@link Config} — system property {@code blockwork.KEY},
 * environment variable {@code BLOCKWORK_KEY}, the config file, then the default. The configuration
 * reference (docs/configuration.md) is made from these declarations, and a test keeps it in step.
 *
 * <pre>{@code
 * static final Setting ALLOWED_FAILURES = Setting.integer("allowedFailures", 3, "count",
 *         "worker deaths a task may cause before it fails with KilledWorkerException");
 * int n = ALLOWED_FAILURES.getInt();
 * }</pre>
 *
 * @param key          the key without the {@code blockwork.} prefix
 * @param defaultValue the default as text ({@code null}: none, or computed, see {@code defaultText})
 * @param defaultText  how the docs state the default (for computed ones such as "the number of cores")
 * @param unit         the unit or kind of value ({@code count}, {@code bytes}, {@code ms}, a list of choices)
 * @param meaning      one sentence for the reference table
 * @param readOnStart  true when the value is read once, when its class loads (a restart is needed to change it)
 */
public record Setting(String key, String defaultValue, String defaultText, String unit, String meaning, boolean readOnStart) {
    public Setting {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(meaning, "meaning");
        if (key.startsWith("blockwork.")) throw new IllegalArgumentException("got key " + key + ", expected it without the blockwork. prefix");
    }

    /** An integer setting read when needed. */
    public static Setting integer(String key, long defaultValue, String unit, String meaning) {
        return new Setting(key, Long.toString(defaultValue), Long.toString(defaultValue), unit, meaning, false);
    }

    /** A text setting; {@code choices} goes to the unit column. */
    public static Setting text(String key, String defaultValue, String choices, String meaning) {
        return new Setting(key, defaultValue, defaultValue == null ? "none" : defaultValue, choices, meaning, false);
    }

    /** A setting whose default is computed ({@code defaultText} says how), e.g. the number of cores. */
    public static Setting computed(String key, String defaultText, String unit, String meaning) {
        return new Setting(key, null, defaultText, unit, meaning, false);
    }

    /** The same setting, marked as read once when its class loads. */
    public Setting onStart() {
        return new Setting(key, defaultValue, defaultText, unit, meaning, true);
    }

    /** The system property name: {@code blockwork.KEY}. */
    public String property() { return "blockwork." + key; }

    /** The current value as text, or the default. */
    public String get() { return Config.get(key, defaultValue); }

    /** The current value; {@code fallback} where the default is computed. */
    public String get(String fallback) { return Config.get(key, defaultValue != null ? defaultValue : fallback); }

    /** The current value as an int. @throws IllegalArgumentException naming the key if it is not one */
    public int getInt() { return (int) getLong(); }

    /** The current value as an int; {@code fallback} where the default is computed. */
    public int getInt(int fallback) {
        String v = get(Integer.toString(fallback));
        return (int) parse(v);
    }

    /** The current value as a long. @throws IllegalArgumentException naming the key if it is not one */
    public long getLong() {
        String v = get();
        if (v == null) throw new IllegalStateException("setting " + key + " has a computed default; use getInt(fallback)");
        return parse(v);
    }

    /** The current value as a boolean ({@code true}/{@code false}, {@code on}/{@code off}). */
    public boolean getBoolean() {
        String v = get();
        return switch (v == null ? "" : v.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "on", "yes", "1" -> true;
            case "false", "off", "no", "0" -> false;
            default -> throw new IllegalArgumentException("setting '" + key + "' must be true or false, got '" + v + "'");
        };
    }

    private long parse(String v) {
        try {
            return Long.parseLong(v.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting '" + key + "' must be an integer (" + unit + "), got '" + v + "'");
        }
    }
}
