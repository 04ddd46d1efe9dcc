package dev.blockwork.array;

import dev.blockwork.config.Setting;
import dev.blockwork.config.SettingsGroup;
import java.util.List;

/** blockwork-array's settings (the reference table is made from these: docs/configuration.md). */
public final class ArraySettings implements SettingsGroup {
    /** Creates the group (for {@link java.util.ServiceLoader}); the settings themselves are the static fields. */
    public ArraySettings() {}

    /** Target bytes per block of {@link Chunks#auto()}: 128 MiB unless set (Dask's {@code array.chunk-size}). */
    public static final Setting CHUNK_BYTES = Setting.integer("array.chunkBytes", 128L << 20, "bytes",
            "target bytes per block of `Chunks.auto()`").onStart();
    /** Fan-in of a reduction's tree combine: 8 blocks' partial results per combine task (Dask's {@code split_every}). */
    public static final Setting SPLIT_EVERY = Setting.integer("array.splitEvery", 8, "count",
            "fan-in of a reduction's tree combine").onStart();
    /** Whether operations on constants are folded when a graph is built ({@code true} unless set). */
    public static final Setting CONSTANT_FOLDING = Setting.text("array.constantFolding", "true", "true, false",
            "fold operations on constants when a graph is built").onStart();

    @Override public String module() { return "blockwork-array"; }

    @Override public List<Setting> settings() { return List.of(CHUNK_BYTES, SPLIT_EVERY, CONSTANT_FOLDING); }
}
