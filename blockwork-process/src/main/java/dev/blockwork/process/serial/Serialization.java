package dev.blockwork.process.serial;

import dev.blockwork.spi.Serializer;

/**
 * The serializer Blockwork processes use for tasks and values.
 *
 * <p>Chosen by the setting {@code serializer} (system property {@code blockwork.serializer}): {@code kryo}
 * (default), {@code java}, or the {@link Serializer#name() name} of one registered through
 * {@link java.util.ServiceLoader} (the core SPI {@code dev.blockwork.spi.Serializer}); worker JVMs inherit the
 * choice and find a registered one the same way. {@link #set} replaces it in this process only.
 */
public final class Serialization {
    /** The system property that chooses the serializer, {@code blockwork.serializer}. */
    public static final String PROPERTY = dev.blockwork.process.ProcessSettings.SERIALIZER.property();
    private static volatile Serializer current = byName(dev.blockwork.process.ProcessSettings.SERIALIZER.get());

    private Serialization() {}

    /** {@return the serializer this process uses now} Thread-safe; serializers are. */
    public static Serializer get() { return current; }

    /**
     * Replaces the serializer in this process only (workers started later still use the setting's).
     *
     * @param s the serializer, not null
     * @throws NullPointerException if {@code s} is null
     */
    public static void set(Serializer s) { current = java.util.Objects.requireNonNull(s); }

    /**
     * A serializer by name: {@code kryo}, {@code java}, or a registered {@code dev.blockwork.spi.Serializer}'s
     * {@link Serializer#name() name}.
     *
     * @param name the serializer's name
     * @return a new serializer
     * @throws IllegalArgumentException if no serializer has that name (the message lists those there are)
     */
    public static Serializer byName(String name) {
        switch (name) {
            case "kryo": return new KryoSerializer();
            case "java": return new JavaSerializer();
            default: break;
        }
        java.util.List<String> names = new java.util.ArrayList<>(java.util.List.of("kryo", "java"));
        for (Serializer s : java.util.ServiceLoader.load(Serializer.class, Serialization.class.getClassLoader())) {
            if (s.name().equals(name)) return s;
            names.add(s.name());
        }
        throw new IllegalArgumentException("got serializer '" + name + "', expected one of " + names
                + " (others are registered as a dev.blockwork.spi.Serializer service)");
    }
}
