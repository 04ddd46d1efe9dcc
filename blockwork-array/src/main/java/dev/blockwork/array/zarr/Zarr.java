package dev.blockwork.array.zarr;

import dev.blockwork.array.ChunkSpec;
import dev.blockwork.array.Chunks;
import dev.blockwork.array.DArray;
import dev.blockwork.ndarray.DType;
import dev.blockwork.schedule.ComputeOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Zarr v2 and v3 arrays as lazy {@link DArray}s, written by our own code (no Java Zarr library on Maven Central
 * is usable). Reading is lazy, one task per block; writing runs one task per chunk, each chunk written (atomically:
 * temporary name, then move) as its task finishes, so neither side ever holds more than the blocks in flight.
 *
 * <pre>{@code
 * DArray x = DArray.fromZarr(Path.of("data.zarr"));                      // v2 or v3, any supported codec
 * x.mul(2).toZarr(Path.of("out.zarr"), ZarrWriteOptions.defaults());     // v2, Blosc lz4 + shuffle
 * x.toZarr(Path.of("out3.zarr"), ZarrWriteOptions.defaults().format(3).codecs(ZarrCodec.zstd(3)));
 * }</pre>
 *
 * <p>Supported: dtypes float64, float32, int64, int32, bool (either byte order); C and F order (v3: any
 * {@code transpose}); fill values including NaN and ±Infinity; edge chunks stored whole; v2
 * {@code dimension_separator} {@code "."}/{@code "/"}, v3 {@code default} and {@code v2} chunk key encodings;
 * codecs zlib, gzip, Blosc, zstd, lz4 and v3's crc32c; groups, attributes, consolidated metadata (read).
 * Not supported (a clear error): v2 filters, v3 sharding, other dtypes, non-regular chunk grids.
 */
public final class Zarr {
    private Zarr() {}

    /**
     * The Zarr array at {@code path}, one block per Zarr chunk.
     *
     * @param path the array's directory
     * @return a lazy array
     * @throws IOException if there is no array there or its metadata is bad
     */
    public static DArray read(Path path) throws IOException { return ZarrArray.open(path).toDArray(); }

    /**
     * The Zarr array at {@code path} cut into {@code chunks} (use multiples of the Zarr chunks).
     *
     * @param path   the array's directory
     * @param chunks the block structure
     * @return a lazy array
     * @throws IOException if there is no array there or its metadata is bad
     */
    public static DArray read(Path path, ChunkSpec chunks) throws IOException { return ZarrArray.open(path).toDArray(chunks); }

    /**
     * The array {@code name} of the Zarr group at {@code group} (through consolidated metadata when present).
     *
     * @param group the group's directory
     * @param name  the member's path, such as {@code "temperature"} or {@code "sub/a"}
     * @return a lazy array
     * @throws IOException if there is no such array or its metadata is bad
     */
    public static DArray read(Path group, String name) throws IOException { return ZarrGroup.open(group).array(name).toDArray(); }

    /**
     * Writes {@code x} as a Zarr array at {@code path} (or into an existing one with {@link ZarrWriteOptions#region}).
     *
     * @param x       the array
     * @param path    the array's directory
     * @param options format, codecs, chunks, order, fill value...
     * @return the written array
     * @throws IOException if the metadata cannot be written; a failed chunk write fails the compute (its message
     *                     names the chunk file; no partial chunk is left)
     */
    public static ZarrArray write(DArray x, Path path, ZarrWriteOptions options) throws IOException {
        ComputeOptions co = options.compute == null ? ComputeOptions.defaults() : options.compute;
        if (options.region != null) return writeRegion(x, path, options.region, co);
        int n = x.ndim();
        long[] cs = options.chunks;
        if (cs == null) {
            cs = new long[n];
            for (int d = 0; d < n; d++) cs[d] = Math.max(1, x.chunks().sizes(d).length == 0 ? 1 : x.chunks().sizes(d)[0]);
        }
        ZarrArray a = create(path, x.shape(), x.dtype(), options.chunks(cs));
        DArray y = x.rechunk(Chunks.of(cs));
        y.store(a.sink(new long[n]), co);
        return a;
    }

