package dev.blockwork.array.zarr;

import dev.blockwork.array.BlockSink;
import dev.blockwork.array.ChunkSpec;
import dev.blockwork.array.Chunks;
import dev.blockwork.array.DArray;
import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.Index;
import dev.blockwork.ndarray.NDArray;
import dev.blockwork.ndarray.Shape;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One Zarr array on a local file system, v2 or v3: its metadata, and chunk reads and writes. Reading a chunk that
 * does not exist gives the fill value (Zarr's rule); every other problem with a chunk (truncated, corrupt, of the
 * wrong size) is a {@link ZarrFormatException} naming the chunk's file.
 *
 * <p><b>Writes are atomic per chunk:</b> a chunk is written to a hidden temporary name beside its final one
 * ({@code .0.0.<uuid>.partial}) and then moved into place, so a reader never sees half a chunk; when the write
 * fails (a full disk) the temporary file is deleted and the previous chunk, if any, is left as it was. The metadata
 * file is written the same way. Chunks are not fsynced (a machine crash may lose recent chunks, never expose torn
 * ones on file systems whose rename is atomic).
 *
 * <p>Instances are immutable, thread-safe and serializable (a path and the metadata): they travel inside the tasks
 * of {@link #toDArray()} and {@link #sink}, so the same array works on threads and in worker processes.
 */
public final class ZarrArray implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    /** The metadata file names: v2's array, attributes and group files, v3's one {@code zarr.json}. */
    static final String V2_ARRAY = ".zarray", V2_ATTRS = ".zattrs", V2_GROUP = ".zgroup", V3_META = "zarr.json";

    /** The array's directory, absolute (a String: Path is not serializable). */
    private final String dir;
    /** The parsed metadata, so tasks in worker processes need not read it again. */
    private final ZarrMeta meta;

    ZarrArray(Path dir, ZarrMeta meta) {
        this.dir = dir.toAbsolutePath().toString();
        this.meta = meta;
    }

    // ================================================================== opening and creating

    /**
     * Opens the array at {@code dir} (v3 if it holds {@code zarr.json}, else v2's {@code .zarray}).
     *
     * @param dir the array's directory
     * @return the array
     * @throws IOException if there is no array there (a group says so and lists its members), or its metadata is bad
     */
    public static ZarrArray open(Path dir) throws IOException {
        Path v3 = dir.resolve(V3_META), v2 = dir.resolve(V2_ARRAY);
        if (Files.exists(v3)) {
            Map<String, Object> m = readJsonObject(v3);
            if ("group".equals(m.get("node_type"))) throw notAnArray(dir, 3);
            return new ZarrArray(dir, ZarrMeta.parseV3(m, v3.toString()));
        }
        if (Files.exists(v2)) {
            Map<String, Object> attrs = Files.exists(dir.resolve(V2_ATTRS)) ? readJsonObject(dir.resolve(V2_ATTRS)) : new LinkedHashMap<>();
            return new ZarrArray(dir, ZarrMeta.parseV2(readJsonObject(v2), attrs, v2.toString()));
        }
        if (Files.exists(dir.resolve(V2_GROUP))) throw notAnArray(dir, 2);
        throw new ZarrFormatException("no Zarr array at " + dir + ": expected " + V2_ARRAY + " (v2) or " + V3_META + " (v3) there"
                + (Files.isDirectory(dir) ? "" : ", and the directory does not exist"));
    }

    private static ZarrFormatException notAnArray(Path dir, int format) {
        String members;
        try {
            members = String.join(", ", ZarrGroup.open(dir).members());
        } catch (IOException e) {
            members = "unreadable: " + e.getMessage();
        }
        return new ZarrFormatException(dir + " is a Zarr v" + format + " group, not an array: read one of its members with"
                + " DArray.fromZarr(group, name) (members: " + (members.isEmpty() ? "none" : members) + ")");
    }

    /** Writes the metadata of a new array (replacing an existing array's only when {@code overwrite}). */
    static ZarrArray create(Path dir, ZarrMeta meta, boolean overwrite) throws IOException {
        boolean exists = Files.exists(dir.resolve(V3_META)) || Files.exists(dir.resolve(V2_ARRAY)) || Files.exists(dir.resolve(V2_GROUP));
        if (exists && !overwrite) {
            throw new java.nio.file.FileAlreadyExistsException(dir.toString(), null,
                    "a Zarr array or group is already there: pass overwrite(true) to replace it, or region(...) to write into it");
        }
        if (exists) deleteZarrTree(dir);
        Files.createDirectories(dir);
        ZarrArray a = new ZarrArray(dir, meta);
        a.writeMetadata();
        return a;
    }

    private void writeMetadata() throws IOException {
        Path d = Path.of(dir);
        if (meta.format() == 2) {
            writeAtomically(d.resolve(V2_ARRAY), Json.write(meta.toJson()).getBytes(StandardCharsets.UTF_8));
            if (!meta.attributes().isEmpty() || Files.exists(d.resolve(V2_ATTRS))) {
                writeAtomically(d.resolve(V2_ATTRS), Json.write(meta.attributes()).getBytes(StandardCharsets.UTF_8));
            }
        } else {
            writeAtomically(d.resolve(V3_META), Json.write(meta.toJson()).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Deletes a Zarr array or group directory tree: only one that holds Zarr metadata, so a wrong path is not wiped. */
    private static void deleteZarrTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                if (!p.equals(dir)) Files.delete(p);
            }
        }
    }

    // ================================================================== metadata

    /** {@return 2 or 3} */
    public int zarrFormat() { return meta.format(); }

    /** {@return the array's shape} */
    public Shape shape() { return Shape.of(meta.shape()); }

    /** {@return the array's shape as a fresh {@code long[]}, as {@link DArray#shapeArray()}} */
    public long[] shapeArray() { return meta.shape().clone(); }

    /** {@return the chunk shape (edge chunks are stored whole, as Zarr does)} */
    public long[] chunkShape() { return meta.chunkShape().clone(); }

    /** {@return the element type} */
    public DType dtype() { return meta.dtype(); }

    /** {@return {@code 'C'} or {@code 'F'} (a v3 transpose that is neither reads fine and reports {@code 'C'})} */
    public char order() { return meta.fortran() ? 'F' : 'C'; }

    /** {@return the fill value: a Double, Long or Boolean, or null when the metadata has none (missing chunks read as 0)} */
    public Object fillValue() { return meta.fill(); }

    /** {@return the bytes-to-bytes codecs in encoding order (empty when uncompressed)} */
    public List<ZarrCodec> codecs() { return meta.codecs(); }

    /** {@return the user attributes (v2 {@code .zattrs}, v3 {@code attributes}), a copy} */
    public Map<String, Object> attributes() { return new LinkedHashMap<>(meta.attributes()); }

    /** {@return the array's directory} */
    public Path path() { return Path.of(dir); }

    ZarrMeta meta() { return meta; }

    /**
     * Replaces the user attributes (values: maps, lists, strings, numbers, booleans, null).
     *
     * @param attributes the new attributes
     * @return the array with them
     * @throws IOException if the metadata cannot be written
     */
    public ZarrArray withAttributes(Map<String, Object> attributes) throws IOException {
        ZarrArray a = new ZarrArray(Path.of(dir), meta.withAttributes(new LinkedHashMap<>(attributes)));
        a.writeMetadata();
        return a;
    }

    @Override
    public String toString() {
        return "ZarrArray[" + dir + ", v" + meta.format() + ", shape " + Arrays.toString(meta.shape()) + ", chunks "
                + Arrays.toString(meta.chunkShape()) + ", " + meta.dtype().numpyName() + ", " + order() + ", codecs " + meta.codecs() + "]";
    }

    // ================================================================== as a DArray

    /** {@return a lazy array with one block (and one read task) per Zarr chunk} */
    public DArray toDArray() { return toDArray(Chunks.of(meta.chunkShape())); }

    /**
     * A lazy array cut into {@code chunks} (best as multiples of the Zarr chunks: a block then reads only its own chunks).
     *
     * @param chunks the block structure
     * @return the array; each block task reads the chunks it overlaps
     */
    public DArray toDArray(ChunkSpec chunks) {
        return DArray.fromBlocks(shape(), chunks, meta.dtype(), info -> read(info.offset(), info.shape()));
    }

    /**
     * A {@link BlockSink} writing the blocks it receives as chunks of this array, the block at offset {@code o}
     * going to the elements from {@code origin + o}. Blocks must cover whole chunks, except at the array's end.
     *
     * @param origin where block offset 0 lands in this array
     * @return the sink
     */
    public BlockSink sink(long[] origin) { return new ChunkSink(this, origin.clone()); }

    // ================================================================== reading

    /**
     * Reads the elements of {@code shape} from {@code offset}, chunk by chunk.
     *
     * @param offset first element
     * @param shape  extent
     * @return a new C-order array
     * @throws IOException if a chunk is corrupt or unreadable (the message names its file)
     */
    public NDArray read(long[] offset, long[] shape) throws IOException {
        int n = meta.ndim();
        if (offset.length != n || shape.length != n) {
            throw new IllegalArgumentException("got offset " + Arrays.toString(offset) + " and shape " + Arrays.toString(shape)
                    + " for a " + n + "-d Zarr array, expected " + n + " values each");
        }
        long[] cs = meta.chunkShape();
        long[] lo = new long[n], hi = new long[n];
        for (int d = 0; d < n; d++) {
            if (offset[d] < 0 || shape[d] < 0 || offset[d] + shape[d] > meta.shape()[d]) {
                throw new IndexOutOfBoundsException("region from " + Arrays.toString(offset) + " of shape " + Arrays.toString(shape)
                        + " is outside the Zarr array of shape " + Arrays.toString(meta.shape()) + " at " + dir);
            }
            lo[d] = offset[d] / cs[d];
            hi[d] = shape[d] == 0 ? lo[d] : (offset[d] + shape[d] - 1) / cs[d] + 1;
        }
        checkMemory(offset, shape);
        try {
            if (ChunkBytes.size(shape) == 0) return NDArray.zeros(meta.dtype(), shape);
            long[] idx = lo.clone();
            boolean single = true;
            for (int d = 0; d < n; d++) single &= hi[d] - lo[d] == 1 && offset[d] == lo[d] * cs[d];
            if (single) {
                NDArray c = readChunk(idx);
                boolean whole = Arrays.equals(shape, cs);
                return whole ? c : c.get(ranges(new long[n], shape)).copy();
            }
            NDArray out = NDArray.zeros(meta.dtype(), shape);
            while (true) {
                NDArray c = readChunk(idx);
                long[] from = new long[n], to = new long[n], at = new long[n];
                for (int d = 0; d < n; d++) {
                    long c0 = idx[d] * cs[d];
                    long a = Math.max(offset[d], c0), b = Math.min(offset[d] + shape[d], c0 + cs[d]);
                    from[d] = a - c0;
                    to[d] = b - c0;
                    at[d] = a - offset[d];
                }
                long[] len = new long[n];
                for (int d = 0; d < n; d++) len[d] = to[d] - from[d];
                out.get(ranges(at, len)).assign(c.get(ranges(from, len)));
                int d = n - 1;
                for (; d >= 0; d--) { // next chunk in C order
                    if (++idx[d] < hi[d]) break;
                    idx[d] = lo[d];
                }
                if (d < 0) return out;
            }
        } catch (OutOfMemoryError e) {
            throw memoryError(offset, shape, e);
        }
    }

    private long needBytes(long[] shape) {
        long chunk = ChunkBytes.size(meta.chunkShape()) * meta.dtype().itemSize();
        return ChunkBytes.size(shape) * meta.dtype().itemSize() + 2 * chunk;
    }

    /** Fails a read that cannot fit in this JVM's heap with the task's needs, instead of a bare OutOfMemoryError. */
    private void checkMemory(long[] offset, long[] shape) {
        if (needBytes(shape) > Runtime.getRuntime().maxMemory()) throw memoryError(offset, shape, null);
    }

    private IllegalStateException memoryError(long[] offset, long[] shape, OutOfMemoryError cause) {
        long max = Runtime.getRuntime().maxMemory();
        IllegalStateException e = new IllegalStateException("reading the block at " + Arrays.toString(offset) + " of shape "
                + Arrays.toString(shape) + " from Zarr array " + dir + " needs about " + (needBytes(shape) >> 20) + " MiB (the block of "
                + meta.dtype().numpyName() + " plus one chunk of " + Arrays.toString(meta.chunkShape()) + " decoded and encoded), but this JVM's"
                + " heap is " + (max >> 20) + " MiB" + (cause == null ? "" : " and that much was not free")
                + ": read it in smaller blocks (DArray.fromZarr's chunks, ZarrArray.toDArray(chunks)) or give the JVM more heap (-Xmx)");
        if (cause != null) e.initCause(cause);
        return e;
    }

    private static Index[] ranges(long[] at, long[] len) {
        Index[] ix = new Index[at.length];
        for (int d = 0; d < ix.length; d++) ix[d] = Index.range(at[d], at[d] + len[d]);
        return ix;
    }

    private static NDArray view(NDArray a, Index[] ix) { return ix.length == 0 ? a : a.get(ix); }

    Path chunkPath(long[] idx) { return Path.of(dir, meta.chunkKey(idx)); }

    /** The whole chunk {@code idx} (edge chunks too), the fill value when its file does not exist. */
    NDArray readChunk(long[] idx) throws IOException {
        Path p = chunkPath(idx);
        byte[] enc;
        try {
            enc = Files.readAllBytes(p);
        } catch (NoSuchFileException e) {
            return filled();
        }
        long[] cs = meta.chunkShape();
        int[] perm = meta.permutation();
        long[] stored = cs;
        if (perm != null) {
            stored = new long[cs.length];
            for (int i = 0; i < perm.length; i++) stored[i] = cs[perm[i]];
        }
        NDArray a = ChunkBytes.decode(enc, meta.codecs(), meta.dtype(), meta.bigEndian(), stored, p.toString());
        if (perm == null) return a;
        int[] inv = new int[perm.length];
        for (int i = 0; i < perm.length; i++) inv[perm[i]] = i;
        return a.permute(inv);
    }

    private NDArray filled() {
        Object f = meta.fill();
        long[] cs = meta.chunkShape();
        return switch (f) {
            case null -> NDArray.zeros(meta.dtype(), cs);
            case Boolean b -> NDArray.full(b ? 1L : 0L, meta.dtype(), cs);
            case Long l -> NDArray.full(l, meta.dtype(), cs);
            case Double d -> NDArray.full(d, meta.dtype(), cs);
            default -> throw new IllegalStateException("fill value " + f);
        };
    }

    static ZarrFormatException wrongSize(String where, long got, long expected) {
        return new ZarrFormatException(where + ": chunk decodes to " + (got < 0 ? "more than " + expected : String.valueOf(got))
                + " bytes, expected " + expected + " (the chunk shape times the item size): wrong chunk or wrong metadata");
    }

    // ================================================================== writing

    /** Encodes and writes chunk {@code idx}; {@code chunk} has the full chunk shape. */
    void writeChunk(long[] idx, NDArray chunk) throws IOException {
        int[] perm = meta.permutation();
        NDArray stored = perm == null ? chunk : chunk.permute(perm);
        byte[] raw = ChunkBytes.raw(stored, meta.bigEndian());
        byte[] enc = ZarrCodec.encodeAll(meta.codecs(), raw, meta.dtype().itemSize());
        Path p = chunkPath(idx);
        if (p.getParent() != null && !p.getParent().toString().equals(dir)) Files.createDirectories(p.getParent());
        writeAtomically(p, enc);
    }

    /** Pads a block smaller than a chunk (at the array's end) with the fill value. */
    NDArray padded(NDArray block) {
        if (Arrays.equals(block.shapeArray(), meta.chunkShape())) return block;
        NDArray c = filled();
        view(c, ranges(new long[block.ndim()], block.shapeArray())).assign(block);
        return c;
    }

    /**
     * Writes {@code bytes} to a temporary name beside {@code target} and moves it into place; on failure deletes
     * the temporary file and throws an IOException naming {@code target} (the target is then as it was before).
     */
    static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".partial");
        try {
            Files.write(tmp, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new IOException("writing Zarr file " + target + " (" + bytes.length + " bytes) failed: " + e
                    + "; nothing was written under that name (the previous file, if any, is unchanged)", e);
        }
    }

    static Map<String, Object> readJsonObject(Path p) throws IOException {
        String text = Files.readString(p, StandardCharsets.UTF_8);
        Object v;
        try {
            v = Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ZarrFormatException(p + ": " + e.getMessage(), e);
        }
        if (!(v instanceof Map<?, ?> m)) throw new ZarrFormatException(p + ": got a JSON " + (v == null ? "null" : v.getClass().getSimpleName())
                + ", expected a JSON object");
        return ZarrMeta.cast(m);
    }

    /**
     * Writes each block it receives as one chunk (padded at the array's end).
     *
     * @param array  the Zarr array written to
     * @param origin where the source's first element lands (0s, or a region's offset)
     */
    private record ChunkSink(ZarrArray array, long[] origin) implements BlockSink {
        @Override
        public void write(NDArray block, dev.blockwork.array.BlockFunction.BlockInfo info) throws IOException {
            ZarrMeta m = array.meta;
            long[] cs = m.chunkShape(), idx = new long[cs.length];
            for (int d = 0; d < cs.length; d++) {
                long at = origin[d] + info.offset()[d];
                long end = at + info.shape()[d];
                if (at % cs[d] != 0 || (end % cs[d] != 0 && end != m.shape()[d]) || info.shape()[d] > cs[d]) {
                    throw new IllegalArgumentException("block " + Arrays.toString(info.index()) + " covers [" + at + ", " + end + ") along axis " + d
                            + " of Zarr array " + array.dir + ", expected exactly one chunk of " + cs[d] + " (or the array's last, shorter one)");
                }
                idx[d] = at / cs[d];
            }
            NDArray b = block.dtype() == m.dtype() ? block : block.astype(m.dtype());
            array.writeChunk(idx, array.padded(b));
        }
    }
}
