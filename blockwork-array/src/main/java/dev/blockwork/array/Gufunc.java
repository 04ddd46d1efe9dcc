package dev.blockwork.array;

import dev.blockwork.ndarray.DType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Dask's {@code apply_gufunc(func, signature, *args, output_dtypes=...)} for one output: the signature names the
 * core dimensions of every operand and of the output ({@code "(i),(i)->()"}, {@code "(m,n),(n,p)->(m,p)"}); the
 * remaining leading dimensions are loop dimensions, right-aligned across operands, which must agree in length
 * (no broadcasting of length 1 here). Core dimensions are rechunked whole (Dask's {@code allow_rechunk=True}); loop
 * dimensions keep the common refinement of their chunks. {@code func} gets each operand's block (loop dims and whole
 * core dims) and returns the output block. Built on {@link BlockwiseLayer}: an output core dimension must be one of
 * the inputs' (no new dimensions).
 */
final class Gufunc {
    private Gufunc() {}

    static DArray apply(MultiBlockFunction f, String signature, List<DArray> arrays, DType dtype) {
        String sig = signature.replace(" ", "");
        String[] io = sig.split("->", -1);
        if (io.length != 2) throw new IllegalArgumentException("got signature '" + signature + "', expected '(in dims),...->(out dims)'");
        List<List<String>> ins = groups(io[0], signature);
        List<List<String>> outs = groups(io[1], signature);
        if (outs.size() != 1) throw new IllegalArgumentException("got " + outs.size() + " outputs in '" + signature + "', expected one");
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
