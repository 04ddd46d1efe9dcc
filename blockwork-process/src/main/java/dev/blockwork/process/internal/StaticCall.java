package dev.blockwork.process.internal;

import dev.blockwork.process.WorkerTask;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/** A worker task that calls {@code className.method(args...)} (a public static method) by reflection. */
public record StaticCall(String className, String method, Object[] args) implements WorkerTask {
    @Override
    public void run() throws Exception {
        Class<?> c = Class.forName(className, true, Thread.currentThread().getContextClassLoader());
        Method m = find(c);
        m.setAccessible(true); // public method of a non-public class (same unnamed module)
        try {
            m.invoke(null, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception ex) throw ex;
            if (e.getCause() instanceof Error er) throw er;
            throw e;
        }
    }

    private Method find(Class<?> c) {
        for (Method m : c.getMethods()) {
            if (m.getName().equals(method) && Modifier.isStatic(m.getModifiers()) && m.getParameterCount() == args.length) {
                return m;
            }
        }
        throw new IllegalArgumentException("got method " + className + "." + method + " with " + args.length
                + " arguments, expected a public static method of that name and arity");
    }
}
