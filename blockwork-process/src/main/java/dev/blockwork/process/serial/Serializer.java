package dev.blockwork.process.serial;

/**
 * Turns task and value objects into bytes and back, for sending between processes.
 *
 * <p>Contract: {@link #serialize} may return a view of a per-thread buffer, valid until the same
 * thread's next call; copy it if you keep it. {@link #deserialize} accepts only classes allowed by
 * {@link ClassAllowList} and throws {@link ClassNotAllowedException} otherwise. A value that cannot
 * be serialized fails with {@link UnserializableException} naming the offending class. Implementations
 * are thread-safe.
 */
public interface Serializer {
    /** Serialized bytes: {@code array[0, length)}. */
    record Bytes(byte[] array, int length) {
        public byte[] copy() { return java.util.Arrays.copyOf(array, length); }
    }

    Bytes serialize(Object value);

    Object deserialize(byte[] bytes, int offset, int length);

    default Object deserialize(byte[] bytes) { return deserialize(bytes, 0, bytes.length); }

    String name();
}
