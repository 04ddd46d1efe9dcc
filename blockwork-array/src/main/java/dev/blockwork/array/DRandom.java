package dev.blockwork.array;

import dev.blockwork.ndarray.DType;

/**
 * Random chunked arrays, reproducible from a seed whatever the chunking or the scheduler: element {@code i}
 * (C-order flat index in the whole array) is a pure function of (seed, i), generated inside the consuming
 * task (random arrays are fusable leaves; a block is never stored unless something needs it stored).
 *
 * <pre>{@code
 * DRandom rng = new DRandom(42);
 * DArray u = rng.uniform(shape(16000, 16000), chunks(2000, 2000));
 * double m = u.mean().compute().item();
 * }</pre>
 * The values are not NumPy's (NumPy's PCG64 stream is sequential); see {@link dev.blockwork.ndarray.Random}.
 */
public final class DRandom {
    private final long seed;

    public DRandom(long seed) { this.seed = seed; }

    public long seed() { return seed; }

    /** Uniform float64 in [0, 1). */
    public DArray uniform(Shape shape, ChunkSpec chunks) { return uniform(0, 1, shape, chunks); }

    /** Uniform float64 in [low, high). */
    public DArray uniform(double low, double high, Shape shape, ChunkSpec chunks) {
        return leaf(FusedNode.RandomKind.UNIFORM, low, high, shape, chunks, DType.FLOAT64);
    }

    /** Standard normal float64. */
    public DArray normal(Shape shape, ChunkSpec chunks) { return normal(0, 1, shape, chunks); }

    public DArray normal(double mean, double std, Shape shape, ChunkSpec chunks) {
        if (std < 0) throw new IllegalArgumentException("normal needs std >= 0, got " + std);
        return leaf(FusedNode.RandomKind.NORMAL, mean, std, shape, chunks, DType.FLOAT64);
    }

    /** Uniform float64 in [0, 1) ({@code Generator.random}). */
    public DArray random(Shape shape, ChunkSpec chunks) { return uniform(0, 1, shape, chunks); }

    /** Standard normal float64 ({@code Generator.standard_normal}). */
    public DArray standardNormal(Shape shape, ChunkSpec chunks) { return normal(0, 1, shape, chunks); }

    /**
     * Exponential float64 with mean {@code scale}: {@code -scale * log1p(-u)} of this generator's uniform values, fused
     * (so still a pure function of (seed, index)); a different stream from NumPy's ziggurat.
     */
    public DArray exponential(double scale, Shape shape, ChunkSpec chunks) {
        if (!(scale >= 0)) throw new IllegalArgumentException("got scale " + scale + ", expected scale >= 0");
        return uniform(shape, chunks).neg().log1p().mul(-scale);
    }

    /** Int64 uniform in [low, high). */
    public DArray integers(long low, long high, Shape shape, ChunkSpec chunks) {
        if (high <= low) throw new IllegalArgumentException("integers needs low < high, got low=" + low + " high=" + high);
        return leaf(FusedNode.RandomKind.INTEGERS, low, high, shape, chunks, DType.INT64);
    }

    private DArray leaf(FusedNode.RandomKind kind, double p0, double p1, Shape shape, ChunkSpec chunks, DType t) {
        long[] s = shape.toArray();
        return DArray.fused(new FusedNode.RandomLeaf(seed, kind, p0, p1, s), s, Chunks.normalize(chunks, shape, t));
    }
}
