package dev.blockwork.cli.boot;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The runnable jar's {@code Main-Class}: checks that the JVM is Java 25 or newer, then runs
 * {@link dev.blockwork.cli.Main}. On an older JVM it prints one line saying what is needed (instead of the
 * JVM's {@code UnsupportedClassVersionError}) and exits with status 1.
 *
 * <p>Implementation note: this class alone is compiled with {@code --release 8} (see blockwork-cli's pom), so
 * that any JVM from Java 8 on can load it; it must use no API newer than Java 8 and refer to
 * {@code Main} only by name.
 */
public final class Launch {
    /** The oldest Java feature release Blockwork runs on. */
    public static final int REQUIRED_FEATURE = 25;

    private Launch() {}

    /**
     * Runs the {@code blockwork} command after the version check.
     *
     * @param args the command's arguments, passed on unchanged
     * @throws Throwable whatever the command throws
     */
    public static void main(String[] args) throws Throwable {
        String found = System.getProperty("java.specification.version", "unknown");
        String problem = problem(found);
        if (problem != null) {
            System.err.println(problem);
            System.exit(1);
            return;
        }
        MethodHandle main = MethodHandles.publicLookup().findStatic(Class.forName("dev.blockwork.cli.Main"), "main",
                MethodType.methodType(void.class, String[].class));
        main.invokeExact(args);
    }

    /**
     * The message for a JVM whose {@code java.specification.version} is {@code specVersion}, or null when it is
     * new enough.
     *
     * @param specVersion {@code "1.8"}, {@code "17"}, {@code "25"}, ...
     * @return null, or "Blockwork needs Java 25 or newer; found 17; set JAVA_HOME or use ./blockwork"
     */
    public static String problem(String specVersion) {
        int feature = feature(specVersion);
        if (feature >= REQUIRED_FEATURE) return null;
        return "Blockwork needs Java " + REQUIRED_FEATURE + " or newer; found " + (feature > 0 ? feature : specVersion)
                + "; set JAVA_HOME or use ./blockwork";
    }

    /**
     * The feature release of a {@code java.specification.version}: 8 for {@code "1.8"}, 17 for {@code "17"}.
     *
     * @param specVersion the property's value
     * @return the feature release, or 0 when it cannot be read
     */
    static int feature(String specVersion) {
        String s = specVersion.startsWith("1.") ? specVersion.substring(2) : specVersion;
        int end = 0;
        while (end < s.length() && Character.isDigit(s.charAt(end))) end++;
        try {
            return end == 0 ? 0 : Integer.parseInt(s.substring(0, end));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
