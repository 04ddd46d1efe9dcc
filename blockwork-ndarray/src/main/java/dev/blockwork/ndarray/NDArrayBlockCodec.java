package dev.blockwork.ndarray;

import dev.blockwork.spi.BlockCodec;

/**
 * How an {@link NDArray} travels between JVMs (worker processes, a cluster): its elements in C order and
 * its dtype and shape. Registered through {@code META-INF/services/dev.blockwork.spi.BlockCodec}; a view
 * travels as a C-contiguous copy.
 */
public final class NDArrayBlockCodec implements BlockCodec<NDArray> {
    @Override public Class<NDArray> type() { return NDArray.class; }

    @Override
    public Flat flatten(NDArray block) {
        NDArray a = block.contiguous();
        return new Flat(a.dtype().name(), a.shape(), a.data(), a.offset(), Math.toIntExact(a.size()));
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
        };
        if (storage != expected) {
            throw new IllegalArgumentException("got a " + storage.getSimpleName() + " for dtype " + t + ", expected a " + expected.getSimpleName());
        }
        long[] shape = flat.shape();
        long[] strides = new long[shape.length];
        long step = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            strides[i] = step;
            step *= Math.max(1, shape[i]);
        }
        return NDArray.wrap(flat.array(), flat.offset(), shape, strides);
    }
}
