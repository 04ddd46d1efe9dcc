package dev.blockwork.array;

import dev.blockwork.graph.Key;
import dev.blockwork.graph.Keys;
import dev.blockwork.graph.Task;
import dev.blockwork.ndarray.NDArray;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * One level of a reduction's tree combine: each task merges up to {@code fanIn} partials per reduced axis
 * (pairwise). The last level ({@code finish} true) also turns the merged partial into the result block and
 * drops the reduced axes unless keepdims; its keys have the output's rank.
 */
final class CombineLayer extends ArrayLayer {
    private final String input;
    private final int[] inGrid;
    private final boolean[] reduced;
    private final int fanIn;        // per reduced axis; Integer.MAX_VALUE on the last level
    private final Reducer reducer;
    private final boolean finish;
    private final boolean keepDims;

    CombineLayer(String name, String input, int[] inGrid, boolean[] reduced, int fanIn, Chunks outChunks,
                 Reducer reducer, boolean finish, boolean keepDims) {
        super(name, Set.of(input), outChunks);
        this.input = input;
        this.inGrid = inGrid;
        this.reduced = reduced;
        this.fanIn = fanIn;
        this.reducer = reducer;
        this.finish = finish;
        this.keepDims = keepDims;
    }

    @Override
    Task task(Key key, int[] idx) {
        int n = inGrid.length;
        int[] full = new int[n];
        for (int d = 0, k = 0; d < n; d++) {
            if (reduced[d] && !keepDims && finish) full[d] = 0;
            else full[d] = idx[k++];
        }
        int[] lo = new int[n], hi = new int[n];
        for (int d = 0; d < n; d++) {
            if (reduced[d]) {
                long f = finish ? inGrid[d] : fanIn;
                lo[d] = (int) (full[d] * f);
                hi[d] = (int) Math.min(inGrid[d], lo[d] + f) - 1;
            } else {
                lo[d] = hi[d] = full[d];
            }
        }
        List<Key> keys = new ArrayList<>();
        int[] cur = lo.clone();
        while (true) {
            keys.add(Key.of(input, cur));
            int d = n - 1;
            while (d >= 0 && ++cur[d] > hi[d]) { cur[d] = lo[d]; d--; }
            if (d < 0) break;
        }
        long[] outShape = chunks.blockShape(idx);
        return new Task(key, finish ? "aggregate" : "combine", args -> {
            Object merged = reducer.mergeAll(Arrays.asList((Object[]) args[0]));
            if (!finish) return merged;
            NDArray r = reducer.finish(merged);
            return Arrays.equals(r.shapeArray(), outShape) ? r : r.reshape(outShape);
        }, new Object[] {new Keys(keys)});
    }
}
