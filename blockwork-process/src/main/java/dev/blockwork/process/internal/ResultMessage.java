package dev.blockwork.process.internal;

import java.io.Serializable;

/**
 * A worker's answer to one chunk: the results (an {@code Object[]} or a {@link Packing packed} array), or the index of the input that failed with the
 * exception (Java-serialized, to keep type and remote stack trace) and its text.
 */
public record ResultMessage(long chunkId, Object results, int failedIndex, byte[] error, String errorText)
        implements Serializable {}
