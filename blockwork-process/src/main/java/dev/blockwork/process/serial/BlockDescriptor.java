package dev.blockwork.process.serial;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Serialized layout of a block ({@code NDArray} or large primitive array) written by {@link BlockSerializers},
 * inside a Kryo stream (after Kryo's class id).
 *
 * <pre>
 *  NDArray                                   primitive array (double[], float[], long[], int[], byte[])
 *  +---------------------------------+       +---------------------------------+
 *  | form (byte): INLINE, SHARED,    |       | form (byte)                     |
 *  |   HANDED_OFF, ARENA_SHARED,     |       | length (var int), elements      |
 *  |   ARENA_HANDED_OFF              |       |   (or the shared forms' fields) |
 *  | dtype ordinal (byte)            |       +---------------------------------+
 *  | ndim (var int), shape (var long)|
 *  +---------------------------------+
 *  INLINE: size elements in C order (Kryo's fixed-width encoding)
 *  SHARED / HANDED_OFF: shared-memory file name (string), data bytes (var long);
 *     the file's data area holds the elements in C order, native byte order, bool as one byte 0/1.
 *  ARENA_SHARED / ARENA_HANDED_OFF: arena segment name (string), lease number (var long), data bytes (var long);
 *     the segment's data area starts with the elements, as above.
 * </pre>
 *
 * SHARED: the sender keeps the file until it has learnt the receiver is done (a receiver maps, copies,
 * closes). HANDED_OFF: the receiver adopts the sender's reference and its close deletes the file.
 * ARENA_SHARED: the block is in a recycled segment of the sender's arena; the sender frees the lease when the
 * receiver is done. ARENA_HANDED_OFF: the receiver's one read frees the lease (the segment goes back to the sender).
 */
public final class BlockDescriptor {
    /** The form byte that starts a block's handle: how the block travels and who frees it (see above). */
    public static final byte INLINE = 0, SHARED = 1, HANDED_OFF = 2, ARENA_SHARED = 3, ARENA_HANDED_OFF = 4;

    private BlockDescriptor() {}

    /** Throws unless {@code form} is one of the three forms. */
    static void checkForm(byte form) {
        if (form < INLINE || form > ARENA_HANDED_OFF) {
            throw new IllegalStateException("got block form " + form + ", expected 0 (inline), 1 (shared), 2 (handed off), "
                    + "3 (arena, shared) or 4 (arena, handed off)");
        }
    }

    /** Throws unless the mapped data area holds at least {@code bytes}. */
    static void checkSize(String name, MemorySegment data, long bytes) {
        if (data.byteSize() < bytes) {
            throw new IllegalStateException("shared block " + name + ": got " + data.byteSize() + " data bytes, expected >= " + bytes);
        }
    }

    /** Bytes per element of a {@code double[]}, {@code float[]}, {@code long[]}, {@code int[]}, {@code byte[]} or {@code boolean[]}. */
    static int itemSize(Class<?> arrayType) {
        if (arrayType == double[].class || arrayType == long[].class) return 8;
        if (arrayType == float[].class || arrayType == int[].class) return 4;
        if (arrayType == byte[].class || arrayType == boolean[].class) return 1;
        throw new IllegalArgumentException("got " + arrayType.getName() + ", expected double[], float[], long[], int[], byte[] or boolean[]");
    }

    /** Whether a block of this form lives in an arena segment. */
    static boolean inArena(byte form) { return form == ARENA_SHARED || form == ARENA_HANDED_OFF; }

    /**
     * Copies {@code n} elements of {@code array} from {@code off} to the start of {@code f}'s data area:
     * with {@link ShmTransport.Target#write} (no page fault per fresh page), except booleans (one byte each, through the mapping).
     */
    static void copyOut(Object array, int off, int n, ShmTransport.Target f) {
        if (array instanceof boolean[]) {
            copyOut(array, off, n, f.data());
            return;
        }
        int size = itemSize(array.getClass());
        MemorySegment src = switch (array) {
            case double[] a -> MemorySegment.ofArray(a);
            case float[] a -> MemorySegment.ofArray(a);
            case long[] a -> MemorySegment.ofArray(a);
            case int[] a -> MemorySegment.ofArray(a);
            case byte[] a -> MemorySegment.ofArray(a);
            default -> throw new IllegalArgumentException("got " + array.getClass().getName() + ", expected a primitive array");
        };
        f.write(src.asSlice((long) off * size, (long) n * size));
    }

    /** Copies {@code n} elements of {@code array} from {@code off} to the start of {@code dst}. */
    static void copyOut(Object array, int off, int n, MemorySegment dst) {
        switch (array) {
            case double[] a -> MemorySegment.copy(a, off, dst, ValueLayout.JAVA_DOUBLE, 0, n);
            case float[] a -> MemorySegment.copy(a, off, dst, ValueLayout.JAVA_FLOAT, 0, n);
            case long[] a -> MemorySegment.copy(a, off, dst, ValueLayout.JAVA_LONG, 0, n);
            case int[] a -> MemorySegment.copy(a, off, dst, ValueLayout.JAVA_INT, 0, n);
            case byte[] a -> MemorySegment.copy(a, off, dst, ValueLayout.JAVA_BYTE, 0, n);
            case boolean[] a -> { for (int i = 0; i < n; i++) dst.set(ValueLayout.JAVA_BYTE, i, a[off + i] ? (byte) 1 : 0); }
            default -> throw new IllegalArgumentException("got " + array.getClass().getName() + ", expected a primitive array");
        }
    }

    /** A new array of {@code arrayType} with the first {@code n} elements of {@code src}. */
    static Object copyIn(MemorySegment src, Class<?> arrayType, int n) {
        if (arrayType == double[].class) { double[] a = new double[n]; MemorySegment.copy(src, ValueLayout.JAVA_DOUBLE, 0, a, 0, n); return a; }
        if (arrayType == float[].class) { float[] a = new float[n]; MemorySegment.copy(src, ValueLayout.JAVA_FLOAT, 0, a, 0, n); return a; }
        if (arrayType == long[].class) { long[] a = new long[n]; MemorySegment.copy(src, ValueLayout.JAVA_LONG, 0, a, 0, n); return a; }
        if (arrayType == int[].class) { int[] a = new int[n]; MemorySegment.copy(src, ValueLayout.JAVA_INT, 0, a, 0, n); return a; }
        if (arrayType == byte[].class) { byte[] a = new byte[n]; MemorySegment.copy(src, ValueLayout.JAVA_BYTE, 0, a, 0, n); return a; }
        if (arrayType == boolean[].class) {
            boolean[] a = new boolean[n];
            for (int i = 0; i < n; i++) a[i] = src.get(ValueLayout.JAVA_BYTE, i) != 0;
            return a;
        }
        throw new IllegalArgumentException("got " + arrayType.getName() + ", expected a primitive array type");
    }
}
