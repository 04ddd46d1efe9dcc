package dev.blockwork.array;

import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.Index;
import dev.blockwork.ndarray.Shape;
import java.util.Arrays;
import java.util.List;

/**
 * Shape functions built from slicing, concatenation and fused element-wise operations: {@code broadcast_to},
 * {@code flip}, {@code roll}, {@code diff}. They add no layer kinds of their own, so their graphs are the
 * slices and joins Dask would build.
 */
final class Rearrange {
    private Rearrange() {}

    /**
     * {@code np.broadcast_to(x, shape)}; chunks as Dask: x's chunks on the axes it spans, one whole block on new
     * leading axes and on axes broadcast from length 1. Fused: a {@code where(true, x, x)} over a constant of the
     * target shape, so the blocks are computed on demand and never copied for a reduction.
     */
    static DArray broadcastTo(DArray x, long[] target) {
        long[] s = x.shape;
        boolean ok = s.length <= target.length;
        for (int i = 0; ok && i < s.length; i++) ok = s[i] == 1 || s[i] == target[target.length - s.length + i];
        if (!ok) {
            throw new IllegalArgumentException("got shape " + Shape.toString(target) + ", expected a shape that shape " + Shape.toString(s)
                    + " broadcasts to (np.broadcast_to)");
        }
        if (Arrays.equals(s, target)) return x;
        int lead = target.length - s.length;
        long[][] c = new long[target.length][];
        for (int d = 0; d < target.length; d++) {
            int i = d - lead;
            c[d] = i >= 0 && s[i] == target[d] ? x.chunks().sizes(i) : new long[] {target[d]};
        }
        DArray all = DArray.full(Shape.of(target), Chunks.explicit(c), 1L, DType.BOOL);
        return DArray.where(all, x, x);
    }

    /** {@code np.flip(x, axis)}: a reversed view per block (a slice with step -1). */
    static DArray flip(DArray x, int axis0) {
        int axis = ShapeOps.axis(axis0, x.ndim());
        Index[] ix = new Index[axis + 1];
        Arrays.fill(ix, Index.all());
        ix[axis] = Index.range(null, null, -1);
        return x.get(ix);
    }

    /** {@code np.roll(x, shift, axis)}: the last {@code shift} positions (mod the length) move to the front. */
    static DArray roll(DArray x, long shift, int axis0) {
        int axis = ShapeOps.axis(axis0, x.ndim());
        long n = x.shape[axis];
        if (n == 0) return x;
        long s = Math.floorMod(shift, n);
        if (s == 0) return x;
        return DArray.concatenate(List.of(range(x, axis, n - s, n), range(x, axis, 0, n - s)), axis);
    }

    /** {@code np.roll(x, shift)} without an axis: over the flattened array, then back to x's shape. */
    static DArray roll(DArray x, long shift) {
        return roll(x.reshape(x.size()), shift, 0).reshape(x.shape);
    }

    /** {@code np.diff(x, n, axis)}: {@code x[1:] - x[:-1]} along the axis, {@code n} times (bool: {@code !=}, as NumPy). */
    static DArray diff(DArray x, int n, int axis0) {
        if (n < 0) throw new IllegalArgumentException("got order " + n + ", expected n >= 0 for diff");
        int axis = ShapeOps.axis(axis0, x.ndim());
        DArray r = x;
        for (int k = 0; k < n; k++) {
            long len = r.shape[axis];
            if (len == 0) break;
            DArray hi = range(r, axis, 1, len), lo = range(r, axis, 0, len - 1);
            r = r.dtype() == DType.BOOL ? hi.ne(lo) : hi.sub(lo);
        }
        return r;
    }

    /** {@code np.repeat(x, repeats, axis)}: each element {@code repeats} times in a row (a take with sorted indices). */
    static DArray repeat(DArray x, long repeats, int axis0) {
        if (repeats < 0) throw new IllegalArgumentException("got repeats " + repeats + ", expected repeats >= 0");
        int axis = ShapeOps.axis(axis0, x.ndim());
        long n = x.shape[axis];
        long total = Math.multiplyExact(n, repeats);
        if (total > Integer.MAX_VALUE - 16) throw new IllegalArgumentException("got " + total + " positions, expected at most 2^31 - 17");
        long[] idx = new long[(int) total];
        for (int i = 0; i < idx.length; i++) idx[i] = i / repeats;
        return x.take(idx, axis);
    }

