package dev.blockwork.ndarray;

import dev.blockwork.spi.BlockCodec;

/**
 * How an {@link NDArray} travels between JVMs (worker processes, a cluster): its elements in C order and
 * its dtype and shape. Registered through {@code META-INF/services/dev.blockwork.spi.BlockCodec}; a view
 * travels as a C-contiguous copy.
 */
public final class NDArrayBlockCodec implements BlockCodec<NDArray> {
    /** Creates the codec (for {@link java.util.ServiceLoader}). */
    public NDArrayBlockCodec() {}
    @Override public Class<NDArray> type() { return NDArray.class; }

    @Override
    public Flat flatten(NDArray block) {
        NDArray a = block.contiguous();
        if (a.dtype() == DType.COMPLEX128) {
            // the transport counts storage elements by the shape: a complex block travels as its doubles,
            // shape (..., 2), and loses that trailing axis again in rebuild
            long[] s = java.util.Arrays.copyOf(a.shape, a.ndim() + 1);
            s[a.ndim()] = 2;
            return new Flat(a.dtype().name(), s, a.data(), 2 * a.offset(), Math.toIntExact(2 * a.size()));
        }
        return new Flat(a.dtype().name(), a.shapeArray(), a.data(), a.offset(), Math.toIntExact(a.size()));
    }

    @Override
    public long sizeBytes(NDArray block) { return block.size() * block.dtype().itemSize(); }

    @Override
    public NDArray rebuild(Flat flat) {
        DType t = DType.valueOf(flat.dtype());
        Class<?> storage = flat.array().getClass();
        Class<?> expected = switch (t) {
            case FLOAT64 -> double[].class;
            case FLOAT32 -> float[].class;
            case INT64 -> long[].class;
            case INT32 -> int[].class;
            case BOOL -> boolean[].class;
            case COMPLEX128 -> double[].class;
        };
        if (storage != expected) {
            throw new IllegalArgumentException("got a " + storage.getSimpleName() + " for dtype " + t + ", expected a " + expected.getSimpleName());
        }
        long[] shape = flat.shape();
        if (t == DType.COMPLEX128) {
            if (shape.length == 0 || shape[shape.length - 1] != 2 || flat.offset() % 2 != 0) {
                throw new IllegalArgumentException("got a complex128 block of storage shape " + java.util.Arrays.toString(shape)
                        + " at offset " + flat.offset() + ", expected a trailing axis of 2 (re, im) and an even offset");
            }
            long[] s = java.util.Arrays.copyOf(shape, shape.length - 1);
            return NDArray.wrapComplex((double[]) flat.array(), flat.offset() / 2, s, Shapes.rowMajorStrides(s));
        }
        long[] strides = new long[shape.length];
        long step = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            strides[i] = step;
            step *= Math.max(1, shape[i]);
        }
        return NDArray.wrap(flat.array(), flat.offset(), shape, strides);
    }
}
