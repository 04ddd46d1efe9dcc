package dev.blockwork.cluster.internal;

import dev.blockwork.process.serial.ClassAllowList;
import dev.blockwork.process.serial.Serialization;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A value in Blockwork's serialization together with the application class names it contains:
 * Kryo of {@code {String[] names, byte[] value}}. The receiver may trust those names before it reads the value
 * (a peer worker, a reader of the cluster's coordination structures: the cluster is one trust domain), or not
 * (a client reading a task's result trusts only the classes it sent or declared itself, as on {@code processes}).
 */
public final class Envelope {
    private Envelope() {}

    public static byte[] wrap(Object value) {
        Set<String> names = new HashSet<>();
        byte[] inner = ClassAllowList.collecting(names, () -> Serialization.get().serialize(value).copy());
        return Serialization.get().serialize(new Object[] {names.toArray(new String[0]), inner}).copy();
    }

    public static Object unwrap(byte[] bytes, boolean trustNames) {
        Object[] outer = (Object[]) Serialization.get().deserialize(bytes);
        if (trustNames) ClassAllowList.trust(List.of((String[]) outer[0]));
        return Serialization.get().deserialize((byte[]) outer[1]);
    }
}