    /** {@code np.tile(x, reps)}: {@code reps} longer than x's rank prepends axes of length 1 first, as NumPy. */
    static DArray tile(DArray x, long[] reps) {
        DArray r = x;
        while (r.ndim() < reps.length) r = r.expandDims(0);
        int lead = r.ndim() - reps.length;
        for (int i = 0; i < reps.length; i++) {
            if (reps[i] < 0) throw new IllegalArgumentException("got reps " + Arrays.toString(reps) + ", expected every rep >= 0");
            int axis = lead + i;
            if (reps[i] == 1) continue;
            if (reps[i] == 0) { r = range(r, axis, 0, 0); continue; }
            List<DArray> copies = new java.util.ArrayList<>();
            for (long k = 0; k < reps[i]; k++) copies.add(r);
            r = DArray.concatenate(copies, axis);
        }
        return r;
    }

    /**
     * {@code np.array_split(x, sections, axis)}: {@code sections} pieces, the first {@code len % sections} one longer;
     * with {@code exact} ({@code np.split}) the length must divide evenly.
     */
    static List<DArray> split(DArray x, int sections, int axis0, boolean exact) {
        if (sections <= 0) throw new IllegalArgumentException("got " + sections + " sections, expected at least 1");
        int axis = ShapeOps.axis(axis0, x.ndim());
        long n = x.shape[axis];
        if (exact && n % sections != 0) {
            throw new IllegalArgumentException("array split does not result in an equal division: got length " + n + " on axis " + axis
                    + " and " + sections + " sections, expected a multiple of " + sections + " (arraySplit allows any)");
        }
        List<DArray> out = new java.util.ArrayList<>();
        long at = 0, base = n / sections, extra = n % sections;
        for (int k = 0; k < sections; k++) {
            long len = base + (k < extra ? 1 : 0);
            out.add(range(x, axis, at, at + len));
            at += len;
        }
        return out;
    }

    /** {@code np.split(x, indices, axis)}: pieces {@code [0, i0), [i0, i1), ..., [ik, len)} (indices clamp to the axis). */
    static List<DArray> splitAt(DArray x, long[] indices, int axis0) {
        int axis = ShapeOps.axis(axis0, x.ndim());
        long n = x.shape[axis];
        List<DArray> out = new java.util.ArrayList<>();
        long prev = 0;
        for (int k = 0; k <= indices.length; k++) {
            long end = k < indices.length ? Math.min(n, Math.max(0, indices[k] < 0 ? indices[k] + n : indices[k])) : n;
            out.add(range(x, axis, Math.min(prev, end), end));
            prev = Math.max(prev, end);
        }
        return out;
    }

    /** {@code np.atleast_1d/2d/3d}: NumPy's rules ({@code (n,) → (1, n)} for 2-D and {@code (1, n, 1)} for 3-D). */
    static DArray atLeast(DArray x, int rank) {
        int n = x.ndim();
        if (n >= rank) return x;
        return switch (rank) {
            case 1 -> x.reshape(1);
            case 2 -> n == 0 ? x.reshape(1, 1) : x.expandDims(0);
            default -> switch (n) {
                case 0 -> x.reshape(1, 1, 1);
                case 1 -> x.expandDims(0).expandDims(2);
                default -> x.expandDims(2);
            };
        };
    }

    /** {@code np.broadcast_arrays}: every array broadcast to the common shape. */
    static List<DArray> broadcastArrays(List<DArray> xs) {
        long[] s = new long[0];
        for (DArray x : xs) s = Broadcast.shapes(s, x.shape);
        List<DArray> out = new java.util.ArrayList<>();
        for (DArray x : xs) out.add(broadcastTo(x, s));
        return out;
    }