    /**
     * Creates an array with no chunks written (every element reads as the fill value), to be filled by
     * {@link ZarrWriteOptions#region region} writes, as zarr-python's {@code zarr.create} or Dask's
     * {@code to_zarr(compute=False)}.
     *
     * @param path    the array's directory
     * @param shape   the array's shape
     * @param dtype   its element type
     * @param options format, codecs, chunks (required), order, fill value...
     * @return the new array
     * @throws IOException if the metadata cannot be written, or an array is there and overwrite is off
     */
    public static ZarrArray create(Path path, dev.blockwork.ndarray.Shape shape, DType dtype, ZarrWriteOptions options) throws IOException {
        if (dtype.isComplex()) {
            throw new IllegalArgumentException("got dtype complex128, expected one of float64 float32 int64 int32 bool: the Zarr store has no complex dtype yet");
        }
        long[] s = shape.toArray();
        int n = s.length;
        long[] cs = options.chunks;
        if (cs == null) throw new IllegalArgumentException("Zarr.create needs the chunk shape: pass ZarrWriteOptions.chunks(...)");
        if (cs.length != n) {
            throw new IllegalArgumentException("got chunks " + Arrays.toString(cs) + " for a " + n + "-d array, expected " + n + " lengths");
        }
        if (options.format == 2 && options.codecs.size() > 1) {
            throw new IllegalArgumentException("got codecs " + options.codecs + " for Zarr v2, expected at most one compressor");
        }
        for (ZarrCodec c : options.codecs) {
            if (options.format == 2 && c.v2() == null) throw new IllegalArgumentException("codec " + c + " has no Zarr v2 form; use format(3)");
        }
        String sep = options.separator != null ? options.separator : options.format == 3 ? "/" : ".";
        Object fill = fillFor(options.fill, dtype);
        if (options.dimensionNames != null && options.dimensionNames.size() != n) {
            throw new IllegalArgumentException("got dimension names " + options.dimensionNames + " for a " + n + "-d array, expected " + n);
        }
        ZarrMeta meta = new ZarrMeta(options.format, s, cs, dtype, false, options.order == 'F' ? ZarrMeta.reversed(n) : null, fill,
                options.codecs, sep, options.format == 3, options.attributes, options.format == 3 ? options.dimensionNames : null);
        return ZarrArray.create(path, meta, options.overwrite);
    }

    private static Object fillFor(Object f, DType t) {
        if (f == null) return null;
        if (t.isBool()) return f instanceof Boolean b ? b : ((Number) f).doubleValue() != 0;
        if (t.isInteger()) {
            if (f instanceof Boolean b) return b ? 1L : 0L;
            Number x = (Number) f;
            if (x instanceof Double d && d != Math.rint(d)) throw new IllegalArgumentException("got fill value " + d + " for " + t.numpyName() + ", expected an integer");
            return x.longValue();
        }
        return f instanceof Boolean b ? (b ? 1.0 : 0.0) : ((Number) f).doubleValue();
    }

    private static ZarrArray writeRegion(DArray x, Path path, long[] at, ComputeOptions co) throws IOException {
        ZarrArray a = ZarrArray.open(path);
        long[] shape = a.shape().toArray(), cs = a.chunkShape(), xs = x.shape().toArray();
        int n = shape.length;
        if (at.length != n || xs.length != n) {
            throw new IllegalArgumentException("got a " + xs.length + "-d source and region offset " + Arrays.toString(at) + " for the " + n
                    + "-d Zarr array " + path + ", expected " + n + " axes");
        }
        long[][] sizes = new long[n][];
        for (int d = 0; d < n; d++) {
            long end = at[d] + xs[d];
            if (at[d] < 0 || end > shape[d] || at[d] % cs[d] != 0 || (end % cs[d] != 0 && end != shape[d])) {
                throw new IllegalArgumentException("got region [" + at[d] + ", " + end + ") along axis " + d + " of Zarr array " + path + " (shape "
                        + Arrays.toString(shape) + ", chunks " + Arrays.toString(cs) + "), expected it inside the array, starting on a chunk"
                        + " boundary and ending on one or at the array's end");
            }
            List<Long> l = new java.util.ArrayList<>();
            for (long o = 0; o < xs[d]; o += cs[d]) l.add(Math.min(cs[d], xs[d] - o));
            sizes[d] = l.stream().mapToLong(Long::longValue).toArray();
            if (sizes[d].length == 0) sizes[d] = new long[] {0};
        }
        DArray y = x.astype(a.dtype()).rechunk(Chunks.ofSizes(sizes));
        y.store(a.sink(at), co);
        return a;
    }
}
