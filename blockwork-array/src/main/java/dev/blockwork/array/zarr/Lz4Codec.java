package dev.blockwork.array.zarr;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;

/**
 * numcodecs' LZ4 ({@code liblz4-1} through FFM): a 4-byte little-endian decoded length, then one LZ4 block
 * ({@code LZ4_compress_fast} / {@code LZ4_decompress_safe}, which never writes or reads outside its buffers).
 */
final class Lz4Codec extends SizedCodec {
    private static final long serialVersionUID = 1L;
    static final NativeLibrary LIB = NativeLibrary.load("lz4", "liblz4-1", "liblz4.so.1", "liblz4.so");

    private static final class H {
        static final MethodHandle COMPRESS = LIB.function("LZ4_compress_fast",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT));
        static final MethodHandle DECOMPRESS = LIB.function("LZ4_decompress_safe",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT));
        static final MethodHandle BOUND = LIB.function("LZ4_compressBound", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    }

    private final int acceleration;

    Lz4Codec(int acceleration) {
        if (acceleration < 1) throw new IllegalArgumentException("got lz4 acceleration " + acceleration + ", expected 1 or more");
        this.acceleration = acceleration;
    }

    @Override
    byte[] encode(byte[] raw, int typeSize) {
        try {
            int bound = (int) H.BOUND.invokeExact(raw.length);
            byte[] dst = new byte[4 + bound];
            int n = (int) H.COMPRESS.invokeExact(MemorySegment.ofArray(raw), MemorySegment.ofArray(dst).asSlice(4), raw.length, bound, acceleration);
            if (n <= 0) throw new IllegalStateException("LZ4_compress_fast failed for " + raw.length + " bytes");
            ByteBuffer.wrap(dst).order(ByteOrder.LITTLE_ENDIAN).putInt(0, raw.length);
            return java.util.Arrays.copyOf(dst, 4 + n);
        } catch (Throwable t) {
            throw BloscCodec.rethrow(t);
        }
    }

    @Override
    long statedSize(byte[] src, String where) throws ZarrFormatException {
        if (src.length < 4) throw new ZarrFormatException(where + ": truncated lz4 chunk, " + src.length + " bytes, expected a 4-byte length first");
        int n = ByteBuffer.wrap(src).order(ByteOrder.LITTLE_ENDIAN).getInt(0);
        if (n < 0) throw new ZarrFormatException(where + ": corrupt lz4 chunk (negative length " + n + ")");
        return n;
    }

    @Override
    void decompress(byte[] src, MemorySegment dst, String where) throws ZarrFormatException {
        int r;
        try {
            r = (int) H.DECOMPRESS.invokeExact(MemorySegment.ofArray(src).asSlice(4), dst, src.length - 4, (int) dst.byteSize());
        } catch (Throwable t) {
            throw BloscCodec.rethrow(t);
        }
        if (r != dst.byteSize()) {
            throw new ZarrFormatException(where + ": corrupt or truncated lz4 chunk (decoded " + r + " bytes, expected " + dst.byteSize() + ")");
        }
    }

    @Override
    Map<String, Object> v2() { return map("id", "lz4", "acceleration", acceleration); }

    @Override
    String v3Name() { return "numcodecs.lz4"; }

    @Override
    Map<String, Object> v3Configuration(int typeSize) { return map("acceleration", acceleration); }
}