    /**
     * {@code np.meshgrid(*xs, indexing)} of 1-D arrays: with {@code "xy"} (the default) the first two output axes are
     * swapped, as NumPy; {@code "ij"} keeps the input order.
     */
    static List<DArray> meshgrid(List<DArray> xs, String indexing) {
        if (!indexing.equals("xy") && !indexing.equals("ij")) {
            throw new IllegalArgumentException("got indexing '" + indexing + "', expected 'xy' or 'ij'");
        }
        int n = xs.size();
        long[] shape = new long[n];
        for (int i = 0; i < n; i++) {
            if (xs.get(i).ndim() != 1) throw new IllegalArgumentException("got a " + xs.get(i).ndim() + "-d array at " + i + ", expected 1-D arrays");
            shape[i] = xs.get(i).shape[0];
        }
        boolean xy = indexing.equals("xy") && n >= 2;
        if (xy) { long t = shape[0]; shape[0] = shape[1]; shape[1] = t; }
        List<DArray> out = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            int pos = xy && i < 2 ? 1 - i : i;
            long[] s = new long[n];
            Arrays.fill(s, 1);
            s[pos] = shape[pos];
            out.add(broadcastTo(xs.get(i).reshape(s), shape));
        }
        return out;
    }

    /** {@code np.indices(shape)}: int64 of shape {@code (ndim, *shape)}, entry {@code [d, i...]} is {@code i_d}. */
    static DArray indices(long[] shape, ChunkSpec chunks) {
        List<DArray> grids = new java.util.ArrayList<>();
        Chunks c = Chunks.normalize(chunks, Shape.of(shape), DType.INT64);
        for (int d = 0; d < shape.length; d++) {
            long[] s = new long[shape.length];
            Arrays.fill(s, 1);
            s[d] = shape[d];
            DArray ar = DArray.arange(0, shape[d], 1, Chunks.explicit(c.sizes(d)), DType.INT64).reshape(s);
            grids.add(broadcastTo(ar, shape).rechunk(c));
        }
        return DArray.stack(grids, 0);
    }

    /** {@code np.tril(x, k)} ({@code upper} false) or {@code np.triu}: zeros above (below) the k-th diagonal of the last two axes. */
    static DArray triangle(DArray x, long k, boolean upper) {
        int n = x.ndim();
        if (n < 2) throw new IllegalArgumentException("got a " + n + "-d array, expected at least 2 dimensions for tril/triu");
        long rows = x.shape[n - 2], cols = x.shape[n - 1];
        DArray i = DArray.arange(0, rows, 1, Chunks.explicit(x.chunks().sizes(n - 2)), DType.INT64).reshape(rows, 1);
        DArray j = DArray.arange(0, cols, 1, Chunks.explicit(x.chunks().sizes(n - 1)), DType.INT64);
        DArray diag = j.sub(i); // column - row: 0 on the main diagonal
        DArray keep = upper ? diag.ge((double) k) : diag.le((double) k);
        return DArray.where(keep, x, DArray.zerosLike(x));
    }

    /**
     * {@code np.pad(x, widths, mode)} axis by axis: the new cells are slices of x (flipped for reflect/symmetric) or a
     * constant, joined by concatenation, so each side adds its own blocks. {@code widths[d] = {before, after}}.
     */
    static DArray pad(DArray x, long[][] widths, PadMode mode, double constant) {
        int n = x.ndim();
        if (widths.length != n) {
            throw new IllegalArgumentException("got pad widths for " + widths.length + " axes, expected " + n + " for shape " + x.shape());
        }
        DArray r = x;
        for (int d = 0; d < n; d++) {
            long before = widths[d][0], after = widths[d][1], len = r.shape[d];
            if (before < 0 || after < 0) {
                throw new IllegalArgumentException("got pad widths " + Arrays.toString(widths[d]) + " on axis " + d + ", expected >= 0");
            }
            if (before == 0 && after == 0) continue;
            long max = switch (mode) {
                case CONSTANT -> Long.MAX_VALUE;
                case EDGE, SYMMETRIC, WRAP -> len;
                case REFLECT -> len - 1;
            };
            if ((before > max || after > max) && !(mode == PadMode.EDGE && len > 0)) {
                throw new IllegalArgumentException("got pad widths " + Arrays.toString(widths[d]) + " on axis " + d + " of length " + len
                        + ", expected at most " + max + " for mode " + mode + " (pad in several steps for wider padding)");
            }
            List<DArray> parts = new java.util.ArrayList<>();
            parts.add(side(r, d, before, len, mode, constant, true));
            parts.add(r);
            parts.add(side(r, d, after, len, mode, constant, false));
            final int axis = d;
            DArray middle = r;
            parts.removeIf(p -> p != middle && p.shape[axis] == 0);
            r = parts.size() == 1 ? r : DArray.concatenate(parts, d);
        }
        return r;
    }

    private static DArray side(DArray x, int d, long w, long len, PadMode mode, double constant, boolean left) {
        if (w == 0) return range(x, d, 0, 0);
        return switch (mode) {
            case CONSTANT -> {
                long[] s = x.shape.clone();
                s[d] = w;
                long[][] c = x.chunks().sizes();
                c[d] = new long[] {w};
                yield DArray.full(Shape.of(s), Chunks.explicit(c), constant, x.dtype());
            }
            case EDGE -> {
                long[] s = x.shape.clone();
                s[d] = w;
                DArray edge = left ? range(x, d, 0, 1) : range(x, d, len - 1, len);
                yield broadcastTo(edge, s).rechunk(withAxis(x.chunks(), d, w));
            }
            case REFLECT -> left ? flip(range(x, d, 1, w + 1), d) : flip(range(x, d, len - 1 - w, len - 1), d);
            case SYMMETRIC -> left ? flip(range(x, d, 0, w), d) : flip(range(x, d, len - w, len), d);
            case WRAP -> left ? range(x, d, len - w, len) : range(x, d, 0, w);
        };
    }

    private static Chunks withAxis(Chunks c, int d, long w) {
        long[][] s = c.sizes();
        s[d] = new long[] {w};
        return Chunks.ofTrusted(s);
    }

    /**
     * {@code np.diag(v, k)}: a 1-D {@code v} becomes the k-th diagonal of a square 2-D array (fused: a where over the
     * column - row difference); a 2-D {@code v} gives its k-th diagonal as 1-D (the flattened array's positions
     * {@code i * cols + i + k}, one take; the flattening rechunks into whole rows).
     */
    static DArray diag(DArray v, long k) {
        if (v.ndim() == 1) {
            long m = v.shape[0], n = m + Math.abs(k);
            List<DArray> parts = new java.util.ArrayList<>(List.of(v));
            if (k != 0) parts.add(DArray.full(Shape.of(Math.abs(k)), Chunks.of(-1), 0L, v.dtype()));
            DArray padded = parts.size() == 1 ? v : DArray.concatenate(parts, 0);
            DArray laid = k >= 0 ? padded.reshape(n, 1) : padded.reshape(1, n); // v[i] at row i (k >= 0) or column j (k < 0)
            long[] c = padded.chunks().sizes(0);
            DArray i = DArray.arange(0, n, 1, Chunks.explicit(c), DType.INT64).reshape(n, 1);
            DArray j = DArray.arange(0, n, 1, Chunks.explicit(c), DType.INT64);
            return DArray.where(j.sub(i).eq((double) k), laid, DArray.full(Shape.of(), Chunks.of(), 0L, v.dtype()));
        }
        if (v.ndim() != 2) throw new IllegalArgumentException("got a " + v.ndim() + "-d array, expected 1-D or 2-D for diag");
        long rows = v.shape[0], cols = v.shape[1];
        long r0 = Math.max(0, -k), c0 = Math.max(0, k);
        long len = Math.max(0, Math.min(rows - r0, cols - c0));
        long[] idx = new long[(int) len];
        for (int t = 0; t < len; t++) idx[t] = (r0 + t) * cols + c0 + t;
        return v.ravel().take(idx, 0);
    }

    /**
     * {@code np.gradient(x, axis=axis)} with unit spacing: central differences {@code (x[i+1] - x[i-1]) / 2} inside,
     * one-sided first differences at the two ends (NumPy's {@code edge_order=1}); float64 (float32 for float32).
     */
    static DArray gradient(DArray x0, int axis0) {
        int axis = ShapeOps.axis(axis0, x0.ndim());
        long n = x0.shape[axis];
        if (n < 2) throw new IllegalArgumentException("got length " + n + " on axis " + axis + ", expected at least 2 for gradient");
        DArray x = x0.astype(DType.resultOfMean(x0.dtype()));
        DArray first = range(x, axis, 1, 2).sub(range(x, axis, 0, 1));
        DArray last = range(x, axis, n - 1, n).sub(range(x, axis, n - 2, n - 1));
        if (n == 2) return DArray.concatenate(List.of(first, last), axis);
        DArray inner = range(x, axis, 2, n).sub(range(x, axis, 0, n - 2)).div(2.0);
        return DArray.concatenate(List.of(first, inner, last), axis);
    }

    /** {@code np.delete(x, positions, axis)}: every position but the given ones (a take). */
    static DArray delete(DArray x, long[] positions, int axis0) {
        int axis = ShapeOps.axis(axis0, x.ndim());
        long n = x.shape[axis];
        boolean[] drop = new boolean[(int) n];
        for (long p : positions) {
            long q = p < 0 ? p + n : p;
            if (q < 0 || q >= n) throw new IndexOutOfBoundsException("index " + p + " is out of bounds for axis " + axis + " with size " + n);
            drop[(int) q] = true;
        }
        boolean[] keep = new boolean[(int) n];
        for (int i = 0; i < n; i++) keep[i] = !drop[i];
        return x.compress(keep, axis);
    }

    /** {@code np.insert(x, position, values, axis)}: {@code values} (broadcast to one slice) inserted before the position. */
    static DArray insert(DArray x, long position, DArray values, int axis0) {
        int axis = ShapeOps.axis(axis0, x.ndim());
        long n = x.shape[axis];
        long p = position < 0 ? position + n : position;
        if (p < 0 || p > n) throw new IndexOutOfBoundsException("index " + position + " is out of bounds for axis " + axis + " with size " + n);
        long[] s = x.shape.clone();
        s[axis] = 1;
        DArray v = values.ndim() < x.ndim() ? values.expandDims(Math.min(axis, values.ndim())) : values;
        v = broadcastTo(v, s).astype(x.dtype());
        return DArray.concatenate(List.of(range(x, axis, 0, p), v, range(x, axis, p, n)), axis);
    }

    private static DArray range(DArray x, int axis, long from, long to) {
        Index[] ix = new Index[axis + 1];
        Arrays.fill(ix, Index.all());
        ix[axis] = Index.range(from, to, 1);
        return x.get(ix);
    }
}
