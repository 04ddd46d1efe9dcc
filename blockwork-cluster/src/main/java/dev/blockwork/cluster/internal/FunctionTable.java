package dev.blockwork.cluster.internal;

import dev.blockwork.graph.TaskFunction;
import dev.blockwork.process.serial.ClassAllowList;
import dev.blockwork.process.serial.Serialization;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The client's table of task functions: each distinct function (equal serialized bytes: the many lambdas of one
 * {@code Delayed.of} call site, the blocks of one array layer) gets an id once, and a worker gets a function's bytes
 * only until it has acknowledged them; after that a task names its function by id.
 *
 * <p>Contract: {@link #define} is thread-safe. A function gets an id the second time it is seen (one seen once,
 * such as the per-compute functions of an array graph, travels inside its task's batch, as before the table
 * existed, and costs the table nothing). A function larger than {@value #MAX_FUNCTION_BYTES} bytes, or any function
 * once the table holds {@value #MAX_FUNCTIONS} functions or {@value #MAX_TOTAL_BYTES} bytes, is never given an id, so
 * a client that makes endless distinct functions cannot grow the table, or a worker's copy of it, without bound.
 *
 * <p>Implementation overview: the key is the function's Kryo bytes (serializing is what shipping it costs anyway;
 * identity would not do, as each task's function is usually a fresh capturing lambda). A worker learns a function
 * from the {@link Messages.Submit} that carries its bytes, and {@link MemberLink#knownFunctions} records it only when
 * that call has returned: Hazelcast may run two calls to one member in any order, so a later submit omits the bytes
 * only once the worker has certainly stored them. A worker that lost its table (its session for this client was
 * reset) reports {@link Outcomes#FUNCTION_UNKNOWN}; the client forgets what that worker knew and runs the task again.
 */
final class FunctionTable {
    static final int MAX_FUNCTION_BYTES = 16 << 10;
    static final int MAX_FUNCTIONS = 10_000;
    static final long MAX_TOTAL_BYTES = 32L << 20;

    /**
     * One function: its id ({@code 0}: not in the table, the function travels in its task's batch), its bytes, and
     * the application class names those bytes hold (the worker trusts them before it reads the bytes).
     */
    record Def(long id, byte[] bytes, String[] names) {
        boolean cached() { return id != 0; }
    }

    /** Seen once: hashes of functions seen and not yet given an id (forgotten when it grows past its bound). */
    static final int MAX_SEEN_ONCE = 100_000;
    private final Map<ByteBuffer, Def> byContent = new HashMap<>(); // guarded by this
    private final Set<Long> seenOnce = new HashSet<>(); // guarded by this
    private long totalBytes; // guarded by this
    private long nextId; // guarded by this

    /**
     * The table's entry for {@code fn}, made on first sight.
     *
     * @throws RuntimeException if {@code fn} cannot be serialized (the task fails with it)
     */
    Def define(TaskFunction fn) {
        Set<String> names = new HashSet<>();
        byte[] bytes = ClassAllowList.collecting(names, () -> Serialization.get().serialize(fn).copy());
        String[] nameArr = names.toArray(new String[0]);
        if (bytes.length > MAX_FUNCTION_BYTES) return new Def(0, bytes, nameArr);
        ByteBuffer key = ByteBuffer.wrap(bytes);
        synchronized (this) {
            Def d = byContent.get(key);
            if (d != null) return d;
            if (byContent.size() >= MAX_FUNCTIONS || totalBytes + bytes.length > MAX_TOTAL_BYTES) return new Def(0, bytes, nameArr);
            long hash = (long) bytes.length << 32 | (java.util.Arrays.hashCode(bytes) & 0xFFFF_FFFFL); // a collision only promotes early
            if (seenOnce.add(hash)) {
                if (seenOnce.size() > MAX_SEEN_ONCE) seenOnce.clear();
                return new Def(0, bytes, nameArr);
            }
            seenOnce.remove(hash);
            d = new Def(++nextId, bytes, nameArr);
            byContent.put(key, d);
            totalBytes += bytes.length;
            return d;
        }
    }

    /** Functions in the table (for tests and diagnostics). */
    synchronized int size() { return byContent.size(); }
}
