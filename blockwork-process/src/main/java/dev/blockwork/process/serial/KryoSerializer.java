package dev.blockwork.process.serial;

import dev.blockwork.spi.Serializer;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.ClosureSerializer;
import com.esotericsoftware.kryo.serializers.FieldSerializer;
import com.esotericsoftware.kryo.serializers.RecordSerializer;
import com.esotericsoftware.kryo.util.DefaultClassResolver;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import com.esotericsoftware.kryo.util.MapReferenceResolver;
import com.esotericsoftware.minlog.Log;
import java.io.Serializable;
import org.objenesis.strategy.StdInstantiatorStrategy;

/**
 * The default serializer: Kryo 5.6.2 (field serialization, no JVM flags needed), falling back to
 * {@link JavaSerializer} for objects Kryo cannot handle.
 *
 * <p>Contract: as {@link Serializer}. On write, every class Kryo writes by name must be
 * {@link Serializable} (or primitive, an array of such, or a JDK type Kryo has a dedicated serializer
 * for); otherwise {@link UnserializableException} names it. On read, every class named in the
 * stream must pass {@link ClassAllowList} before it is even loaded.
 *
 * <p>Implementation overview: one Kryo instance, output and input per thread (Kryo is not
 * thread-safe). The first byte tags the format: {@code 'K'} Kryo, {@code 'J'} Java serialization.
 * Serializable lambdas go through Kryo's {@link ClosureSerializer}.
 */
public final class KryoSerializer implements Serializer {
    private static final byte KRYO = 'K', JAVA = 'J';

    static {
        // Kryo's Util probes sun.misc.Unsafe at class init, which prints four WARNING lines on JDK 24+.
        // Its field access works without Unsafe; this must run before any Kryo class initialises.
        if (System.getProperty("kryo.unsafe") == null) System.setProperty("kryo.unsafe", "false");
        // ClosureSerializer logs a warning with a stack trace when it cannot open SerializedLambda
        // (it then resolves lambdas through the capturing class, which is what we want).
        Log.set(Log.LEVEL_ERROR);
    }

    private final JavaSerializer fallback = new JavaSerializer();

    /** Kryo serializer writing one object with {@link JavaSerializer} (allow-list filtered on read). */
    static final com.esotericsoftware.kryo.Serializer<Object> FILTERED_JAVA = new com.esotericsoftware.kryo.Serializer<>() {
        private final JavaSerializer java = new JavaSerializer();

        @Override
        public void write(Kryo kryo, Output output, Object object) {
            Serializer.Bytes b = java.serialize(object);
            output.writeVarInt(b.length(), true);
            output.writeBytes(b.array(), 0, b.length());
        }

        @Override
        public Object read(Kryo kryo, Input input, Class<? extends Object> type) {
            int n = input.readVarInt(true);
            return java.deserialize(input.readBytes(n), 0, n);
        }
    };
    private final ThreadLocal<State> state = ThreadLocal.withInitial(State::new);

    /** A serializer with its own Kryo instance per thread that uses it; thread-safe. */
    public KryoSerializer() {}

    private static final class State {
        Kryo kryo = newKryo();
        final Output out = new Output(1024, -1);
        final Input in = new Input();
    }

