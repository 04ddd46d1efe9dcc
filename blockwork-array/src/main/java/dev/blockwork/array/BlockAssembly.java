package dev.blockwork.array;

import dev.blockwork.graph.Graph;
import dev.blockwork.ndarray.NDArray;
import dev.blockwork.ndarray.Shape;
import java.util.Arrays;

/** Builds a DArray from in-memory blocks laid out on a grid ({@code da.block}). */
final class BlockAssembly {
    private BlockAssembly() {}

    static DArray fromBlocks(int[] grid, NDArray... blocks) {
        int n = grid.length;
        long count = 1;
        for (int g : grid) {
            if (g < 1) throw new IllegalArgumentException("got grid " + Arrays.toString(grid) + ", expected at least one block per axis");
            count *= g;
        }
        if (count != blocks.length) {
            throw new IllegalArgumentException("got " + blocks.length + " blocks, expected " + count + " for grid " + Arrays.toString(grid));
        }
        long[][] sizes = new long[n][];
        for (int d = 0; d < n; d++) sizes[d] = new long[grid[d]];
        Chunks probe = Chunks.ofTrusted(sizesOfGrid(grid));
        for (int i = 0; i < blocks.length; i++) {
            NDArray b = blocks[i];
            int[] idx = probe.blockIndex(i);
            if (b.ndim() != n || b.dtype() != blocks[0].dtype()) {
                throw new IllegalArgumentException("block " + Arrays.toString(idx) + " has shape " + b.shape() + " dtype "
                        + b.dtype().numpyName() + ", expected " + n + " dimensions and dtype " + blocks[0].dtype().numpyName());
            }
            for (int d = 0; d < n; d++) {
                boolean first = true;
                for (int e = 0; e < n; e++) if (e != d && idx[e] != 0) first = false;
                if (first) sizes[d][idx[d]] = b.shape(d);
            }
        }
        Chunks c = Chunks.ofSizes(sizes);
        for (int i = 0; i < blocks.length; i++) {
            int[] idx = c.blockIndex(i);
            if (!Arrays.equals(blocks[i].shapeArray(), c.blockShape(idx))) {
                throw new IllegalArgumentException("block " + Arrays.toString(idx) + " has shape " + blocks[i].shape()
                        + ", expected " + Shape.toString(c.blockShape(idx)) + " to line up with its row and column neighbours");
            }
        }
        PersistedLayer l = new PersistedLayer(ArrayLayer.newName("from-blocks"), c, blocks.clone());
        return DArray.ofLayer(l, Graph.empty(), c.shapeArray(), c, blocks[0].dtype());
    }

    private static long[][] sizesOfGrid(int[] grid) {
        long[][] s = new long[grid.length][];
        for (int d = 0; d < grid.length; d++) {
            s[d] = new long[grid[d]];
            Arrays.fill(s[d], 1);
        }
        return s;
    }
}
