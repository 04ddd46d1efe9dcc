package dev.blockwork.process.internal;

import dev.blockwork.process.serial.ClassAllowList;
import dev.blockwork.process.serial.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds the command line of a worker JVM: same java, same class path, warning-free flags. */
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
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(WorkerMain.class.getName());
        return cmd;
    }
}