    static Kryo newKryo() {
        Kryo k = new Kryo(new CheckingClassResolver(), new MapReferenceResolver()) {
            @Override
            @SuppressWarnings("rawtypes") // Kryo's signature
            public com.esotericsoftware.kryo.Serializer getDefaultSerializer(Class type) {
                // JDK wrappers (Collections.unmodifiableList...) have private fields Kryo cannot
                // rebuild: write them with filtered Java serialization.
                if (type.getName().startsWith("java.util.Collections$")) return FILTERED_JAVA;
                // Field serialization ignores readResolve/writeReplace: singletons such as core's
                // FusedFunction.PREVIOUS marker would arrive as a second instance and fail identity checks.
                com.esotericsoftware.kryo.Serializer s = super.getDefaultSerializer(type);
                if ((s instanceof FieldSerializer || s instanceof RecordSerializer) && hasReplaceHook(type)) return FILTERED_JAVA;
                return s;
            }
        };
        k.setRegistrationRequired(false);
        k.setReferences(false); // 2-3x faster; a cyclic graph overflows the stack and falls back to Java serialization
        k.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
        k.register(ClosureSerializer.Closure.class, new HostTrackingClosureSerializer());
        k.addDefaultSerializer(JavaSerialized.class, new com.esotericsoftware.kryo.serializers.JavaSerializer());
        BlockSerializers.register(k); // NDArray and large primitive arrays: shared memory under a ShmTransport
        k.register(dev.blockwork.schedule.TaskCall.class, TASK_CALL); // every remote task: no reflective record access
        k.register(dev.blockwork.graph.Key.class, KEY); // every task's key and its inputs' keys, compactly
        return k;
    }

