package dev.blockwork.ndarray;

import dev.blockwork.ndarray.KernelNodes.KNode;
import java.util.List;

/**
 * Reductions of a whole {@link Expr} that consume its tiles as they are produced (no materialised operand).
 * Each parallel part keeps its own partial; partials are merged in part order, so results are reproducible.
 */
final class FusedReduce {
    private FusedReduce() {}

    static final class Acc {
        double d;
        long l;
        boolean nan;
        boolean seen;
        Moments m = Moments.EMPTY;
        ArgPartial arg = ArgPartial.EMPTY;
        /** Float sums: per tile position, the sum of that position over the part's tiles (null until used). */
        double[] lanes;
    }

    /**
     * The lane sums of a part of {@code count} elements that all equal {@code c} (e.g. {@code ones + ones*2}
     * unfolded): the same additions, in the same order, as filling each tile and adding it element-wise, without
     * the tile buffer.
     */
    static double[] constantLanes(double c, long count) {
        double[] lanes = new double[Tile.SIZE];
        for (long pos = 0; pos < count; pos += Tile.SIZE) addConst(lanes, c, (int) Math.min(Tile.SIZE, count - pos));
        return lanes;
    }

    /** {@code lanes[i] += c} for i in [0, n). */
    static void addConst(double[] lanes, double c, int n) {
        for (int i = 0; i < n; i++) lanes[i] += c;
    }

    /** {@code lanes[i] += v[o + i]} for i in [0, n). */
    static void addInto(double[] lanes, double[] v, int o, int n) {
        for (int i = 0; i < n; i++) lanes[i] += v[o + i];
    }

    static NDArray sum(Expr e, long[] shape, boolean prod) {
        Kernel k = Kernel.compile(e, shape, null);
        KNode root = k.root;
        DType rt = DType.resultOfSum(e.dtype);
        if (k.total == 0) return NDArray.full(prod ? 1L : 0L, rt, new long[0]);
        java.util.function.Supplier<Acc> newAcc = () -> {
            Acc a = new Acc();
            a.d = prod ? 1 : 0;
            a.l = prod ? 1 : 0;
            return a;
        };
        List<Acc> parts = root.floatKind && !prod && root.isConstantD()
                ? k.forEachRange(newAcc, (from, to, acc) -> acc.lanes = constantLanes(root.constantD(), to - from))
                : k.forEachPart(newAcc, (tile, acc) -> {
                    int n = tile.len;
                    if (root.floatKind) {
                        double[] v = root.readD(tile);
                        int o = tile.roff;
                        if (prod) {
                            double p = acc.d;
                            for (int i = 0; i < n; i++) p *= v[o + i];
                            acc.d = p;
                        } else {
                            // element-wise into per-position lanes (a loop C2 vectorises; a scalar reduction it does not),
                            // folded into one value when the part ends
                            double[] lanes = acc.lanes;
                            if (lanes == null) acc.lanes = lanes = new double[Tile.SIZE];
                            addInto(lanes, v, o, n);
                        }
                    } else {
                        long[] v = root.readL(tile);
                        int o = tile.roff;
                        long s = acc.l;
                        if (prod) for (int i = 0; i < n; i++) s *= v[o + i];
                        else for (int i = 0; i < n; i++) s += v[o + i];
                        acc.l = s;
                    }
                });
        if (root.floatKind) {
            double r = prod ? 1 : 0;
            for (Acc a : parts) {
                if (a.lanes != null) a.d += sumD(a.lanes, 0, a.lanes.length);
                r = prod ? r * a.d : r + a.d;
            }
            return NDArray.scalar(r, rt);
        }
        long r = prod ? 1 : 0;
        for (Acc a : parts) r = prod ? r * a.l : r + a.l;
        return NDArray.full(r, rt, new long[0]);
    }

