package dev.blockwork.array;

import dev.blockwork.graph.Graph;
import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Plans the shape operations of a DArray: transpose family, reshape, squeeze, expand-dims, concatenate, stack. */
final class ShapeOps {
    private ShapeOps() {}

    static int axis(int axis, int ndim) {
        int a = axis < 0 ? axis + ndim : axis;
        if (a < 0 || a >= ndim) throw new IllegalArgumentException("axis " + axis + " is out of bounds for array of dimension " + ndim);
        return a;
    }

    static DArray transpose(DArray x0, int[] axes0) {
        int n = x0.ndim();
        if (axes0.length != n) throw new IllegalArgumentException("axes " + Arrays.toString(axes0) + " don't match array of dimension " + n);
        int[] axes = new int[n];
        boolean[] seen = new boolean[n];
        boolean identity = true;
        for (int i = 0; i < n; i++) {
            axes[i] = axis(axes0[i], n);
            if (seen[axes[i]]) throw new IllegalArgumentException("repeated axis in transpose " + Arrays.toString(axes0));
            seen[axes[i]] = true;
            identity &= axes[i] == i;
        }
        if (identity) return x0;
        DArray x = x0.materialize();
        long[][] sizes = new long[n][];
        long[] shape = new long[n];
        for (int i = 0; i < n; i++) {
            sizes[i] = x.chunks().sizes(axes[i]);
            shape[i] = x.shape[axes[i]];
        }
        Chunks out = Chunks.ofTrusted(sizes);
        return DArray.ofLayer(new TransposeLayer(ArrayLayer.name("transpose", x.layerName(), axes, out), x, axes, out), x.graph(), shape, out, x.dtype());
    }

    static DArray swapAxes(DArray x, int a, int b) {
        int n = x.ndim();
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        a = axis(a, n);
        b = axis(b, n);
        p[a] = b;
        p[b] = a;
        return transpose(x, p);
    }

