package dev.blockwork.array;

import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code np.einsum(subscripts, *operands)} with an optimised contraction order, blocked through matmul.
 *
 * <p>Explicit ({@code "ij,jk->ik"}) and implicit ({@code "ij,jk"}: the indices that appear once, sorted) modes; an
 * index repeated inside one operand is supported for a 2-D operand ({@code "ii"}, its diagonal); a length-1 axis
 * broadcasts against the other operands'. Not supported: {@code ...} (throws IllegalArgumentException). The result
 * dtype promotes the operands' dtypes without widening integers, as NumPy's einsum.
 *
 * <p>Plan (opt_einsum's greedy strategy): indices that occur in one operand only and not in the output are summed
 * away first; then, while more than one operand is left, the pair whose contraction costs the fewest multiply-adds
 * (the product of the extents of all their indices; ties: the smaller result) is contracted into one, keeping only the
 * indices still needed by the output or the other operands. A pairwise contraction with summed indices is a
 * {@link DArray#matmul} (BLAS per block pair): each side is transposed to {@code (batch, free, summed)}, reshaped to a
 * batch of matrices, multiplied and reshaped back; indices shared and kept ({@code "bij,bjk->bik"}) are matmul's batch
 * axes. A pair with nothing to multiply as a matrix (a Hadamard product, possibly summed: {@code "ij,ij->j"}) is a
 * fused element-wise product and a reduction instead. One operand, or boolean operands, use the fused path: every
 * operand broadcast to a common index order and multiplied (never stored whole), the summed indices reduced.
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
                long n = ops[k].shape[d];
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
        DType t0 = ops[0].dtype();
        boolean bool = false;
        for (DArray o : ops) { t0 = DType.promote(t0, o.dtype()); bool |= o.dtype() == DType.BOOL; }
        if (ops.length >= 2 && !bool) return pairwise(ops, ins, out, size).astype(t0);
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
                    shape[g] = ops[k].shape[d];
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
        if (!java.util.Arrays.equals(product.shape, full)) product = product.broadcastTo(Shape.of(full));
        DArray r = summed.length == 0 ? product : product.sum(summed, false);
        return r.astype(t);
    }

    /** An operand of the pairwise plan: an array and one index letter per axis. */
    private record Term(DArray x, String idx) {}

    /** The greedy pairwise contraction of all operands, ending in the output's index order. */
    private static DArray pairwise(DArray[] ops, String[] ins, String out, Map<Character, Long> size) {
        List<Term> terms = new ArrayList<>();
        for (int k = 0; k < ops.length; k++) {
            DArray x = ops[k];
            long[] full = new long[ins[k].length()];
            for (int d = 0; d < full.length; d++) full[d] = size.get(ins[k].charAt(d));
            if (!java.util.Arrays.equals(x.shape, full)) x = x.broadcastTo(Shape.of(full));
            terms.add(new Term(x, ins[k]));
        }
        for (int k = 0; k < terms.size(); k++) terms.set(k, sumUnneeded(terms.get(k), keep(terms, k, -1, out)));
        while (terms.size() > 1) {
            int bi = 0, bj = 1;
            double bestCost = Double.POSITIVE_INFINITY, bestSize = Double.POSITIVE_INFINITY;
            for (int i = 0; i < terms.size(); i++) {
                for (int j = i + 1; j < terms.size(); j++) {
                    String union = union(terms.get(i).idx(), terms.get(j).idx());
                    String kept = filter(union, keep(terms, i, j, out));
                    double cost = extent(union, size), res = extent(kept, size);
                    if (cost < bestCost || (cost == bestCost && res < bestSize)) { bestCost = cost; bestSize = res; bi = i; bj = j; }
                }
            }
            Term c = contract(terms.get(bi), terms.get(bj), keep(terms, bi, bj, out), size);
            terms.remove(bj);
            terms.remove(bi);
            terms.add(c);
        }
        Term last = terms.get(0);
        int[] perm = new int[out.length()];
        for (int g = 0; g < perm.length; g++) perm[g] = last.idx().indexOf(out.charAt(g));
        return perm.length == 0 ? last.x() : last.x().transpose(perm);
    }

    /** The indices needed after contracting terms {@code i} and {@code j} ({@code j} -1: only {@code i}): the output's and the others'. */
    private static String keep(List<Term> terms, int i, int j, String out) {
        StringBuilder b = new StringBuilder(out);
        for (int k = 0; k < terms.size(); k++) if (k != i && k != j) b.append(terms.get(k).idx());
        return b.toString();
    }

    private static String union(String a, String b) {
        StringBuilder u = new StringBuilder(a);
        for (char c : b.toCharArray()) if (a.indexOf(c) < 0) u.append(c);
        return u.toString();
    }

    private static String filter(String idx, String keep) {
        StringBuilder b = new StringBuilder();
        for (char c : idx.toCharArray()) if (keep.indexOf(c) >= 0) b.append(c);
        return b.toString();
    }

    private static double extent(String idx, Map<Character, Long> size) {
        double e = 1;
        for (char c : idx.toCharArray()) e *= size.get(c);
        return e;
    }

    /** {@code t} with the indices that {@code keep} lacks summed away. */
    private static Term sumUnneeded(Term t, String keep) {
        List<Integer> axes = new ArrayList<>();
        for (int d = 0; d < t.idx().length(); d++) if (keep.indexOf(t.idx().charAt(d)) < 0) axes.add(d);
        if (axes.isEmpty()) return t;
        return new Term(t.x().sum(axes.stream().mapToInt(Integer::intValue).toArray(), false), filter(t.idx(), keep));
    }

    /** One pairwise contraction: matmul over the summed indices, or a fused product when there is no matrix to multiply. */
    private static Term contract(Term a0, Term b0, String keep, Map<Character, Long> size) {
        Term a = sumUnneeded(a0, keep + b0.idx()), b = sumUnneeded(b0, keep + a0.idx());
        StringBuilder batch = new StringBuilder(), summed = new StringBuilder(), freeA = new StringBuilder(), freeB = new StringBuilder();
        for (char c : a.idx().toCharArray()) {
            boolean inB = b.idx().indexOf(c) >= 0, kept = keep.indexOf(c) >= 0;
            if (inB && kept) batch.append(c);
            else if (inB) summed.append(c);
            else freeA.append(c);
        }
        for (char c : b.idx().toCharArray()) if (a.idx().indexOf(c) < 0) freeB.append(c);
        if (freeA.isEmpty() && freeB.isEmpty()) { // a Hadamard product, summed over the shared indices that are not kept
            String order = batch.toString() + summed;
            DArray p = permute(a, order).mul(permute(b, order));
            int[] axes = new int[summed.length()];
            for (int i = 0; i < axes.length; i++) axes[i] = batch.length() + i;
            return new Term(axes.length == 0 ? p : p.sum(axes, false), batch.toString());
        }
        long[] bs = shape(batch, size);
        long ma = (long) extent(freeA.toString(), size), mb = (long) extent(freeB.toString(), size), kk = (long) extent(summed.toString(), size);
        DArray x = permute(a, batch.toString() + freeA + summed).reshape(concat(bs, ma, kk));
        DArray y = permute(b, batch.toString() + summed + freeB).reshape(concat(bs, kk, mb));
        long[] outShape = concat(concat(bs, shape(freeA, size)), shape(freeB, size));
        return new Term(x.matmul(y).reshape(outShape), batch.toString() + freeA + freeB);
    }

    private static DArray permute(Term t, String order) {
        int[] perm = new int[order.length()];
        for (int g = 0; g < perm.length; g++) perm[g] = t.idx().indexOf(order.charAt(g));
        boolean identity = true;
        for (int g = 0; g < perm.length; g++) identity &= perm[g] == g;
        return identity ? t.x() : t.x().transpose(perm);
    }

    private static long[] shape(CharSequence idx, Map<Character, Long> size) {
        long[] s = new long[idx.length()];
        for (int i = 0; i < s.length; i++) s[i] = size.get(idx.charAt(i));
        return s;
    }

    private static long[] concat(long[] a, long... b) {
        long[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
