package dev.blockwork.process.internal;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * A sender's recycled shared-memory segments for array blocks: a block is written into a segment that
 * earlier blocks used (its pages already exist and are mapped here), and the segment comes back when the
 * block is released, instead of a fresh file per block (page faults, zeroing, unlinking) each time.
 *
 * <p>Contract: {@link #acquire} leases a free segment of the block's size class (a power of two, at least
 * 64 KiB), making one if none is free, or returns null when the arena cannot hold the block within its
 * {@link #capacityBytes()} (the caller then gives the block a file of its own, as before). A lease ends by
 * {@link Lease#free()} (the sender releases it: pool inputs) or by the receiver's release after its one
 * read ({@link BlockViews#read}: worker results). Segments are {@code 0600} files with unpredictable names
 * ({@link ShmFile#create}) of kind {@link ShmDescriptor#KIND_ARENA}. {@link #close()} deletes every segment;
 * {@link #closeForExit()} (the per-process arena's shutdown hook) deletes the free ones and leaves each
 * leased one to its receiver, marked orphaned, so a result sent just before exit still arrives.
 * Thread-safe: {@code acquire}, {@code free} and {@code close} may run on any threads.
 *
 * <p>Implementation overview: each segment's lease word ({@link ShmDescriptor#LEASE_OFFSET}) is the only
 * state shared across processes. Only the owner moves it from free to a lease number (under this object's
 * monitor, with CAS); the lease holder, in whichever process, moves it back with CAS from that exact number,
 * so a stale or repeated release is a no-op, and a lease number is never reused. Happens-before: the
 * receiver's reads of a block precede its CAS that frees the lease, which precedes the owner's CAS that
 * leases it again and then its writes (CAS is a full fence on both sides). A receiver maps a segment once
 * and keeps the mapping ({@link BlockViews}); the owner's mapping lives as long as the segment. A handed-off
 * segment names its receiver in the file's user table, so the dead-owner sweep keeps it while the receiver
 * lives (a {@code kill -9}'d owner); its pool then deletes it ({@link ShmRegistry#sweepCreatedBy}).
 */
public final class BlockArena implements AutoCloseable {
    /** Largest total of segment sizes one arena keeps: {@code blockwork.shm.arenaBytes}, default 256 MiB. */
    public static final long CAPACITY_BYTES = dev.blockwork.process.ProcessSettings.SHM_ARENA_BYTES.getLong();
    /** Smallest size class. */
    static final long MIN_SEGMENT_BYTES = 64 << 10;
    private static final long PID = ProcessHandle.current().pid();
    private static volatile BlockArena process;

    private final long capacityBytes;
    private final boolean handOffs;
    private final List<Segment> segments = new ArrayList<>(); // guarded by this
    private long retainedBytes; // guarded by this
    private long nextLease = 1; // guarded by this
    private boolean closed; // guarded by this

    /**
     * An arena keeping at most {@code capacityBytes} of segments.
     *
     * @param handOffs whether its blocks are handed to receivers that free them (the owner then forgets its
     *                 segments in the exit cleanup and uses {@link #closeForExit()}), or freed by the owner
     */
    public BlockArena(long capacityBytes, boolean handOffs) {
        if (capacityBytes < 0) throw new IllegalArgumentException("got capacityBytes " + capacityBytes + ", expected >= 0");
        this.capacityBytes = capacityBytes;
        this.handOffs = handOffs;
    }

    /** This process's arena for blocks it hands to receivers (a pool worker's results); made on first use. */
    public static BlockArena ofProcess() {
        BlockArena a = process;
        if (a == null) {
            synchronized (BlockArena.class) {
                a = process;
                if (a == null) {
                    process = a = new BlockArena(CAPACITY_BYTES, true);
                    BlockArena arena = a;
                    Runtime.getRuntime().addShutdownHook(new Thread(arena::closeForExit, "blockwork-arena-cleanup"));
                }
            }
        }
        return a;
    }

    public long capacityBytes() { return capacityBytes; }

    /** The size class of a block of {@code bytes}: the next power of two, at least {@link #MIN_SEGMENT_BYTES}. */
    static long segmentBytes(long bytes) {
        long b = Math.max(bytes, MIN_SEGMENT_BYTES);
        long p = Long.highestOneBit(b);
        return p == b ? b : p << 1;
    }

    /**
     * Leases a segment for a block of {@code bytes}, or returns null when this arena cannot hold it (larger
     * than the capacity, or every segment leased and no room for another; also after close).
     *
     * @param receiverPid the process the block is handed to (named in the segment's user table), or -1
     */
    public synchronized Lease acquire(long bytes, long receiverPid) {
        if (closed || bytes < 0) return null;
        long size = segmentBytes(bytes);
        if (size > capacityBytes) return null;
        Segment seg = null;
        for (Segment s : segments) {
            if (s.size == size && s.state() == ShmDescriptor.LEASE_FREE) { seg = s; break; }
        }
        if (seg == null) {
            while (retainedBytes + size > capacityBytes && retireOneFree()) { /* make room */ }
            if (retainedBytes + size > capacityBytes) return null;
            ShmFile f = ShmFile.create(ShmDescriptor.KIND_ARENA, size);
            if (handOffs) ShmRegistry.forget(f.path()); // closeForExit decides, lease by lease
            seg = new Segment(f, size);
            segments.add(seg);
            retainedBytes += size;
        }
        long n = nextLease++;
        if (!Atomics.casLong(seg.file.header(), ShmDescriptor.LEASE_OFFSET, ShmDescriptor.LEASE_FREE, n)) {
            throw new IllegalStateException("arena segment " + seg.file.name() + ": got lease state " + seg.state() + ", expected free");
        }
        if (receiverPid > 0 && receiverPid != PID && receiverPid != seg.receiver) {
            if (!PidTable.add(seg.users(), receiverPid)) Atomics.setLongVolatile(seg.file.header(), ShmDescriptor.OVERFLOW_OFFSET, 1);
            seg.receiver = receiverPid;
        }
        return new Lease(seg, n, bytes);
    }

    /** Deletes one free segment; false when none is free. Caller holds the monitor. */
    private boolean retireOneFree() {
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            if (Atomics.casLong(s.file.header(), ShmDescriptor.LEASE_OFFSET, ShmDescriptor.LEASE_FREE, ShmDescriptor.LEASE_RETIRED)) {
                segments.remove(i);
                retainedBytes -= s.size;
                s.delete();
                return true;
            }
        }
        return false;
    }

    /** Segments kept now (free or leased). */
    public synchronized int segmentCount() { return segments.size(); }

    /** Segments leased now (blocks not yet released). */
    public synchronized int leasedCount() {
        int n = 0;
        for (Segment s : segments) if (s.state() != ShmDescriptor.LEASE_FREE) n++;
        return n;
    }

    /** Deletes every segment, leased or not (their readers are gone: a pool that has stopped). Idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        for (Segment s : segments) {
            Atomics.setLongVolatile(s.file.header(), ShmDescriptor.LEASE_OFFSET, ShmDescriptor.LEASE_RETIRED);
            s.delete();
        }
        segments.clear();
        retainedBytes = 0;
    }

    /**
     * At exit: deletes the free segments and hands each leased one to the holder of its lease, which deletes
     * it when it releases the block (or, if it never does, its pool's sweep or the dead-owner sweep).
     */
    public synchronized void closeForExit() {
        closed = true;
        for (Segment s : segments) {
            MemorySegment h = s.file.header();
            while (true) {
                long state = Atomics.getLongVolatile(h, ShmDescriptor.LEASE_OFFSET);
                if (state == ShmDescriptor.LEASE_FREE) {
                    if (Atomics.casLong(h, ShmDescriptor.LEASE_OFFSET, state, ShmDescriptor.LEASE_RETIRED)) { s.delete(); break; }
                } else if (state > 0 && (state & ShmDescriptor.LEASE_ORPHANED) == 0) {
                    if (Atomics.casLong(h, ShmDescriptor.LEASE_OFFSET, state, state | ShmDescriptor.LEASE_ORPHANED)) {
                        s.file.handOff(-1); // unmapped, the file stays for its receiver
                        break;
                    }
                } else {
                    s.delete();
                    break;
                }
            }
        }
        segments.clear();
        retainedBytes = 0;
    }

    /**
     * The lease word of segment file {@code fileName} in {@link ShmRegistry#directory()}, read by mapping its
     * header (for tests and leak checks): {@link ShmDescriptor#LEASE_FREE} when no block holds it.
     *
     * @throws java.io.UncheckedIOException if the file cannot be read
     */
    public static long leaseState(String fileName) {
        java.nio.file.Path p = ShmRegistry.directory().resolve(fileName);
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(p, java.nio.file.StandardOpenOption.READ);
             java.lang.foreign.Arena a = java.lang.foreign.Arena.ofConfined()) {
            MemorySegment h = ch.map(java.nio.channels.FileChannel.MapMode.READ_ONLY, 0, ShmDescriptor.HEADER_BYTES, a);
            return Atomics.getLongVolatile(h, ShmDescriptor.LEASE_OFFSET);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read arena segment " + p, e);
        }
    }

    /** One segment: its file stays mapped here for the arena's life. */
    static final class Segment {
        final ShmFile file;
        final long size;
        /** Bytes of the data area written at least once (their pages exist): written through the mapping. */
        volatile long populated;
        /** The last receiver named in the user table (skips the table scan for the same receiver). */
        long receiver = -1; // guarded by the arena's monitor

        Segment(ShmFile file, long size) {
            this.file = file;
            this.size = size;
        }

        long state() { return Atomics.getLongVolatile(file.header(), ShmDescriptor.LEASE_OFFSET); }

        MemorySegment users() {
            return file.header().asSlice(ShmDescriptor.USERS_OFFSET, ShmDescriptor.USER_SLOTS * 8L);
        }

        void delete() {
            file.close(); // the owner's reference is the only one: the file goes
            ShmRegistry.delete(file.path());
        }
    }

    /** One block's use of a segment, from {@link #acquire} until it is freed. */
    public static final class Lease {
        private final Segment segment;
        private final long number;
        private final long bytes;

        Lease(Segment segment, long number, long bytes) {
            this.segment = segment;
            this.number = number;
            this.bytes = bytes;
        }

        /** The segment's file name (what travels in the message). */
        public String name() { return segment.file.name(); }

        /** The lease number the receiver checks and releases. */
        public long number() { return number; }

        /** The block's bytes. */
        public long bytes() { return bytes; }

        /** The data area, mapped here (this lease's first {@link #bytes()}). */
        public MemorySegment data() { return segment.file.data().asSlice(0, bytes); }

        /**
         * Copies {@code src} to the start of the data area: through the mapping where earlier blocks already
         * made the pages, with positional writes beyond (fresh pages: no page fault each).
         */
        public void write(MemorySegment src) {
            long n = src.byteSize();
            if (n > bytes) throw new IndexOutOfBoundsException("got " + n + " bytes, expected <= " + bytes);
            long mapped = Math.min(n, segment.populated);
            if (mapped > 0) MemorySegment.copy(src, 0, segment.file.data(), 0, mapped);
            if (n > mapped) segment.file.write(mapped, src.asSlice(mapped));
            if (n > segment.populated) segment.populated = n;
        }

        /** The owner's release: the segment is free for the next block. A no-op if the lease already ended. */
        public void free() {
            try {
                Atomics.casLong(segment.file.header(), ShmDescriptor.LEASE_OFFSET, number, ShmDescriptor.LEASE_FREE);
            } catch (IllegalStateException closed) {
                // the arena was closed (its pool terminated): the segment is gone already
            }
        }
    }
}
