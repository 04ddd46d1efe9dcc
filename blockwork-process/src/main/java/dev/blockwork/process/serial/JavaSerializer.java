package dev.blockwork.process.serial;

import dev.blockwork.spi.Serializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

/**
 * Java serialization with an {@link ObjectInputFilter} that accepts {@link ClassAllowList} classes only.
 * The fallback behind {@link KryoSerializer} (lambdas it cannot read, exceptions, JDK wrappers).
 * About 5 µs per small round trip: 15x slower than Kryo here.
 */
public final class JavaSerializer implements Serializer {
    private static final ThreadLocal<String> REJECTED = new ThreadLocal<>();

    static final ObjectInputFilter FILTER = info -> {
        Class<?> c = info.serialClass();
        if (c == null) return ObjectInputFilter.Status.UNDECIDED;
        if (ClassAllowList.allows(c)) return ObjectInputFilter.Status.ALLOWED;
        REJECTED.set(c.getName());
        return ObjectInputFilter.Status.REJECTED;
    };

    /** A serializer; it keeps no state between calls, so one may be shared by every thread. */
    public JavaSerializer() {}

    @Override
    public Bytes serialize(Object value) {
        ByteArrayOutputStream bo = new ByteArrayOutputStream(256);
        try (ObjectOutputStream oo = new Tracking(bo)) {
            oo.writeObject(value);
        } catch (NotSerializableException e) {
            throw new UnserializableException(e.getMessage(), "a value of " + className(value), e);
        } catch (IOException e) {
            throw new UnserializableException(className(value), "a value of " + className(value), e);
        }
        byte[] b = bo.toByteArray();
        return new Bytes(b, b.length);
    }

    @Override
    public Object deserialize(byte[] bytes, int offset, int length) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes, offset, length)) {
            @Override
            protected Class<?> resolveClass(java.io.ObjectStreamClass desc) throws IOException, ClassNotFoundException {
                try {
                    return Class.forName(desc.getName(), false, dev.blockwork.process.internal.CodeBridge.loader());
                } catch (ClassNotFoundException e) {
                    return super.resolveClass(desc); // primitives' and arrays' descriptors
                }
            }
        }) {
            in.setObjectInputFilter(FILTER);
            return in.readObject();
        } catch (InvalidClassException e) {
            String rejected = REJECTED.get();
            REJECTED.remove();
            if (rejected != null) throw new ClassNotAllowedException(rejected);
            throw new IllegalStateException("cannot deserialize: " + e, e);
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("cannot deserialize: " + e, e);
        }
    }

    @Override
    public String name() { return "java"; }

    /**
     * Records what this JVM sends, as the Kryo path does: each class written (the application's classes become
     * trusted here and are named to the receiver) and each lambda's declared result type.
     */
    static final class Tracking extends ObjectOutputStream {
        Tracking(java.io.OutputStream out) throws IOException {
            super(out);
            enableReplaceObject(true);
        }

        @Override
        protected void annotateClass(Class<?> cl) {
            ClassAllowList.sent(cl);
        }

        @Override
        protected Object replaceObject(Object obj) {
            if (obj instanceof java.lang.invoke.SerializedLambda sl) {
                Class<?> r = KryoSerializer.HostTrackingClosureSerializer.resultOf(sl, dev.blockwork.process.internal.CodeBridge.loader());
                if (r != null) ClassAllowList.declaredResult(r);
            }
            return obj;
        }
    }

    static String className(Object v) { return v == null ? "null" : v.getClass().getName(); }
}
