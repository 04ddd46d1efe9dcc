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
 *
 * <h2>The application's own classes</h2>
 * A user's classes work without any setting: a JVM also accepts, by exact name, (1) every class it has
 * itself serialized (the application's own functions, their capturing classes, its inputs), (2) the
 * declared result type of every function it has serialized, with the types of that class's fields, and
 * theirs (what a worker sends back), and (3) in a worker, the classes its parent named when it sent the
 * task (the task frame and the worker's command line carry those names). Nothing else: a class nobody
 * sent or declared is still refused, and the refused JDK classes above stay refused. The rule needs only
 * what the sender knows, so a cluster can apply it the same way.
 */
public final class ClassAllowList {
    /** The system property of extra patterns, {@code blockwork.serialization.allow}: comma-separated. */
    public static final String PROPERTY = dev.blockwork.process.ProcessSettings.ALLOW.property();
    private static final CopyOnWriteArrayList<String> PATTERNS = new CopyOnWriteArrayList<>(List.of("java.**", "dev.blockwork.**"));

    /**
     * Internal: the class names a parent JVM trusts for the worker it launches (what the worker's first task
     * holds), passed on the worker's command line.
     */
    public static final String TRUSTED_PROPERTY = "blockwork.serialization.trusted";
    /** Exact class names trusted beyond the patterns (see "The application's own classes" above). */
    private static final java.util.Set<String> TRUSTED = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Names recorded while {@link #collecting} runs on this thread. */
    private static final ThreadLocal<java.util.Set<String>> COLLECTING = new ThreadLocal<>();
    /** The names each declared result type brings in ({@link #declaredResult}), so each class is walked once. */
    private static final java.util.Map<Class<?>, java.util.Set<String>> DECLARED = new java.util.concurrent.ConcurrentHashMap<>();

    static {
        String p = dev.blockwork.process.ProcessSettings.ALLOW.get();
        if (p != null) for (String s : p.split(",")) if (!s.isBlank()) PATTERNS.addIfAbsent(s.trim());
        String t = System.getProperty(TRUSTED_PROPERTY);
        if (t != null) trust(java.util.Arrays.asList(t.split(",")));
    }

    private ClassAllowList() {}

    /**
     * Allows a pattern (see class doc) in this process and in worker JVMs started after this call. Thread-safe;
     * it cannot be taken back, and it does not lift a refusal of {@link #isDenied}.
     *
     * @param pattern {@code a.b.C}, {@code a.b.*} or {@code a.b.**}
     */
    public static void allow(String pattern) { PATTERNS.addIfAbsent(pattern); }

    /**
     * Allows (registers) one class by its exact name, as {@link #allow(String)} does.
     *
     * @param type the class
     */
    public static void allow(Class<?> type) { allow(type.getName()); }

    /** {@return the patterns in effect, comma-separated (what worker JVMs receive)} */
    public static String patterns() { return String.join(",", PATTERNS); }

    /**
     * Whether deserialization accepts {@code type}: an array by its component type, a primitive always.
     *
     * @param type the class
     * @return true if a pattern or a trusted name allows it and it is not denied
     */
    public static boolean allows(Class<?> type) {
        if (ALLOWED.containsKey(type)) return true;
        Class<?> t = type;
        while (t.isArray()) t = t.getComponentType();
        if (t.isPrimitive() || allows(t.getName())) {
            ALLOWED.put(type, Boolean.TRUE);
            return true;
        }
        return false;
    }

    /**
     * Whether deserialization accepts the class of this name (a binary name, or an array descriptor such as
     * {@code [Lx.Y;}); a lambda's name is judged by its capturing class. Answers that are true are cached.
     *
     * @param name the class name
     * @return true if a pattern or a trusted name allows it and it is not denied
     */
    public static boolean allows(String name) {
        if (ALLOWED_NAMES.containsKey(name)) return true; // hot: every class name a message reads
        if (!allowsUncached(name)) return false;
        ALLOWED_NAMES.put(name, Boolean.TRUE);
        return true;
    }

    private static boolean allowsUncached(String name) {
        name = elementName(name);
        if (name.length() == 1) return true; // primitive array component code
        if (isDenied(name)) return false;
        int lambda = name.indexOf("$$Lambda");
        if (lambda > 0) name = name.substring(0, lambda);
        if (TRUSTED.contains(name)) return true;
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

    /**
     * Whether {@code name} is one of the JDK classes refused whatever the patterns say (see the class doc); never
     * to be suggested for allowing.
     *
     * @param name the class name, or an array descriptor
     * @return true if it is refused always
     */
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

    /**
     * Whether this JVM trusts exactly this name: a worker, a class its parent sent with a task (see
     * {@link #trust}), not one a pattern admits.
     *
     * @param name a binary class name
     * @return true if {@link #trust} was given this name
     */
    public static boolean isTrusted(String name) { return TRUSTED.contains(elementName(name)); }

    /** Whether the patterns alone allow {@code name} (no trusted names). */
    static boolean allowedByPattern(String name) {
        name = elementName(name);
        if (isDenied(name)) return false;
        int lambda = name.indexOf("$$Lambda");
        if (lambda > 0) name = name.substring(0, lambda);
        for (String p : PATTERNS) {
            if (p.endsWith(".**") ? name.startsWith(p.substring(0, p.length() - 2))
                    : p.endsWith(".*") ? name.lastIndexOf('.') > 0 && name.substring(0, name.lastIndexOf('.')).equals(p.substring(0, p.length() - 2))
                    : p.equals(name)) return true;
        }
        return false;
    }

    /**
     * Trusts these exact class names in this JVM (a worker: the names its parent sent with a task). Denied ones
     * stay denied; array descriptors trust their element class.
     *
     * @param names binary class names
     */
    public static void trust(java.util.Collection<String> names) {
        for (String n : names) {
            String e = elementName(n.trim());
            if (!e.isEmpty() && e.length() > 1 && !isDenied(e)) TRUSTED.add(e);
        }
    }

    /** The serializer wrote {@code type} by name: this JVM sent it, so it trusts it (and a collector records it). */
    static void sent(Class<?> type) {
        String n = SENT_NAME.get(type);
        if (n == null) return;
        if (!TRUSTED.contains(n)) TRUSTED.add(n); // a read, not a locked write, for a name trusted already (the usual case)
        java.util.Set<String> c = COLLECTING.get();
        if (c != null) c.add(n);
    }

    /**
     * For each class written: the name to trust and to name to the receiver, or null (primitive, a lambda, allowed
     * by the default patterns, or denied). Computed once per class (the serializer calls {@link #sent} for
     * every class it writes); patterns added later only make the answer unnecessary, never wrong.
     */
    private static final ClassValue<String> SENT_NAME = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            Class<?> t = type;
            while (t.isArray()) t = t.getComponentType();
            if (t.isPrimitive()) return null;
            dev.blockwork.process.internal.CodeBridge.remember(t); // its loader can serve its bytes to a worker
            String n = t.getName();
            // A shell wrapper is named even when a pattern (REPL.**) admits it: the receiver refuses every wrapper
            // that was not named to it, since one a task only reads a variable from must not be shipped.
            boolean named = !n.contains("$$Lambda") && !isDenied(n)
                    && (!allowedByPattern(n) || dev.blockwork.process.internal.CodeBridge.isShellWrapper(n));
            return named ? n : null;
        }
    };

    /** Classes already found allowed: an answer that can only stay true (patterns and trusted names only grow). */
    private static final java.util.Map<Class<?>, Boolean> ALLOWED = new java.util.concurrent.ConcurrentHashMap<>();
    /** Class names already found allowed, likewise (names read before their class is loaded). */
    private static final java.util.Map<String, Boolean> ALLOWED_NAMES = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * A function this JVM serialized declares it returns {@code type}: trust it and, transitively, the types of
     * its fields, type arguments included ({@code List<Part>}: Part; JDK types go by the patterns), as a worker will send them back.
     */
    static void declaredResult(Class<?> type) {
        java.util.Set<String> names = DECLARED.get(type);
        if (names == null) names = DECLARED.computeIfAbsent(type, ClassAllowList::walk);
        for (String n : names) if (!TRUSTED.contains(n)) TRUSTED.add(n);
        java.util.Set<String> col = COLLECTING.get();
        if (col != null) col.addAll(names); // named to the receiver every time: it may be a fresh worker
    }

    /** The application classes reachable from {@code type} through fields and type arguments. */
    private static java.util.Set<String> walk(Class<?> type) {
        java.util.Set<String> names = new java.util.HashSet<>();
        java.util.Set<Class<?>> seen = new java.util.HashSet<>();
        java.util.ArrayDeque<Class<?>> todo = new java.util.ArrayDeque<>();
        todo.push(type);
        while (!todo.isEmpty()) {
            Class<?> c = todo.pop();
            while (c.isArray()) c = c.getComponentType();
            if (c.isPrimitive() || c.getName().startsWith("java.") || !seen.add(c)) continue;
            if (!allowedByPattern(c.getName()) && !isDenied(c.getName())) names.add(c.getName());
            for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
                for (java.lang.reflect.Field f : k.getDeclaredFields()) {
                    if (!java.lang.reflect.Modifier.isStatic(f.getModifiers())) typesIn(f.getGenericType(), todo);
                }
            }
            for (Class<?> p : c.getPermittedSubclasses() == null ? new Class<?>[0] : c.getPermittedSubclasses()) todo.push(p);
        }
        return java.util.Set.copyOf(names);
    }

    /** The classes a (generic) field type names: {@code List<Part>} gives List and Part. */
    private static void typesIn(java.lang.reflect.Type t, java.util.ArrayDeque<Class<?>> out) {
        switch (t) {
            case Class<?> c -> out.push(c);
            case java.lang.reflect.ParameterizedType p -> {
                typesIn(p.getRawType(), out);
                for (java.lang.reflect.Type a : p.getActualTypeArguments()) typesIn(a, out);
            }
            case java.lang.reflect.GenericArrayType g -> typesIn(g.getGenericComponentType(), out);
            case java.lang.reflect.WildcardType w -> { for (java.lang.reflect.Type b : w.getUpperBounds()) typesIn(b, out); }
            default -> { } // a type variable: its value is not known here
        }
    }

    /**
     * Runs {@code body}, recording into {@code into} the names it made this JVM trust (what it serialized), so
     * that they can go with the message to its receiver. Nested calls also add their names to the outer set.
     *
     * @param into the set that receives the names; written on this thread only
     * @param body the serialization to run
     * @param <T>  what it returns
     * @return what {@code body} returned
     */
    public static <T> T collecting(java.util.Set<String> into, java.util.function.Supplier<T> body) {
        java.util.Set<String> previous = COLLECTING.get();
        COLLECTING.set(into);
        try {
            return body.get();
        } finally {
            if (previous == null) COLLECTING.remove(); else COLLECTING.set(previous);
            if (previous != null) previous.addAll(into);
        }
    }

    /**
     * Checks a class name before it is deserialized.
     *
     * @param name the class name, as {@link #allows(String)} takes it
     * @throws ClassNotAllowedException unless it is allowed
     */
    public static void check(String name) {
        if (!allows(name)) throw new ClassNotAllowedException(name);
    }
}
