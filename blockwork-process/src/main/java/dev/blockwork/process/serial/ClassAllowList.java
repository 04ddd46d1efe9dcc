package dev.blockwork.process.serial;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Which classes deserialization accepts, in every Blockwork process.
 *
 * <p>Patterns: {@code a.b.C} (exactly that class), {@code a.b.*} (classes of package {@code a.b}),
 * {@code a.b.**} (package {@code a.b} and its sub-packages). Defaults: {@code java.**},
 * {@code dev.blockwork.**}, plus the comma-separated patterns in system property
 * {@code blockwork.serialization.allow} (setting {@code serialization.allow}). Patterns added with {@link #allow} are passed on to worker JVMs this process
 * starts afterwards. Arrays are allowed when their component type is; lambdas when their capturing
 * class is.
 *
 * <p>Refused always, whatever the patterns say ({@link #isDenied}): JDK classes whose deserialization has
 * side effects or deserializes again behind the filter's back — {@code java.net.**} but {@code java.net.URI}
 * ({@code URL.hashCode} resolves a host name: the URLDNS probe; {@code InetAddress}), {@code java.rmi.**}
 * (remote references open connections), {@code java.beans.**} ({@code EventHandler} invokes methods),
 * {@code java.lang.reflect.Proxy} (an invocation handler runs on every call), {@code java.security.SignedObject}
 * and {@code java.rmi.MarshalledObject} (a nested stream read without this filter), {@code java.util.logging.**},
 * {@code java.lang.ProcessBuilder}, {@code java.lang.Runtime}, {@code java.lang.Thread}, {@code java.lang.ClassLoader}s.
 */
public final class ClassAllowList {
    public static final String PROPERTY = dev.blockwork.process.ProcessSettings.ALLOW.property();
    private static final CopyOnWriteArrayList<String> PATTERNS = new CopyOnWriteArrayList<>(List.of("java.**", "dev.blockwork.**"));

    static {
        String p = dev.blockwork.process.ProcessSettings.ALLOW.get();
        if (p != null) for (String s : p.split(",")) if (!s.isBlank()) PATTERNS.addIfAbsent(s.trim());
    }

    private ClassAllowList() {}

    /** Allows a pattern (see class doc) in this process and in worker JVMs started after this call. */
    public static void allow(String pattern) { PATTERNS.addIfAbsent(pattern); }

    /** Allows (registers) one class. */
    public static void allow(Class<?> type) { allow(type.getName()); }

    /** Patterns in effect, comma-separated (what worker JVMs receive). */
    public static String patterns() { return String.join(",", PATTERNS); }

    public static boolean allows(Class<?> type) {
        while (type.isArray()) type = type.getComponentType();
        if (type.isPrimitive()) return true;
        return allows(type.getName());
    }

    public static boolean allows(String name) {
        name = elementName(name);
        if (name.length() == 1) return true; // primitive array component code
        if (isDenied(name)) return false;
        int lambda = name.indexOf("$$Lambda");
        if (lambda > 0) name = name.substring(0, lambda);
        for (String p : PATTERNS) {
            if (p.endsWith(".**")) {
                if (name.startsWith(p.substring(0, p.length() - 2))) return true;
            } else if (p.endsWith(".*")) {
                String pkg = p.substring(0, p.length() - 2);
                int dot = name.lastIndexOf('.');
                if (dot > 0 && name.substring(0, dot).equals(pkg)) return true;
            } else if (p.equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** The class an array type name is made of ({@code [[Lx.Y;} → {@code x.Y}). */
    static String elementName(String name) {
        while (name.startsWith("[")) name = name.substring(1);
        if (name.startsWith("L") && name.endsWith(";")) name = name.substring(1, name.length() - 1);
        return name;
    }

    /** JDK classes refused whatever the patterns say (see the class doc); never to be suggested for allowing. */
    public static boolean isDenied(String name) {
        name = elementName(name);
        if (name.startsWith("java.net.")) return !name.equals("java.net.URI");
        if (name.startsWith("java.rmi.") || name.startsWith("java.beans.") || name.startsWith("java.util.logging.")) return true;
        if (name.endsWith("ClassLoader") && name.startsWith("java.")) return true;
        return switch (name) {
            case "java.lang.reflect.Proxy", "java.security.SignedObject", "java.lang.ProcessBuilder", "java.lang.Runtime",
                 "java.lang.Thread" -> true;
            default -> false;
        };
    }

    /** Throws {@link ClassNotAllowedException} unless allowed. */
    public static void check(String name) {
        if (!allows(name)) throw new ClassNotAllowedException(name);
    }
}
