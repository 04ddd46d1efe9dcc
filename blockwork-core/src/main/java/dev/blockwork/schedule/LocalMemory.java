package dev.blockwork.schedule;

import dev.blockwork.config.CoreSettings;
import dev.blockwork.graph.Key;
import dev.blockwork.spi.BlockCodec;
import dev.blockwork.spi.BlockCodecs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The memory this JVM's computes hold results in, with spill to disk (Dask's worker memory manager, for the
 * results the engine holds here: on {@code sync}, {@code threads} and {@code processes} the driver holds every
 * intermediate result).
 *
 * <p>The engine counts each held result whose size it knows (blocks with a {@link BlockCodec}, e.g. NDArray:
 * {@link BlockCodec#sizeBytes}); other values are not counted. When the counted bytes exceed
 * {@code memory.target} × {@code memory.limit}, the oldest counted results are written to a spill file and the
 * engine holds a {@link HeldResult} handle in their place; a task that needs one reads it back, and the file is
 * deleted when the result is released (or when the compute ends, even when it fails). A result that cannot be
 * spilled (a full disk, an unwritable folder) stays in memory, and the reason is logged once and kept in
 * {@link #lastSpillFailure()}.
 *
 * <p>Spill files live in one folder per JVM under {@code memory.spillDir}, removed at exit; a folder left by a
 * JVM that was killed is swept by the next one that spills.
 */
public final class LocalMemory {
    private static final System.Logger LOG = System.getLogger(LocalMemory.class.getName());
    private static final LocalMemory INSTANCE = fromSettings();
    private static final byte[] MAGIC = "BWSPILL1".getBytes(StandardCharsets.US_ASCII);
    private static final ClassValue<BlockCodec<Object>> CODECS = new ClassValue<>() {
        @SuppressWarnings("unchecked")
        @Override protected BlockCodec<Object> computeValue(Class<?> type) { return (BlockCodec<Object>) BlockCodecs.of(type); }
    };

    private final long limit;
    private final long target;
    private final long pause;
    private final LongAdder pauses = new LongAdder();
    private final Object pauseLock = new Object();
    /** Held bytes are above {@link #pause}: local tasks wait a little before starting (written by added/removed). */
    private volatile boolean paused;
    private final Path root;
    private final AtomicLong held = new AtomicLong();
    private final LongAdder spilledBytes = new LongAdder(), spills = new LongAdder(), reads = new LongAdder();
    private final AtomicLong files = new AtomicLong(), names = new AtomicLong();
    private final Set<Execution> live = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean spilling = new AtomicBoolean();
    private volatile Path dir; // made on the first spill
    private volatile String lastFailure;

    /**
     * A memory manager with its own limit (tests, and a worker started with {@code --memory-limit}).
     *
     * @param limitBytes      the memory limit in bytes (positive)
     * @param targetFraction  spill beyond this fraction of the limit, in (0, 1]
     * @param spillRoot       the folder under which this manager makes its spill folder
     */
    public LocalMemory(long limitBytes, double targetFraction, Path spillRoot) {
        this(limitBytes, targetFraction, Math.max(targetFraction, 0.8), spillRoot);
    }

    /**
     * A memory manager with its own limit, spill target and pause threshold.
     *
     * @param limitBytes      the memory limit in bytes (positive)
     * @param targetFraction  spill beyond this fraction of the limit, in (0, 1]
     * @param pauseFraction   beyond this fraction, local tasks wait before starting; at least {@code targetFraction}
     * @param spillRoot       the folder under which this manager makes its spill folder
     */
    public LocalMemory(long limitBytes, double targetFraction, double pauseFraction, Path spillRoot) {
        if (limitBytes <= 0) throw new IllegalArgumentException("got memory limit " + limitBytes + ", expected a positive number of bytes");
        if (!(targetFraction > 0 && targetFraction <= 1)) {
            throw new IllegalArgumentException("got memory target " + targetFraction + ", expected a fraction in (0, 1]");
        }
        if (!(pauseFraction >= targetFraction)) {
            throw new IllegalArgumentException("got memory pause " + pauseFraction + ", expected a fraction at least the target " + targetFraction);
        }
        this.limit = limitBytes;
        this.target = (long) (limitBytes * targetFraction);
        this.pause = (long) Math.min(Long.MAX_VALUE, limitBytes * pauseFraction);
        this.root = spillRoot;
    }

    /**
     * This JVM's memory manager, as the settings make it; null when {@code memory.limit=off}.
     *
     * @return the manager, or null
     */
    public static LocalMemory get() { return INSTANCE; }

    private static LocalMemory fromSettings() {
        String l = CoreSettings.MEMORY_LIMIT.get().trim().toLowerCase(Locale.ROOT);
        if (l.equals("off") || l.equals("0") || l.equals("none")) return null;
        long limit = l.equals("auto") ? Runtime.getRuntime().maxMemory() : parseBytes(l, CoreSettings.MEMORY_LIMIT.property());
        double f;
        try {
            f = Double.parseDouble(CoreSettings.MEMORY_TARGET.get().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("got " + CoreSettings.MEMORY_TARGET.property() + "=" + CoreSettings.MEMORY_TARGET.get()
                    + ", expected a fraction such as 0.6");
        }
        double p;
        try {
            p = Double.parseDouble(CoreSettings.MEMORY_PAUSE.get().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("got " + CoreSettings.MEMORY_PAUSE.property() + "=" + CoreSettings.MEMORY_PAUSE.get()
                    + ", expected a fraction such as 0.8");
        }
        String d = CoreSettings.SPILL_DIR.get(System.getProperty("java.io.tmpdir"));
        return new LocalMemory(limit, f, Math.max(p, f), Path.of(d));
    }

    /**
     * Parses a byte count: digits with an optional k, m, g or t suffix (powers of 1024).
     *
     * @param text  e.g. {@code 512m}
     * @param where the setting's name, for the error
     * @return the bytes
     * @throws IllegalArgumentException naming the setting and the expected form
     */
    public static long parseBytes(String text, String where) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.endsWith("b")) t = t.substring(0, t.length() - 1);
        long mult = 1;
        if (!t.isEmpty()) {
            switch (t.charAt(t.length() - 1)) {
                case 'k' -> mult = 1L << 10;
                case 'm' -> mult = 1L << 20;
                case 'g' -> mult = 1L << 30;
                case 't' -> mult = 1L << 40;
                default -> { }
            }
        }
        if (mult != 1) t = t.substring(0, t.length() - 1);
        try {
            long v = Long.parseLong(t.trim());
            if (v <= 0) throw new NumberFormatException();
            return Math.multiplyExact(v, mult);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("got " + where + "=" + text + ", expected a positive byte count such as 2g, 512m or 1048576");
        }
    }

    /** {@return the memory limit in bytes} */
    public long limit() { return limit; }

    /** {@return the bytes beyond which held results spill} */
    public long target() { return target; }

    /** {@return bytes of counted results held in memory now} */
    public long heldBytes() { return held.get(); }

    /** {@return bytes written to spill files so far} */
    public long spilledBytes() { return spilledBytes.sum(); }

    /** {@return results spilled so far} */
    public long spillCount() { return spills.sum(); }

    /** {@return spilled results read back so far} */
    public long readCount() { return reads.sum(); }

    /** {@return times a task waited before starting because held bytes were above the pause threshold} */
    public long pauseCount() { return pauses.sum(); }

    /** {@return the bytes beyond which local tasks wait before starting} */
    public long pauseBytes() { return pause; }

    /** {@return spill files that exist now} */
    public long spillFiles() { return files.get(); }

    /** {@return why the last spill failed (the result stayed in memory), or null} */
    public String lastSpillFailure() { return lastFailure; }

    @Override
    public String toString() {
        return "<LocalMemory: " + held.get() + " of " + limit + " bytes held, target " + target + ", " + spills.sum() + " spilled>";
    }

    // ---- what the engine calls ----------------------------------------------------------------

    /** The size of {@code value} if it is a block with a known size, else -1. */
    long sizeOf(Object value) {
        if (value == null) return -1;
        BlockCodec<Object> c = CODECS.get(value.getClass());
        return c == null ? -1 : c.sizeBytes(value);
    }

    /** {@code exec} now holds {@code bytes} more; spills (in this thread) if that crosses the target. */
    void added(Execution exec, long bytes) {
        live.add(exec);
        if (held.addAndGet(bytes) > target) spillDown();
        updatePause();
    }

    void removed(long bytes) {
        held.addAndGet(-bytes);
        if (paused) updatePause();
    }

    private void updatePause() {
        boolean over = held.get() > pause;
        if (over == paused) return;
        synchronized (pauseLock) {
            paused = held.get() > pause;
            if (!paused) pauseLock.notifyAll();
        }
    }

    /** Whether held bytes are above the pause threshold (a volatile read: the engine's check before a local start). */
    boolean paused() { return paused; }

    /**
     * Dask's pause, as a throttle: while held bytes are above the pause threshold (spilling cannot keep up, or
     * fails), a local task waits until memory is released or 20 ms have passed, then starts anyway — so a compute
     * slows down instead of running out of memory, and can never deadlock waiting for itself.
     */
    void throttle() {
        if (!paused) return;
        pauses.increment();
        long deadline = System.nanoTime() + 20_000_000L;
        synchronized (pauseLock) {
            long left;
            while (paused && (left = deadline - System.nanoTime()) > 0) {
                try {
                    pauseLock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // a cancelled compute: stop waiting, the task sees the interrupt
                    return;
                }
            }
        }
    }

    /** {@code exec} ended: it holds nothing counted any more. */
    void forget(Execution exec) { live.remove(exec); }

    /** Spills the oldest results of the oldest computes until the held bytes are at the target; one thread at a time. */
    private void spillDown() {
        while (held.get() > target && spilling.compareAndSet(false, true)) {
            try {
                boolean progress = true;
                while (held.get() > target && progress) {
                    progress = false;
                    for (Execution e : live) {
                        if (e.spillOldest(this)) { progress = true; break; }
                    }
                }
                if (!progress) return; // nothing left to spill (or spilling fails): keep what is held
            } finally {
                spilling.set(false);
            }
        }
    }

    /** Writes {@code value} to a new spill file; the handle reads it back and deletes the file when released. */
    HeldResult write(Key key, Object value, long bytes) throws IOException {
        @SuppressWarnings("unchecked")
        BlockCodec<Object> codec = CODECS.get(value.getClass());
        BlockCodec.Flat flat = codec.flatten(value);
        Path d = spillDir();
        Path f = d.resolve("r" + names.incrementAndGet() + ".spill");
        files.incrementAndGet();
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            byte[] dtype = flat.dtype().getBytes(StandardCharsets.UTF_8);
            ByteBuffer h = ByteBuffer.allocate(MAGIC.length + 4 + dtype.length + 4 + 8 * flat.shape().length + 1 + 4).order(ByteOrder.LITTLE_ENDIAN);
            h.put(MAGIC).putInt(dtype.length).put(dtype).putInt(flat.shape().length);
            for (long s : flat.shape()) h.putLong(s);
            h.put(kind(flat.array())).putInt(flat.length()).flip();
            while (h.hasRemaining()) ch.write(h);
            int w = width(flat.array());
            MemorySegment data = segment(flat.array()).asSlice((long) flat.offset() * w, (long) flat.length() * w);
            ByteBuffer buf = ByteBuffer.allocateDirect((int) Math.min(1 << 20, Math.max(1, data.byteSize())));
            MemorySegment bufSeg = MemorySegment.ofBuffer(buf);
            for (long pos = 0; pos < data.byteSize(); ) { // through a small direct buffer: a heap array cannot be written directly
                int n = (int) Math.min(buf.capacity(), data.byteSize() - pos);
                MemorySegment.copy(data, pos, bufSeg, 0, n);
                buf.clear().limit(n);
                while (buf.hasRemaining()) ch.write(buf);
                pos += n;
            }
        } catch (IOException | RuntimeException e) {
            files.decrementAndGet();
            try { Files.deleteIfExists(f); } catch (IOException ignored) { }
            throw e instanceof IOException io ? io : new IOException(e);
        }
        return new Spilled(this, key, f, bytes, codec);
    }

    /** A written result took the place of the value in its compute. */
    void spilled(long bytes) {
        spills.increment();
        spilledBytes.add(bytes);
    }

    void spillFailed(Key key, Exception e) {
        String why = "could not spill " + key + " to " + (dir != null ? dir : root) + ": " + e + " (it stays in memory)";
        if (lastFailure == null) LOG.log(System.Logger.Level.WARNING, why);
        lastFailure = why;
    }

    private Path spillDir() throws IOException {
        Path d = dir;
        if (d != null) return d;
        synchronized (this) {
            if (dir != null) return dir;
            Files.createDirectories(root);
            sweep(root);
            d = Files.createTempDirectory(root, "blockwork-spill-" + ProcessHandle.current().pid() + "-");
            Path made = d;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(made), "blockwork-spill-cleanup"));
            dir = d;
            return d;
        }
    }

    /** Removes the spill folders of JVMs that no longer run (killed before their exit hook). */
    static void sweep(Path root) {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root, "blockwork-spill-*")) {
            for (Path p : ds) {
                String[] parts = p.getFileName().toString().split("-");
                if (parts.length < 3) continue;
                long pid;
                try { pid = Long.parseLong(parts[2]); } catch (NumberFormatException e) { continue; }
                if (pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) continue;
                if (pid != ProcessHandle.current().pid()) deleteTree(p);
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.log(System.Logger.Level.DEBUG, "spill sweep of " + root + " failed", e);
        }
    }

    private static void deleteTree(Path d) {
        try (var s = Files.walk(d)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> { try { Files.deleteIfExists(p); } catch (IOException ignored) { } });
        } catch (IOException | UncheckedIOException ignored) {
        }
    }

    private static byte kind(Object a) {
        return switch (a) {
            case double[] x -> 0;
            case float[] x -> 1;
            case long[] x -> 2;
            case int[] x -> 3;
            case byte[] x -> 4;
            case boolean[] x -> 5;
            default -> throw new IllegalArgumentException("cannot spill a block stored as " + a.getClass().getSimpleName());
        };
    }

    private static int width(Object a) {
        return switch (a) {
            case double[] x -> 8;
            case long[] x -> 8;
            case float[] x -> 4;
            case int[] x -> 4;
            default -> 1;
        };
    }

    private static MemorySegment segment(Object a) {
        return switch (a) {
            case double[] x -> MemorySegment.ofArray(x);
            case float[] x -> MemorySegment.ofArray(x);
            case long[] x -> MemorySegment.ofArray(x);
            case int[] x -> MemorySegment.ofArray(x);
            case byte[] x -> MemorySegment.ofArray(x);
            case boolean[] x -> booleans(x);
            default -> throw new IllegalArgumentException("cannot spill a block stored as " + a.getClass().getSimpleName());
        };
    }

    private static MemorySegment booleans(boolean[] x) {
        byte[] b = new byte[x.length];
        for (int i = 0; i < x.length; i++) b[i] = (byte) (x[i] ? 1 : 0);
        return MemorySegment.ofArray(b);
    }

    /** A result in a spill file. */
    private static final class Spilled implements HeldResult {
        private final LocalMemory memory;
        private final Key key;
        private final Path file;
        private final long bytes;
        private final BlockCodec<Object> codec;
        private final AtomicBoolean released = new AtomicBoolean();

        Spilled(LocalMemory memory, Key key, Path file, long bytes, BlockCodec<Object> codec) {
            this.memory = memory;
            this.key = key;
            this.file = file;
            this.bytes = bytes;
            this.codec = codec;
        }

        @Override public String location() { return "disk"; }
        @Override public long sizeBytes() { return bytes; }

        @Override
        public Object fetch() throws IOException {
            if (released.get()) throw new IllegalStateException("spilled result " + key + " was released");
            // The mapping is closed with the read: an open mapping would keep the file's pages (and its disk) busy.
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ); java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofConfined()) {
                long size = ch.size();
                MemorySegment m = ch.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
                long pos = 0;
                for (int i = 0; i < MAGIC.length; i++) {
                    if (m.get(ValueLayout.JAVA_BYTE, pos++) != MAGIC[i]) throw corrupt("bad magic");
                }
                int dl = m.get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), pos);
                pos += 4;
                if (dl < 0 || dl > 64) throw corrupt("bad dtype length " + dl);
                String dtype = new String(m.asSlice(pos, dl).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8);
                pos += dl;
                int nd = m.get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), pos);
                pos += 4;
                if (nd < 0 || nd > 64) throw corrupt("bad rank " + nd);
                long[] shape = new long[nd];
                for (int i = 0; i < nd; i++, pos += 8) shape[i] = m.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), pos);
                byte kind = m.get(ValueLayout.JAVA_BYTE, pos++);
                int n = m.get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), pos);
                pos += 4;
                Object array = switch (kind) {
                    case 0 -> new double[n];
                    case 1 -> new float[n];
                    case 2 -> new long[n];
                    case 3 -> new int[n];
                    case 4 -> new byte[n];
                    case 5 -> new byte[n];
                    default -> throw corrupt("bad storage kind " + kind);
                };
                long len = (long) n * width(array);
                if (pos + len != size) throw corrupt("size " + size + ", expected " + (pos + len));
                MemorySegment.copy(m, pos, segment(array), 0, len);
                if (kind == 5) {
                    byte[] b = (byte[]) array;
                    boolean[] z = new boolean[n];
                    for (int i = 0; i < n; i++) z[i] = b[i] != 0;
                    array = z;
                }
                memory.reads.increment();
                return codec.rebuild(new BlockCodec.Flat(dtype, shape, array, 0, n));
            }
        }

        private IOException corrupt(String why) {
            return new IOException("spill file " + file + " of " + key + " is corrupt: " + why);
        }

        @Override
        public void release() {
            if (!released.compareAndSet(false, true)) return;
            try {
                if (Files.deleteIfExists(file)) memory.files.decrementAndGet();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "could not delete spill file " + file, e);
            }
        }

        @Override public String toString() { return "<spilled " + key + ": " + bytes + " bytes in " + file.getFileName() + ">"; }
    }
}
