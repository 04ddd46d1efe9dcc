package dev.blockwork.graph;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Deterministic names for graph nodes (Dask's {@code tokenize}): the same operation on the same inputs gets the
 * same token in every JVM and every run, so that collections built twice, or by two clients, have the same keys
 * (a result can be found, shared and recomputed by name).
 *
 * <p>A token is the first 128 bits of the MD5 of a canonical encoding of its parts (hex, 32 characters; MD5 as in
 * Dask: a fingerprint, not a security boundary). Parts may be {@code null}, strings, boxed primitives, enums,
 * classes, {@link Key}s, primitive arrays (by content), {@code Object[]} and {@link List}s of parts, and
 * {@link Tokenizable} values. Anything else has no stable identity: {@link #of} then throws
 * {@link NotTokenizable}, and the caller must give the node a unique name instead (what Dask does for objects it
 * cannot hash), never a token that two different values could share.
 */
public final class Tokens {
    private static final HexFormat HEX = HexFormat.of();

    private Tokens() {}

    /** A value that names itself (a collection by its layer name, a block by its contents). */
    public interface Tokenizable {
        /**
         * Parts that identify this value; equal parts must mean an equal value.
         *
         * @return the parts (any value {@link Tokens#of} accepts)
         */
        Object tokenParts();
    }

    /** A part with no stable identity (a lambda, an arbitrary object). */
    public static class NotTokenizable extends IllegalArgumentException {
        NotTokenizable(Object part) {
            super("no stable token for a " + (part == null ? "null" : part.getClass().getName()), null);
        }
    }

    /** Thrown by a {@link Tokenizable} (or a caller building parts) for a value it cannot name. */
    public static final class NotTokenizableValue extends NotTokenizable {
        /**
         * A value without a stable identity.
         *
         * @param part the value
         */
        public NotTokenizableValue(Object part) { super(part); }
    }

    /**
     * The token of {@code parts}.
     *
     * @param parts what identifies the node (order matters)
     * @return 32 hex digits
     * @throws NotTokenizable if a part has no stable identity
     */
    public static String of(Object... parts) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no MD5", e);
        }
        feed(md, parts, 0);
        return HEX.formatHex(md.digest());
    }

    /**
     * {@code label + "-" + token}, or, when a part has no stable identity, {@code label + "-" + unique} where
     * {@code unique} comes from {@code fallback} (a name no other node has).
     *
     * @param label    the name's readable part (the operation)
     * @param fallback makes a unique name when the parts cannot be tokenized
     * @param parts    what identifies the node
     * @return the name
     */
    public static String name(String label, java.util.function.Supplier<String> fallback, Object... parts) {
        try {
            return label + "-" + of(parts);
        } catch (NotTokenizable e) {
            return fallback.get();
        }
    }

    private static void feed(MessageDigest md, Object o, int depth) {
        if (depth > 200) throw new NotTokenizable(o); // a cycle, or nesting nobody means
        switch (o) {
            case null -> tag(md, 'n', 0);
            case String s -> bytes(md, 's', s.getBytes(StandardCharsets.UTF_8));
            case Long v -> longTag(md, 'j', v);
            case Integer v -> longTag(md, 'i', v);
            case Short v -> longTag(md, 'h', v);
            case Byte v -> longTag(md, 'b', v);
            case Character v -> longTag(md, 'c', v);
            case Boolean v -> longTag(md, 'z', v ? 1 : 0);
            case Double v -> longTag(md, 'd', Double.doubleToLongBits(v));
            case Float v -> longTag(md, 'f', Float.floatToIntBits(v));
            case Enum<?> e -> { bytes(md, 'e', e.getDeclaringClass().getName().getBytes(StandardCharsets.UTF_8)); feed(md, e.name(), depth + 1); }
            case Class<?> c -> bytes(md, 'C', c.getName().getBytes(StandardCharsets.UTF_8));
            case Key k -> bytes(md, 'K', k.toString().getBytes(StandardCharsets.UTF_8));
            case Tokenizable t -> { tag(md, 'T', 0); feed(md, t.tokenParts(), depth + 1); }
            case long[] a -> { tag(md, 'J', a.length); contents(md, java.lang.foreign.MemorySegment.ofArray(a)); }
            case int[] a -> { tag(md, 'I', a.length); contents(md, java.lang.foreign.MemorySegment.ofArray(a)); }
            case double[] a -> { tag(md, 'D', a.length); contents(md, java.lang.foreign.MemorySegment.ofArray(a)); }
            case float[] a -> { tag(md, 'F', a.length); contents(md, java.lang.foreign.MemorySegment.ofArray(a)); }
            case byte[] a -> bytes(md, 'B', a);
            case boolean[] a -> { tag(md, 'Z', a.length); for (boolean v : a) md.update((byte) (v ? 1 : 0)); }
            case short[] a -> { tag(md, 'H', a.length); for (short v : a) longBytes(md, v); }
            case char[] a -> { tag(md, 'A', a.length); for (char v : a) longBytes(md, v); }
            case long[][] a -> { tag(md, 'L', a.length); for (long[] r : a) feed(md, r, depth + 1); }
            case Object[] a -> { tag(md, 'O', a.length); for (Object x : a) feed(md, x, depth + 1); }
            case List<?> l -> { tag(md, 'l', l.size()); for (Object x : l) feed(md, x, depth + 1); }
            default -> throw new NotTokenizable(o);
        }
    }

    /** An array's bytes, through a small buffer (a heap segment of longs or doubles has no byte view). */
    private static void contents(MessageDigest md, java.lang.foreign.MemorySegment data) {
        byte[] buf = new byte[(int) Math.min(1 << 16, data.byteSize())];
        java.lang.foreign.MemorySegment b = java.lang.foreign.MemorySegment.ofArray(buf);
        for (long pos = 0; pos < data.byteSize(); ) {
            int n = (int) Math.min(buf.length, data.byteSize() - pos);
            java.lang.foreign.MemorySegment.copy(data, pos, b, 0, n);
            md.update(buf, 0, n);
            pos += n;
        }
    }

    private static void tag(MessageDigest md, char t, long n) {
        md.update((byte) t);
        longBytes(md, n);
    }

    private static void longTag(MessageDigest md, char t, long v) { tag(md, t, v); }

    private static void bytes(MessageDigest md, char t, byte[] b) {
        tag(md, t, b.length);
        md.update(b);
    }

    private static void longBytes(MessageDigest md, long v) {
        for (int i = 0; i < 8; i++) md.update((byte) (v >>> (8 * i)));
    }
}
