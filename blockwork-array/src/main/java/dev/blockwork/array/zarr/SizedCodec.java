package dev.blockwork.array.zarr;

import java.io.IOException;
import java.lang.foreign.MemorySegment;

/**
 * A codec whose encoding states its decoded size (Blosc's header, numcodecs' lz4 length prefix): both decode paths
 * check that size first, then decompress into an array of exactly that size.
 */
abstract sealed class SizedCodec extends ZarrCodec permits BloscCodec, Lz4Codec {
    private static final long serialVersionUID = 1L;

    /** The decoded size {@code src} states, after checking it is well formed; {@code where} names the chunk file. */
    abstract long statedSize(byte[] src, String where) throws ZarrFormatException;

    /** Decompresses {@code src} into all of {@code dst}, whose size {@link #statedSize} gave. */
    abstract void decompress(byte[] src, MemorySegment dst, String where) throws ZarrFormatException;

    @Override
    final byte[] decode(byte[] src, String where) throws IOException {
        byte[] dst = new byte[Math.toIntExact(statedSize(src, where))];
        decompress(src, MemorySegment.ofArray(dst), where);
        return dst;
    }

    @Override
    final void decodeInto(byte[] src, MemorySegment dst, String where) throws IOException {
        long n = statedSize(src, where);
        if (n != dst.byteSize()) throw ZarrArray.wrongSize(where, n, dst.byteSize());
        decompress(src, dst, where);
    }
}
