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
    public static final String PROPERTY = dev.blockwork.process.ProcessSettings.SERIALIZER.property();
    private static volatile Serializer current = byName(dev.blockwork.process.ProcessSettings.SERIALIZER.get());

    private Serialization() {}

    public static Serializer get() { return current; }

    public static void set(Serializer s) { current = java.util.Objects.requireNonNull(s); }

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
