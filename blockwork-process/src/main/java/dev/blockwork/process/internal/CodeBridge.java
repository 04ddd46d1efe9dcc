package dev.blockwork.process.internal;

import dev.blockwork.process.Connection;
import dev.blockwork.process.Pipe;
import dev.blockwork.process.serial.ClassAllowList;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Code travels with the task: a worker JVM loads the application classes it lacks (a JShell snippet's
 * classes, a single-file source program's, a jar the worker was not started with) from the parent that
 * sent the task, over a small pipe of their own.
 *
 * <p>Contract: the worker side ({@link #loader()}) is a class loader under the system class loader: what
 * the worker's class path has is loaded from there as usual (parent first); only a class it cannot find is
 * asked for, and only if {@link ClassAllowList} admits its name (the application's own classes: those the
 * parent named with the task, or that the patterns allow). The parent side ({@link #serve}) answers with the
 * class file's bytes, found through the class loaders of the classes this JVM has serialized, only for names
 * the allow-list admits here too; otherwise with nothing, and the worker throws
 * {@code ClassNotFoundException} naming the class. The same rule (only the application's own classes, only
 * from the process that sent the task) is what a cluster client will use.
 *
 * <p>Implementation overview: one {@link Pipe} per worker (256 slots of 1 KiB each way, so a class file up
 * to ~250 KiB), a request being the class name and the answer its bytes (empty: not found). The worker asks
 * under a lock (one request in flight). The parent serves from one virtual thread per worker, which ends
 * when the worker exits.
 */
public final class CodeBridge {
    /** The class loaders of classes this JVM has sent (the application's: system, JShell's, a source launcher's). */
    private static final Set<ClassLoader> LOADERS = ConcurrentHashMap.newKeySet();
    private static final CodeLoader LOADER = new CodeLoader(ClassLoader.getSystemClassLoader());

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

    /** A pipe for one worker's class requests: 256 slots of 1 KiB each way. */
    public static Pipe open() { return Pipe.open(256, 1024); }

    /** Worker side: from now on, classes this JVM lacks are asked of the parent over {@code toParent}. */
    public static void install(Connection toParent) {
        LOADER.toParent = toParent;
    }

    /**
     * Parent side: answers class requests on {@code fromWorker} until {@code alive} turns false (the worker
     * exited), then closes {@code pipe}. Runs in a virtual thread.
     */
    public static void serve(Pipe pipe, Connection fromWorker, BooleanSupplier alive, String workerName) {
        Thread.ofVirtual().name(workerName + "-code").start(() -> {
            try {
                while (alive.getAsBoolean()) {
                    String name = fromWorker.poll(200, TimeUnit.MILLISECONDS);
                    if (name == null) continue;
                    fromWorker.send(bytesOf(name));
                }
            } catch (RuntimeException gone) { // ChannelClosed, PeerDied, or the pipe closed under us at join()
                // the worker is gone
            } finally {
                try { pipe.close(); } catch (RuntimeException ignored) { }
            }
        });
    }

    /** The class file of {@code name}, if the allow-list admits it and a known loader has it; else empty. */
    static byte[] bytesOf(String name) {
        if (!ClassAllowList.allows(name)) return new byte[0];
        String resource = name.replace('.', '/') + ".class";
        java.util.List<ClassLoader> where = new java.util.ArrayList<>(LOADERS);
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

    /** Loads what the system class loader lacks from the application's loaders here, then from the parent. */
    static final class CodeLoader extends ClassLoader {
        static { registerAsParallelCapable(); }
        volatile Connection toParent; // a worker's pipe to its parent; null elsewhere

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
            Connection c = toParent;
            if (c == null) throw new ClassNotFoundException(name);
            if (!ClassAllowList.allows(name)) throw new ClassNotFoundException(name + " (not an application class the parent sent)");
            byte[] b;
            synchronized (c) {
                try {
                    c.send(name);
                    b = c.receive();
                } catch (RuntimeException e) {
                    throw new ClassNotFoundException(name + ": the parent JVM did not answer (" + e.getMessage() + ")", e);
                }
            }
            if (b == null || b.length == 0) {
                throw new ClassNotFoundException(name + ": neither this worker's class path nor the parent JVM has it");
            }
            return defineClass(name, b, 0, b.length);
        }
    }
}
