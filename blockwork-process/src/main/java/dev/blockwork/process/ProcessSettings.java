package dev.blockwork.process;

import dev.blockwork.config.Setting;
import dev.blockwork.config.SettingsGroup;
import java.util.List;

/** blockwork-process's settings (the reference table is made from these: docs/configuration.md). */
public final class ProcessSettings implements SettingsGroup {
    /** Worker JVMs of the shared {@code processes} scheduler. */
    public static final Setting PROCESSES = Setting.computed("processes", "the number of cores", "count",
            "worker JVMs of the shared `processes` scheduler");
    /** Worker JVMs of a {@link ProcessPool} made without a size. */
    public static final Setting POOL_PROCESSES = Setting.computed("pool.processes", "the number of cores", "count",
            "worker JVMs of a ProcessPool made without a size");
    /** Times a {@link ProcessPool} runs a chunk again whose worker died. */
    public static final Setting POOL_MAX_RETRIES = Setting.integer("pool.maxRetries", 2, "count",
            "times ProcessPool runs a chunk again whose worker died (the processes scheduler leaves this to the engine)");
    /** Worker deaths in a row at start-up before a pool gives up. */
    public static final Setting POOL_MAX_START_FAILURES = Setting.integer("pool.maxStartFailures", 3, "count",
            "worker deaths in a row during start-up, with the same exit status, before a pool gives up");
    /** Slots of each worker pipe, per direction. */
    public static final Setting POOL_PIPE_SLOTS = Setting.integer("pool.pipeSlots", 16384, "count",
            "slots of each worker pipe, per direction").onStart();
    /** Bytes per worker pipe slot; with the slot count, it bounds the largest task frame. */
    public static final Setting POOL_PIPE_SLOT_BYTES = Setting.integer("pool.pipeSlotBytes", 128, "bytes",
            "bytes per worker pipe slot (slots x bytes = the largest task frame, about 2 MiB)").onStart();
    /** Longest park, in nanoseconds, of a pool driver while tasks are in flight. */
    public static final Setting POOL_BUSY_MAX_PARK_NS = Setting.integer("pool.busyMaxParkNs", 50_000, "ns",
            "longest park of a pool driver while tasks are in flight").onStart();
    /** How long, in milliseconds, a {@link ProcessQueue} waiter tolerates that every other user has exited. */
    public static final Setting QUEUE_ORPHAN_GRACE_MS = Setting.integer("queue.orphanGraceMs", 3000, "ms",
            "how long a ProcessQueue waiter tolerates that every other user has exited").onStart();
    /** Size from which an array travels through shared memory instead of the pipes. */
    public static final Setting SHM_THRESHOLD_BYTES = Setting.integer("serialization.shmThresholdBytes", 64 << 10, "bytes",
            "arrays at least this large travel through shared memory instead of the pipes").onStart();
    /** The serializer of tasks and results between JVMs. */
    public static final Setting SERIALIZER = Setting.text("serializer", "kryo", "kryo, java, or a registered dev.blockwork.spi.Serializer's name",
            "the serializer of tasks and results between JVMs").onStart();
    /** Classes allowed to be deserialized besides {@code java.**} and {@code dev.blockwork.**}. */
    public static final Setting ALLOW = Setting.text("serialization.allow", null, "comma-separated class patterns",
            "classes allowed to be deserialized besides java.** and dev.blockwork.** (e.g. com.example.**)").onStart();
    /** The directory of shared-memory files. */
    public static final Setting SHM_DIR = Setting.computed("shm.dir", "/dev/shm, else java.io.tmpdir", "path",
            "the directory of shared-memory files").onStart();

    /** Shared memory a sender keeps for recycled array blocks. */
    public static final Setting SHM_ARENA_BYTES = Setting.integer("shm.arenaBytes", 256L << 20, "bytes",
            "shared memory a sender keeps for recycled array blocks (a pool's inputs, each worker's results); a larger block gets a file of its own").onStart();

    /** Creates the group (for {@link java.util.ServiceLoader}). */
    public ProcessSettings() {}

    @Override public String module() { return "blockwork-process"; }

    @Override public List<Setting> settings() {
        return List.of(PROCESSES, POOL_PROCESSES, POOL_MAX_RETRIES, POOL_MAX_START_FAILURES, POOL_PIPE_SLOTS,
                POOL_PIPE_SLOT_BYTES, POOL_BUSY_MAX_PARK_NS, QUEUE_ORPHAN_GRACE_MS, SHM_THRESHOLD_BYTES, SERIALIZER, ALLOW, SHM_DIR, SHM_ARENA_BYTES);
    }
}
