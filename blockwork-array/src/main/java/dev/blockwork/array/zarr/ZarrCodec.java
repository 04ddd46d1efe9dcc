package dev.blockwork.array.zarr;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bytes-to-bytes Zarr codec (v2's {@code compressor}, v3's codecs after {@code bytes}): zlib and gzip from the
 * JDK, Blosc, zstd and lz4 from the system libraries ({@code libblosc1}, {@code libzstd1}, {@code liblz4-1}) through
 * FFM, and v3's {@code crc32c} checksum. Choose one for writing with the factories; reading takes whatever the
 * metadata names. A codec whose native library is missing fails, when first used, with a
 * {@link CodecUnavailableException} naming the package to install.
 *
 * <p>Instances are immutable, thread-safe and serializable (they travel with the tasks that read and write chunks).
 */
public abstract sealed class ZarrCodec implements java.io.Serializable
        permits SizedCodec, ZstdCodec, DeflateCodec, Crc32cCodec {
    private static final long serialVersionUID = 1L;

    ZarrCodec() {}

    /**
     * Blosc, zarr-python 2's default compressor: {@code blosc("lz4", 5, 1)} is lz4 at level 5 after a byte shuffle.
     *
     * @param cname   the inner compressor: {@code lz4}, {@code lz4hc}, {@code blosclz}, {@code zstd}, {@code zlib}
     * @param clevel  0 (none) to 9
     * @param shuffle 0 none, 1 byte shuffle, 2 bit shuffle
     * @return the codec
     */
    public static ZarrCodec blosc(String cname, int clevel, int shuffle) { return new BloscCodec(cname, clevel, shuffle, 0); }

    /**
     * zstd through {@code libzstd1}.
     *
     * @param level compression level, 1 (fast) to 22; 0 is zstd's default (3)
     * @return the codec
     */
    public static ZarrCodec zstd(int level) { return new ZstdCodec(level); }

    /**
     * numcodecs' LZ4 (a 4-byte little-endian length, then an LZ4 block) through {@code liblz4-1}; Zarr v2 only, or
     * {@code numcodecs.lz4} in v3.
     *
     * @param acceleration 1 (default) or more for faster, weaker compression
     * @return the codec
     */
    public static ZarrCodec lz4(int acceleration) { return new Lz4Codec(acceleration); }

    /**
     * zlib (RFC 1950) from {@code java.util.zip}; Zarr v2 only.
     *
     * @param level 0 to 9
     * @return the codec
     */
    public static ZarrCodec zlib(int level) { return new DeflateCodec(false, level); }

    /**
     * gzip (RFC 1952) from {@code java.util.zip}.
     *
     * @param level 0 to 9
     * @return the codec
     */
    public static ZarrCodec gzip(int level) { return new DeflateCodec(true, level); }

    /**
     * Zarr v3's {@code crc32c} checksum (4 bytes appended, checked on read); put it last.
     *
     * @return the codec
     */
    public static ZarrCodec crc32c() { return new Crc32cCodec(); }

    /** Compresses one chunk's bytes; {@code typeSize} is the element size (for shuffles). */
    abstract byte[] encode(byte[] raw, int typeSize);

    /** Decodes bytes whose decoded size the encoding itself says; {@code where} names the chunk file for errors. */
    abstract byte[] decode(byte[] src, String where) throws IOException;

    /**
     * Decodes into {@code dst} (a heap segment of exactly the expected size), failing when the decoded size differs.
     * Native codecs override this to decompress in place.
     */
    void decodeInto(byte[] src, MemorySegment dst, String where) throws IOException {
        byte[] r = decode(src, where);
        if (r.length != dst.byteSize()) throw ZarrArray.wrongSize(where, r.length, dst.byteSize());
        MemorySegment.copy(MemorySegment.ofArray(r), 0, dst, 0, r.length);
    }

    /** The v2 {@code compressor} object, or null when this codec has no v2 form. */
    abstract Map<String, Object> v2();

    /** The v3 {@code configuration} object of {@link #v3Name()}. */
    abstract Map<String, Object> v3Configuration(int typeSize);

    abstract String v3Name();

    Map<String, Object> v3(int typeSize) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", v3Name());
        m.put("configuration", v3Configuration(typeSize));
        return m;
    }

    @Override
    public String toString() {
        Map<String, Object> m = v3Configuration(0);
        return v3Name() + m;
    }

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    // ------------------------------------------------------------------ from metadata

    /** The codec of a v2 {@code compressor} (or {@code filters} entry) object. */
    static ZarrCodec fromV2(Map<String, Object> c, String where) throws ZarrFormatException {
        String id = String.valueOf(c.get("id"));
        return switch (id) {
            case "blosc" -> new BloscCodec(str(c, "cname", "lz4"), num(c, "clevel", 5), num(c, "shuffle", 1), num(c, "blocksize", 0));
            case "zstd" -> new ZstdCodec(num(c, "level", 1));
            case "lz4" -> new Lz4Codec(num(c, "acceleration", 1));
            case "zlib" -> new DeflateCodec(false, num(c, "level", 1));
            case "gzip" -> new DeflateCodec(true, num(c, "level", 1));
            default -> throw new ZarrFormatException(where + ": unknown Zarr v2 codec id '" + id + "' in " + c
                    + ", expected one of blosc, zstd, lz4, zlib, gzip (or no compressor)");
        };
    }

    /** The codec of a v3 bytes-to-bytes codec object; null for {@code bytes}/{@code transpose} (handled by the caller). */
    static ZarrCodec fromV3(String name, Map<String, Object> c, String where) throws ZarrFormatException {
        return switch (name) {
            case "blosc" -> new BloscCodec(str(c, "cname", "lz4"), num(c, "clevel", 5), BloscCodec.shuffleOf(c.get("shuffle"), where),
                    num(c, "blocksize", 0));
            case "zstd", "numcodecs.zstd" -> new ZstdCodec(num(c, "level", 0));
            case "numcodecs.lz4", "lz4" -> new Lz4Codec(num(c, "acceleration", 1));
            case "gzip", "numcodecs.gzip" -> new DeflateCodec(true, num(c, "level", 1));
            case "numcodecs.zlib", "zlib" -> new DeflateCodec(false, num(c, "level", 1));
            case "crc32c" -> new Crc32cCodec();
            default -> throw new ZarrFormatException(where + ": unknown Zarr v3 codec '" + name + "', expected one of bytes, transpose,"
                    + " blosc, zstd, gzip, crc32c, numcodecs.lz4, numcodecs.zlib (sharding_indexed is not supported)");
        };
    }

    static int num(Map<String, Object> c, String k, int dflt) {
        Object v = c == null ? null : c.get(k);
        return v instanceof Number n ? n.intValue() : dflt;
    }

    static String str(Map<String, Object> c, String k, String dflt) {
        Object v = c == null ? null : c.get(k);
        return v instanceof String s ? s : dflt;
    }

    /** Applies {@code codecs} in order (encoding). */
    static byte[] encodeAll(List<ZarrCodec> codecs, byte[] raw, int typeSize) {
        byte[] b = raw;
        for (ZarrCodec c : codecs) b = c.encode(b, typeSize);
        return b;
    }
}
