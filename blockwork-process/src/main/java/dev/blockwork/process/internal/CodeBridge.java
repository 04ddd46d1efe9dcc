package dev.blockwork.process.internal;

import dev.blockwork.process.serial.ClassAllowList;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Code travels with the task: a worker JVM loads the application classes it lacks (a JShell snippet's
 * classes, a single-file source program's, a jar the worker was not started with) from the parent that
 * sent the task.
 *
 * <p>Contract: the worker side ({@link #loader()}) is a class loader under the system class loader: what
 * the worker's class path has is loaded from there as usual (parent first); only a class it cannot find is
 * asked for, and only if {@link ClassAllowList} admits its name (the application's own classes: those the
 * parent named with the task, or that the patterns allow). The parent answers with the class file's bytes,
 * found through the class loaders of the classes it has serialized, only for names its own allow-list
 * admits; otherwise with nothing, and the worker throws {@code ClassNotFoundException} naming the class. A
 * JShell wrapper class ({@code REPL.$JShell$20}, which holds a variable or a method typed in the shell) is refused
 * with a {@code NoClassDefFoundError} (what the JVM throws for a missing class anyway) whose message says what to
 * do: its static fields are the shell's variables, which a worker's copy would have at 0 or null. The
 * same rule (only the application's own classes, only from the process that sent the task) is what a
 * cluster client will use.
 *
 * <p>Implementation overview: the parent listens on a Unix-domain socket in a private (0700) temporary
 * directory, made on the first worker launch; its path reaches workers as the system property
 * {@value #SOCKET_PROPERTY}. A worker connects on its first missing class only (most never do), then asks
 * one name at a time and reads {@code int length, bytes} (0: not found). The parent serves each connection
 * from a virtual thread blocked in a socket read: no polling, no cost while nobody asks.
 */
public final class CodeBridge {
    /** Internal: where a worker's parent serves class files. */
    public static final String SOCKET_PROPERTY = "blockwork.code.socket";
    /** The class loaders of classes this JVM has sent (JShell's, a source launcher's, a custom one). */
    private static final Set<ClassLoader> LOADERS = ConcurrentHashMap.newKeySet();
    private static final CodeLoader LOADER = new CodeLoader(ClassLoader.getSystemClassLoader());
    private static volatile Path socket; // the parent side, once started
    /** Where a worker with no parent socket asks for the classes it lacks (a cluster worker: its clients'); null = nowhere. */
    private static volatile java.util.function.Function<String, byte[]> source;

    private CodeBridge() {}

    /**
     * The class loader deserialization uses in this JVM: the system one first, then the loaders of classes this
     * JVM has sent (a JShell snippet's, a source program's), then, in a worker, the parent.
     */
    public static ClassLoader loader() { return LOADER; }

    /** A class of {@code type}'s loader was serialized here: its loader can serve the class's bytes. */
    public static void remember(Class<?> type) {
        ClassLoader l = type.getClassLoader();
        if (l != null && l != ClassLoader.getPlatformClassLoader() && l != ClassLoader.getSystemClassLoader() && l != LOADER) LOADERS.add(l);
    }

    /**
     * Parent side: the path workers ask for classes on (the server starts on first use), or null if this
     * machine offers no Unix-domain sockets (workers then have their class path only).
     */
    public static synchronized Path socket() {
        if (socket != null) return socket;
        try {
            Path dir = Files.createTempDirectory("blockwork-code-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path path = dir.resolve("s");
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(path));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try { server.close(); Files.deleteIfExists(path); Files.deleteIfExists(dir); } catch (IOException ignored) { }
            }, "blockwork-code-cleanup"));
            Thread.ofVirtual().name("blockwork-code-server").start(() -> accept(server));
            return socket = path;
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    private static void accept(ServerSocketChannel server) {
        while (server.isOpen()) {
            SocketChannel c;
            try {
                c = server.accept();
            } catch (IOException closed) {
                return;
            }
            Thread.ofVirtual().name("blockwork-code-worker").start(() -> serve(c));
        }
    }

    private static void serve(SocketChannel c) {
        try (c; DataInputStream in = new DataInputStream(Channels.newInputStream(c));
             DataOutputStream out = new DataOutputStream(Channels.newOutputStream(c))) {
            while (true) {
                byte[] b = bytesOf(in.readUTF());
                out.writeInt(b.length);
                out.write(b);
                out.flush();
            }
        } catch (IOException gone) {
            // the worker exited or hung up
        }
    }

    /**
     * Worker side, for transports without a parent socket (the cluster): {@code classSource} answers a class
     * name with its class file's bytes, or an empty array. It is asked only for names the allow-list admits.
     */
    public static void classSource(java.util.function.Function<String, byte[]> classSource) { source = classSource; }

    /** Sender side: the class file of {@code name} (see {@link #bytesOf}), for a transport that ships classes itself. */
    public static byte[] classBytes(String name) { return bytesOf(name); }

    /** The class file of {@code name}, if the allow-list admits it and a known loader has it; else empty. */
    static byte[] bytesOf(String name) {
        if (!ClassAllowList.allows(name)) return new byte[0];
        String resource = name.replace('.', '/') + ".class";
        List<ClassLoader> where = new ArrayList<>(LOADERS);
        where.addFirst(ClassLoader.getSystemClassLoader());
        for (ClassLoader l : where) {
            try (InputStream in = l.getResourceAsStream(resource)) {
                if (in != null) return in.readAllBytes();
            } catch (IOException | RuntimeException e) {
                // try the next loader
            }
        }
        return new byte[0];
    }

    /**
     * Whether {@code name} is one of the classes JShell wraps each snippet in ({@code REPL.$JShell$20}): the
     * holder of a variable (a static field) or a method typed in the shell. Classes declared in the shell are
     * nested in them ({@code REPL.$JShell$4$P}) and are not wrappers.
     *
     * @param name a binary class name
     * @return true for {@code REPL.$JShell$<digits>}
     */
    public static boolean isShellWrapper(String name) {
        String prefix = "REPL.$JShell$";
        if (!name.startsWith(prefix) || name.length() == prefix.length()) return false;
        for (int i = prefix.length(); i < name.length(); i++) if (!Character.isDigit(name.charAt(i))) return false;
        return true;
    }

    /**
     * Why a worker refuses a shell wrapper class: it holds the shell's variables as static fields, which a
     * worker's copy would have at their defaults (0, null): a silent wrong answer, so it is never shipped.
     */
    static String shellStateRefused(String name) {
        return "the task uses " + name + ", a class the shell made for a variable or method you typed; workers cannot see"
                + " the shell's variables: copy the value into a local inside a block, e.g. { var k2 = k; pool.map(v -> v + k2, xs); }"
                + " (and put a method the task calls in a class or record you declare)";
    }

    /** Loads what the system class loader lacks from the application's loaders here, then from the parent. */
    static final class CodeLoader extends ClassLoader {
        static { registerAsParallelCapable(); }
        private DataInputStream in;   // to the parent: made on the first miss; guarded by this
        private DataOutputStream out;

        CodeLoader(ClassLoader parent) {
            super("blockwork-code", parent);
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            for (ClassLoader l : LOADERS) {
                try {
                    return Class.forName(name, false, l);
                } catch (ClassNotFoundException | LinkageError e) {
                    // the next one
                }
            }
            String path = System.getProperty(SOCKET_PROPERTY);
            java.util.function.Function<String, byte[]> from = source;
            if (path == null && from == null) throw new ClassNotFoundException(name);
            // A shell wrapper the parent did not send by name holds the shell's variables: refused even where a
            // pattern such as REPL.** would admit it (its copy here would read 0 and null). What the JVM would
            // throw for a missing class, said plainly.
            if (isShellWrapper(name) && !ClassAllowList.isTrusted(name)) throw new NoClassDefFoundError(shellStateRefused(name));
            if (!ClassAllowList.allows(name)) {
                throw new ClassNotFoundException(name + " (not an application class the parent sent)");
            }
            if (path == null) {
                byte[] shipped = from.apply(name);
                if (shipped == null || shipped.length == 0) throw new ClassNotFoundException(name + ": neither this worker's class path nor its clients have it");
                return defineClass(name, shipped, 0, shipped.length);
            }
            byte[] b;
            synchronized (this) {
                try {
                    if (out == null) {
                        SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(path));
                        in = new DataInputStream(Channels.newInputStream(c));
                        out = new DataOutputStream(Channels.newOutputStream(c));
                    }
                    out.writeUTF(name);
                    out.flush();
                    b = in.readNBytes(in.readInt());
                } catch (IOException | UncheckedIOException e) {
                    throw new ClassNotFoundException(name + ": the parent JVM did not answer (" + e.getMessage() + ")", e);
                }
            }
            if (b.length == 0) throw new ClassNotFoundException(name + ": neither this worker's class path nor the parent JVM has it");
            return defineClass(name, b, 0, b.length);
        }
    }
}
