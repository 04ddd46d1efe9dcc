package dev.blockwork.process.serial;

import dev.blockwork.spi.Serializer;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.blockwork.spi.BlockCodec;
import dev.blockwork.spi.BlockCodecs;
import dev.blockwork.process.internal.BlockViews;
import dev.blockwork.process.internal.ShmDescriptor;
import dev.blockwork.process.internal.ShmFile;

/**
 * Kryo serializers for array blocks: every block type with a {@link BlockCodec} (NDArray: any dtype, shape,
 * view) and {@code double[]}, {@code float[]}, {@code long[]}, {@code int[]}, {@code byte[]}.
 *
 * <p>Contract: a block of at least {@link ShmTransport#THRESHOLD_BYTES} written while a
 * {@link ShmTransport} is installed goes into shared memory (a recycled segment of the transport's
 * {@link dev.blockwork.process.internal.BlockArena}, else a file of its own) and the stream carries only
 * its handle ({@link BlockDescriptor}); anything else is written inline. Reading a handle copies the
 * elements once into a new heap array: from a segment through the receiver's kept mapping, freeing the
 * lease if it was handed off; from a file of its own by mapping it, copying and closing (deleting the file
 * if it was handed off). A read block is always C-contiguous with offset 0, whatever view was written.
 *
 * <p>Implementation overview: registered in every Kryo instance ({@link KryoSerializer#newKryo}), in
 * a fixed order so ids agree across JVMs; the primitive-array serializers delegate inline values to
 * Kryo's own.
 */
final class BlockSerializers {
    private BlockSerializers() {}

    static void register(Kryo k) {
        for (BlockCodec<?> c : BlockCodecs.all()) register(k, c); // a fixed order: ids agree across JVMs
        for (Class<?> c : new Class<?>[] {double[].class, float[].class, long[].class, int[].class, byte[].class}) {
            @SuppressWarnings("unchecked")
            com.esotericsoftware.kryo.Serializer<Object> inline = k.getRegistration(c).getSerializer();
            k.register(c, new ArraySerializer(c, inline));
        }
    }

    private static <T> void register(Kryo k, BlockCodec<T> c) {
        k.register(c.type(), new CodecSerializer<>(c));
    }

    private static void copyOut(Object array, int off, int n, ShmTransport.Target f) {
        try {
            BlockDescriptor.copyOut(array, off, n, f);
        } catch (RuntimeException e) {
            throw new ShmTransport.TransferException("cannot write a block to shared memory " + f.name() + ": " + e, e);
        }
    }

    private static Object readShared(Input in, byte form, Class<?> arrayType, int n) {
        String name = in.readString();
        if (BlockDescriptor.inArena(form)) {
            long lease = in.readVarLong(true);
            long bytes = in.readVarLong(true);
            return BlockViews.read(name, lease, bytes, form == BlockDescriptor.ARENA_HANDED_OFF,
                    data -> BlockDescriptor.copyIn(data, arrayType, n));
        }
        long bytes = in.readVarLong(true);
        ShmFile f = form == BlockDescriptor.HANDED_OFF ? ShmFile.adopt(name, ShmDescriptor.KIND_BUFFER)
                : ShmFile.open(name, ShmDescriptor.KIND_BUFFER);
        try {
            BlockDescriptor.checkSize(name, f.data(), bytes);
            return BlockDescriptor.copyIn(f.data(), arrayType, n);
        } finally {
            f.close();
        }
    }

    private static byte form(ShmTransport t, ShmTransport.Target f) {
        if (f.lease() != null) return t.handOff() ? BlockDescriptor.ARENA_HANDED_OFF : BlockDescriptor.ARENA_SHARED;
        return t.handOff() ? BlockDescriptor.HANDED_OFF : BlockDescriptor.SHARED;
    }

    /** The shared forms' fields after the header ({@link BlockDescriptor}). */
    private static void writeHandle(Output out, ShmTransport.Target f, long bytes) {
        out.writeString(f.name());
        if (f.lease() != null) out.writeVarLong(f.lease().number(), true);
        out.writeVarLong(bytes, true);
    }

    /** Storage kinds on the wire, by flat array type (the codec's dtype name travels beside it). */
    private static final Class<?>[] STORAGE = {double[].class, float[].class, long[].class, int[].class, boolean[].class, byte[].class};

    static int storageKind(Object array) {
        for (int k = 0; k < STORAGE.length; k++) if (STORAGE[k] == array.getClass()) return k;
        throw new IllegalStateException("got block storage " + array.getClass().getName() + ", expected a primitive array");
    }