    static DArray moveAxis(DArray x, int source, int destination) {
        int n = x.ndim();
        int s = axis(source, n), d = axis(destination, n);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) if (i != s) order.add(i);
        order.add(d, s);
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = order.get(i);
        return transpose(x, p);
    }

    static DArray expandDims(DArray x0, int axis0) {
        int n = x0.ndim();
        int a = axis0 < 0 ? axis0 + n + 1 : axis0;
        if (a < 0 || a > n) throw new IllegalArgumentException("axis " + axis0 + " is out of bounds for array of dimension " + (n + 1));
        DArray x = x0.materialize();
        long[][] sizes = new long[n + 1][];
        long[] shape = new long[n + 1];
        for (int i = 0, j = 0; i <= n; i++) {
            if (i == a) { sizes[i] = new long[] {1}; shape[i] = 1; } else { sizes[i] = x.chunks().sizes(j); shape[i] = x.shape[j]; j++; }
        }
        Chunks out = Chunks.ofTrusted(sizes);
        BlockReshapeLayer l = new BlockReshapeLayer(ArrayLayer.newName("expand-dims"), x, out, idx -> {
            int[] in = new int[n];
            for (int i = 0, j = 0; i <= n; i++) if (i != a) in[j++] = idx[i];
            return in;
        });
        return DArray.ofLayer(l, x.graph(), shape, out, x.dtype());
    }

    static DArray squeeze(DArray x0, int[] axes0) {
        int n = x0.ndim();
        long[] s = x0.shape;
        boolean[] drop = new boolean[n];
        if (axes0 == null) {
            for (int i = 0; i < n; i++) drop[i] = s[i] == 1;
        } else {
            for (int a0 : axes0) {
                int a = axis(a0, n);
                if (s[a] != 1) {
                    throw new IllegalArgumentException("cannot select an axis to squeeze out which has size not equal to one: axis "
                            + a0 + " of shape " + Shape.toString(s));
                }
                drop[a] = true;
            }
        }
        int m = 0;
        for (boolean d : drop) if (!d) m++;
        if (m == n) return x0;
        // a squeezed axis of length 1 may still hold 0-length blocks (e.g. chunks (0, 1)): make it one block first
        long[][] one = x0.chunks().sizes();
        boolean split = false;
        for (int i = 0; i < n; i++) {
            if (drop[i] && one[i].length > 1) { one[i] = new long[] {1}; split = true; }
        }
        DArray x = (split ? x0.rechunk(Chunks.ofTrusted(one)) : x0).materialize();
        long[][] sizes = new long[m][];
        long[] shape = new long[m];
        int[] keep = new int[m];
        for (int i = 0, j = 0; i < n; i++) {
            if (drop[i]) continue;
            sizes[j] = x.chunks().sizes(i);
            shape[j] = s[i];
            keep[j++] = i;
        }
        Chunks out = Chunks.ofTrusted(sizes);
        int kept = m;
        BlockReshapeLayer l = new BlockReshapeLayer(ArrayLayer.newName("squeeze"), x, out, idx -> {
            int[] in = new int[n];
            for (int j = 0; j < kept; j++) in[keep[j]] = idx[j];
            return in;
        });
        return DArray.ofLayer(l, x.graph(), shape, out, x.dtype());
    }

    /**
     * Reshape. Axes are split into groups whose extents multiply to the same number in the input and the output
     * (e.g. (6, 4, 5) → (24, 5) has groups {0,1}→{0} and {2}→{1}). Within a group, the input is rechunked so that
     * every input axis but the first is whole and the first axis's blocks hold a whole number of output rows
     * (multiples of {@code Rout / gcd(Rout, Rin)}); then every block reshapes on its own. The rechunk is the cost:
     * reshaping an array chunked along trailing axes moves data.
     */
    static DArray reshape(DArray x0, long[] newShape0) {
        long size = x0.size();
        long[] ns = newShape0.clone();
        int unknown = -1;
        long known = 1;
        for (int i = 0; i < ns.length; i++) {
            if (ns[i] == -1) {
                if (unknown >= 0) throw new IllegalArgumentException("can only specify one unknown dimension in " + Arrays.toString(newShape0));
                unknown = i;
            } else if (ns[i] < 0) {
                throw new IllegalArgumentException("negative dimension in reshape " + Arrays.toString(newShape0));
            } else known *= ns[i];
        }
        if (unknown >= 0) {
            if (known == 0 || size % known != 0) {
                throw new IllegalArgumentException("cannot reshape array of size " + size + " into shape " + Arrays.toString(newShape0));
            }
            ns[unknown] = size / known;
        }
        long prod = 1;
        for (long d : ns) prod *= d;
        long[] s = x0.shape;
        if (prod != size) {
            throw new IllegalArgumentException("cannot reshape array of size " + size + " (shape " + Shape.toString(s) + ") into shape "
                    + Shape.toString(ns));
        }
        if (Arrays.equals(s, ns)) return x0;
        if (size == 0 || ns.length == 0 || s.length == 0) {
            DArray one = x0.rechunk(Chunks.whole());
            long[][] sizes = new long[ns.length][];
            for (int i = 0; i < ns.length; i++) sizes[i] = new long[] {ns[i]};
            Chunks out = Chunks.ofTrusted(sizes);
            DArray m = one.materialize();
            int inRank = s.length;
            BlockReshapeLayer l = new BlockReshapeLayer(ArrayLayer.newName("reshape"), m, out, idx -> new int[inRank]);
            return DArray.ofLayer(l, m.graph(), ns, out, m.dtype());
        }
        // group axes: [i0, i1) of the input with [o0, o1) of the output
        List<int[]> groups = new ArrayList<>();
        int i = 0, o = 0;
        while (i < s.length || o < ns.length) {
            int i0 = i, o0 = o;
            long pi = i < s.length ? s[i++] : 1, po = o < ns.length ? ns[o++] : 1;
            while (pi != po) {
                if (pi < po) pi *= s[i++]; else po *= ns[o++];
            }
            // absorb trailing length-1 axes into this group
            while (i < s.length && s[i] == 1 && (o >= ns.length || ns[o] != 1)) i++;
            while (o < ns.length && ns[o] == 1 && (i >= s.length || s[i] != 1)) o++;
            groups.add(new int[] {i0, i, o0, o});
        }
        long[][] inSizes = x0.chunks().sizes();
        long[][] outSizes = new long[ns.length][];
        for (int[] g : groups) {
            int i0 = g[0], i1 = g[1], o0 = g[2], o1 = g[3];
            if (i1 == i0) { // output axes of length 1 with no input axis
                for (int k = o0; k < o1; k++) outSizes[k] = new long[] {1};
                continue;
            }
            if (o1 == o0) { // input axes of length 1 that vanish
                for (int k = i0; k < i1; k++) inSizes[k] = new long[] {1};
                continue;
            }
            long rin = 1, rout = 1;
            for (int k = i0 + 1; k < i1; k++) { rin *= s[k]; inSizes[k] = new long[] {s[k]}; }
            for (int k = o0 + 1; k < o1; k++) rout *= ns[k];
            long unit = rout / gcd(rout, rin);                    // rows of axis i0 per whole output row-group
            long[] first = roundBlocks(inSizes[i0], s[i0], unit);
            inSizes[i0] = first;
            long[] o0s = new long[first.length];
            for (int k = 0; k < first.length; k++) o0s[k] = first[k] * rin / rout;
            outSizes[o0] = o0s;
            for (int k = o0 + 1; k < o1; k++) outSizes[k] = new long[] {ns[k]};
        }
        DArray x = x0.rechunk(Chunks.ofTrusted(inSizes)).materialize();
        Chunks out = Chunks.ofTrusted(outSizes);
        int[][] gs = groups.toArray(new int[0][]);
        int inRank = s.length;
        BlockReshapeLayer l = new BlockReshapeLayer(ArrayLayer.newName("reshape"), x, out, idx -> {
            int[] in = new int[inRank];
            for (int[] g : gs) if (g[1] > g[0] && g[3] > g[2]) in[g[0]] = idx[g[2]];
            return in;
        });
        return DArray.ofLayer(l, x.graph(), ns, out, x.dtype());
    }

    /**
     * Dask's {@code reshape_blockwise(x, shape, chunks)}: every block is reshaped on its own, so the result is not in
     * NumPy's order (no rechunk, no data moves). With {@code chunks} given, output block {@code f} (C order over the
     * block grid) is input block {@code f}, and each pair must hold the same number of elements. Without, the new shape
     * must merge runs of consecutive axes (fewer dimensions); a merged axis has one block per combination of the
     * merged axes' blocks (C order), sized by their product, as Dask infers.
     */
    static DArray reshapeBlockwise(DArray x0, long[] ns, Chunks out0) {
        DArray x = x0.materialize();
        Chunks in = x.chunks();
        long[] s = x.shape;
        long size = 1, prod = 1;
        for (long d : s) size *= d;
        for (long d : ns) prod *= d;
        if (size != prod) {
            throw new IllegalArgumentException("cannot reshape array of size " + size + " (shape " + Shape.toString(s) + ") into shape " + Shape.toString(ns));
        }
        if (out0 != null) {
            if (!Arrays.equals(out0.shapeArray(), ns) || out0.blockCount() != in.blockCount()) {
                throw new IllegalArgumentException("got chunks " + out0 + ", expected chunks of shape " + Shape.toString(ns) + " with "
                        + in.blockCount() + " blocks (one per input block)");
            }
            for (int f = 0; f < in.blockCount(); f++) {
                long a = 1, b = 1;
                for (long d : in.blockShape(in.blockIndex(f))) a *= d;
                for (long d : out0.blockShape(out0.blockIndex(f))) b *= d;
                if (a != b) {
                    throw new IllegalArgumentException("got output block " + Arrays.toString(out0.blockIndex(f)) + " of " + b + " elements for input block "
                            + Arrays.toString(in.blockIndex(f)) + " of " + a + ", expected equal sizes");
                }
            }
            Chunks oc = out0;
            BlockReshapeLayer l = new BlockReshapeLayer(ArrayLayer.newName("reshape-blockwise"), x, oc, idx -> in.blockIndex(flat(idx, oc)));
            return DArray.ofLayer(l, x.graph(), ns, oc, x.dtype());
        }
        // merges of consecutive axes: group input axes [g0, g1) into output axis o
        int[] start = new int[ns.length + 1];
        int i = 0;
        for (int o = 0; o < ns.length; o++) {
            start[o] = i;
            long p = 1;
            do { p *= s[i++]; } while (i < s.length && p < ns[o]);
            while (o == ns.length - 1 && i < s.length) p *= s[i++];
            if (p != ns[o]) {
                throw new IllegalArgumentException("got shape " + Shape.toString(ns) + ", expected one that merges consecutive axes of "
                        + Shape.toString(s) + " (or pass chunks)");
            }
        }
        start[ns.length] = s.length;
        long[][] oc = new long[ns.length][];
        for (int o = 0; o < ns.length; o++) {
            int g0 = start[o], g1 = start[o + 1];
            int blocks = 1;
            for (int d = g0; d < g1; d++) blocks *= in.numBlocks(d);
            long[] sz = new long[blocks];
            int[] bi = new int[g1 - g0];
            for (int b = 0; b < blocks; b++) {
                long p = 1;
                for (int d = g0; d < g1; d++) p *= in.size(d, bi[d - g0]);
                sz[b] = p;
                for (int d = g1 - 1; d >= g0; d--) { if (++bi[d - g0] < in.numBlocks(d)) break; bi[d - g0] = 0; }
            }
            oc[o] = sz;
        }
        Chunks out = Chunks.ofTrusted(oc);
        int inRank = s.length;
        BlockReshapeLayer l = new BlockReshapeLayer(ArrayLayer.newName("reshape-blockwise"), x, out, idx -> {
            int[] r = new int[inRank];
            for (int o = 0; o < idx.length; o++) {
                int rem = idx[o];
                for (int d = start[o + 1] - 1; d >= start[o]; d--) { r[d] = rem % in.numBlocks(d); rem /= in.numBlocks(d); }
            }
            return r;
        });
        return DArray.ofLayer(l, x.graph(), ns, out, x.dtype());
    }

    private static int flat(int[] idx, Chunks c) {
        int f = 0;
        for (int d = 0; d < idx.length; d++) f = f * c.numBlocks(d) + idx[d];
        return f;
    }

    private static long gcd(long a, long b) { return b == 0 ? a : gcd(b, a % b); }

    /** Block sizes covering {@code len} whose boundaries are multiples of {@code unit}, close to {@code sizes}. */
    private static long[] roundBlocks(long[] sizes, long len, long unit) {
        List<Long> out = new ArrayList<>();
        long prev = 0, acc = 0;
        for (long sz : sizes) {
            acc += sz;
            long b = Math.min(len, Math.max(unit, Math.round((double) acc / unit) * unit));
            if (b > prev) { out.add(b - prev); prev = b; }
        }
        if (prev < len) out.add(len - prev);
        long[] r = new long[out.size()];
        for (int k = 0; k < r.length; k++) r[k] = out.get(k);
        return r;
    }

    static DArray concatenate(List<DArray> arrays, int axis0) {
        if (arrays.isEmpty()) throw new IllegalArgumentException("need at least one array to concatenate");
        int n = arrays.get(0).ndim();
        if (n == 0) throw new IllegalArgumentException("zero-dimensional arrays cannot be concatenated");
        int axis = axis(axis0, n);
        long[] s0 = arrays.get(0).shape;
        DType t = arrays.get(0).dtype();
        for (DArray a : arrays) {
            long[] s = a.shape;
            boolean ok = s.length == n;
            for (int d = 0; ok && d < n; d++) ok = d == axis || s[d] == s0[d];
            if (!ok) {
                throw new IllegalArgumentException("all the input array dimensions except for the concatenation axis must match exactly, "
                        + "but got shapes " + Shape.toString(s0) + " and " + Shape.toString(s) + " for axis " + axis);
            }
            t = DType.promote(t, a.dtype());
        }
        // align chunks on every other axis: the common refinement of all inputs' block boundaries
        List<DArray> aligned = new ArrayList<>();
        DArray[] others = arrays.toArray(new DArray[0]);
        long[][] common = new long[n][];
        for (int d = 0; d < n; d++) {
            if (d != axis) common[d] = Alignment.unify(new long[] {s0[d]}, axisView(others, d)).sizes(0);
        }
        List<Graph> graphs = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        List<Integer> which = new ArrayList<>(), block = new ArrayList<>();
        for (int k = 0; k < others.length; k++) {
            DArray a = others[k].astype(t);
            long[][] c = new long[n][];
            for (int d = 0; d < n; d++) c[d] = d == axis ? a.chunks().sizes(axis) : common[d];
            a = a.rechunk(Chunks.ofTrusted(c)).materialize();
            aligned.add(a);
            graphs.add(a.graph());
            long[] ax = a.chunks().sizes(axis);
            for (int j = 0; j < ax.length; j++) {
                sizes.add(ax[j]);
                which.add(k);
                block.add(j);
            }
        }
        long[][] outSizes = new long[n][];
        long total = 0;
        for (int d = 0; d < n; d++) outSizes[d] = common[d];
        outSizes[axis] = new long[sizes.size()];
        for (int j = 0; j < sizes.size(); j++) { outSizes[axis][j] = sizes.get(j); total += sizes.get(j); }
        long[] shape = s0.clone();
        shape[axis] = total;
        int[] w = which.stream().mapToInt(Integer::intValue).toArray(), b = block.stream().mapToInt(Integer::intValue).toArray();
        Chunks out = Chunks.ofTrusted(outSizes);
        ConcatenateLayer l = new ConcatenateLayer(ArrayLayer.newName("concatenate"), aligned, axis, w, b, out);
        return DArray.ofLayer(l, Graph.merge(graphs), shape, out, t);
    }

    /** One-axis stand-ins (axis {@code d} of each array) so {@link Alignment#unify} can refine their chunks. */
    private static DArray[] axisView(DArray[] xs, int d) {
        DArray[] r = new DArray[xs.length];
        for (int k = 0; k < xs.length; k++) {
            long len = xs[k].shape[d];
            r[k] = DArray.full(Shape.of(len), Chunks.explicit(xs[k].chunks().sizes(d)), 0L, DType.BOOL);
        }
        return r;
    }

    static DArray stack(List<DArray> arrays, int axis0) {
        if (arrays.isEmpty()) throw new IllegalArgumentException("need at least one array to stack");
        int n = arrays.get(0).ndim();
        int a = axis0 < 0 ? axis0 + n + 1 : axis0;
        if (a < 0 || a > n) throw new IllegalArgumentException("axis " + axis0 + " is out of bounds for array of dimension " + (n + 1));
        long[] s0 = arrays.get(0).shape;
        List<DArray> ex = new ArrayList<>();
        for (DArray x : arrays) {
            if (!Arrays.equals(x.shape, s0)) {
                throw new IllegalArgumentException("all input arrays must have the same shape, got " + Shape.toString(s0) + " and "
                        + Shape.toString(x.shape));
            }
            ex.add(x.expandDims(a));
        }
        return concatenate(ex, a);
    }
}
