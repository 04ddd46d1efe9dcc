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
    final String description;
    final CompletableFuture<Object[]> future = new CompletableFuture<>();
    int deaths;

    PoolChunk(long id, int fnId, int mode, byte[] fnBytes, byte[] inputs, int count, String description) {
        this.id = id;
        this.fnId = fnId;
        this.mode = mode;
        this.fnBytes = fnBytes;
        this.inputs = inputs;
        this.count = count;
        this.description = description;
    }
}
