package dev.blockwork.spi;

/**
 * Turns task and value objects into bytes and back, for sending between JVMs (worker processes, cluster
 * members). Blockwork's process module provides {@code kryo} (the default) and {@code java}; another one is
 * registered through {@link java.util.ServiceLoader} ({@code provides dev.blockwork.spi.Serializer with ...} or
 * {@code META-INF/services/dev.blockwork.spi.Serializer}) and chosen by its {@link #name()} with the setting
 * {@code serializer}; worker JVMs choose the same one.
 *
 * <p>Contract: {@link #serialize} may return a view of a per-thread buffer, valid until the same thread's next
 * call; copy it if you keep it. {@link #deserialize} must refuse, before running any of their code, classes
 * that the receiving side does not trust (Blockwork's own serializers apply the process module's
 * {@code ClassAllowList}), and a value that cannot be serialized fails with an {@link IllegalArgumentException}
 * naming the offending class. Implementations are thread-safe and have a public no-argument constructor.
 */
public interface Serializer {
    /**
     * Serialized bytes: {@code array[0, length)}.
     *
     * @param array  the buffer (may be larger than the bytes)
     * @param length how many bytes of it are the value
     */
    record Bytes(byte[] array, int length) {
        /**
         * The bytes, copied into an array of their own length.
         *
         * @return a copy
         */
        public byte[] copy() { return java.util.Arrays.copyOf(array, length); }
    }

    /**
     * The bytes of {@code value}.
     *
     * @param value any value, or null
     * @return its bytes (maybe a per-thread buffer: see the class comment)
     */
    Bytes serialize(Object value);

    /**
     * The value in {@code bytes[offset, offset + length)}.
     *
     * @param bytes  the buffer
     * @param offset where the value starts
     * @param length how many bytes it has
     * @return the value
     */
    Object deserialize(byte[] bytes, int offset, int length);

    /**
     * The value in all of {@code bytes}.
     *
     * @param bytes what {@link #serialize} gave, copied
     * @return the value
     */
    default Object deserialize(byte[] bytes) { return deserialize(bytes, 0, bytes.length); }

    /**
     * The name the setting {@code serializer} chooses this serializer by.
     *
     * @return e.g. {@code kryo}
     */
    String name();
}
