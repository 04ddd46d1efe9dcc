package dev.blockwork.cluster;

import java.util.List;

/**
 * The JVM flags a Hazelcast member or client needs on JDK 25 for a start without warnings (Hazelcast's own six
 * documented flags, one for the JCTools it shades, and one that Kryo's lambda serializer needs once they are set). The {@code blockwork} launcher and {@link LocalCluster}
 * set them; a user's own JVM gets them from {@code docs/cluster.md}, and from one log line at WARNING naming what
 * is missing when this JVM starts a member or a client without them.
 */
public final class JvmFlags {
    /** The flags, one argument each. */
    public static final List<String> HAZELCAST = List.of(
            "--add-modules", "java.se",
            "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens", "java.management/sun.management=ALL-UNNAMED",
            "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED",
            "--sun-misc-unsafe-memory-access=allow",
            // not Hazelcast's: with java.lang open, Kryo's closure serializer reads lambdas reflectively and needs this
            "--add-opens", "java.base/java.lang.invoke=ALL-UNNAMED");
    private static volatile boolean checked;

    private JvmFlags() {}

    /** {@return whether this JVM was started with the flags} Checked on two of the {@code --add-opens} ones. */
    public static boolean present() {
        Module unnamed = JvmFlags.class.getClassLoader().getUnnamedModule();
        return Object.class.getModule().isOpen("java.lang", unnamed)
                && Object.class.getModule().isOpen("sun.nio.ch", unnamed);
    }

    static void checkOnce() {
        if (checked) return;
        checked = true;
        if (!present()) {
            System.getLogger(JvmFlags.class.getName()).log(System.Logger.Level.WARNING,
                    "this JVM lacks the flags Hazelcast needs on JDK 25; it works, but Hazelcast may print warnings. Start java with: "
                            + String.join(" ", HAZELCAST) + " (see docs/cluster.md)");
        }
    }
}
