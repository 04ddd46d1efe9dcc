package dev.blockwork.array.zarr;

import dev.blockwork.schedule.ComputeOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How {@link Zarr#write} writes an array: immutable, each {@code with}-style method returns a changed copy.
 *
 * <p>Defaults ({@link #defaults()}), as zarr-python 2 writes: format 2, Blosc lz4 level 5 with byte shuffle,
 * C order, fill value 0, dimension separator {@code "."}, chunks = the array's blocks (the first block's extent
 * along each axis; irregular blocks are rechunked to it), refuse to replace an existing array, default compute
 * options. For v3, {@code format(3)} writes {@code zarr.json} with the default chunk key encoding ({@code c/0/1}).
 */
public final class ZarrWriteOptions {
    final int format;
    final List<ZarrCodec> codecs;
    final long[] chunks;
    final char order;
    final Object fill;
    final String separator;
    final boolean overwrite;
    final long[] region;
    final Map<String, Object> attributes;
    final List<String> dimensionNames;
    final ComputeOptions compute;

    private ZarrWriteOptions(int format, List<ZarrCodec> codecs, long[] chunks, char order, Object fill, String separator,
                             boolean overwrite, long[] region, Map<String, Object> attributes, List<String> dimensionNames,
                             ComputeOptions compute) {
        this.format = format;
        this.codecs = codecs;
        this.chunks = chunks;
        this.order = order;
        this.fill = fill;
        this.separator = separator;
        this.overwrite = overwrite;
        this.region = region;
        this.attributes = attributes;
        this.dimensionNames = dimensionNames;
        this.compute = compute;
    }

    /** {@return zarr-python 2's defaults (see the class comment)} */
    public static ZarrWriteOptions defaults() {
        return new ZarrWriteOptions(2, List.of(ZarrCodec.blosc("lz4", 5, 1)), null, 'C', 0L, null, false, null, Map.of(), null, null);
    }

    /**
     * Sets the Zarr format: 2 ({@code .zarray}) or 3 ({@code zarr.json}).
     *
     * @param format 2 or 3
     * @return these options writing that Zarr format
     * @throws IllegalArgumentException if {@code format} is neither 2 nor 3
     */
    public ZarrWriteOptions format(int format) {
        if (format != 2 && format != 3) throw new IllegalArgumentException("got Zarr format " + format + ", expected 2 or 3");
        return new ZarrWriteOptions(format, codecs, chunks, order, fill, separator, overwrite, region, attributes, dimensionNames, compute);
    }

    /**
     * Sets the compressors, as zarr-python's {@code compressor} (v2) or bytes-to-bytes {@code codecs} (v3).
     *
     * @param codecs bytes-to-bytes codecs in encoding order; none for uncompressed chunks (v2 takes at most one)
     * @return these options with those codecs
     */
    public ZarrWriteOptions codecs(ZarrCodec... codecs) {
        return new ZarrWriteOptions(format, List.of(codecs), chunks, order, fill, separator, overwrite, region, attributes, dimensionNames, compute);
    }

    /**
     * Sets the Zarr chunk shape instead of the array's first block's extents.
     *
     * @param chunkShape the Zarr chunk shape (the array is rechunked to it before writing)
     * @return these options with that chunk shape
     */
    public ZarrWriteOptions chunks(long... chunkShape) {
        return new ZarrWriteOptions(format, codecs, chunkShape.clone(), order, fill, separator, overwrite, region, attributes, dimensionNames, compute);
    }

    /**
     * Sets the element order inside each chunk (v2 {@code order}; v3 writes a {@code transpose} codec for F).
     *
     * @param order {@code 'C'} (row-major) or {@code 'F'} (column-major) element order inside each chunk
     * @return these options with that order
     * @throws IllegalArgumentException if {@code order} is neither C nor F
     */
    public ZarrWriteOptions order(char order) {
        if (order != 'C' && order != 'F') throw new IllegalArgumentException("got order '" + order + "', expected 'C' or 'F'");
        return new ZarrWriteOptions(format, codecs, chunks, order, fill, separator, overwrite, region, attributes, dimensionNames, compute);
    }

    /**
     * Sets the fill value recorded in the metadata (0 unless set).
     *
     * @param fill the fill value (a Double, Long or Boolean matching the dtype, or null for none): the value of chunks never written
     * @return these options with that fill value
     * @throws IllegalArgumentException if {@code fill} is not a number, a boolean or null
     */
    public ZarrWriteOptions fillValue(Object fill) {
        if (fill != null && !(fill instanceof Number) && !(fill instanceof Boolean)) {
            throw new IllegalArgumentException("got fill value " + fill + ", expected a number, a boolean or null");
        }
        Object f = fill instanceof Integer i ? Long.valueOf(i) : fill instanceof Float x ? Double.valueOf(x) : fill;
        return new ZarrWriteOptions(format, codecs, chunks, order, f, separator, overwrite, region, attributes, dimensionNames, compute);
    }

    /**
     * Sets the separator in chunk keys: v2's {@code dimension_separator}, v3's chunk key encoding separator.
     *
     * @param separator {@code "."} or {@code "/"} between chunk indices in chunk file names
     * @return these options with that separator
     * @throws IllegalArgumentException if {@code separator} is neither "." nor "/"
     */
    public ZarrWriteOptions dimensionSeparator(String separator) {
        if (!".".equals(separator) && !"/".equals(separator)) throw new IllegalArgumentException("got separator '" + separator + "', expected \".\" or \"/\"");
        return new ZarrWriteOptions(format, codecs, chunks, order, fill, separator, overwrite, region, attributes, dimensionNames, compute);
    }

    /**
     * Sets whether an existing array or group at the path is replaced (refused unless set).
     *
     * @param overwrite whether to delete and replace an existing Zarr array or group at the path
     * @return these options
     */
    public ZarrWriteOptions overwrite(boolean overwrite) {
        return new ZarrWriteOptions(format, codecs, chunks, order, fill, separator, overwrite, region, attributes, dimensionNames, compute);
    }

    /**
     * Writes into an existing array instead of creating one: the source lands at {@code offset} (chunk-aligned; its end
     * must be chunk-aligned too or the array's end). The metadata, codecs and other chunks stay as they are.
     *
     * @param offset where the source's first element goes
     * @return these options writing a region
     */
    public ZarrWriteOptions region(long... offset) {
        return new ZarrWriteOptions(format, codecs, chunks, order, fill, separator, overwrite, offset.clone(), attributes, dimensionNames, compute);
    }

    /**
     * Sets the user attributes (v2 {@code .zattrs}, v3 {@code attributes}).
     *
     * @param attributes user attributes to store with the array
     * @return these options with those attributes
     */
    public ZarrWriteOptions attributes(Map<String, Object> attributes) {
        return new ZarrWriteOptions(format, codecs, chunks, order, fill, separator, overwrite, region, new LinkedHashMap<>(attributes),
                dimensionNames, compute);
    }

    /**
     * Sets the names of the axes, written by v3 only (xarray reads them).
     *
     * @param names v3 {@code dimension_names} (ignored by v2)
     * @return these options with those names
     */
    public ZarrWriteOptions dimensionNames(String... names) {
        return new ZarrWriteOptions(format, codecs, chunks, order, fill, separator, overwrite, region, attributes, List.of(names), compute);
    }

    /**
     * Sets how the write is computed (the default compute options unless set).
     *
     * @param compute the scheduler and options the chunk tasks run with
     * @return these options
     */
    public ZarrWriteOptions compute(ComputeOptions compute) {
        return new ZarrWriteOptions(format, codecs, chunks, order, fill, separator, overwrite, region, attributes, dimensionNames, compute);
    }
}
