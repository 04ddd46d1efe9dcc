package dev.blockwork.cluster.internal;

import dev.blockwork.spi.BlockCodec;
import dev.blockwork.spi.BlockCodecs;

/** Cheap estimates of a result's size (for locality: a task runs where its largest input is), and what is small enough to ship inline. */
public final class Sizes {
    private Sizes() {}

    /** Bytes of {@code v}'s data: arrays and registered blocks exactly, small values roughly; -1 if unknown. */
    public static long of(Object v) {
        if (v == null) return 0;
        if (v instanceof Number || v instanceof Boolean || v instanceof Character) return 16;
        if (v instanceof String s) return 40L + s.length();
        Class<?> c = v.getClass();
        if (c.isArray()) {
            int n = java.lang.reflect.Array.getLength(v);
            Class<?> e = c.getComponentType();
            if (e == double.class || e == long.class) return 8L * n;
            if (e == int.class || e == float.class) return 4L * n;
            if (e == short.class || e == char.class) return 2L * n;
            if (e == byte.class || e == boolean.class) return n;
            long sum = 16;
            for (int i = 0; i < Math.min(n, 64); i++) sum += Math.max(0, of(java.lang.reflect.Array.get(v, i)));
            return n <= 64 ? sum : sum * n / 64;
        }
        BlockCodec<Object> codec = codecOf(c);
        if (codec != null) {
            BlockCodec.Flat f = codec.flatten(v);
            long per = f.array() instanceof double[] || f.array() instanceof long[] ? 8 : f.array() instanceof byte[] || f.array() instanceof boolean[] ? 1 : 4;
            return per * f.length();
        }
        return -1;
    }

    @SuppressWarnings("unchecked")
    private static BlockCodec<Object> codecOf(Class<?> c) {
        return (BlockCodec<Object>) BlockCodecs.of(c);
    }

    /** Whether {@code v} is small and plain enough to travel with the task's report (then nobody fetches it later). */
    public static boolean inline(Object v) {
        if (v == null || v instanceof Number || v instanceof Boolean || v instanceof Character) return true;
        if (v instanceof String s) return s.length() <= 1024;
        return v.getClass().isArray() && v.getClass().getComponentType().isPrimitive() && of(v) <= 1024;
    }
}
