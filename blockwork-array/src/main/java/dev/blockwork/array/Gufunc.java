package dev.blockwork.array;

import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.NDArray;
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
 * <p>Several outputs ({@code "(i)->(),()"}, {@link #applyMulti}): every output is its own layer over the same
 * aligned operands, and {@code func} runs once per output per block (each layer keeps the output it needs), so it
 * pays for a cheap {@code func} or few outputs. {@link #vectorize} turns a function of one core instance into a
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

    /** Every output of a gufunc with several: output {@code o} has {@code dtypes.get(o)}. */
    static List<DArray> applyMulti(MultiOutputFunction f, String signature, List<DArray> arrays, List<DType> dtypes) {
        List<List<String>> outs = groups(split(signature)[1], signature);
        if (outs.size() != dtypes.size()) {
            throw new IllegalArgumentException("got " + dtypes.size() + " output dtypes for the " + outs.size() + " outputs of '" + signature + "', expected one each");
        }
        List<DArray> r = new ArrayList<>();
        for (int o = 0; o < outs.size(); o++) {
            int which = o;
            int count = outs.size();
            r.add(apply((bs, info) -> {
                NDArray[] all = f.apply(bs, info);
                if (all == null || all.length != count) {
                    throw new IllegalStateException("gufunc '" + signature + "' returned " + (all == null ? "null" : all.length + " arrays")
                            + " for block " + java.util.Arrays.toString(info.index()) + ", expected " + count);
                }
                return all[which];
            }, signature, arrays, dtypes.get(o), o));
        }
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
                    cores[k] = b.copy().reshape(java.util.Arrays.copyOfRange(b.shape(), bl, b.ndim()));
                }
                NDArray r = f.apply(cores);
                NDArray dst = out;
                for (int d = 0; d < loops; d++) dst = dst.slice(d, at[d], at[d] + 1, 1);
                long[] want = java.util.Arrays.copyOfRange(shape, loops, shape.length);
                if (!java.util.Arrays.equals(r.shape(), want)) {
                    throw new IllegalStateException("vectorized gufunc '" + signature + "' returned shape " + Shape.format(r.shape())
                            + ", expected the core shape " + Shape.format(want));
                }
                dst.assign(r.reshape(dst.shape()));
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
            for (int d = loops; d < a.ndim(); d++) c[d] = new long[] {a.shapeArray()[d]};
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
