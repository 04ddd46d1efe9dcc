package dev.blockwork.fn;

import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Human names for functions, used in keys and error messages: {@code Main::inc} gives {@code inc}, a lambda
 * written inline gives {@code lambda}, a class gives its simple name in lower camel case. Computed once per
 * function class (all calls from one call site share a class), so it is cheap on hot paths.
 */
public final class Labels {
    private static final ConcurrentHashMap<Class<?>, String> CACHE = new ConcurrentHashMap<>();

    private Labels() {}

    /**
     * The label of a function object.
     *
     * @param fn a lambda, method reference or function object
     * @return e.g. {@code inc} for {@code Main::inc}, {@code lambda} for an inline lambda
     */
    public static String of(Object fn) {
        Class<?> c = fn.getClass();
        String l = CACHE.get(c);
        if (l == null) {
            l = compute(fn);
            CACHE.putIfAbsent(c, l);
        }
        return l;
    }

    private static String compute(Object fn) {
        Class<?> c = fn.getClass();
        if (c.isSynthetic() || c.isHidden()) {
            try {
                Method m = c.getDeclaredMethod("writeReplace");
                m.setAccessible(true);
                if (m.invoke(fn) instanceof SerializedLambda sl) {
                    String name = sl.getImplMethodName();
                    return name.startsWith("lambda$") ? "lambda" : name;
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                // not a serializable lambda: fall through
            }
            return "lambda";
        }
        String s = c.getSimpleName();
        if (s.isEmpty()) return "fn";
        return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
