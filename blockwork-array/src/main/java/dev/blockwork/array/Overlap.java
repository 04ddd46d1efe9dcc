package dev.blockwork.array;

/**
 * Plans {@link DArray#mapOverlap}: blocks smaller than the depth are merged with their neighbours first
 * (a rechunk, as Dask), then one {@link OverlapLayer}; the result has the merged chunks.
 */
final class Overlap {
    private Overlap() {}

    /**
     * Block sizes along one axis with every block at least {@code depth} long (the same array when they already
     * are), merging neighbours as Dask's {@code ensure_minimum_chunksize}: {@code depth 3, (1, 1, 5, 1)} → {@code (5, 3)};
     * {@code depth 2, (4, 1, 4)} → {@code (3, 2, 4)}. Throws IllegalArgumentException when the depth exceeds the axis.
     */
    static long[] ensureMinimumChunkSize(long depth, long[] chunks, int axis) {
        long total = 0, min = Long.MAX_VALUE;
        for (long c : chunks) { total += c; min = Math.min(min, c); }
        if (min >= depth) return chunks;
        if (depth > total) {
            throw new IllegalArgumentException("got depth " + depth + " on axis " + axis + ", expected at most the axis length "
                    + total + " (chunks " + java.util.Arrays.toString(chunks) + ")");
        }
        java.util.List<Long> out = new java.util.ArrayList<>();
        long cur = 0;
        for (long c : chunks) {
            if (c < depth) {
                if (cur > depth + (depth - c)) {
                    out.add(cur - (depth - c));
                    cur = depth;
                } else {
                    cur += c;
                }
            }
            if (cur >= depth) {
                out.add(cur);
                cur = 0;
            }
            if (c >= depth) cur += c;
        }
        if (cur >= depth) out.add(cur);
        else out.set(out.size() - 1, out.get(out.size() - 1) + cur);
        long[] r = new long[out.size()];
        for (int i = 0; i < r.length; i++) r[i] = out.get(i);
        return r;
    }

    static DArray mapOverlap(DArray x0, BlockFunction f, int[] depth, Boundary boundary) {
        int n = x0.ndim();
        if (depth.length != n) {
            throw new IllegalArgumentException("got depth for " + depth.length + " axes, expected " + n + " for shape " + x0.shape());
        }
        long[][] sizes = x0.chunks().sizes();
        boolean changed = false;
        for (int d = 0; d < n; d++) {
            if (depth[d] < 0) throw new IllegalArgumentException("got depth " + depth[d] + " on axis " + d + ", expected >= 0");
            long[] c = ensureMinimumChunkSize(depth[d], sizes[d], d);
            changed |= c != sizes[d];
            sizes[d] = c;
        }
        if (changed) x0 = x0.rechunk(Chunks.ofTrusted(sizes)); // Dask: blocks smaller than the depth are merged first
        DArray x = x0.materialize();
        OverlapLayer l = new OverlapLayer(ArrayLayer.newName("overlap"), x, depth, boundary, f);
        return DArray.ofLayer(l, x.graph(), x.shape, x.chunks(), x.dtype());
    }
}
