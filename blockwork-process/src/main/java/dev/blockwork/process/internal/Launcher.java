package dev.blockwork.process.internal;

import dev.blockwork.process.serial.ClassAllowList;
import dev.blockwork.process.serial.Serialization;
import java.io.File;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds the command line of a worker JVM: same java, the class path this JVM loads from (its class path, the module
 * path if any, the application's URLClassLoaders: {@link #classPath()}), warning-free flags.
 */
public final class Launcher {
    /** Flags every worker JVM gets. */
    public static final List<String> BASE_FLAGS = List.of("--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=4", "-XX:-UsePerfData", "-Xss1m");

    private Launcher() {}

    public static String javaExecutable() {
        Path home = Path.of(System.getProperty("java.home"), "bin", "java");
        if (Files.isExecutable(home)) return home.toString();
        return ProcessHandle.current().info().command().orElse("java");
    }

    public static List<String> command(List<String> jvmArgs) { return command(jvmArgs, classPath()); }

    /** The command line of a worker JVM with {@code jvmArgs} on {@code classPath} (from {@link #classPath()}). */
    public static List<String> command(List<String> jvmArgs, String classPath) {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaExecutable());
        cmd.addAll(BASE_FLAGS);
        cmd.add("-Dkryo.unsafe=false"); // no sun.misc.Unsafe warning from Kryo
        cmd.add("-D" + WorkerMain.PARENT_PID_PROPERTY + "=" + ProcessHandle.current().pid());
        cmd.add("-D" + ClassAllowList.PROPERTY + "=" + ClassAllowList.patterns());
        cmd.add("-D" + Serialization.PROPERTY + "=" + Serialization.get().name());
        String shm = System.getProperty(ShmRegistry.DIRECTORY_PROPERTY);
        if (shm != null) cmd.add("-D" + ShmRegistry.DIRECTORY_PROPERTY + "=" + shm);
        String arena = System.getProperty(dev.blockwork.process.ProcessSettings.SHM_ARENA_BYTES.property());
        if (arena != null) cmd.add("-D" + dev.blockwork.process.ProcessSettings.SHM_ARENA_BYTES.property() + "=" + arena); // workers' result arenas too
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add(WorkerMain.class.getName());
        return cmd;
    }

    /**
     * The class path a worker JVM gets: where every module of this JVM's boot layer that was loaded from a file
     * lives (an application on the module path: its modules and Blockwork's), then this JVM's class path, then the
     * file URLs of every {@link URLClassLoader} in the parent chains of Blockwork's own class loader and of the
     * calling thread's context class loader (nearest loader first, each loader's URLs in their order; duplicates
     * and non-file URLs dropped). Those loaders are where a launcher puts the application when
     * {@code java.class.path} holds only the launcher itself: {@code mvn exec:java} (Maven's class path, the
     * application in a URLClassLoader), Gradle's and IDEs' runners. A worker runs everything from the class
     * path, so it needs neither the application's module graph nor its {@code --add-opens} flags; on the class
     * path alone this is just {@code java.class.path}.
     */
    public static String classPath() {
        var entries = new LinkedHashSet<String>();
        for (var m : ModuleLayer.boot().configuration().modules()) {
            m.reference().location().ifPresent(u -> addFile(u, entries));
        }
        String cp = System.getProperty("java.class.path", "");
        for (String e : cp.split(File.pathSeparator)) if (!e.isEmpty()) entries.add(e);
        addLoaderChain(Launcher.class.getClassLoader(), entries);
        addLoaderChain(Thread.currentThread().getContextClassLoader(), entries);
        return String.join(File.pathSeparator, entries);
    }

    /**
     * The file URLs of {@code loader} and of its parents that are {@link URLClassLoader}s, the root-most loader
     * first: a URLClassLoader asks its parent before itself, so a class both have comes from the parent, and the
     * worker's class path must find the same copy first.
     */
    static void addLoaderChain(ClassLoader loader, Set<String> into) {
        List<URLClassLoader> chain = new ArrayList<>();
        for (ClassLoader l = loader; l != null; l = l.getParent()) {
            if (l instanceof URLClassLoader u) chain.addFirst(u);
        }
        for (URLClassLoader u : chain) for (URL url : u.getURLs()) addFile(url, into);
    }

    private static void addFile(URL url, Set<String> into) {
        try {
            addFile(url.toURI(), into);
        } catch (URISyntaxException e) {
            // File.toURL() does not escape: file:/tmp/a b/x.jar is no URI, but its path is the file's
            if ("file".equals(url.getProtocol()) && url.getHost().isEmpty()) into.add(new File(url.getPath()).getPath());
        }
    }

    private static void addFile(URI uri, Set<String> into) {
        if (!"file".equals(uri.getScheme())) return;
        try {
            into.add(Path.of(uri).toString());
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            // a file URI with a host or a query: not a local path
        }
    }
}
