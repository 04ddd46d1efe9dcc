package dev.blockwork.process.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A receiver's mappings of other processes' {@link BlockArena} segments, each mapped once and kept, so that
 * reading the next block in the same segment pays no mapping and no page faults.
 *
 * <p>Contract: {@link #read} checks that the segment still holds the named lease, lets the caller copy the
 * block out, and, for a handed-off block, releases the lease (the sender may reuse the segment at once; if
 * the sender has exited, the receiver deletes the file: it was handed to it). A mapping is dropped when
 * its segment is retired by its owner (noticed at the next read here), with {@link #forgetCreatedBy} (a pool
 * whose worker has stopped), and at exit. Mapping does not add a reference or a user to the file: the owner
 * decides its lifetime (and names a receiver in its user table itself).
 *
 * <p>Implementation overview: one map from file name to mapping. A mapping is read by the thread that reads
 * that sender's messages (a pool's driver thread per worker, the worker's one loop); it is unmapped only
 * when retired (no lease, so no reader), or by {@code forgetCreatedBy} from that same reader thread, so no
 * read races with an unmap.
 */
public final class BlockViews {
    private static final ConcurrentHashMap<String, View> VIEWS = new ConcurrentHashMap<>();

    private BlockViews() {}

    private record View(String name, Path path, Arena arena, MemorySegment all) {
        long state() { return Atomics.getLongVolatile(all, ShmDescriptor.LEASE_OFFSET); }

        void unmap() {
            try { arena.close(); } catch (IllegalStateException ignored) { /* already closed */ }
        }
    }

    /**
     * Copies out the block of lease {@code lease} ({@code bytes} long) in segment {@code name} with {@code copy}, and
     * releases the lease if {@code handedOff}.
     *
     * @throws IllegalStateException if the segment no longer holds that lease (released already, or its owner is gone)
     */
    public static <T> T read(String name, long lease, long bytes, boolean handedOff, Function<MemorySegment, T> copy) {
        View v = VIEWS.computeIfAbsent(name, BlockViews::map);
        long state = v.state();
        if (state < 0 || (state & ~ShmDescriptor.LEASE_ORPHANED) != lease) {
            throw new IllegalStateException("shared block " + name + ": got lease state " + state + ", expected " + lease
                    + " (released already: a handed-off block is read once; or its sender freed it)");
        }
        MemorySegment data = v.all.asSlice(ShmDescriptor.HEADER_BYTES);
        if (data.byteSize() < bytes) {
            throw new IllegalStateException("shared block " + name + ": got " + data.byteSize() + " data bytes, expected >= " + bytes);
        }
        T result = copy.apply(data.asSlice(0, bytes));
        if (handedOff) release(v, lease);
        dropRetired();
        return result;
    }

    private static void release(View v, long lease) {
        while (true) {
            long state = v.state();
            if (state == lease) {
                if (Atomics.casLong(v.all, ShmDescriptor.LEASE_OFFSET, lease, ShmDescriptor.LEASE_FREE)) return;
            } else if (state == (lease | ShmDescriptor.LEASE_ORPHANED)) { // its owner has exited: the file is ours now
                if (Atomics.casLong(v.all, ShmDescriptor.LEASE_OFFSET, state, ShmDescriptor.LEASE_RETIRED)) {
                    VIEWS.remove(v.name);
                    v.unmap();
                    ShmRegistry.delete(v.path);
                    return;
                }
            } else {
                return; // not ours any more
            }
        }
    }

    /** Unmaps the segments their owners have retired. */
    private static void dropRetired() {
        for (View v : VIEWS.values()) {
            if (v.state() == ShmDescriptor.LEASE_RETIRED && VIEWS.remove(v.name, v)) v.unmap();
        }
    }

    /** Drops the mappings of segments made by process {@code pid} (a worker that has stopped: nothing more is read from it). */
    public static void forgetCreatedBy(long pid) {
        String prefix = ShmRegistry.PREFIX + pid + "-";
        for (View v : VIEWS.values()) {
            if (v.name.startsWith(prefix) && VIEWS.remove(v.name, v)) v.unmap();
        }
    }

    /** Mappings held now (for tests). */
    public static int size() { return VIEWS.size(); }

    private static View map(String name) {
        if (name.indexOf('/') >= 0 || !name.startsWith(ShmRegistry.PREFIX)) {
            throw new IllegalStateException("got shared block name " + name + ", expected " + ShmRegistry.PREFIX + "...");
        }
        Path path = ShmRegistry.directory().resolve(name);
        Arena arena = Arena.ofShared();
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long total = ch.size();
            if (total < ShmDescriptor.HEADER_BYTES) {
                throw new IllegalStateException("shared block " + name + ": got " + total + " bytes, expected >= " + ShmDescriptor.HEADER_BYTES);
            }
            MemorySegment all = ch.map(FileChannel.MapMode.READ_WRITE, 0, total, arena);
            ShmDescriptor.checkHeader(all, ShmDescriptor.KIND_ARENA, name);
            return new View(name, path, arena, all);
        } catch (NoSuchFileException e) {
            arena.close();
            throw new IllegalStateException("shared block " + name + " no longer exists in " + ShmRegistry.directory()
                    + " (its sender exited or freed it)", e);
        } catch (IOException e) {
            arena.close();
            throw new UncheckedIOException("cannot map shared block " + path, e);
        } catch (RuntimeException e) {
            arena.close();
            throw e;
        }
    }
}
