package dev.blockwork.array;

import dev.blockwork.ndarray.DType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code np.einsum(subscripts, *operands)} as one fused expression and one reduction: every operand is transposed to
 * a common index order (output indices first, then the summed ones) with length-1 axes for the indices it lacks, the
 * operands are multiplied with broadcasting (fused, so the full product is never stored), and the summed indices are
 * reduced by the tree reduction. Explicit ({@code "ij,jk->ik"}) and implicit ({@code "ij,jk"}: the indices that appear
 * once, sorted) modes; an index repeated inside one operand is supported for a 2-D operand ({@code "ii"}, its
 * diagonal). Not supported: {@code ...} (throws IllegalArgumentException). The result dtype promotes the operands'
 * dtypes without widening integers, as NumPy's einsum. For large contractions {@link DArray#matmul} is faster (BLAS).
 */
final class Einsum {
    private Einsum() {}

    static DArray einsum(String subscripts, DArray... operands) {
        String spec = subscripts.replace(" ", "");
        if (spec.contains(".")) throw new IllegalArgumentException("got '" + subscripts + "', expected subscripts without '...' (not supported)");
        String[] io = spec.split("->", -1);
        String[] ins = io[0].split(",", -1);
        if (ins.length != operands.length) {
            throw new IllegalArgumentException("got " + ins.length + " operand subscripts in '" + subscripts + "' for " + operands.length
                    + " operands, expected one per operand");
        }
        Map<Character, Integer> appearances = new LinkedHashMap<>(); // in the subscripts as written ("ii" counts twice)
        for (String in : ins) for (char c : in.toCharArray()) appearances.merge(c, 1, Integer::sum);
        DArray[] ops = operands.clone();
        for (int k = 0; k < ops.length; k++) {
            String s = ins[k];
            for (char c : s.toCharArray()) {
                if (!Character.isLetter(c)) throw new IllegalArgumentException("got '" + c + "' in '" + subscripts + "', expected letters");
            }
            if (s.length() != ops[k].ndim()) {
                throw new IllegalArgumentException("got subscripts '" + s + "' for operand " + k + " of shape " + ops[k].shape()
                        + ", expected one letter per axis");
            }
            if (s.chars().distinct().count() != s.length()) {
                if (s.length() == 2) { // "ii": the diagonal
                    ops[k] = ops[k].diagonal(0);
                    ins[k] = s.substring(0, 1);
                } else {
                    throw new IllegalArgumentException("got repeated subscripts '" + s + "' in operand " + k
                            + ", expected distinct letters (or 'ii' for a 2-D operand)");
                }
            }
        }
        Map<Character, Integer> count = new LinkedHashMap<>();
        Map<Character, Long> size = new LinkedHashMap<>();
        for (int k = 0; k < ops.length; k++) {
            for (int d = 0; d < ins[k].length(); d++) {
                char c = ins[k].charAt(d);
                count.merge(c, 1, Integer::sum);
                long n = ops[k].shapeArray()[d];
                Long prev = size.get(c);
                if (prev != null && prev != n && prev != 1 && n != 1) {
                    throw new IllegalArgumentException("got size " + n + " for index '" + c + "' in operand " + k + ", expected " + prev
                            + " as in the other operands");
                }
                if (prev == null || prev == 1) size.put(c, n);
            }
        }
        String out;
        if (io.length == 2) {
            out = io[1];
            for (char c : out.toCharArray()) {
                if (!count.containsKey(c)) throw new IllegalArgumentException("got output index '" + c + "' that no operand has in '" + subscripts + "'");
            }
            if (out.chars().distinct().count() != out.length()) {
                throw new IllegalArgumentException("got a repeated output index in '" + subscripts + "', expected distinct letters");
            }
        } else {
            StringBuilder b = new StringBuilder();
            appearances.keySet().stream().filter(c -> appearances.get(c) == 1).sorted().forEach(b::append);
            out = b.toString();
        }
        List<Character> order = new ArrayList<>();
        for (char c : out.toCharArray()) order.add(c);
        for (char c : count.keySet()) if (out.indexOf(c) < 0) order.add(c);
        int rank = order.size();
        DType t = ops[0].dtype();
        for (DArray o : ops) t = DType.promote(t, o.dtype());
        DArray product = null;
        for (int k = 0; k < ops.length; k++) {
            String s = ins[k];
            // the operand's axes in global order, then length-1 axes for the missing indices
            List<Integer> perm = new ArrayList<>();
            long[] shape = new long[rank];
            for (int g = 0; g < rank; g++) {
                int d = s.indexOf(order.get(g));
                if (d >= 0) {
                    perm.add(d);
                    shape[g] = ops[k].shapeArray()[d];
                } else {
                    shape[g] = 1;
                }
            }
            DArray x = ops[k].transpose(perm.stream().mapToInt(Integer::intValue).toArray());
            if (x.ndim() != rank) x = x.reshape(shape);
            product = product == null ? x : product.mul(x);
        }
        int[] summed = new int[rank - out.length()];
        for (int i = 0; i < summed.length; i++) summed[i] = out.length() + i;
        long[] full = new long[rank];
        for (int g = 0; g < rank; g++) full[g] = size.get(order.get(g));
        if (!java.util.Arrays.equals(product.shapeArray(), full)) product = product.broadcastTo(Shape.of(full));
        DArray r = summed.length == 0 ? product : product.sum(summed, false);
        return r.astype(t);
    }
}
