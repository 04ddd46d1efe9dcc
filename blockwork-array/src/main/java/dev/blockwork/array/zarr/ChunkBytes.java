package dev.blockwork.array.zarr;

import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.NDArray;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * One chunk's elements as bytes and back: the Java array behind a C-order block is decoded into directly (a
 * native codec decompresses into the {@code double[]} itself), so reading costs one decompression and no copy;
 * big-endian data is swapped in place afterwards. Booleans go through one byte each, as NumPy stores them.
 */
final class ChunkBytes {
    private ChunkBytes() {}

    static long[] cStrides(long[] shape) {
        long[] st = new long[shape.length];
        long s = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            st[d] = s;
            s *= shape[d];
        }
        return st;
    }

    static long size(long[] shape) {
        long n = 1;
        for (long d : shape) n = Math.multiplyExact(n, d);
        return n;
    }

    /** Decodes {@code enc} (through {@code codecs}, given in encoding order) into a C-order array of {@code shape}. */
    static NDArray decode(byte[] enc, List<ZarrCodec> codecs, DType t, boolean bigEndian, long[] shape, String where) throws IOException {
        long n = size(shape);
        long bytes = n * t.itemSize();
        if (bytes > Integer.MAX_VALUE - 8) throw new ZarrFormatException(where + ": a chunk of " + bytes + " bytes is larger than 2 GiB");
        byte[] b = enc;
        for (int k = codecs.size() - 1; k >= 1; k--) b = codecs.get(k).decode(b, where);
        Object data = t == DType.BOOL ? new byte[(int) n] : allocate(t, (int) n);
        MemorySegment dst = segment(data);
        if (codecs.isEmpty()) {
            if (b.length != bytes) throw ZarrArray.wrongSize(where, b.length, bytes);
            MemorySegment.copy(MemorySegment.ofArray(b), 0, dst, 0, bytes);
        } else {
            codecs.getFirst().decodeInto(b, dst, where);
        }
        if (bigEndian) swap(data);
        if (t == DType.BOOL) {
            byte[] raw = (byte[]) data;
            boolean[] z = new boolean[raw.length];
            for (int i = 0; i < raw.length; i++) z[i] = raw[i] != 0;
            data = z;
        }
        return NDArray.wrap(data, 0, shape, cStrides(shape));
    }

    /** The bytes of {@code a} in C order (little- or big-endian), before any codec. */
    static byte[] raw(NDArray a0, boolean bigEndian) {
        NDArray a = a0.contiguous();
        int n = (int) a.size();
        int off = a.offset();
        DType t = a.dtype();
        byte[] out = new byte[n * t.itemSize()];
        if (t == DType.BOOL) {
            boolean[] z = (boolean[]) a.data();
            for (int i = 0; i < n; i++) out[i] = (byte) (z[off + i] ? 1 : 0);
            return out;
        }
        MemorySegment.copy(segment(a.data()), (long) off * t.itemSize(), MemorySegment.ofArray(out), 0, out.length);
        if (bigEndian) {
            java.nio.ByteBuffer le = java.nio.ByteBuffer.wrap(out).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            int w = t.itemSize();
            for (int i = 0; i < out.length; i += w) {
                if (w == 8) le.putLong(i, Long.reverseBytes(le.getLong(i)));
                else if (w == 4) le.putInt(i, Integer.reverseBytes(le.getInt(i)));
                else if (w == 2) le.putShort(i, Short.reverseBytes(le.getShort(i)));
            }
        }
        return out;
    }

    /** The Java array behind a new NDArray of {@code t} (any dtype NDArray has, not just today's five). */
    static Object allocate(DType t, int n) { return NDArray.zeros(t, n).data(); }

    static MemorySegment segment(Object data) {
        return switch (data) {
            case double[] d -> MemorySegment.ofArray(d);
            case float[] f -> MemorySegment.ofArray(f);
            case long[] l -> MemorySegment.ofArray(l);
            case int[] i -> MemorySegment.ofArray(i);
            case short[] s -> MemorySegment.ofArray(s);
            case byte[] b -> MemorySegment.ofArray(b);
            default -> throw new IllegalArgumentException("no byte view of a " + data.getClass().getSimpleName());
        };
    }

    private static void swap(Object data) {
        switch (data) {
            case double[] d -> {
                for (int i = 0; i < d.length; i++) d[i] = Double.longBitsToDouble(Long.reverseBytes(Double.doubleToRawLongBits(d[i])));
            }
            case float[] f -> {
                for (int i = 0; i < f.length; i++) f[i] = Float.intBitsToFloat(Integer.reverseBytes(Float.floatToRawIntBits(f[i])));
            }
            case long[] l -> {
                for (int i = 0; i < l.length; i++) l[i] = Long.reverseBytes(l[i]);
            }
            case int[] v -> {
                for (int i = 0; i < v.length; i++) v[i] = Integer.reverseBytes(v[i]);
            }
            case short[] v -> {
                for (int i = 0; i < v.length; i++) v[i] = Short.reverseBytes(v[i]);
            }
            default -> { } // one byte per element
        }
    }
}
