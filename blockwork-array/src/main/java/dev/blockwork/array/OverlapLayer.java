package dev.blockwork.array;

import dev.blockwork.graph.Key;
import dev.blockwork.graph.Keys;
import dev.blockwork.graph.Task;
import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.Index;
import dev.blockwork.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Stencils with ghost cells ({@link DArray#mapOverlap}): each task assembles its block extended by
 * {@code depth} cells per side from the neighbouring blocks (or the {@link Boundary} rule at the array's edges),
 * applies the user function, checks that it kept the extended shape, and trims the extension off.
 *
 * <p>Implementation overview: per axis the extended range is a list of at most three segments
 * (left ghost, the block, right ghost); a segment reads a range of one source block, possibly reversed
 * (reflect), or is constant. The task's inputs are the source blocks of every combination of segments.
 */
final class OverlapLayer extends ArrayLayer {
    /**
     * A piece of the extended range along one axis: {@code len} cells from source block {@code block} (-1 = constant).
     *
     * @param block    the source block along the axis, or -1 for constant cells
     * @param start    the first cell read, local to that block
     * @param len      how many cells
     * @param reversed whether they are read backwards (reflect)
     */
    record Segment(int block, long start, long len, boolean reversed) implements java.io.Serializable {}

    private final String input;
    private final int[] depth;
    private final Boundary boundary;
    private final BlockFunction f;
    private final DType dtype;

    OverlapLayer(String name, DArray x, int[] depth, Boundary boundary, BlockFunction f) {
        super(name, Set.of(x.layerName()), x.chunks());
        this.input = x.layerName();
        this.depth = depth;
        this.boundary = boundary;
        this.f = f;
        this.dtype = x.dtype();
    }

    private List<Segment> segments(int d, int b) {
        List<Segment> s = new ArrayList<>();
        int nb = chunks.numBlocks(d);
        long h = depth[d], size = chunks.size(d, b);
        if (h > 0) {
            if (b > 0) s.add(new Segment(b - 1, chunks.size(d, b - 1) - h, h, false));
            else switch (boundary.mode()) {
                case CONSTANT -> s.add(new Segment(-1, 0, h, false));
                case REFLECT -> s.add(new Segment(b, 0, h, true));
                case PERIODIC -> s.add(new Segment(nb - 1, chunks.size(d, nb - 1) - h, h, false));
                case NONE -> { }
            }
        }
        s.add(new Segment(b, 0, size, false));
        if (h > 0) {
            if (b < nb - 1) s.add(new Segment(b + 1, 0, h, false));
            else switch (boundary.mode()) {
                case CONSTANT -> s.add(new Segment(-1, 0, h, false));
                case REFLECT -> s.add(new Segment(b, size - h, h, true));
                case PERIODIC -> s.add(new Segment(0, 0, h, false));
                case NONE -> { }
            }
        }
        return s;
    }

    @Override
    Task task(Key key, int[] idx) {
        int n = idx.length;
        List<List<Segment>> segs = new ArrayList<>();
        long[] ext = new long[n], left = new long[n];
        for (int d = 0; d < n; d++) {
            List<Segment> s = segments(d, idx[d]);
            segs.add(s);
            for (Segment g : s) ext[d] += g.len;
            boolean hasLeft = depth[d] > 0 && (idx[d] > 0 || boundary.mode() != Boundary.Mode.NONE);
            left[d] = hasLeft ? depth[d] : 0;
        }
        // pieces: every combination of segments; those with a constant segment are filled by the initial value
        List<Key> keys = new ArrayList<>();
        List<Index[]> src = new ArrayList<>(), dst = new ArrayList<>();
        int[] pick = new int[n];
        while (true) {
            boolean constant = false;
            int[] blk = new int[n];
            Index[] s = new Index[n], t = new Index[n];
            for (int d = 0; d < n; d++) {
                Segment g = segs.get(d).get(pick[d]);
                long at = 0;
                for (int q = 0; q < pick[d]; q++) at += segs.get(d).get(q).len;
                t[d] = Index.range(at, at + g.len);
                if (g.block < 0) { constant = true; continue; }
                blk[d] = g.block;
                s[d] = g.reversed ? Index.range(g.start + g.len - 1, g.start - 1 < 0 ? null : g.start - 1, -1) : Index.range(g.start, g.start + g.len);
            }
            if (!constant) {
                keys.add(Key.of(input, blk));
                src.add(s);
                dst.add(t);
            }
            int d = n - 1;
            while (d >= 0 && ++pick[d] >= segs.get(d).size()) { pick[d] = 0; d--; }
            if (d < 0) break;
        }
        long[] own = chunks.blockShape(idx);
        BlockFunction.BlockInfo info = new BlockFunction.BlockInfo(idx.clone(), chunks.blockOffset(idx), ext.clone());
        double fill = boundary.mode() == Boundary.Mode.CONSTANT ? boundary.value() : 0;
        Index[] trim = new Index[n];
        for (int d = 0; d < n; d++) trim[d] = Index.range(left[d], left[d] + own[d]);
        return new Task(key, "overlap", args -> {
            Object[] parts = (Object[]) args[0];
            NDArray e = NDArray.full(fill, dtype, ext);
            for (int p = 0; p < parts.length; p++) e.get(dst.get(p)).assign(((NDArray) parts[p]).get(src.get(p)));
            NDArray r = f.apply(e, info);
            MapBlocksLayer.check(r, ext, dtype, "mapOverlap", idx);
            return r.get(trim).copy();
        }, new Object[] {new Keys(keys)});
    }
}
