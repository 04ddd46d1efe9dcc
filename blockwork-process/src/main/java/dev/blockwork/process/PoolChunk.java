package dev.blockwork.process;

import java.util.concurrent.CompletableFuture;

/** One unit of pool work: a serialized task frame, its future, and how often a worker died running it. */
final class PoolChunk {
    final long id;
    final int fnId;
    final int mode;
    final byte[] fnBytes;
    final byte[] inputs;
    final int count;
    private final Object what;
    private final long first;
    final CompletableFuture<Object[]> future = new CompletableFuture<>();
    /**
     * What callers wait on: {@link #future}, or, when the chunk's inputs hold shared-memory blocks, a future
     * that completes after those blocks are freed (so nobody sees a result while its input files still exist).
     */
    CompletableFuture<Object[]> done = future;
    int deaths;
    /** Application class names the worker must trust to read this chunk (see ClassAllowList). */
    String[] trust = new String[0];

    /** {@code what}: the function (inputs [first, first + count)) or the task; described only on failure. */
    PoolChunk(long id, int fnId, int mode, byte[] fnBytes, byte[] inputs, int count, Object what, long first) {
        this.id = id;
        this.fnId = fnId;
        this.mode = mode;
        this.fnBytes = fnBytes;
        this.inputs = inputs;
        this.count = count;
        this.what = what;
        this.first = first;
    }

    String description() {
        return first < 0 ? String.valueOf(what) : what + " on inputs [" + first + ", " + (first + count) + ")";
    }
}
