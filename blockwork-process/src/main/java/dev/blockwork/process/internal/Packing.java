package dev.blockwork.process.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Packs an {@code Object[]} whose elements are all {@link Integer}, all {@link Long} or all
 * {@link Double} into one {@code byte[]}: a tag byte, then the values as raw little-endian 4- or
 * 8-byte words. The serializer writes a {@code byte[]} with one bulk copy, so a chunk of boxed numbers
 * costs one unboxing loop here and one boxing loop in {@link #unpack} instead of one tagged object (or
 * one variable-length integer) per element in the serializer, on both sides of both directions, and
 * the loops are tiny enough to be compiled early in a fresh worker. Any other array is returned
 * unchanged. Pool chunks and their results use it.
 */
public final class Packing {
    private Packing() {}

    static final byte INTS = 1, LONGS = 2, DOUBLES = 3;
    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** {@code a} itself, or a packed {@code byte[]} when it holds at least 8 elements, all Integer, all Long or all Double. */
    public static Object pack(Object[] a) {
        if (a.length < 8) return a;
        Class<?> c = a[0] == null ? null : a[0].getClass();
        if (c != Integer.class && c != Long.class && c != Double.class) return a;
        for (Object o : a) if (o == null || o.getClass() != c) return a;
        if (c == Integer.class) {
            byte[] p = new byte[1 + 4 * a.length];
            p[0] = INTS;
            for (int i = 0; i < a.length; i++) I32.set(p, 1 + 4 * i, (int) (Integer) a[i]);
            return p;
        }
        byte[] p = new byte[1 + 8 * a.length];
        if (c == Long.class) {
            p[0] = LONGS;
            for (int i = 0; i < a.length; i++) I64.set(p, 1 + 8 * i, (long) (Long) a[i]);
        } else {
            p[0] = DOUBLES;
            for (int i = 0; i < a.length; i++) I64.set(p, 1 + 8 * i, Double.doubleToRawLongBits((Double) a[i]));
        }
        return p;
    }

    public static Object[] unpack(Object o) {
        return switch (o) {
            case Object[] a -> a;
            case byte[] p when p.length > 0 && p[0] == INTS && (p.length - 1) % 4 == 0 -> {
                Object[] a = new Object[(p.length - 1) / 4];
                for (int i = 0; i < a.length; i++) a[i] = (int) I32.get(p, 1 + 4 * i);
                yield a;
            }
            case byte[] p when p.length > 0 && p[0] == LONGS && (p.length - 1) % 8 == 0 -> {
                Object[] a = new Object[(p.length - 1) / 8];
                for (int i = 0; i < a.length; i++) a[i] = (long) I64.get(p, 1 + 8 * i);
                yield a;
            }
            case byte[] p when p.length > 0 && p[0] == DOUBLES && (p.length - 1) % 8 == 0 -> {
                Object[] a = new Object[(p.length - 1) / 8];
                for (int i = 0; i < a.length; i++) a[i] = Double.longBitsToDouble((long) I64.get(p, 1 + 8 * i));
                yield a;
            }
            default -> throw new IllegalStateException("got packed " + o.getClass().getName() + ", expected an Object[] or a packed byte[]");
        };
    }
}