    /** Sum of v[o..o+n) with eight independent accumulators (a short pairwise tree; C2 keeps them in registers). */
    static double sumD(double[] v, int o, int n) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            s0 += v[o + i];
            s1 += v[o + i + 1];
            s2 += v[o + i + 2];
            s3 += v[o + i + 3];
            s4 += v[o + i + 4];
            s5 += v[o + i + 5];
            s6 += v[o + i + 6];
            s7 += v[o + i + 7];
        }
        for (; i < n; i++) s0 += v[o + i];
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    static NDArray minMax(Expr e, long[] shape, boolean max) {
        Kernel k = Kernel.compile(e, shape, null);
        KNode root = k.root;
        if (k.total == 0) {
            throw new IllegalArgumentException("zero-size array to reduction operation " + (max ? "maximum" : "minimum")
                    + " which has no identity (shape " + Shapes.format(shape) + ")");
        }
        List<Acc> parts = k.forEachPart(() -> {
            Acc a = new Acc();
            a.d = max ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            a.l = max ? Long.MIN_VALUE : Long.MAX_VALUE;
            return a;
        }, (tile, acc) -> {
            int n = tile.len;
            if (root.floatKind) {
                double[] v = root.readD(tile);
                int o = tile.roff;
                double m = acc.d;
                if (max) for (int i = 0; i < n; i++) m = Math.max(m, v[o + i]);
                else for (int i = 0; i < n; i++) m = Math.min(m, v[o + i]);
                acc.d = m;
            } else {
                long[] v = root.readL(tile);
                int o = tile.roff;
                long m = acc.l;
                if (max) for (int i = 0; i < n; i++) m = Math.max(m, v[o + i]);
                else for (int i = 0; i < n; i++) m = Math.min(m, v[o + i]);
                acc.l = m;
            }
        });
        if (root.floatKind) {
            double r = parts.get(0).d;
            for (Acc a : parts) r = max ? Math.max(r, a.d) : Math.min(r, a.d);
            return NDArray.scalar(r, e.dtype);
        }
        long r = parts.get(0).l;
        for (Acc a : parts) r = max ? Math.max(r, a.l) : Math.min(r, a.l);
        return NDArray.full(r, e.dtype, new long[0]);
    }

    static boolean anyAll(Expr e, long[] shape, boolean any) {
        Kernel k = Kernel.compile(e, shape, null);
        KNode root = k.root;
        if (k.total == 0) return !any;
        List<Acc> parts = k.forEachPart(Acc::new, (tile, acc) -> {
            long[] v = root.readTruth(tile);
            int o = tile.roff;
            long c = 0;
            for (int i = 0, n = tile.len; i < n; i++) c += v[o + i];
            acc.l += c;
        });
        long c = 0;
        for (Acc a : parts) c += a.l;
        return any ? c > 0 : c == k.total;
    }

    static Moments moments(Expr e, long[] shape) {
        Kernel k = Kernel.compile(e, shape, null);
        KNode root = k.root;
        if (k.total == 0) return Moments.EMPTY;
        List<Acc> parts = k.forEachPart(Acc::new, (tile, acc) -> {
            double[] v = root.readD(tile);
            acc.m = acc.m.merge(Moments.of(v, tile.roff, tile.roff + tile.len));
        });
        Moments m = Moments.EMPTY;
        for (Acc a : parts) m = m.merge(a.m);
        return m;
    }

    static ArgPartial arg(Expr e, long[] shape, boolean max) {
        Kernel k = Kernel.compile(e, shape, null);
        KNode root = k.root;
        if (k.total == 0) {
            throw new IllegalArgumentException("attempt to get " + (max ? "argmax" : "argmin")
                    + " of an empty sequence (shape " + Shapes.format(shape) + ")");
        }
        List<Acc> parts = k.forEachPart(Acc::new, (tile, acc) -> {
            double[] v = root.readD(tile);
            int o = tile.roff, best = 0;
            double bv = v[o];
            if (!Double.isNaN(bv)) {
                for (int i = 1, n = tile.len; i < n; i++) {
                    double x = v[o + i];
                    if (Double.isNaN(x)) { best = i; bv = x; break; }
                    if (max ? x > bv : x < bv) { best = i; bv = x; }
                }
            }
            acc.arg = acc.arg.merge(new ArgPartial(bv, tile.start + best), max);
        });
        ArgPartial r = ArgPartial.EMPTY;
        for (Acc a : parts) r = r.merge(a.arg, max);
        return r;
    }
}
