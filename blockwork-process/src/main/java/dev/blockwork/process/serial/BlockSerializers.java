package dev.blockwork.process.serial;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.NDArray;
import dev.blockwork.process.internal.ShmDescriptor;
import dev.blockwork.process.internal.ShmFile;

/**
 * Kryo serializers for array blocks: {@link NDArray} (any dtype, shape, view) and {@code double[]},
 * {@code float[]}, {@code long[]}, {@code int[]}, {@code byte[]}.
 *
 * <p>Contract: a block of at least {@link ShmTransport#THRESHOLD_BYTES} written while a
 * {@link ShmTransport} is installed goes into its own shared-memory file and the stream carries only
 * its handle ({@link BlockDescriptor}); anything else is written inline. Reading a handle maps the
 * file, copies the elements once into a new heap array, and closes the mapping (deleting the file if
 * it was handed off). A read NDArray is always C-contiguous with offset 0, whatever view was written.
 *
 * <p>Implementation overview: registered in every Kryo instance ({@link KryoSerializer#newKryo}), in
 * a fixed order so ids agree across JVMs; the primitive-array serializers delegate inline values to
 * Kryo's own.
 */
final class BlockSerializers {
    private BlockSerializers() {}

    static void register(Kryo k) {
        k.register(NDArray.class, new NDArraySerializer());
        for (Class<?> c : new Class<?>[] {double[].class, float[].class, long[].class, int[].class, byte[].class}) {
            @SuppressWarnings("unchecked")
            com.esotericsoftware.kryo.Serializer<Object> inline = k.getRegistration(c).getSerializer();
            k.register(c, new ArraySerializer(c, inline));
        }
    }

    private static void copyOut(Object array, int off, int n, ShmFile f) {
        try {
            BlockDescriptor.copyOut(array, off, n, f);
        } catch (RuntimeException e) {
            throw new ShmTransport.TransferException("cannot write a block to shared memory " + f.name() + ": " + e, e);
        }
    }

    private static Object readShared(Input in, byte form, Class<?> arrayType, int n) {
        String name = in.readString();
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

    static Class<?> storageType(DType t) {
        return switch (t) {
            case FLOAT64 -> double[].class;
            case FLOAT32 -> float[].class;
            case INT64 -> long[].class;
            case INT32 -> int[].class;
            case BOOL -> boolean[].class;
        };
    }

    static final class NDArraySerializer extends com.esotericsoftware.kryo.Serializer<NDArray> {
        private static final DType[] DTYPES = DType.values();

        @Override
        public void write(Kryo kryo, Output out, NDArray value) {
            NDArray a = value.contiguous();
            long[] shape = a.shape();
            int n = Math.toIntExact(a.size());
            long bytes = (long) n * a.dtype().itemSize();
            ShmTransport t = ShmTransport.current();
            if (t != null && bytes >= ShmTransport.THRESHOLD_BYTES) {
                ShmFile f = t.allocate(bytes);
                copyOut(a.data(), a.offset(), n, f);
                out.writeByte(t.handOff() ? BlockDescriptor.HANDED_OFF : BlockDescriptor.SHARED);
                writeHeader(out, a.dtype(), shape);
                out.writeString(f.name());
                out.writeVarLong(bytes, true);
                return;
            }
            out.writeByte(BlockDescriptor.INLINE);
            writeHeader(out, a.dtype(), shape);
            int off = a.offset();
            switch (a.data()) {
                case double[] d -> out.writeDoubles(d, off, n);
                case float[] d -> out.writeFloats(d, off, n);
                case long[] d -> out.writeLongs(d, off, n);
                case int[] d -> out.writeInts(d, off, n);
                case boolean[] d -> out.writeBooleans(d, off, n);
                default -> throw new IllegalStateException("got NDArray storage " + a.data().getClass().getName());
            }
        }

        private static void writeHeader(Output out, DType t, long[] shape) {
            out.writeByte(t.ordinal());
            out.writeVarInt(shape.length, true);
            for (long s : shape) out.writeVarLong(s, true);
        }

        @Override
        public NDArray read(Kryo kryo, Input in, Class<? extends NDArray> type) {
            byte form = in.readByte();
            BlockDescriptor.checkForm(form);
            int dt = in.readByte();
            if (dt < 0 || dt >= DTYPES.length) throw new IllegalStateException("got dtype ordinal " + dt + ", expected < " + DTYPES.length);
            DType dtype = DTYPES[dt];
            long[] shape = new long[in.readVarInt(true)];
            long size = 1;
            for (int i = 0; i < shape.length; i++) size *= shape[i] = in.readVarLong(true);
            int n = Math.toIntExact(size);
            Object data;
            if (form == BlockDescriptor.INLINE) {
                data = switch (dtype) {
                    case FLOAT64 -> in.readDoubles(n);
                    case FLOAT32 -> in.readFloats(n);
                    case INT64 -> in.readLongs(n);
                    case INT32 -> in.readInts(n);
                    case BOOL -> in.readBooleans(n);
                };
            } else {
                data = readShared(in, form, storageType(dtype), n);
            }
            return NDArray.wrap(data, 0, shape, cStrides(shape));
        }

        static long[] cStrides(long[] shape) {
            long[] s = new long[shape.length];
            long step = 1;
            for (int i = shape.length - 1; i >= 0; i--) {
                s[i] = step;
                step *= Math.max(1, shape[i]);
            }
            return s;
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
                ShmFile f = t.allocate(bytes);
                copyOut(array, 0, n, f);
                out.writeByte(t.handOff() ? BlockDescriptor.HANDED_OFF : BlockDescriptor.SHARED);
                out.writeVarInt(n, true);
                out.writeString(f.name());
                out.writeVarLong(bytes, true);
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
