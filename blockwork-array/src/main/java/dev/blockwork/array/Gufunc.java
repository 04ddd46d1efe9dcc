package dev.blockwork.array;

import dev.blockwork.graph.Key;
import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.NDArray;
import dev.blockwork.ndarray.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Dask's {@code apply_gufunc(func, signature, *args, output_dtypes=...)}: the signature names the
 * core dimensions of every operand and of the output ({@code "(i),(i)->()"}, {@code "(m,n),(n,p)->(m,p)"}); the
 * remaining leading dimensions are loop dimensions, right-aligned across operands, which must agree in length
 * (no broadcasting of length 1 here). Core dimensions are rechunked whole (Dask's {@code allow_rechunk=True}); loop
 * dimensions keep the common refinement of their chunks. {@code func} gets each operand's block (loop dims and whole
 * core dims) and returns the output block. Built on {@link BlockwiseLayer}: an output core dimension must be one of
 * the inputs' (no new dimensions).
 *
 * <p>Several outputs ({@code "(i)->(),()"}, {@link #applyMulti}): {@code func} runs once per loop block and returns
 * every output's block; the outputs are arrays over one shared task per block (and loop dimensions broadcast there). {@link #vectorize} turns a function of one core instance into a
 * block function that loops over the loop dimensions (NumPy's {@code np.vectorize(f, signature=...)}).
 */
final class Gufunc {
    private Gufunc() {}

    static DArray apply(MultiBlockFunction f, String signature, List<DArray> arrays, DType dtype) {
        List<List<String>> outs = groups(split(signature)[1], signature);
        if (outs.size() != 1) {
            throw new IllegalArgumentException("got " + outs.size() + " outputs in '" + signature + "', expected one (applyGufunc with a MultiOutputFunction for several)");
        }
        return apply(f, signature, arrays, dtype, 0);
    }

    /**
     * Every output of a gufunc with several: output {@code o} has {@code dtypes.get(o)}. One task per loop block runs
     * {@code f} once and packs its results ({@link Packed}, float64: int64 outputs beyond 2^53 lose precision), and
     * each output block is unpacked from it; loop dimensions broadcast (length 1) and are aligned to the common
     * refinement of their chunks, core dimensions are rechunked whole.
     */
    static List<DArray> applyMulti(MultiOutputFunction f, String signature, List<DArray> arrays, List<DType> dtypes) {
        String[] io = split(signature);
        List<List<String>> ins = groups(io[0], signature), outs = groups(io[1], signature);
        if (outs.size() != dtypes.size()) {
            throw new IllegalArgumentException("got " + dtypes.size() + " output dtypes for the " + outs.size() + " outputs of '" + signature + "', expected one each");
        }
        if (ins.size() != arrays.size()) {
            throw new IllegalArgumentException("got " + ins.size() + " inputs in '" + signature + "' for " + arrays.size() + " arrays");
        }
        Map<String, Long> core = new LinkedHashMap<>();
        int loopRank = 0;
        for (int k = 0; k < arrays.size(); k++) {
            DArray a = arrays.get(k);
            int nc = ins.get(k).size(), loops = a.ndim() - nc;
            if (loops < 0) {
                throw new IllegalArgumentException("got a " + a.ndim() + "-d array " + k + ", expected at least " + nc + " dimensions for "
                        + ins.get(k) + " in '" + signature + "'");
            }
            loopRank = Math.max(loopRank, loops);
            for (int d = 0; d < nc; d++) {
                long n = a.shape[loops + d];
                Long prev = core.putIfAbsent(ins.get(k).get(d), n);
                if (prev != null && prev != n) {
                    throw new IllegalArgumentException("got length " + n + " for core dimension '" + ins.get(k).get(d) + "' of array " + k
                            + " in '" + signature + "', expected " + prev + " as in the other arrays");
                }
            }
        }
        for (List<String> o : outs) {
            for (String d : o) if (!core.containsKey(d)) throw new IllegalArgumentException("got output dimension '" + d + "' that no input has in '" + signature + "'");
        }
        long[] loopShape = new long[0];
        DArray[] views = new DArray[arrays.size()];
        for (int k = 0; k < arrays.size(); k++) {
            DArray a = arrays.get(k);
            int loops = a.ndim() - ins.get(k).size();
            long[] ls = java.util.Arrays.copyOf(a.shape, loops);
            try {
                loopShape = Broadcast.shapes(loopShape, ls);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("got loop dimensions " + Shape.toString(ls) + " of array " + k + " in '" + signature
                        + "' that do not broadcast against " + Shape.toString(loopShape), e);
            }
            long[][] lc = new long[loops][];
            for (int d = 0; d < loops; d++) lc[d] = a.chunks().sizes(d);
            views[k] = DArray.full(Shape.of(ls), Chunks.explicit(lc), 0L, DType.BOOL);
        }
        Chunks loopChunks = Alignment.unify(loopShape, views);
        BlockTasks t = new BlockTasks("gufunc");
        List<DArray> ready = new ArrayList<>();
        for (int k = 0; k < arrays.size(); k++) {
            DArray a = arrays.get(k);
            int loops = a.ndim() - ins.get(k).size();
            Chunks p = Alignment.project(java.util.Arrays.copyOf(a.shape, loops), loopShape, loopChunks);
            long[][] c = new long[a.ndim()][];
            for (int d = 0; d < a.ndim(); d++) c[d] = d < loops ? p.sizes(d) : new long[] {a.shape[d]};
            ready.add(a.rechunk(Chunks.ofTrusted(c)));
        }
        int blocks = loopChunks.blockCount(), nOut = outs.size(), lr = loopRank;
        Key[][] parts = new Key[nOut][blocks];
        long[][] outCore = new long[nOut][];
        for (int o = 0; o < nOut; o++) outCore[o] = outs.get(o).stream().mapToLong(core::get).toArray();
        for (int b = 0; b < blocks; b++) {
            int[] li = loopChunks.blockIndex(b);
            Object[] keys = new Object[ready.size()];
            for (int k = 0; k < ready.size(); k++) {
                DArray a = ready.get(k);
                int loops = a.ndim() - ins.get(k).size();
                int[] idx = new int[a.ndim()];
                for (int d = 0; d < loops; d++) idx[d] = a.numBlocks()[d] == 1 ? 0 : li[lr - loops + d];
                keys[k] = t.block(a, idx);
            }
            long[] bs = loopChunks.blockShape(li), off = loopChunks.blockOffset(li);
            BlockFunction.BlockInfo info = new BlockFunction.BlockInfo(concat(li, outCore[0].length),
                    concat(off, new long[outCore[0].length]), concat(bs, outCore[0]));
            Key packed = t.task("gufunc", args -> {
                NDArray[] in = new NDArray[args.length];
                for (int k = 0; k < args.length; k++) in[k] = (NDArray) args[k];
                NDArray[] all = f.apply(in, info);
                if (all == null || all.length != nOut) {
                    throw new IllegalStateException("gufunc '" + signature + "' returned " + (all == null ? "null" : all.length + " arrays")
                            + " for block " + java.util.Arrays.toString(li) + ", expected " + nOut);
                }
                return Packed.of(all);
            }, keys);
            for (int o = 0; o < nOut; o++) {
                int which = o;
                DType dt = dtypes.get(o);
                parts[o][b] = t.task("gufunc-output", args -> Packed.part((NDArray) args[0], which).astype(dt), packed);
            }
        }
        List<DArray> r = new ArrayList<>();
        for (int o = 0; o < nOut; o++) {
            long[][] c = new long[lr + outCore[o].length][];
            long[] shape = new long[c.length];
            for (int d = 0; d < lr; d++) { c[d] = loopChunks.sizes(d); shape[d] = loopShape[d]; }
            for (int d = 0; d < outCore[o].length; d++) { c[lr + d] = new long[] {outCore[o][d]}; shape[lr + d] = outCore[o][d]; }
            Chunks oc = Chunks.ofTrusted(c);
            Key[] src = parts[o];
            r.add(t.output("gufunc-" + o, shape, oc, dtypes.get(o), idx -> src[flat(loopChunks, idx, lr)]));
        }
        return r;
    }

    /** The flat block number in {@code loop} of an output block index (its first {@code lr} entries). */
    private static int flat(Chunks loop, int[] idx, int lr) {
        int f = 0;
        for (int d = 0; d < lr; d++) f = f * loop.numBlocks(d) + idx[d];
        return f;
    }

    private static int[] concat(int[] a, int zeros) { return java.util.Arrays.copyOf(a, a.length + zeros); }

    private static long[] concat(long[] a, long[] b) {
        long[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private static String[] split(String signature) {
        String[] io = signature.replace(" ", "").split("->", -1);
        if (io.length != 2) throw new IllegalArgumentException("got signature '" + signature + "', expected '(in dims),...->(out dims),...'");
        return io;
    }

    /**
     * A block function that applies {@code f} to every instance of the core dimensions in the block: output
     * {@code out} of the signature, the loop position of each operand right-aligned with the output's.
     */
    static MultiBlockFunction vectorize(CoreFunction f, String signature, DType dtype) {
        String[] io = split(signature);
        List<List<String>> ins = groups(io[0], signature), outs = groups(io[1], signature);
        if (outs.size() != 1) throw new IllegalArgumentException("got " + outs.size() + " outputs in '" + signature + "', expected one for vectorize");
        int outCore = outs.get(0).size();
        int[] inCore = ins.stream().mapToInt(List::size).toArray();
        return (blocks, info) -> {
            long[] shape = info.shape();
            int loops = shape.length - outCore;
            long[] loopShape = java.util.Arrays.copyOf(shape, loops);
            NDArray out = NDArray.zeros(dtype, shape);
            long count = 1;
            for (long s : loopShape) count *= s;
            long[] at = new long[loops];
            for (long p = 0; p < count; p++) {
                NDArray[] cores = new NDArray[blocks.length];
                for (int k = 0; k < blocks.length; k++) {
                    NDArray b = blocks[k];
                    int bl = b.ndim() - inCore[k];
                    for (int d = 0; d < bl; d++) {
                        long i = at[loops - bl + d];
                        b = b.slice(d, i, i + 1, 1);
                    }
                    cores[k] = b.copy().reshape(java.util.Arrays.copyOfRange(b.shapeArray(), bl, b.ndim()));
                }
                NDArray r = f.apply(cores);
                NDArray dst = out;
                for (int d = 0; d < loops; d++) dst = dst.slice(d, at[d], at[d] + 1, 1);
                long[] want = java.util.Arrays.copyOfRange(shape, loops, shape.length);
                if (!java.util.Arrays.equals(r.shapeArray(), want)) {
                    throw new IllegalStateException("vectorized gufunc '" + signature + "' returned shape " + r.shape()
                            + ", expected the core shape " + Shape.toString(want));
                }
                dst.assign(r.reshape(dst.shapeArray()));
                for (int d = loops - 1; d >= 0 && ++at[d] == loopShape[d]; d--) at[d] = 0;
            }
            return out;
        };
    }

    private static DArray apply(MultiBlockFunction f, String signature, List<DArray> arrays, DType dtype, int output) {
        String[] io = split(signature);
        List<List<String>> ins = groups(io[0], signature);
        List<List<String>> outs = List.of(groups(io[1], signature).get(output));
        if (ins.size() != arrays.size()) {
            throw new IllegalArgumentException("got " + ins.size() + " inputs in '" + signature + "' for " + arrays.size() + " arrays");
        }
        Map<String, Character> letter = new LinkedHashMap<>();
        int loopRank = 0;
        for (int k = 0; k < arrays.size(); k++) {
            int core = ins.get(k).size();
            if (arrays.get(k).ndim() < core) {
                throw new IllegalArgumentException("got a " + arrays.get(k).ndim() + "-d array " + k + ", expected at least " + core
                        + " dimensions for " + ins.get(k) + " in '" + signature + "'");
            }
            loopRank = Math.max(loopRank, arrays.get(k).ndim() - core);
            for (String d : ins.get(k)) letter.putIfAbsent(d, (char) ('a' + letter.size()));
        }
        if (letter.size() > 26) throw new IllegalArgumentException("got more than 26 core dimensions in '" + signature + "'");
        StringBuilder outIndex = new StringBuilder();
        for (int l = 0; l < loopRank; l++) outIndex.append((char) ('A' + l));
        for (String d : outs.get(0)) {
            Character c = letter.get(d);
            if (c == null) throw new IllegalArgumentException("got output dimension '" + d + "' that no input has in '" + signature + "'");
            outIndex.append(c);
        }
        List<String> indices = new ArrayList<>();
        List<DArray> whole = new ArrayList<>();
        for (int k = 0; k < arrays.size(); k++) {
            DArray a = arrays.get(k);
            int core = ins.get(k).size(), loops = a.ndim() - core;
            StringBuilder ix = new StringBuilder();
            for (int l = 0; l < loops; l++) ix.append((char) ('A' + loopRank - loops + l));
            for (String d : ins.get(k)) ix.append(letter.get(d));
            indices.add(ix.toString());
            long[][] c = a.chunks().sizes();
            for (int d = loops; d < a.ndim(); d++) c[d] = new long[] {a.shape[d]};
            whole.add(a.rechunk(Chunks.ofTrusted(c)));
        }
        return BlockwiseLayer.blockwise(f, outIndex.toString(), whole, indices, dtype);
    }

    /** {@code "(i,j),(j),()"} → [[i, j], [j], []]. */
    private static List<List<String>> groups(String s, String signature) {
        List<List<String>> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            if (s.charAt(i) == ',') { i++; continue; }
            if (s.charAt(i) != '(') throw new IllegalArgumentException("got '" + s.charAt(i) + "' in signature '" + signature + "', expected '('");
            int j = s.indexOf(')', i);
            if (j < 0) throw new IllegalArgumentException("got an unclosed '(' in signature '" + signature + "'");
            List<String> dims = new ArrayList<>();
            for (String d : s.substring(i + 1, j).split(",")) if (!d.isEmpty()) dims.add(d);
            out.add(dims);
            i = j + 1;
        }
        return out;
    }
}
