package dev.blockwork.array;

import dev.blockwork.graph.Graph;
import dev.blockwork.graph.Key;
import dev.blockwork.graph.Task;
import dev.blockwork.ndarray.DType;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Dask's {@code blockwise(func, out_ind, *arrays_and_indices, dtype=..., concatenate=True)}: index letters name
 * axes; an index in the output is mapped block by block (the arrays that share it are rechunked to the common
 * refinement of their chunks), an index only in the inputs is contracted, which, as with {@code concatenate=True},
 * hands {@code func} the whole axis (those axes are rechunked into one block). Output block {@code i} receives, for
 * every array, the block at the positions of its output indices (block 0 of its contracted axes) in the array's own
 * axis order; {@code func} returns the output block, whose shape and dtype are checked. Not supported: new axes,
 * adjusted chunks, repeated indices within one array.
 */
final class BlockwiseLayer extends ArrayLayer {
    private final String[] inputs;
    private final int[][] outPosition; // per array, per axis: the output axis of its index, or -1 (contracted)
    private final MultiBlockFunction f;
    private final DType dtype;

    private BlockwiseLayer(String name, Set<String> deps, String[] inputs, int[][] outPosition, MultiBlockFunction f, Chunks out,
                           DType dtype) {
        super(name, deps, out);
        this.inputs = inputs;
        this.outPosition = outPosition;
        this.f = f;
        this.dtype = dtype;
    }

    static DArray blockwise(MultiBlockFunction f, String outIndex, List<DArray> arrays, List<String> indices, DType dtype) {
        if (arrays.size() != indices.size() || arrays.isEmpty()) {
            throw new IllegalArgumentException("got " + arrays.size() + " arrays and " + indices.size() + " index strings, expected the same"
                    + " non-zero number");
        }
        Map<Character, Long> size = new LinkedHashMap<>();
        Map<Character, TreeSet<Long>> bounds = new LinkedHashMap<>();
        for (int k = 0; k < arrays.size(); k++) {
            DArray a = arrays.get(k);
            String ix = indices.get(k);
            if (ix.length() != a.ndim() || ix.chars().distinct().count() != ix.length()) {
                throw new IllegalArgumentException("got index '" + ix + "' for array " + k + " of shape " + a.shape()
                        + ", expected one distinct letter per axis");
            }
            for (int d = 0; d < ix.length(); d++) {
                char c = ix.charAt(d);
                long n = a.shape[d];
                Long prev = size.putIfAbsent(c, n);
                if (prev != null && prev != n) {
                    throw new IllegalArgumentException("got length " + n + " for index '" + c + "' in array " + k + ", expected " + prev);
                }
                bounds.computeIfAbsent(c, q -> new TreeSet<>());
                for (long b : a.chunks().boundaries(d)) bounds.get(c).add(b);
            }
        }
        for (char c : outIndex.toCharArray()) {
            if (!size.containsKey(c)) throw new IllegalArgumentException("got output index '" + c + "' that no array has (new axes are not supported)");
        }
        Map<Character, long[]> chunkOf = new LinkedHashMap<>();
        for (char c : size.keySet()) {
            if (outIndex.indexOf(c) < 0 || size.get(c) == 0) { chunkOf.put(c, new long[] {size.get(c)}); continue; }
            TreeSet<Long> b = bounds.get(c);
            long[] s = new long[b.size() - 1];
            Long prev = null;
            int i = 0;
            for (long x : b) { if (prev != null) s[i++] = x - prev; prev = x; }
            chunkOf.put(c, s);
        }
        String[] names = new String[arrays.size()];
        int[][] pos = new int[arrays.size()][];
        Set<String> deps = new LinkedHashSet<>();
        Graph g = null;
        for (int k = 0; k < arrays.size(); k++) {
            String ix = indices.get(k);
            long[][] c = new long[ix.length()][];
            pos[k] = new int[ix.length()];
            for (int d = 0; d < ix.length(); d++) {
                c[d] = chunkOf.get(ix.charAt(d));
                pos[k][d] = outIndex.indexOf(ix.charAt(d));
            }
            DArray m = arrays.get(k).rechunk(Chunks.ofTrusted(c)).materialize();
            names[k] = m.layerName();
            deps.add(names[k]);
            g = g == null ? m.graph() : Graph.merge(g, m.graph());
        }
        long[][] oc = new long[outIndex.length()][];
        long[] os = new long[outIndex.length()];
        for (int d = 0; d < oc.length; d++) {
            oc[d] = chunkOf.get(outIndex.charAt(d));
            os[d] = size.get(outIndex.charAt(d));
        }
        Chunks out = Chunks.ofTrusted(oc);
        BlockwiseLayer l = new BlockwiseLayer(ArrayLayer.newName("blockwise"), deps, names, pos, f, out, dtype);
        return DArray.ofLayer(l, g, os, out, dtype);
    }

    @Override
    Task task(Key key, int[] idx) {
        long[] want = chunks.blockShape(idx);
        BlockFunction.BlockInfo info = new BlockFunction.BlockInfo(idx.clone(), chunks.blockOffset(idx), want.clone());
        Object[] keys = new Object[inputs.length];
        for (int k = 0; k < inputs.length; k++) {
            int[] in = new int[outPosition[k].length];
            for (int d = 0; d < in.length; d++) in[d] = outPosition[k][d] < 0 ? 0 : idx[outPosition[k][d]];
            keys[k] = Key.of(inputs[k], in);
        }
        return MapBlocksLayer.multiBlockTask(key, "blockwise", "blockwise", keys, f, info, want, dtype, idx);
    }
}
