package dev.blockwork.array;

import dev.blockwork.graph.Key;
import dev.blockwork.graph.Task;
import dev.blockwork.ndarray.DType;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A user function of several arrays' corresponding blocks (Dask's {@code map_blocks(f, *arrays)}): the operands
 * broadcast against each other (right-aligned, as NumPy) and are rechunked to the common refinement of their
 * chunks ({@link Alignment}); output block {@code i} receives block {@code i} of every operand (block 0 on the axes an
 * operand broadcasts). The result block's shape and dtype are checked as in {@link MapBlocksLayer}.
 */
final class MultiMapBlocksLayer extends ArrayLayer {
    private final String[] inputs;
    private final long[][] inShapes;
    private final MultiBlockFunction f;
    private final DType dtype;

    private MultiMapBlocksLayer(String name, Set<String> deps, String[] inputs, long[][] inShapes, MultiBlockFunction f, Chunks out, DType dtype) {
        super(name, deps, out);
        this.inputs = inputs;
        this.inShapes = inShapes;
        this.f = f;
        this.dtype = dtype;
    }

    static DArray mapBlocks(MultiBlockFunction f, List<DArray> arrays, DType dtype) { return mapBlocks(f, arrays, dtype, null); }

    /**
     * As {@link #mapBlocks(MultiBlockFunction, List, DType)}, with output blocks of {@code outChunks} (null: the aligned
     * chunks), which must have the same block grid as the aligned inputs (only the extents of the blocks change).
     */
    static DArray mapBlocks(MultiBlockFunction f, List<DArray> arrays, DType dtype, Chunks outChunks) {
        if (arrays.isEmpty()) throw new IllegalArgumentException("got no arrays, expected at least one for mapBlocks");
        long[] out = new long[0];
        for (DArray a : arrays) out = Broadcast.shapes(out, a.shape);
        Chunks c = Alignment.unify(out, arrays.toArray(new DArray[0]));
        String[] names = new String[arrays.size()];
        long[][] shapes = new long[arrays.size()][];
        Set<String> deps = new LinkedHashSet<>();
        dev.blockwork.graph.Graph g = null;
        for (int i = 0; i < names.length; i++) {
            DArray a = arrays.get(i);
            DArray m = a.rechunk(Alignment.project(a.shape, out, c)).materialize();
            names[i] = m.layerName();
            shapes[i] = m.shape;
            deps.add(names[i]);
            g = g == null ? m.graph() : dev.blockwork.graph.Graph.merge(g, m.graph());
        }
        Chunks oc = outChunks == null ? c : outChunks;
        if (!java.util.Arrays.equals(oc.numBlocks(), c.numBlocks())) {
            throw new IllegalArgumentException("got output chunks " + oc + " for inputs aligned to " + c + ", expected the same block grid");
        }
        MultiMapBlocksLayer l = new MultiMapBlocksLayer(ArrayLayer.newName("map-blocks"), deps, names, shapes, f, oc, dtype);
        return DArray.ofLayer(l, g, oc.shapeArray(), oc, dtype);
    }

    @Override
    Task task(Key key, int[] idx) {
        long[] want = chunks.blockShape(idx);
        BlockFunction.BlockInfo info = new BlockFunction.BlockInfo(idx.clone(), chunks.blockOffset(idx), want.clone());
        Object[] keys = new Object[inputs.length];
        long[] outShape = chunks.shapeArray();
        for (int i = 0; i < inputs.length; i++) {
            long[] s = inShapes[i];
            int lead = idx.length - s.length;
            int[] in = new int[s.length];
            for (int d = 0; d < s.length; d++) in[d] = s[d] == 1 && outShape[lead + d] != 1 ? 0 : idx[lead + d];
            keys[i] = Key.of(inputs[i], in);
        }
        return MapBlocksLayer.multiBlockTask(key, "map-blocks", "mapBlocks", keys, f, info, want, dtype, idx);
    }
}
