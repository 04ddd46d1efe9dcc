package dev.blockwork.process.serial;

/**
 * The serializer Blockwork processes use for tasks and values.
 *
 * <p>Chosen by the setting {@code serializer} (system property {@code blockwork.serializer}): {@code kryo} (default) or {@code java}; worker
 * JVMs inherit the choice. {@link #set} replaces it in this process (for a custom serializer, set the
 * same one in workers through an initializer).
 */
public final class Serialization {
    public static final String PROPERTY = dev.blockwork.process.ProcessSettings.SERIALIZER.property();
    private static volatile Serializer current = byName(dev.blockwork.process.ProcessSettings.SERIALIZER.get());

    private Serialization() {}

    public static Serializer get() { return current; }

    public static void set(Serializer s) { current = java.util.Objects.requireNonNull(s); }

    public static Serializer byName(String name) {
        return switch (name) {
            case "kryo" -> new KryoSerializer();
            case "java" -> new JavaSerializer();
            default -> throw new IllegalArgumentException("got serializer '" + name + "', expected kryo or java");
        };
    }
}
