package dev.blockwork.process.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Layout of a pool task frame (a raw pipe message from the pool to a worker). The function and the
 * inputs are serialized separately, in the submitting thread, so a worker that already has the
 * function receives only its id.
 *
 * <pre>
 *   0  +---------------------------------------------+
 *      | chunk id (long); -1 = stop                  |
 *   8  | mode (int): 1 map, 2 call, 3 starmap        |
 *  12  | function id (int)                           |
 *  16  | function length (int), 0 = worker has it    |
 *  20  | function bytes ...                          |
 *      | inputs length (int)                         |
 *      | inputs bytes (serialized Object[]) ...      |
 *      | trusted names count (int)                   |
 *      | per name: length (short), UTF-8 bytes ...   |
 *      +---------------------------------------------+
 * </pre>
 * The trusted names are the application classes the frame holds that the worker has not been told about
 * yet (see {@code ClassAllowList}): the worker accepts them from its parent.
 * <pre>
 * </pre>
 */
public final class TaskFrameDescriptor {
    public static final int MODE_MAP = 1, MODE_CALL = 2, MODE_STAR = 3;
    public static final long STOP = -1;
    static final int HEADER_BYTES = 20;

    private TaskFrameDescriptor() {}

    public static byte[] encode(long chunkId, int mode, int fnId, byte[] fn, byte[] inputs, int inputsLength) {
        return encode(chunkId, mode, fnId, fn, inputs, inputsLength, java.util.List.of());
    }

    public static byte[] encode(long chunkId, int mode, int fnId, byte[] fn, byte[] inputs, int inputsLength,
                                java.util.Collection<String> trusted) {
        int fnLen = fn == null ? 0 : fn.length;
        byte[][] names = new byte[trusted.size()][];
        int namesBytes = 4, i = 0;
        for (String n : trusted) {
            names[i] = n.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            if (names[i].length > Short.MAX_VALUE) throw new IllegalArgumentException("got a class name of " + names[i].length + " bytes");
            namesBytes += 2 + names[i++].length;
        }
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES + fnLen + 4 + inputsLength + namesBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(chunkId).putInt(mode).putInt(fnId).putInt(fnLen);
        if (fnLen > 0) b.put(fn);
        b.putInt(inputsLength).put(inputs, 0, inputsLength);
        b.putInt(names.length);
        for (byte[] n : names) b.putShort((short) n.length).put(n);
        return b.array();
    }

    public static byte[] stop() {
        return encode(STOP, 0, 0, null, new byte[0], 0);
    }

    /** A decoded frame: offsets into the original array, and the trusted class names it carries. */
    public record Frame(long chunkId, int mode, int fnId, byte[] array, int fnOffset, int fnLength, int inputsOffset, int inputsLength,
                        java.util.List<String> trusted) {}

    public static Frame decode(byte[] a) {
        ByteBuffer b = ByteBuffer.wrap(a).order(ByteOrder.LITTLE_ENDIAN);
        long id = b.getLong();
        int mode = b.getInt(), fnId = b.getInt(), fnLen = b.getInt();
        int fnOff = b.position();
        b.position(fnOff + fnLen);
        int inLen = b.getInt();
        int inOff = b.position();
        b.position(inOff + inLen);
        int count = b.getInt();
        java.util.List<String> names = new java.util.ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] n = new byte[b.getShort()];
            b.get(n);
            names.add(new String(n, java.nio.charset.StandardCharsets.UTF_8));
        }
        return new Frame(id, mode, fnId, a, fnOff, fnLen, inOff, inLen, names);
    }
}
