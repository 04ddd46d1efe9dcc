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
 * classes, {@link Key}s, primitive arrays (by content), {@code Object[]} and {@link List}s of parts,
 * {@link Tokenizable} values and records (by class and components); {@link #ofPure} also accepts serializable
 * lambdas and method references (by their implementation method, a digest of the class file that holds its code,
 * and their captured values: an edited function gets a new token), for callers that know the function is pure.
 * Anything else has no stable identity: {@link #of} then throws
 * {@link NotTokenizable}, and the caller must give the node a unique name instead ({@link #unique()}, what Dask
 * does for objects it cannot hash), never a token that two different values could share.
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
        return digest(parts, false);
    }

    /**
     * As {@link #of}, with functions too: a serializable lambda or method reference is named by what it runs and
     * what it captured. Only for functions whose result depends on their arguments alone (Dask's {@code pure=True}):
     * two calls of an impure function with equal arguments would be taken for one.
     *
     * @param parts what identifies the call (order matters)
     * @return 32 hex digits
     * @throws NotTokenizable if a part has no stable identity
     */
    public static String ofPure(Object... parts) {
        return digest(parts, true);
    }

    private static String digest(Object[] parts, boolean functions) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no MD5", e);
        }
        feed(md, parts, 0, functions);
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

    /** 64 random bits per JVM: unique names from two JVMs (two clients of one cluster) never meet. */
    private static final String JVM_SALT = HEX.toHexDigits(new java.security.SecureRandom().nextLong());
    private static final java.util.concurrent.atomic.AtomicLong UNIQUE = new java.util.concurrent.atomic.AtomicLong();

    /**
     * 32 hex digits no other call returns, in this JVM or (with overwhelming probability) any other: this JVM's
     * random salt and a counter. What a node with no stable identity is named by; the same shape as a token, so
     * tools that group keys by their readable part treat both alike.
     *
     * @return 32 hex digits
     */
    public static String unique() {
        return JVM_SALT + HEX.toHexDigits(UNIQUE.incrementAndGet());
    }

    /**
     * {@code label + "-" + }{@link #unique()}.
     *
     * @param label the name's readable part
     * @return a name no other node has
     */
    public static String uniqueName(String label) { return label + "-" + JVM_SALT + HEX.toHexDigits(UNIQUE.incrementAndGet()); }

    private static void feed(MessageDigest md, Object o, int depth, boolean fns) {
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
            case Enum<?> e -> { bytes(md, 'e', e.getDeclaringClass().getName().getBytes(StandardCharsets.UTF_8)); feed(md, e.name(), depth + 1, fns); }
            case Class<?> c -> bytes(md, 'C', c.getName().getBytes(StandardCharsets.UTF_8));
            case Key k -> bytes(md, 'K', k.toString().getBytes(StandardCharsets.UTF_8));
            case Tokenizable t -> { tag(md, 'T', 0); feed(md, t.tokenParts(), depth + 1, fns); }
            case long[] a -> { tag(md, 'J', a.length); contents(md, java.lang.foreign.MemorySegment.ofArray(a)); }
            case int[] a -> { tag(md, 'I', a.length); contents(md, java.lang.foreign.MemorySegment.ofArray(a)); }
            case double[] a -> { tag(md, 'D', a.length); contents(md, java.lang.foreign.MemorySegment.ofArray(a)); }
            case float[] a -> { tag(md, 'F', a.length); contents(md, java.lang.foreign.MemorySegment.ofArray(a)); }
            case byte[] a -> bytes(md, 'B', a);
            case boolean[] a -> { tag(md, 'Z', a.length); for (boolean v : a) md.update((byte) (v ? 1 : 0)); }
            case short[] a -> { tag(md, 'H', a.length); for (short v : a) longBytes(md, v); }
            case char[] a -> { tag(md, 'A', a.length); for (char v : a) longBytes(md, v); }
            case long[][] a -> { tag(md, 'L', a.length); for (long[] r : a) feed(md, r, depth + 1, fns); }
            case Object[] a -> { tag(md, 'O', a.length); for (Object x : a) feed(md, x, depth + 1, fns); }
            case List<?> l -> { tag(md, 'l', l.size()); for (Object x : l) feed(md, x, depth + 1, fns); }
            case Record r -> record(md, r, depth, fns);
            case java.io.Serializable f when fns && f.getClass().isHidden() -> lambda(md, f, depth);
            default -> throw new NotTokenizable(o);
        }
    }

    private static void record(MessageDigest md, Record r, int depth, boolean fns) {
        Class<?> c = r.getClass();
        java.lang.reflect.Method[] accessors = RECORD_ACCESSORS.get(c);
        if (accessors == null) throw new NotTokenizable(r);
        bytes(md, 'R', c.getName().getBytes(StandardCharsets.UTF_8));
        for (java.lang.reflect.Method a : accessors) {
            try {
                feed(md, a.invoke(r), depth + 1, fns);
            } catch (ReflectiveOperationException e) {
                throw new NotTokenizable(r);
            }
        }
    }

    /** A serializable lambda: what it runs (method and code), for which interface, and what it captured. */
    private static void lambda(MessageDigest md, Object f, int depth) {
        java.lang.reflect.Method writeReplace = WRITE_REPLACE.get(f.getClass());
        if (writeReplace == null) throw new NotTokenizable(f);
        java.lang.invoke.SerializedLambda sl;
        try {
            if (!(writeReplace.invoke(f) instanceof java.lang.invoke.SerializedLambda x)) throw new NotTokenizable(f);
            sl = x;
        } catch (ReflectiveOperationException e) {
            throw new NotTokenizable(f);
        }
        boolean fns = true;
        tag(md, 'Y', sl.getCapturedArgCount());
        feed(md, new Object[] {sl.getImplClass(), sl.getImplMethodName(), sl.getImplMethodSignature(), sl.getImplMethodKind(),
                sl.getFunctionalInterfaceClass(), sl.getInstantiatedMethodType()}, depth + 1, fns);
        md.update(CODE_DIGESTS.get(f.getClass()));
        for (int i = 0; i < sl.getCapturedArgCount(); i++) feed(md, sl.getCapturedArg(i), depth + 1, fns);
    }

    /** A record's accessors, made accessible once; null when they cannot be (a package not open to Blockwork). */
    private static final ClassValue<java.lang.reflect.Method[]> RECORD_ACCESSORS = new ClassValue<>() {
        @Override protected java.lang.reflect.Method[] computeValue(Class<?> c) {
            java.lang.reflect.RecordComponent[] rc = c.getRecordComponents();
            java.lang.reflect.Method[] m = new java.lang.reflect.Method[rc.length];
            try {
                for (int i = 0; i < rc.length; i++) {
                    m[i] = rc[i].getAccessor();
                    m[i].setAccessible(true);
                }
                return m;
            } catch (RuntimeException e) {
                return null;
            }
        }
    };

    /** A lambda class's {@code writeReplace}, made accessible once; null when it has none or it cannot be. */
    private static final ClassValue<java.lang.reflect.Method> WRITE_REPLACE = new ClassValue<>() {
        @Override protected java.lang.reflect.Method computeValue(Class<?> c) {
            try {
                java.lang.reflect.Method m = c.getDeclaredMethod("writeReplace");
                m.setAccessible(true);
                return m;
            } catch (NoSuchMethodException | RuntimeException e) {
                return null;
            }
        }
    };

    /**
     * For a lambda class: the MD5 of the class file of the class that declares it (its code lives there), so that
     * an edited function is named anew. A class with no class file (JShell's, a single-file program's, a generated
     * one) gets a name unique to this JVM: stable while it runs, never shared with another JVM's different code.
     */
    private static final ClassValue<byte[]> CODE_DIGESTS = new ClassValue<>() {
        @Override protected byte[] computeValue(Class<?> lambdaClass) {
            String host = lambdaClass.getName();
            int cut = host.indexOf("$$Lambda");
            String declaring = cut > 0 ? host.substring(0, cut) : host;
            ClassLoader l = lambdaClass.getClassLoader();
            String resource = declaring.replace('.', '/') + ".class";
            try (java.io.InputStream in = l == null ? ClassLoader.getSystemResourceAsStream(resource) : l.getResourceAsStream(resource)) {
                if (in != null) return MessageDigest.getInstance("MD5").digest(in.readAllBytes());
            } catch (java.io.IOException | NoSuchAlgorithmException e) {
                // no readable class file: named for this JVM only, below
            }
            return unique().getBytes(StandardCharsets.UTF_8);
        }
    };

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
