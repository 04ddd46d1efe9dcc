package dev.blockwork.process.internal;

import dev.blockwork.process.serial.ClassAllowList;
import dev.blockwork.process.serial.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds the command line of a worker JVM: same java, same class path (plus the module path, if any), warning-free flags. */
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

    public static List<String> command(List<String> jvmArgs) {
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
        cmd.add(classPath());
        cmd.add(WorkerMain.class.getName());
        return cmd;
    }

    /**
     * The class path a worker JVM gets: where every module of this JVM's boot layer that was loaded from a file
     * lives (an application on the module path: its modules and Blockwork's), then this JVM's class path. A worker
     * runs everything from the class path, so it needs neither the application's module graph nor its
     * {@code --add-opens} flags; on the class path alone this is just {@code java.class.path}.
     */
    public static String classPath() {
        var entries = new java.util.LinkedHashSet<String>();
        for (var m : ModuleLayer.boot().configuration().modules()) {
            m.reference().location().filter(u -> "file".equals(u.getScheme())).ifPresent(u -> entries.add(Path.of(u).toString()));
        }
        String cp = System.getProperty("java.class.path", "");
        for (String e : cp.split(java.io.File.pathSeparator)) if (!e.isEmpty()) entries.add(e);
        return String.join(java.io.File.pathSeparator, entries);
    }
}
