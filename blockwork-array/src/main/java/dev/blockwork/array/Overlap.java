package dev.blockwork.array;

/** Plans {@link DArray#mapOverlap}: checks the depth against the chunks, then one {@link OverlapLayer}. */
final class Overlap {
    private Overlap() {}

    static DArray mapOverlap(DArray x0, BlockFunction f, int[] depth, Boundary boundary) {
        int n = x0.ndim();
        if (depth.length != n) {
            throw new IllegalArgumentException("got depth for " + depth.length + " axes, expected " + n + " for shape " + x0.shape());
        }
        for (int d = 0; d < n; d++) {
            if (depth[d] < 0) throw new IllegalArgumentException("got depth " + depth[d] + " on axis " + d + ", expected >= 0");
            for (long s : x0.chunks().sizes(d)) {
                if (depth[d] > s) {
                    throw new IllegalArgumentException("depth " + depth[d] + " on axis " + d + " is larger than the smallest block ("
                            + s + ") of chunks " + x0.chunks() + "; rechunk to larger blocks first");
                }
            }
        }
        DArray x = x0.materialize();
        OverlapLayer l = new OverlapLayer(ArrayLayer.newName("overlap"), x, depth, boundary, f);
        return DArray.ofLayer(l, x.graph(), x.shapeArray(), x.chunks(), x.dtype());
    }
}
