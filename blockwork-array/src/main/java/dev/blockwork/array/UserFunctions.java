package dev.blockwork.array;

import dev.blockwork.ndarray.DType;
import java.util.Arrays;

/** Plans user functions over blocks ({@link DArray#mapBlocks}). */
final class UserFunctions {
    private UserFunctions() {}

    static DArray mapBlocks(DArray in, BlockFunction f, Chunks out, DType t) {
        DArray x = in.materialize();
        if (!Arrays.equals(out.numBlocks(), x.chunks().numBlocks())) {
            throw new IllegalArgumentException("mapBlocks: got output chunks " + out + " with block grid "
                    + Arrays.toString(out.numBlocks()) + ", expected the input's block grid " + Arrays.toString(x.chunks().numBlocks()));
        }
        MapBlocksLayer l = new MapBlocksLayer(ArrayLayer.newName("map-blocks"), x, f, out, t);
        return DArray.ofLayer(l, x.graph(), out.shapeArray(), out, t);
    }
}
