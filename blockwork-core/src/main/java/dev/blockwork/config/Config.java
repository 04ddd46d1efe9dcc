package dev.blockwork.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

/**
 * Blockwork settings. A key such as {@code scheduler} is looked up, first match wins, in:
 * <ol>
 *   <li>the system property {@code blockwork.scheduler};</li>
 *   <li>the environment variable {@code BLOCKWORK_SCHEDULER} (dots and dashes become underscores);</li>
 *   <li>the config file: {@code $BLOCKWORK_CONFIG} if set, else {@code ./blockwork.properties}, else
 *       {@code ~/.config/blockwork/blockwork.properties} (Java properties syntax, keys without the prefix,
 *       e.g. {@code scheduler=sync});</li>
 *   <li>the default given by the caller.</li>
 * </ol>
 * Every key is declared once, with its default and meaning, as a {@link Setting} of a module's
 * {@link SettingsGroup}; {@link Settings#table()} is the reference (docs/configuration.md).
 * The file is read once per JVM; system properties and the environment are read on every call.
 */
public final class Config {
    private static volatile Properties file;

    private Config() {}

    /**
     * The value of setting {@code key}, from the first source that has it (see the class comment), trimmed.
     *
     * @param key the key without prefix, e.g. {@code scheduler}
     * @param defaultValue returned when no source sets it (blank values count as unset)
     * @return the value, or {@code defaultValue}
     */
    public static String get(String key, String defaultValue) {
        String v = System.getProperty("blockwork." + key);
        if (v != null && !v.isBlank()) return v.trim();
        v = System.getenv("BLOCKWORK_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
        if (v != null && !v.isBlank()) return v.trim();
        v = fileProperties().getProperty(key);
        if (v != null && !v.isBlank()) return v.trim();
        return defaultValue;
    }

    /**
     * The value of setting {@code key} as an integer, looked up as {@link #get(String, String)}.
     *
     * @param key the key without prefix, e.g. {@code threads}
     * @param defaultValue returned when no source sets it
     * @return the value, or {@code defaultValue}
     * @throws IllegalArgumentException naming the key and the value if it is not an integer
     */
    public static int getInt(String key, int defaultValue) {
        String v = get(key, null);
        if (v == null) return defaultValue;
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting '" + key + "' must be an integer, got '" + v + "'");
        }
    }

    private static Properties fileProperties() {
        Properties p = file;
        if (p != null) return p;
        p = new Properties();
        String explicit = System.getenv("BLOCKWORK_CONFIG");
        Path[] candidates = explicit != null
                ? new Path[] {Path.of(explicit)}
                : new Path[] {Path.of("blockwork.properties"),
                              Path.of(System.getProperty("user.home"), ".config", "blockwork", "blockwork.properties")};
        for (Path c : candidates) {
            if (Files.isRegularFile(c)) {
                p = load(c);
                break;
            } else if (explicit != null) {
                throw new IllegalStateException("BLOCKWORK_CONFIG names " + c + ", which is not a readable file");
            }
        }
        file = p;
        return p;
    }

    /** Reads one config file. */
    static Properties load(Path c) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(c)) {
            p.load(r);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read Blockwork config file " + c + ": " + e.getMessage(), e);
        }
        return p;
    }

    /**
     * Uses {@code c} as the config file from now on (tests; tools that take a --config option).
     *
     * @param c a Java properties file
     * @throws IllegalStateException if it cannot be read
     */
    public static void useFile(Path c) {
        file = load(c);
    }
}