    /** A {@link Serializable} class (not an enum or a {@link JavaSerialized}) that declares readResolve or writeReplace. */
    static boolean hasReplaceHook(Class<?> type) {
        if (!Serializable.class.isAssignableFrom(type) || type.isEnum() || JavaSerialized.class.isAssignableFrom(type)) return false;
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (java.lang.reflect.Method m : c.getDeclaredMethods()) {
                if (m.getParameterCount() == 0 && (m.getName().equals("readResolve") || m.getName().equals("writeReplace"))) return true;
            }
        }
        return false;
    }

    @Override
    public Bytes serialize(Object value) {
        State s = state.get();
        s.out.reset();
        s.out.writeByte(KRYO);
        ShmTransport transport = ShmTransport.current();
        int mark = transport == null ? 0 : transport.mark();
        try {
            s.kryo.writeClassAndObject(s.out, value);
            return new Bytes(s.out.getBuffer(), s.out.position());
        } catch (RuntimeException | StackOverflowError e) {
            s.kryo = newKryo(); // its state after a failed write is undefined
            if (transport != null) transport.discardFrom(mark); // blocks this attempt put in shared memory
            for (Throwable t = e; t != null; t = t.getCause()) if (t instanceof ShmTransport.TransferException x) throw x;
            UnserializableException u = find(e);
            if (u != null) throw new UnserializableException(u.offendingClass(), "a value of " + JavaSerializer.className(value), e);
            Bytes j;
            try {
                j = fallback.serialize(value);
            } catch (RuntimeException f) {
                IllegalStateException closed = ModuleAccess.explain(e, "serialize a value of " + JavaSerializer.className(value));
                if (closed != null) throw closed;
                throw f;
            }
            byte[] b = new byte[j.length() + 1];
            b[0] = JAVA;
            System.arraycopy(j.array(), 0, b, 1, j.length());
            return new Bytes(b, b.length);
        }
    }

    @Override
    public Object deserialize(byte[] bytes, int offset, int length) {
        if (length < 1) throw new IllegalArgumentException("got " + length + " bytes, expected >= 1");
        byte tag = bytes[offset];
        if (tag == JAVA) return fallback.deserialize(bytes, offset + 1, length - 1);
        if (tag != KRYO) throw new IllegalStateException("got format tag " + tag + ", expected 'K' or 'J'");
        State s = state.get();
        ClassLoader code = dev.blockwork.process.internal.CodeBridge.loader(); // a worker: classes from its parent too
        if (s.kryo.getClassLoader() != code) s.kryo.setClassLoader(code);
        s.in.setBuffer(bytes, offset + 1, length - 1);
        try {
            return s.kryo.readClassAndObject(s.in);
        } catch (RuntimeException e) {
            s.kryo = newKryo();
            for (Throwable t = e; t != null; t = t.getCause()) if (t instanceof ClassNotAllowedException c) throw c;
            IllegalStateException closed = ModuleAccess.explain(e, "read a value sent by another JVM");
            throw closed != null ? closed : e;
        }
    }

    @Override
    public String name() { return "kryo"; }

    private static UnserializableException find(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) if (t instanceof UnserializableException u) return u;
        return null;
    }

    /**
     * The engine's task record, written field by field: Kryo's generic record serializer reads each component
     * through reflection and rebuilds the record through its constructor, a visible cost per remote task.
     */
    static final com.esotericsoftware.kryo.Serializer<dev.blockwork.schedule.TaskCall> TASK_CALL = new com.esotericsoftware.kryo.Serializer<>() {
        @Override
        public void write(Kryo kryo, Output output, dev.blockwork.schedule.TaskCall c) {
            kryo.writeClassAndObject(output, c.key());
            output.writeString(c.label());
            kryo.writeClassAndObject(output, c.function());
            kryo.writeClassAndObject(output, c.args());
        }

        @Override
        public dev.blockwork.schedule.TaskCall read(Kryo kryo, Input input, Class<? extends dev.blockwork.schedule.TaskCall> type) {
            dev.blockwork.graph.Key key = (dev.blockwork.graph.Key) kryo.readClassAndObject(input);
            String label = input.readString();
            dev.blockwork.graph.TaskFunction fn = (dev.blockwork.graph.TaskFunction) kryo.readClassAndObject(input);
            Object[] args = (Object[]) kryo.readClassAndObject(input);
            return new dev.blockwork.schedule.TaskCall(key, label, fn, args);
        }
    };

    /**
     * Keys, compactly: most names are {@code label-<32 hex>} (a token, or {@code Tokens.unique()}'s per-JVM salt
     * and counter), written as the label and two longs instead of 33 characters; a salt equal to the previous key's
     * in the same message (a batch of one client's tasks) is not repeated. Other names are written as they are.
     * The name read back is the same string, so the key is equal to the one written.
     */
    static final com.esotericsoftware.kryo.Serializer<dev.blockwork.graph.Key> KEY = new com.esotericsoftware.kryo.Serializer<>() {
        private static final Object LAST_HIGH = new Object(); // graph-context entry: the previous key's first 16 hex
        private static final java.util.HexFormat HEX = java.util.HexFormat.of();

        @Override
        @SuppressWarnings("unchecked") // Kryo's graph context is a raw ObjectMap
        public void write(Kryo kryo, Output output, dev.blockwork.graph.Key k) {
            String name = k.name();
            int dash = name.length() - 33;
            if (dash > 0 && name.charAt(dash) == '-' && lowerHex(name, dash + 1)) {
                long high = java.util.HexFormat.fromHexDigitsToLong(name, dash + 1, dash + 17);
                long low = java.util.HexFormat.fromHexDigitsToLong(name, dash + 17, dash + 33);
                Object last = kryo.getGraphContext().get(LAST_HIGH);
                boolean same = last instanceof Long l && l == high;
                output.writeByte(same ? 2 : 1);
                output.writeString(name.substring(0, dash));
                if (!same) {
                    output.writeLong(high);
                    kryo.getGraphContext().put(LAST_HIGH, high);
                }
                output.writeVarLong(low, true);
            } else {
                output.writeByte(0);
                output.writeString(name);
            }
            int rank = k.rank();
            output.writeVarInt(rank, true);
            for (int i = 0; i < rank; i++) output.writeVarInt(k.index(i), true);
        }

        @Override
        @SuppressWarnings("unchecked") // as above
        public dev.blockwork.graph.Key read(Kryo kryo, Input input, Class<? extends dev.blockwork.graph.Key> type) {
            byte kind = input.readByte();
            String name;
            if (kind == 0) {
                name = input.readString();
            } else if (kind == 1 || kind == 2) {
                String label = input.readString();
                long high;
                if (kind == 1) {
                    high = input.readLong();
                    kryo.getGraphContext().put(LAST_HIGH, high);
                } else if (kryo.getGraphContext().get(LAST_HIGH) instanceof Long l) {
                    high = l;
                } else {
                    throw new com.esotericsoftware.kryo.KryoException("a key refers to an earlier key's name, but none was read");
                }
                name = label + "-" + HEX.toHexDigits(high) + HEX.toHexDigits(input.readVarLong(true));
            } else {
                throw new com.esotericsoftware.kryo.KryoException("got key kind " + kind + ", expected 0, 1 or 2");
            }
            int rank = input.readVarInt(true);
            if (rank > 64) throw new com.esotericsoftware.kryo.KryoException("a key with " + rank + " index components, expected at most 64");
            int[] index = new int[rank];
            for (int i = 0; i < rank; i++) index[i] = input.readVarInt(true);
            return dev.blockwork.graph.Key.of(name, index);
        }

        private static boolean lowerHex(String s, int from) {
            for (int i = from; i < from + 32; i++) {
                char c = s.charAt(i);
                if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
            }
            return true;
        }
    };

    /** Marker: classes Kryo should write with Java serialization (writeReplace/readResolve handles). */
    public interface JavaSerialized extends Serializable {}

    /**
     * Kryo writes a lambda's capturing class as a class reference (not an instance): remember which
     * hosts are being written so the Serializable check lets that reference through.
     */
    static final class HostTrackingClosureSerializer extends ClosureSerializer {
        /** Each serializable lambda class's declared result type (from its SerializedLambda); Object.class when unknown. */
        static final java.util.concurrent.ConcurrentHashMap<Class<?>, Class<?>> RESULT_TYPES = new java.util.concurrent.ConcurrentHashMap<>();

        /** The result type {@code lambda}'s class declares (the same for every instance), or null. */
        static Class<?> declaredResult(Object lambda) {
            Class<?> r = RESULT_TYPES.computeIfAbsent(lambda.getClass(), c -> {
                try {
                    java.lang.reflect.Method m = c.getDeclaredMethod("writeReplace");
                    m.setAccessible(true);
                    java.lang.invoke.SerializedLambda sl = (java.lang.invoke.SerializedLambda) m.invoke(lambda);
                    Class<?> t = resultOf(sl, c.getClassLoader());
                    return t == null ? Object.class : t;
                } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                    return Object.class;
                }
            });
            return r == Object.class ? null : r;
        }

        /** The declared result class of {@code sl} (its instantiated method type), or null for void, primitives, unknown. */
        static Class<?> resultOf(java.lang.invoke.SerializedLambda sl, ClassLoader loader) {
            String sig = sl.getInstantiatedMethodType();
            String ret = sig.substring(sig.indexOf(')') + 1);
            while (ret.startsWith("[")) ret = ret.substring(1);
            if (!ret.startsWith("L")) return null;
            String name = ret.substring(1, ret.length() - 1).replace('/', '.');
            for (ClassLoader l : new ClassLoader[] {loader, Thread.currentThread().getContextClassLoader()}) {
                if (l == null) continue;
                try {
                    return Class.forName(name, false, l);
                } catch (ClassNotFoundException | LinkageError e) {
                    // the next one: a JShell or source-launcher class is known to the thread's context loader
                }
            }
            return null;
        }

        @Override
        public void write(Kryo kryo, Output output, Object object) {
            Class<?> result = declaredResult(object);
            if (result != null) ClassAllowList.declaredResult(result); // what a worker will send back
            CheckingClassResolver r = (CheckingClassResolver) kryo.getClassResolver();
            String n = object.getClass().getName();
            int i = n.indexOf("$$Lambda");
            r.lambdaHosts.push(i > 0 ? n.substring(0, i) : n);
            try {
                Lambda info = LAMBDAS.get(object.getClass());
                java.lang.invoke.SerializedLambda sl = info.replace(object);
                int count = sl.getCapturedArgCount();
                output.writeVarInt(count, true);
                for (int a = 0; a < count; a++) kryo.writeClassAndObject(output, sl.getCapturedArg(a));
                kryo.writeClass(output, info.capturing());
                byte[] meta = info.meta(sl);
                output.writeVarInt(meta.length, true);
                output.writeBytes(meta);
            } finally {
                r.lambdaHosts.pop();
            }
        }

        /**
         * Reads what {@link #write} wrote (Kryo's own closure format) and rebuilds the lambda through its capturing
         * class's {@code $deserializeLambda$}, found once per class: Kryo's own path looks it up by reflection for
         * every lambda read, which was a large part of a small remote task's cost.
         */
        @Override
        @SuppressWarnings("rawtypes") // Kryo's signature
        public Object read(Kryo kryo, Input input, Class type) {
            int count = input.readVarInt(true);
            Object[] captured = new Object[count];
            for (int a = 0; a < count; a++) captured[a] = kryo.readClassAndObject(input);
            Class<?> capturing = kryo.readClass(input).getType();
            Meta m = Meta.read(input.readBytes(input.readVarInt(true)));
            java.lang.invoke.SerializedLambda sl = new java.lang.invoke.SerializedLambda(capturing, m.parts[0], m.parts[1],
                    m.parts[2], m.kind, m.parts[3], m.parts[4], m.parts[5], m.parts[6], captured);
            try {
                return DESERIALIZERS.get(capturing).invoke(null, sl);
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new com.esotericsoftware.kryo.KryoException("could not rebuild a lambda of " + capturing.getName()
                        + " (" + sl.getImplMethodName() + "): " + e, e);
            }
        }

        /**
         * A serializable lambda class: its {@code writeReplace}, made accessible once, its capturing class, and the
         * part of its serial form that is the same for every instance (interface, implementation method and
         * signatures), encoded once.
         */
        static final class Lambda {
            private final java.lang.reflect.Method writeReplace;
            private final Class<?> capturing;
            private volatile byte[] meta;

            Lambda(java.lang.reflect.Method writeReplace, Class<?> capturing) {
                this.writeReplace = writeReplace;
                this.capturing = capturing;
            }

            Class<?> capturing() { return capturing; }

            java.lang.invoke.SerializedLambda replace(Object lambda) {
                try {
                    return (java.lang.invoke.SerializedLambda) writeReplace.invoke(lambda);
                } catch (ReflectiveOperationException e) {
                    throw new com.esotericsoftware.kryo.KryoException("could not serialize lambda " + lambda.getClass().getName() + ": " + e, e);
                }
            }

            byte[] meta(java.lang.invoke.SerializedLambda sl) {
                byte[] m = meta;
                if (m == null) meta = m = Meta.encode(sl);
                return m;
            }
        }

        /**
         * The per-class part of a lambda's serial form: seven strings and the implementation method's kind, as one
         * UTF-8 blob. A reader decodes each distinct blob once (a worker sees the same few lambdas again and again).
         */
        static final class Meta {
            private static final java.util.concurrent.ConcurrentHashMap<java.nio.ByteBuffer, Meta> SEEN = new java.util.concurrent.ConcurrentHashMap<>();
            final String[] parts;
            final int kind;

            private Meta(String[] parts, int kind) {
                this.parts = parts;
                this.kind = kind;
            }

            static byte[] encode(java.lang.invoke.SerializedLambda sl) {
                String joined = String.join("\0", sl.getFunctionalInterfaceClass(), sl.getFunctionalInterfaceMethodName(),
                        sl.getFunctionalInterfaceMethodSignature(), sl.getImplClass(), sl.getImplMethodName(),
                        sl.getImplMethodSignature(), sl.getInstantiatedMethodType(), Integer.toString(sl.getImplMethodKind()));
                return joined.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            }

            static Meta read(byte[] blob) {
                java.nio.ByteBuffer key = java.nio.ByteBuffer.wrap(blob);
                Meta m = SEEN.get(key);
                if (m != null) return m;
                String[] p = new String(blob, java.nio.charset.StandardCharsets.UTF_8).split("\0", -1);
                if (p.length != 8) throw new com.esotericsoftware.kryo.KryoException("a lambda's description has " + p.length + " parts, expected 8");
                int kind;
                try {
                    kind = Integer.parseInt(p[7]);
                } catch (NumberFormatException e) {
                    throw new com.esotericsoftware.kryo.KryoException("a lambda's description has method kind " + p[7] + ", expected a number");
                }
                m = new Meta(java.util.Arrays.copyOf(p, 7), kind);
                if (SEEN.size() < 10_000) SEEN.put(key, m); // bounded: a stream of distinct lambdas must not grow it forever
                return m;
            }
        }

        static final ClassValue<Lambda> LAMBDAS = new ClassValue<>() {
            @Override protected Lambda computeValue(Class<?> c) {
                try {
                    java.lang.reflect.Method m = c.getDeclaredMethod("writeReplace");
                    m.setAccessible(true);
                    String host = c.getName();
                    int i = host.indexOf("$$Lambda");
                    Class<?> capturing = Class.forName(i > 0 ? host.substring(0, i) : host, false, c.getClassLoader());
                    return new Lambda(m, capturing);
                } catch (ReflectiveOperationException e) {
                    throw new com.esotericsoftware.kryo.KryoException("not a serializable lambda: " + c.getName(), e);
                }
            }
        };

        /** Each capturing class's {@code $deserializeLambda$(SerializedLambda)}, made accessible once. */
        static final ClassValue<java.lang.reflect.Method> DESERIALIZERS = new ClassValue<>() {
            @Override protected java.lang.reflect.Method computeValue(Class<?> c) {
                try {
                    java.lang.reflect.Method m = c.getDeclaredMethod("$deserializeLambda$", java.lang.invoke.SerializedLambda.class);
                    m.setAccessible(true);
                    return m;
                } catch (NoSuchMethodException e) {
                    throw new com.esotericsoftware.kryo.KryoException(c.getName() + " has no serializable lambdas ($deserializeLambda$ is missing)", e);
                }
            }
        };
    }

    /** Checks classes on the way out (serializable?) and on the way in (allowed?). */
    static final class CheckingClassResolver extends DefaultClassResolver {
        final java.util.ArrayDeque<String> lambdaHosts = new java.util.ArrayDeque<>();
        @Override
        @SuppressWarnings("rawtypes") // Kryo's signature
        public Registration writeClass(Output output, Class type) {
            if (type != null) {
                checkWritable(type);
                ClassAllowList.sent(type); // the application sends it: trusted here, named to the receiver
            }
            return super.writeClass(output, type);
        }

        private void checkWritable(Class<?> type) {
            Class<?> c = type;
            while (c.isArray()) c = c.getComponentType();
            if (c == Object.class && type.isArray()) return; // Object[]: elements are checked one by one
            if (c.isPrimitive() || Serializable.class.isAssignableFrom(c) || kryo.isClosure(c)) return;
            if (dev.blockwork.spi.BlockCodecs.of(c) != null) return; // a block codec writes it (BlockSerializers)
            if (lambdaHosts.contains(c.getName())) return;
            com.esotericsoftware.kryo.Serializer<?> ser = kryo.getDefaultSerializer(c);
            if (ser instanceof FieldSerializer || ser instanceof RecordSerializer) {
                throw new UnserializableException(c.getName(), "a value of " + c.getName(), null);
            }
        }

        @Override
        @SuppressWarnings("rawtypes") // Kryo's signature
        protected Class getTypeByName(String className) {
            ClassAllowList.check(className);
            return super.getTypeByName(className);
        }

        @Override
        protected Registration readName(Input input) {
            Registration r = super.readName(input);
            if (r != null && !kryo.isClosure(r.getType())) {
                if (!ClassAllowList.allows(r.getType())) throw new ClassNotAllowedException(r.getType().getName());
            }
            return r;
        }
    }
}
