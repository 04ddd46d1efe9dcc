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
    /**
     * Checks the declaration; prefer {@link #integer}, {@link #text} and {@link #computed}.
     *
     * @throws NullPointerException     if {@code key} or {@code meaning} is null
     * @throws IllegalArgumentException if {@code key} starts with {@code blockwork.}
     */
    public Setting {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(meaning, "meaning");
        if (key.startsWith("blockwork.")) throw new IllegalArgumentException("got key " + key + ", expected it without the blockwork. prefix");
    }

    /**
     * An integer setting read when needed.
     *
     * @param key          the key without the {@code blockwork.} prefix
     * @param defaultValue the default
     * @param unit         the unit, e.g. {@code count}, {@code bytes}, {@code ms}
     * @param meaning      one sentence for the reference table
     * @return the setting
     */
    public static Setting integer(String key, long defaultValue, String unit, String meaning) {
        return new Setting(key, Long.toString(defaultValue), Long.toString(defaultValue), unit, meaning, false);
    }

    /**
     * A text setting read when needed.
     *
     * @param key          the key without the {@code blockwork.} prefix
     * @param defaultValue the default, or null for none
     * @param choices      what values it takes, for the unit column
     * @param meaning      one sentence for the reference table
     * @return the setting
     */
    public static Setting text(String key, String defaultValue, String choices, String meaning) {
        return new Setting(key, defaultValue, defaultValue == null ? "none" : defaultValue, choices, meaning, false);
    }

    /**
     * A setting whose default is computed, e.g. the number of cores: readers pass it as the fallback of
     * {@link #get(String)} or {@link #getInt(int)}.
     *
     * @param key         the key without the {@code blockwork.} prefix
     * @param defaultText how the docs state the default
     * @param unit        the unit or kind of value
     * @param meaning     one sentence for the reference table
     * @return the setting
     */
    public static Setting computed(String key, String defaultText, String unit, String meaning) {
        return new Setting(key, null, defaultText, unit, meaning, false);
    }

    /** {@return the same setting, marked as read once when its class loads (a restart is needed to change it)} */
    public Setting onStart() {
        return new Setting(key, defaultValue, defaultText, unit, meaning, true);
    }

    /** {@return the system property name: {@code blockwork.KEY}} */
    public String property() { return "blockwork." + key; }

    /** {@return the current value as text, or the default (null for a computed or absent one)} */
    public String get() { return Config.get(key, defaultValue); }

    /**
     * The current value as text.
     *
     * @param fallback what to return if nothing sets it and the default is computed
     * @return the value, the default, or {@code fallback}
     */
    public String get(String fallback) { return Config.get(key, defaultValue != null ? defaultValue : fallback); }

    /**
     * The current value as an int (a long value is truncated).
     *
     * @return the value, or the default
     * @throws IllegalArgumentException naming the key, if the value is not an integer
     * @throws IllegalStateException    if the default is computed (use {@link #getInt(int)})
     */
    public int getInt() { return (int) getLong(); }

    /**
     * The current value as an int.
     *
     * @param fallback what to return if nothing sets it and the default is computed
     * @return the value, the default, or {@code fallback}
     * @throws IllegalArgumentException naming the key, if the value is not an integer
     */
    public int getInt(int fallback) {
        String v = get(Integer.toString(fallback));
        return (int) parse(v);
    }

    /**
     * The current value as a long; underscores are allowed ({@code 64_000}).
     *
     * @return the value, or the default
     * @throws IllegalArgumentException naming the key, if the value is not an integer
     * @throws IllegalStateException    if the default is computed
     */
    public long getLong() {
        String v = get();
        if (v == null) throw new IllegalStateException("setting " + key + " has a computed default; use getInt(fallback)");
        return parse(v);
    }

    /**
     * The current value as a boolean.
     *
     * @return true for {@code true}, {@code on}, {@code yes}, {@code 1}; false for {@code false}, {@code off},
     *         {@code no}, {@code 0} (any case)
     * @throws IllegalArgumentException naming the key, if the value is none of those (or there is none)
     */
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
