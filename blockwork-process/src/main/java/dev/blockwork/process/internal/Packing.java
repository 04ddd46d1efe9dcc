package dev.blockwork.process.internal;

/**
 * Packs an {@code Object[]} whose elements are all {@link Integer}, all {@link Long} or all
 * {@link Double} into a primitive array (serialized at memory speed instead of one tagged object
 * per element), and back. Any other array is returned unchanged. Pool chunks and their results use it.
 */
public final class Packing {
    private Packing() {}

    public static Object pack(Object[] a) {
        if (a.length < 8) return a;
        Class<?> c = a[0] == null ? null : a[0].getClass();
        if (c != Integer.class && c != Long.class && c != Double.class) return a;
        for (Object o : a) if (o == null || o.getClass() != c) return a;
        if (c == Integer.class) {
            int[] p = new int[a.length];
            for (int i = 0; i < a.length; i++) p[i] = (Integer) a[i];
            return p;
        }
        if (c == Long.class) {
            long[] p = new long[a.length];
            for (int i = 0; i < a.length; i++) p[i] = (Long) a[i];
            return p;
        }
        double[] p = new double[a.length];
        for (int i = 0; i < a.length; i++) p[i] = (Double) a[i];
        return p;
    }

    public static Object[] unpack(Object o) {
        return switch (o) {
            case Object[] a -> a;
            case int[] p -> { Object[] a = new Object[p.length]; for (int i = 0; i < p.length; i++) a[i] = p[i]; yield a; }
            case long[] p -> { Object[] a = new Object[p.length]; for (int i = 0; i < p.length; i++) a[i] = p[i]; yield a; }
            case double[] p -> { Object[] a = new Object[p.length]; for (int i = 0; i < p.length; i++) a[i] = p[i]; yield a; }
            default -> throw new IllegalStateException("got packed " + o.getClass().getName() + ", expected an array");
        };
    }
}
