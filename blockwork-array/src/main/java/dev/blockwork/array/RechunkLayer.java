package dev.blockwork.array;

import dev.blockwork.graph.Key;
import dev.blockwork.graph.Keys;
import dev.blockwork.graph.Task;
import dev.blockwork.ndarray.Index;
import dev.blockwork.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Changes the block structure: each output block gathers the parts of every input block it overlaps
 * (one stage, like Dask's single-step {@code rechunk} plan). An output block that is exactly one input
 * block is passed through; one inside a single input block is a copied slice.
 */
final class RechunkLayer extends ArrayLayer {
    private final String input;
    private final Chunks in;
    private final dev.blockwork.ndarray.DType dtype;

    RechunkLayer(String name, DArray source, Chunks target) {
        super(name, Set.of(source.layerName()), target);
        this.input = source.layerName();
        this.in = source.chunks();
        this.dtype = source.dtype();
    }

    @Override
    Task task(Key key, int[] idx) {
        int n = idx.length;
        long[] off = chunks.blockOffset(idx), len = chunks.blockShape(idx);
        int[] lo = new int[n], hi = new int[n];
        for (int d = 0; d < n; d++) {
            lo[d] = in.blockOf(d, off[d]);
            hi[d] = len[d] == 0 ? lo[d] : in.blockOf(d, off[d] + len[d] - 1);
        }
        List<Key> keys = new ArrayList<>();
        List<int[]> srcIdx = new ArrayList<>();
        int[] cur = lo.clone();
        while (true) {
            keys.add(Key.of(input, cur));
            srcIdx.add(cur.clone());
            int d = n - 1;
            while (d >= 0 && ++cur[d] > hi[d]) { cur[d] = lo[d]; d--; }
            if (d < 0) break;
        }
        return new Task(key, "rechunk", args -> {
            Object[] parts = (Object[]) args[0];
            if (parts.length == 1) {
                NDArray b = (NDArray) parts[0];
                long[] bo = in.blockOffset(srcIdx.get(0));
                if (java.util.Arrays.equals(bo, off) && java.util.Arrays.equals(b.shapeArray(), len)) return b;
                return b.get(ranges(off, len, bo)).copy();
            }
            NDArray out = NDArray.zeros(dtype, len);
            for (int p = 0; p < parts.length; p++) {
                NDArray b = (NDArray) parts[p];
                long[] bo = in.blockOffset(srcIdx.get(p)), bl = b.shapeArray();
                long[] io = new long[n], il = new long[n];
                for (int d = 0; d < n; d++) {
                    io[d] = Math.max(off[d], bo[d]);
                    il[d] = Math.min(off[d] + len[d], bo[d] + bl[d]) - io[d];
                }
                out.get(ranges(io, il, off)).assign(b.get(ranges(io, il, bo)));
            }
            return out;
        }, new Object[] {new Keys(keys)});
    }

    /** Index ranges selecting global region [o, o+l) inside an array that starts at {@code base}. */
    static Index[] ranges(long[] o, long[] l, long[] base) {
        Index[] ix = new Index[o.length];
        for (int d = 0; d < ix.length; d++) ix[d] = Index.range(o[d] - base[d], o[d] - base[d] + l[d]);
        return ix;
    }
}
