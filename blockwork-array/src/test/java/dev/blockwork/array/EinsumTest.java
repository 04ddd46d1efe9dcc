package dev.blockwork.array;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.NDArray;
import dev.blockwork.ndarray.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link DArray#einsum} (greedy pairwise plan through matmul) against a naive reference that loops over every
 * combination of index values, on seeded random subscripts (2 to 4 operands, shared, batch, summed and free indices),
 * random extents and random chunks; plus {@link Products#kron} against its definition.
 */
class EinsumTest {
    static final long SEED = 151L;

    /** The naive einsum: for every assignment of all indices, add the product of the operands into the output. */
    static NDArray naive(String spec, NDArray... ops) {
        String[] io = spec.split("->", -1);
        String[] ins = io[0].split(",");
        String out = io[1];
        Map<Character, Long> size = new LinkedHashMap<>();
        for (int k = 0; k < ins.length; k++) for (int d = 0; d < ins[k].length(); d++) size.put(ins[k].charAt(d), ops[k].shape(d));
        List<Character> all = new ArrayList<>(size.keySet());
        long[] outShape = new long[out.length()];
        for (int d = 0; d < outShape.length; d++) outShape[d] = size.get(out.charAt(d));
        NDArray r = NDArray.zeros(DType.FLOAT64, outShape);
        long[] val = new long[all.size()];
        while (true) {
            double p = 1;
            for (int k = 0; k < ins.length; k++) {
                long[] at = new long[ins[k].length()];
                for (int d = 0; d < at.length; d++) at[d] = val[all.indexOf(ins[k].charAt(d))];
                p *= ops[k].getDouble(at);
            }
            long[] o = new long[out.length()];
            for (int d = 0; d < o.length; d++) o[d] = val[all.indexOf(out.charAt(d))];
            r.setDouble(r.getDouble(o) + p, o);
            int d = all.size() - 1;
            while (d >= 0 && ++val[d] == size.get(all.get(d))) val[d--] = 0;
            if (d < 0) break;
        }
        return r;
    }

    static NDArray random(SplittableRandom r, long[] shape) {
        long n = 1;
        for (long s : shape) n *= s;
        double[] v = new double[(int) n];
        for (int i = 0; i < v.length; i++) v[i] = r.nextDouble(-1, 1);
        return NDArray.fromArray(v, shape);
    }

    @Test
    void randomContractionsAgainstTheNaiveSum() {
        SplittableRandom r = new SplittableRandom(SEED);
        String letters = "abcdefg";
        for (int c = 0; c < 40; c++) {
            int nIdx = 2 + r.nextInt(4), nOps = 2 + r.nextInt(3);
            Map<Character, Long> ext = new LinkedHashMap<>();
            for (int i = 0; i < nIdx; i++) ext.put(letters.charAt(i), 1L + r.nextInt(5));
            String[] ins = new String[nOps];
            StringBuilder used = new StringBuilder();
            for (int k = 0; k < nOps; k++) {
                StringBuilder s = new StringBuilder();
                for (int i = 0; i < nIdx; i++) if (r.nextInt(3) > 0) s.append(letters.charAt(i));
                if (s.isEmpty()) s.append(letters.charAt(r.nextInt(nIdx)));
                ins[k] = s.toString();
                for (char ch : s.toString().toCharArray()) if (used.indexOf(String.valueOf(ch)) < 0) used.append(ch);
            }
            StringBuilder out = new StringBuilder();
            for (char ch : used.toString().toCharArray()) if (r.nextBoolean()) out.append(ch);
            String spec = String.join(",", ins) + "->" + out;
            NDArray[] vals = new NDArray[nOps];
            DArray[] arrays = new DArray[nOps];
            for (int k = 0; k < nOps; k++) {
                long[] shape = new long[ins[k].length()];
                long[][] chunks = new long[shape.length][];
                for (int d = 0; d < shape.length; d++) {
                    shape[d] = ext.get(ins[k].charAt(d));
                    chunks[d] = BlockedLinalgTest.randomChunks(r, shape[d], 3);
                }
                vals[k] = random(r, shape);
                arrays[k] = DArray.fromArray(vals[k], Chunks.explicit(chunks));
            }
            String what = "seed " + SEED + " case " + c + ": einsum('" + spec + "')";
            DArray got = DArray.einsum(spec, arrays);
            ArrayAssert.assertEq(got, naive(spec, vals), what);
        }
    }

    @Test
    void batchedAndIntegerContractions() {
        SplittableRandom r = new SplittableRandom(SEED + 1);
        NDArray a = random(r, new long[] {3, 4, 5}), b = random(r, new long[] {3, 5, 2});
        ArrayAssert.assertEq(DArray.einsum("bij,bjk->bik", DArray.fromArray(a, Chunks.uniform(2)), DArray.fromArray(b, Chunks.uniform(3))),
                naive("bij,bjk->bik", a, b), "batched matmul");
        ArrayAssert.assertEq(DArray.einsum("ij,jk,kl->il", DArray.fromArray(a.reshape(12, 5), Chunks.uniform(5)),
                DArray.fromArray(b.reshape(5, 6), Chunks.uniform(4)), DArray.fromArray(a.reshape(6, 10), Chunks.uniform(3))),
                naive("ij,jk,kl->il", a.reshape(12, 5), b.reshape(5, 6), a.reshape(6, 10)), "chain");
        NDArray i = NDArray.fromArray(new long[] {1, 2, 3, 4, 5, 6}, 2, 3);
        DArray x = DArray.fromArray(i, Chunks.uniform(2));
        DArray p = DArray.einsum("ij,kj->ik", x, x);
        assertThat(p.dtype()).isEqualTo(DType.INT64);
        ArrayAssert.assertEq(p, NDArray.fromArray(new long[] {14, 32, 32, 77}, 2, 2), "int64 stays int64");
    }

    @Test
    void kronAgainstItsDefinition() {
        SplittableRandom r = new SplittableRandom(SEED + 2);
        for (int c = 0; c < 6; c++) {
            int nd = 1 + r.nextInt(2), ndb = 1 + r.nextInt(2);
            long[] sa = new long[nd], sb = new long[ndb];
            for (int d = 0; d < nd; d++) sa[d] = 1 + r.nextInt(4);
            for (int d = 0; d < ndb; d++) sb[d] = 1 + r.nextInt(4);
            NDArray a = random(r, sa), b = random(r, sb);
            int n = Math.max(nd, ndb);
            long[] pa = pad(sa, n), pb = pad(sb, n), out = new long[n];
            for (int d = 0; d < n; d++) out[d] = pa[d] * pb[d];
            NDArray want = NDArray.zeros(DType.FLOAT64, out), ar = a.reshape(pa), br = b.reshape(pb);
            for (long f = 0; f < want.size(); f++) {
                long[] at = unravel(f, out), ia = new long[n], ib = new long[n];
                for (int d = 0; d < n; d++) { ia[d] = at[d] / pb[d]; ib[d] = at[d] % pb[d]; }
                want.setDouble(ar.getDouble(ia) * br.getDouble(ib), at);
            }
            ArrayAssert.assertEq(Products.kron(DArray.fromArray(a, Chunks.uniform(2)), DArray.fromArray(b, Chunks.uniform(3))), want,
                    "seed " + (SEED + 2) + " case " + c + ": kron " + Shape.toString(sa) + " x " + Shape.toString(sb));
        }
    }

    static long[] pad(long[] s, int n) {
        long[] p = new long[n];
        java.util.Arrays.fill(p, 1);
        System.arraycopy(s, 0, p, n - s.length, s.length);
        return p;
    }

    static long[] unravel(long f, long[] shape) {
        long[] at = new long[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) { at[d] = f % shape[d]; f /= shape[d]; }
        return at;
    }
}
