package dev.blockwork.config;

import java.util.List;

/** blockwork-core's settings. */
public final class CoreSettings implements SettingsGroup {
    /** The scheduler computes use when the call does not name one. */
    public static final Setting SCHEDULER = Setting.text("scheduler", "threads", "sync, threads, processes, ...",
            "the scheduler computes use when the call does not name one");
    /** Threads of the shared {@code threads} pool. */
    public static final Setting THREADS = Setting.computed("threads", "the number of cores", "count",
            "threads of the shared `threads` pool");
    /** The console progress bar: {@code auto}, {@code on} or {@code off}. */
    public static final Setting PROGRESS = Setting.text("progress", "auto", "auto, on, off",
            "the console progress bar: auto = on a terminal, for computes over about a second");
    /** Whether the first compute starts the live dashboard. */
    public static final Setting DASHBOARD = Setting.text("dashboard", "off", "on, off",
            "on: the first compute starts the live dashboard (needs blockwork-dashboard on the class path) and prints its URL").onStart();
    /** Worker deaths a task may cause before it fails with {@code KilledWorkerException}. */
    public static final Setting ALLOWED_FAILURES = Setting.integer("allowedFailures", 3, "count",
            "worker deaths a task may cause before it fails with KilledWorkerException");
    /** Most steps of a linear chain fused into one task. */
    public static final Setting FUSE_MAX_STEPS = Setting.integer("fuse.maxSteps", 256, "count",
            "most steps of a linear chain fused into one task").onStart();
    /** Most bytes of literal arguments fused into one task. */
    public static final Setting FUSE_MAX_BYTES = Setting.integer("fuse.maxBytes", 1 << 20, "bytes",
            "most bytes of literal arguments fused into one task").onStart();
    /** Transitions kept in each compute's story log. */
    public static final Setting STORY_SIZE = Setting.integer("story.size", 10_000, "count",
            "transitions kept in each compute's story log").onStart();

    /** Memory for results a compute holds in this JVM. */
    public static final Setting MEMORY_LIMIT = Setting.text("memory.limit", "auto", "auto, off, or bytes (e.g. 2g, 512m)",
            "memory for results a compute holds in this JVM; auto = the JVM's maximum heap").onStart();
    /** The fraction of {@code memory.limit} beyond which held results spill to disk. */
    public static final Setting MEMORY_TARGET = Setting.text("memory.target", "0.6", "fraction of memory.limit",
            "held results beyond this spill to disk, oldest first (Dask's target)").onStart();
    /** The fraction of {@code memory.limit} beyond which local tasks wait before starting. */
    public static final Setting MEMORY_PAUSE = Setting.text("memory.pause", "0.8", "fraction of memory.limit",
            "beyond this (spilling cannot keep up, or fails), local tasks wait up to 20 ms before starting (Dask's pause)").onStart();
    /** Where spilled results go. */
    public static final Setting SPILL_DIR = Setting.computed("memory.spillDir", "the temporary directory", "path",
            "where spilled results go (one folder per JVM, removed at exit and swept after a crash)").onStart();

    /** Creates the group (for {@link java.util.ServiceLoader}). */
    public CoreSettings() {}

    @Override public String module() { return "blockwork-core"; }

    @Override public List<Setting> settings() {
        return List.of(SCHEDULER, THREADS, PROGRESS, DASHBOARD, ALLOWED_FAILURES, FUSE_MAX_STEPS, FUSE_MAX_BYTES, STORY_SIZE,
                MEMORY_LIMIT, MEMORY_TARGET, MEMORY_PAUSE, SPILL_DIR);
    }
}
