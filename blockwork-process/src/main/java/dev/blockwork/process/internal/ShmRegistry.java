package dev.blockwork.process.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where shared-memory files live and who cleans them up.
 *
 * <p>Files are named {@code blockwork-<creatorPid>-...}. Three rules keep {@code /dev/shm} clean:
 * the last user's {@code close} deletes a file; the creating JVM deletes all files it created when it
 * exits (shutdown hook; covers {@code System.exit} and normal exit); and the first Blockwork shared
 * memory use in any JVM sweeps files whose creator PID is no longer alive (covers {@code kill -9}).
 */
public final class ShmRegistry {
    /** System property naming the directory; default {@code /dev/shm}, else {@code java.io.tmpdir}. */
    public static final String DIRECTORY_PROPERTY = dev.blockwork.process.ProcessSettings.SHM_DIR.property();
    public static final String PREFIX = "blockwork-";

    private static final Set<Path> CREATED = ConcurrentHashMap.newKeySet();
    private static volatile boolean swept;
    private static final Path DIRECTORY = chooseDirectory();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ShmRegistry::deleteAllCreated, "blockwork-shm-cleanup"));
    }

    private ShmRegistry() {}

    public static Path directory() { return DIRECTORY; }

    private static Path chooseDirectory() {
        String p = dev.blockwork.process.ProcessSettings.SHM_DIR.get(null);
        if (p != null && !p.isBlank()) return Path.of(p);
        Path shm = Path.of("/dev/shm");
        if (Files.isDirectory(shm) && Files.isWritable(shm)) return shm;
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    static void created(Path p) { CREATED.add(p); }

    /** The creator's exit no longer deletes {@code p} (handed off to another process). */
    static void forget(Path p) { CREATED.remove(p); }

    static void delete(Path p) {
        CREATED.remove(p);
        try { Files.deleteIfExists(p); } catch (IOException ignored) { /* best effort */ }
    }

    static void deleteAllCreated() {
        for (Path p : List.copyOf(CREATED)) delete(p);
    }

    static void ensureSwept() {
        if (swept) return;
        synchronized (ShmRegistry.class) {
            if (swept) return;
            swept = true;
            sweepDeadOwners();
        }
    }

    /**
     * Deletes files whose creator PID is dead and that no live process holds or is to receive (a handed-off
     * file names its receiver in its user table); returns their names.
     */
    public static List<String> sweepDeadOwners() {
        List<String> removed = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(DIRECTORY, PREFIX + "*")) {
            for (Path p : ds) {
                long pid = ownerPid(p.getFileName().toString());
                if (pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) == false
                        && !ShmFile.heldByALiveUser(p)) {
                    try { Files.deleteIfExists(p); removed.add(p.getFileName().toString()); } catch (IOException ignored) { }
                }
            }
        } catch (IOException ignored) { /* directory unreadable: nothing to sweep */ }
        return removed;
    }

    /**
     * Deletes the files created by {@code creators} (processes that have exited) whoever they were handed to:
     * for a pool that terminates with results of its own dead workers still unread.
     */
    public static List<String> sweepCreatedBy(java.util.Set<Long> creators) { return sweepCreatedBy(creators, ""); }

    /** As {@link #sweepCreatedBy(java.util.Set)}, only files whose name ends with {@code suffix} (e.g. {@code "-blk"}). */
    public static List<String> sweepCreatedBy(java.util.Set<Long> creators, String suffix) {
        List<String> removed = new ArrayList<>();
        if (creators.isEmpty()) return removed;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(DIRECTORY, PREFIX + "*")) {
            for (Path p : ds) {
                long pid = ownerPid(p.getFileName().toString());
                if (creators.contains(pid) && p.getFileName().toString().endsWith(suffix) && !PidTable.alive(pid)) {
                    try { Files.deleteIfExists(p); removed.add(p.getFileName().toString()); } catch (IOException ignored) { }
                }
            }
        } catch (IOException ignored) { /* directory unreadable: nothing to sweep */ }
        return removed;
    }

    /** Names of Blockwork files currently in the directory (for leak checks). */
    public static List<String> list() {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(DIRECTORY, PREFIX + "*")) {
            for (Path p : ds) names.add(p.getFileName().toString());
        } catch (IOException ignored) { }
        return names;
    }

    static long ownerPid(String fileName) {
        try {
            String rest = fileName.substring(PREFIX.length());
            int dash = rest.indexOf('-');
            return Long.parseLong(dash < 0 ? rest : rest.substring(0, dash));
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