    /**
     * Any array block type whose module registered a {@link BlockCodec} (NDArray's is in blockwork-ndarray): the
     * codec flattens it, this writes the flat elements inline or into shared memory, and the codec rebuilds it.
     */
    static final class CodecSerializer<T> extends com.esotericsoftware.kryo.Serializer<T> {
        private final BlockCodec<T> codec;

        CodecSerializer(BlockCodec<T> codec) { this.codec = codec; }

        @Override
        public void write(Kryo kryo, Output out, T value) {
            BlockCodec.Flat a = codec.flatten(value);
            long[] shape = a.shape();
            int n = a.length();
            int kind = storageKind(a.array());
            long bytes = (long) n * BlockDescriptor.itemSize(STORAGE[kind]);
            ShmTransport t = ShmTransport.current();
            if (t != null && bytes >= ShmTransport.THRESHOLD_BYTES) {
                ShmTransport.Target f = t.allocate(bytes);
                copyOut(a.array(), a.offset(), n, f);
                out.writeByte(form(t, f));
                writeHeader(out, a.dtype(), kind, shape);
                writeHandle(out, f, bytes);
                return;
            }
            out.writeByte(BlockDescriptor.INLINE);
            writeHeader(out, a.dtype(), kind, shape);
            int off = a.offset();
            switch (a.array()) {
                case double[] d -> out.writeDoubles(d, off, n);
                case float[] d -> out.writeFloats(d, off, n);
                case long[] d -> out.writeLongs(d, off, n);
                case int[] d -> out.writeInts(d, off, n);
                case boolean[] d -> out.writeBooleans(d, off, n);
                case byte[] d -> out.writeBytes(d, off, n);
                default -> throw new IllegalStateException("got block storage " + a.array().getClass().getName());
            }
        }

        private static void writeHeader(Output out, String dtype, int kind, long[] shape) {
            out.writeString(dtype);
            out.writeByte(kind);
            out.writeVarInt(shape.length, true);
            for (long s : shape) out.writeVarLong(s, true);
        }

        @Override
        public T read(Kryo kryo, Input in, Class<? extends T> type) {
            byte form = in.readByte();
            BlockDescriptor.checkForm(form);
            String dtype = in.readString();
            int kind = in.readByte();
            if (kind < 0 || kind >= STORAGE.length) throw new IllegalStateException("got storage kind " + kind + ", expected < " + STORAGE.length);
            long[] shape = new long[in.readVarInt(true)];
            long size = 1;
            for (int i = 0; i < shape.length; i++) size *= shape[i] = in.readVarLong(true);
            int n = Math.toIntExact(size);
            Object data;
            if (form == BlockDescriptor.INLINE) {
                data = switch (kind) {
                    case 0 -> in.readDoubles(n);
                    case 1 -> in.readFloats(n);
                    case 2 -> in.readLongs(n);
                    case 3 -> in.readInts(n);
                    case 4 -> in.readBooleans(n);
                    default -> in.readBytes(n);
                };
            } else {
                data = readShared(in, form, STORAGE[kind], n);
            }
            return codec.rebuild(new BlockCodec.Flat(dtype, shape, data, 0, n));
        }
    }

    /** A primitive array: inline through Kryo's own serializer, or through shared memory when large. */
    static final class ArraySerializer extends com.esotericsoftware.kryo.Serializer<Object> {
        private final Class<?> type;
        private final int itemSize;
        private final com.esotericsoftware.kryo.Serializer<Object> inline;

        ArraySerializer(Class<?> type, com.esotericsoftware.kryo.Serializer<Object> inline) {
            this.type = type;
            this.itemSize = BlockDescriptor.itemSize(type);
            this.inline = inline;
        }

        @Override
        public void write(Kryo kryo, Output out, Object array) {
            int n = java.lang.reflect.Array.getLength(array);
            long bytes = (long) n * itemSize;
            ShmTransport t = ShmTransport.current();
            if (t != null && bytes >= ShmTransport.THRESHOLD_BYTES) {
                ShmTransport.Target f = t.allocate(bytes);
                copyOut(array, 0, n, f);
                out.writeByte(form(t, f));
                out.writeVarInt(n, true);
                writeHandle(out, f, bytes);
                return;
            }
            out.writeByte(BlockDescriptor.INLINE);
            inline.write(kryo, out, array);
        }

        @Override
        public Object read(Kryo kryo, Input in, Class<? extends Object> t) {
            byte form = in.readByte();
            BlockDescriptor.checkForm(form);
            if (form == BlockDescriptor.INLINE) return inline.read(kryo, in, t);
            int n = in.readVarInt(true);
            return readShared(in, form, type, n);
        }
    }
}
