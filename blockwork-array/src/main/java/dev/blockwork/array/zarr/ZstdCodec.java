package dev.blockwork.array.zarr;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.IOException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.Map;

/**
 * zstd ({@code libzstd1}) through FFM: {@code ZSTD_compress} and {@code ZSTD_decompress} (one-shot, thread-safe),
 * frames as numcodecs and zarrita write them. A frame that does not announce its size is decoded into a growing
 * buffer.
 */
final class ZstdCodec extends ZarrCodec {
    private static final long serialVersionUID = 1L;
    static final NativeLibrary LIB = NativeLibrary.load("zstd", "libzstd1", "libzstd.so.1", "libzstd.so");
    private static final long UNKNOWN = -1, ERROR = -2; // ZSTD_CONTENTSIZE_UNKNOWN / _ERROR

    private static final class H {
        static final MethodHandle COMPRESS = LIB.function("ZSTD_compress",
                FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_INT));
        static final MethodHandle DECOMPRESS = LIB.function("ZSTD_decompress",
                FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG));
        static final MethodHandle BOUND = LIB.function("ZSTD_compressBound", FunctionDescriptor.of(JAVA_LONG, JAVA_LONG));
        static final MethodHandle IS_ERROR = LIB.function("ZSTD_isError", FunctionDescriptor.of(JAVA_INT, JAVA_LONG));
        static final MethodHandle CONTENT_SIZE = LIB.function("ZSTD_getFrameContentSize",
                FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_LONG));
        static final MethodHandle ERROR_NAME = LIB.function("ZSTD_getErrorName", FunctionDescriptor.of(ADDRESS, JAVA_LONG));
    }

    private final int level;

    ZstdCodec(int level) {
        if (level < -131072 || level > 22) throw new IllegalArgumentException("got zstd level " + level + ", expected up to 22");
        this.level = level;
    }

    private static boolean isError(long code) {
        try {
            return (int) H.IS_ERROR.invokeExact(code) != 0;
        } catch (Throwable t) {
            throw BloscCodec.rethrow(t);
        }
    }

    @SuppressWarnings("restricted") // a C string of unknown length from the library (at most 256 bytes read)
    private static String errorName(long code) {
        try {
            MemorySegment s = (MemorySegment) H.ERROR_NAME.invokeExact(code);
            return s.reinterpret(256).getString(0);
        } catch (Throwable t) {
            throw BloscCodec.rethrow(t);
        }
    }

    @Override
    byte[] encode(byte[] raw, int typeSize) {
        try {
            long bound = (long) H.BOUND.invokeExact((long) raw.length);
            byte[] dst = new byte[Math.toIntExact(bound)];
            long n = (long) H.COMPRESS.invokeExact(MemorySegment.ofArray(dst), (long) dst.length, MemorySegment.ofArray(raw), (long) raw.length, level);
            if (isError(n)) throw new IllegalStateException("ZSTD_compress failed: " + errorName(n));
            return java.util.Arrays.copyOf(dst, (int) n);
        } catch (Throwable t) {
            throw BloscCodec.rethrow(t);
        }
    }

    @Override
    byte[] decode(byte[] src, String where) throws IOException {
        long size;
        try {
            size = (long) H.CONTENT_SIZE.invokeExact(MemorySegment.ofArray(src), (long) src.length);
        } catch (Throwable t) {
            throw BloscCodec.rethrow(t);
        }
        if (size == ERROR) throw new ZarrFormatException(where + ": not a zstd frame (" + src.length + " bytes)");
        if (size != UNKNOWN) {
            byte[] dst = new byte[Math.toIntExact(size)];
            decodeInto(src, MemorySegment.ofArray(dst), where);
            return dst;
        }
        for (long cap = Math.max(1024, 4L * src.length); ; cap *= 2) {
            byte[] dst = new byte[Math.toIntExact(Math.min(cap, Integer.MAX_VALUE - 8))];
            long n = call(src, MemorySegment.ofArray(dst));
            if (!isError(n)) return java.util.Arrays.copyOf(dst, (int) n);
            if (!errorName(n).contains("too small") || dst.length >= Integer.MAX_VALUE - 8) {
                throw new ZarrFormatException(where + ": corrupt zstd chunk (" + errorName(n) + ")");
            }
        }
    }

    private static long call(byte[] src, MemorySegment dst) {
        try {
            return (long) H.DECOMPRESS.invokeExact(dst, dst.byteSize(), MemorySegment.ofArray(src), (long) src.length);
        } catch (Throwable t) {
            throw BloscCodec.rethrow(t);
        }
    }

    @Override
    void decodeInto(byte[] src, MemorySegment dst, String where) throws IOException {
        long n = call(src, dst);
        if (isError(n)) {
            String e = errorName(n);
            if (e.contains("too small")) throw ZarrArray.wrongSize(where, -1, dst.byteSize());
            throw new ZarrFormatException(where + ": corrupt or truncated zstd chunk (" + e + ")");
        }
        if (n != dst.byteSize()) throw ZarrArray.wrongSize(where, n, dst.byteSize());
    }

    @Override
    Map<String, Object> v2() { return map("id", "zstd", "level", level); }

    @Override
    String v3Name() { return "zstd"; }

    @Override
    Map<String, Object> v3Configuration(int typeSize) { return map("level", level, "checksum", false); }
}
