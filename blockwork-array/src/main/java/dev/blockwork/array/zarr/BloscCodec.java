package dev.blockwork.array.zarr;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Blosc 1 ({@code libblosc1}) through FFM: the context functions {@code blosc_compress_ctx} /
 * {@code blosc_decompress_ctx}, which keep no global state and so are safe from many threads, each call on one
 * internal thread (block tasks are the parallelism). A chunk is checked with {@code blosc_cbuffer_validate} before
 * it is decompressed, so a truncated or corrupt chunk is an error, not a read past its end.
 */
final class BloscCodec extends SizedCodec {
    private static final long serialVersionUID = 1L;
    static final NativeLibrary LIB = NativeLibrary.load("blosc", "libblosc1", "libblosc.so.1", "libblosc.so");
    private static final int OVERHEAD = 16; // BLOSC_MAX_OVERHEAD

    /** Lazily bound handles (only when a Blosc chunk is first met). */
    private static final class H {
        static final MethodHandle COMPRESS = LIB.function("blosc_compress_ctx", FunctionDescriptor.of(JAVA_INT,
                JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_INT));
        static final MethodHandle DECOMPRESS = LIB.function("blosc_decompress_ctx", FunctionDescriptor.of(JAVA_INT,
                ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT));
        static final MethodHandle VALIDATE = LIB.function("blosc_cbuffer_validate", FunctionDescriptor.of(JAVA_INT,
                ADDRESS, JAVA_LONG, ADDRESS));
    }

    private final String cname;
    private final int clevel, shuffle, blocksize;

    BloscCodec(String cname, int clevel, int shuffle, int blocksize) {
        if (!java.util.Set.of("lz4", "lz4hc", "blosclz", "zstd", "zlib", "snappy").contains(cname)) {
            throw new IllegalArgumentException("got Blosc compressor '" + cname + "', expected lz4, lz4hc, blosclz, zstd or zlib");
        }
        if (clevel < 0 || clevel > 9) throw new IllegalArgumentException("got Blosc clevel " + clevel + ", expected 0 to 9");
        if (shuffle < -1 || shuffle > 2) throw new IllegalArgumentException("got Blosc shuffle " + shuffle + ", expected -1 (auto), 0, 1 or 2");
        this.cname = cname;
        this.clevel = clevel;
        this.shuffle = shuffle;
        this.blocksize = blocksize;
    }

    /** v3's shuffle names, or v2's numbers. */
    static int shuffleOf(Object v, String where) throws ZarrFormatException {
        if (v == null) return 1;
        if (v instanceof Number n) return n.intValue();
        return switch (String.valueOf(v)) {
            case "noshuffle" -> 0;
            case "shuffle" -> 1;
            case "bitshuffle" -> 2;
            default -> throw new ZarrFormatException(where + ": got Blosc shuffle '" + v + "', expected noshuffle, shuffle or bitshuffle");
        };
    }

    private int shuffleFor(int typeSize) { return shuffle == -1 ? (typeSize == 1 ? 2 : 1) : shuffle; }

    @Override
    byte[] encode(byte[] raw, int typeSize) {
        byte[] dst = new byte[raw.length + OVERHEAD];
        byte[] name = (cname + "\0").getBytes(StandardCharsets.US_ASCII);
        int n;
        try {
            n = (int) H.COMPRESS.invokeExact(clevel, shuffleFor(typeSize), (long) Math.max(1, typeSize), (long) raw.length,
                    MemorySegment.ofArray(raw), MemorySegment.ofArray(dst), (long) dst.length, MemorySegment.ofArray(name), (long) blocksize, 1);
        } catch (Throwable t) {
            throw rethrow(t);
        }
        if (n <= 0) throw new IllegalStateException("blosc_compress_ctx failed with " + n + " for " + raw.length + " bytes (" + this + ")");
        return java.util.Arrays.copyOf(dst, n);
    }

    /** Validates the header against the buffer and returns the decoded size it announces. */
    @Override
    long statedSize(byte[] src, String where) throws ZarrFormatException {
        if (src.length < OVERHEAD) {
            throw new ZarrFormatException(where + ": truncated Blosc chunk, " + src.length + " bytes, expected at least a 16-byte header");
        }
        ByteBuffer h = ByteBuffer.wrap(src).order(ByteOrder.LITTLE_ENDIAN);
        long cbytes = Integer.toUnsignedLong(h.getInt(12));
        if (cbytes != src.length) {
            throw new ZarrFormatException(where + ": Blosc chunk of " + src.length + " bytes whose header announces " + cbytes
                    + " compressed bytes (truncated or corrupt)");
        }
        long[] nbytes = new long[1];
        int ok;
        try {
            ok = (int) H.VALIDATE.invokeExact(MemorySegment.ofArray(src), (long) src.length, MemorySegment.ofArray(nbytes));
        } catch (Throwable t) {
            throw rethrow(t);
        }
        if (ok < 0) throw new ZarrFormatException(where + ": corrupt Blosc chunk (blosc_cbuffer_validate rejected its header)");
        return nbytes[0];
    }

    @Override
    void decompress(byte[] src, MemorySegment dst, String where) throws ZarrFormatException {
        int r;
        try {
            r = (int) H.DECOMPRESS.invokeExact(MemorySegment.ofArray(src), dst, dst.byteSize(), 1);
        } catch (Throwable t) {
            throw rethrow(t);
        }
        if (r != dst.byteSize()) throw new ZarrFormatException(where + ": corrupt Blosc chunk (blosc_decompress_ctx returned " + r + ")");
    }

    static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) return r;
        if (t instanceof Error e) throw e;
        return new IllegalStateException(t);
    }

    @Override
    Map<String, Object> v2() { return map("id", "blosc", "cname", cname, "clevel", clevel, "shuffle", shuffle, "blocksize", blocksize); }

    @Override
    String v3Name() { return "blosc"; }

    @Override
    Map<String, Object> v3Configuration(int typeSize) {
        String s = switch (shuffleFor(typeSize)) {
            case 0 -> "noshuffle";
            case 2 -> "bitshuffle";
            default -> "shuffle";
        };
        return map("cname", cname, "clevel", clevel, "shuffle", s, "typesize", Math.max(1, typeSize), "blocksize", blocksize);
    }
}
