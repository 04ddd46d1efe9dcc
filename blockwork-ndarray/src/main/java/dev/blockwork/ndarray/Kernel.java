package dev.blockwork.ndarray;

import dev.blockwork.ndarray.KernelNodes.KArray;
import dev.blockwork.ndarray.KernelNodes.KNode;
import dev.blockwork.ndarray.KernelNodes.KRandom;
import dev.blockwork.ndarray.KernelNodes.KStrided;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveAction;

/**
 * One {@link Expr} compiled for one output shape: the tree of {@link KNode}s, and every strided operand's
 * strides broadcast to the output shape and <em>coalesced</em>.
 *
 * <p>Implementation overview. Axes of length 1 are dropped and adjacent axes {@code i, i+1} are merged
 * whenever every operand (and the output) has {@code stride[i] == stride[i+1] * shape[i+1]}; contiguous
 * operands over a contiguous output therefore collapse to one axis. The flat output range is cut into
 * tiles of {@link Tile#SIZE} elements; for each tile the root node pulls its operands' values into small
 * per-node buffers (an operand that is flat-contiguous in the coalesced space hands out its backing array
 * with an offset instead, no copy) and writes the tile straight into the output array when the output is
 * contiguous with a matching storage type. Ranges of {@link #PARALLEL_MIN_ELEMENTS} or more are split into
 * parts of {@link #PART_ELEMENTS} run on the common pool; each part uses its own thread's tile.
 */
final class Kernel {
    static final long PARALLEL_MIN_ELEMENTS = 1L << 20;
    static final long PART_ELEMENTS = 1L << 17;
    /** Bound (by {@link Expr#sequential}) while the current thread must not split evaluations. */
    static final ScopedValue<Boolean> SEQUENTIAL = ScopedValue.newInstance();
    static volatile boolean parallel = !"false".equalsIgnoreCase(System.getProperty("blockwork.ndarray.parallel"));

    final long[] shape;
    final long total;
    final KNode root;
    private final NDArray out;
    private final OutWriter writer;

    private Kernel(long[] shape, long total, KNode root, NDArray out, OutWriter writer) {
        this.shape = shape;
        this.total = total;
        this.root = root;
        this.out = out;
        this.writer = writer;
    }

    /** Compiles {@code e} for {@code outShape}; {@code out} may be null (reductions). */
    static Kernel compile(Expr e, long[] outShape, NDArray out) {
        List<KStrided> strided = new ArrayList<>();
        List<long[]> fullStrides = new ArrayList<>();
        Map<Expr, KNode> seen = new IdentityHashMap<>();
        int[] ids = {0};
        KNode root = FusedLoopCompiler.fuse(build(e, null, outShape, strided, fullStrides, seen, ids), ids);
        OutWriter w = out == null ? null : new OutWriter(out);
        if (w != null) {
            strided.add(w);
            fullStrides.add(out.strides.clone());
            w.base = out.offset;
            w.spareId = ids[0];
        }
        long total = Shapes.size(outShape);
        long[] cshape = coalesce(outShape, fullStrides, strided);
        return new Kernel(cshape, total, root, out, w);
    }

    private static KNode build(Expr e, DType scalarType, long[] outShape, List<KStrided> strided, List<long[]> full,
                               Map<Expr, KNode> seen, int[] ids) {
        if (!(e instanceof ExprNodes.ScalarLeaf)) {
            KNode k = seen.get(e);
            if (k != null) return k;
        }
        KNode k = switch (e) {
            case ExprNodes.ArrayLeaf a -> {
                KArray n = new KArray(a.array);
                n.base = a.array.offset;
                strided.add(n);
                full.add(a.array.broadcastTo(outShape).strides);
                yield n;
            }
            case ExprNodes.RandomLeaf r -> {
                KRandom n = new KRandom(r);
                long[] g = Shapes.rowMajorStrides(r.globalShape);
                long base = 0;
                for (int i = 0; i < g.length; i++) base += r.globalOffset[i] * g[i];
                n.base = base;
                strided.add(n);
                long[] s = new long[outShape.length];
                int lead = outShape.length - g.length;
                for (int i = 0; i < g.length; i++) s[lead + i] = r.shape[i] == 1 ? 0 : g[i];
                full.add(s);
                yield n;
            }
            case ExprNodes.ScalarLeaf s -> new KernelNodes.KScalar(
                    new ExprNodes.ScalarLeaf(s.d, s.l, scalarType == null ? s.dtype : scalarType, false, s.shape),
                    scalarType == null ? s.dtype : scalarType);
            case ExprNodes.Cast c -> new KernelNodes.KCast(c.dtype, build(c.a, c.dtype, outShape, strided, full, seen, ids));
            case ExprNodes.Unary u -> new KernelOps.KUnary(u.op, u.dtype, build(u.a, u.dtype, outShape, strided, full, seen, ids));
            case ExprNodes.Binary b -> new KernelOps.KBinary(b.op, b.dtype, b.operandType,
                    build(b.a, b.operandType, outShape, strided, full, seen, ids),
                    build(b.b, b.operandType, outShape, strided, full, seen, ids));
            case ExprNodes.Where w -> new KernelNodes.KWhere(w.dtype, build(w.cond, null, outShape, strided, full, seen, ids),
                    build(w.a, w.dtype, outShape, strided, full, seen, ids), build(w.b, w.dtype, outShape, strided, full, seen, ids));
        };
        k.id = ids[0]++;
        seen.put(e, k);
        return k;
    }

    /** Drops unit axes and merges axes that are contiguous for every operand; fills each operand's strides. */
    private static long[] coalesce(long[] shape, List<long[]> full, List<KStrided> ops) {
        int n = shape.length;
        long[] cs = new long[Math.max(1, n)];
        long[][] st = new long[ops.size()][Math.max(1, n)];
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (shape[i] == 1) continue;
            boolean merge = m > 0;
            for (int j = 0; merge && j < ops.size(); j++) {
                if (st[j][m - 1] != full.get(j)[i] * shape[i]) merge = false;
            }
            if (merge) {
                cs[m - 1] *= shape[i];
                for (int j = 0; j < ops.size(); j++) st[j][m - 1] = full.get(j)[i];
            } else {
                cs[m] = shape[i];
                for (int j = 0; j < ops.size(); j++) st[j][m] = full.get(j)[i];
                m++;
            }
        }
        if (m == 0) {
            cs[0] = 1;
            m = 1;
        }
        long[] shapeOut = java.util.Arrays.copyOf(cs, m);
        long[] rowMajor = Shapes.rowMajorStrides(shapeOut);
        for (int j = 0; j < ops.size(); j++) {
            KStrided k = ops.get(j);
            k.shape = shapeOut;
            k.strides = java.util.Arrays.copyOf(st[j], m);
            k.flat = java.util.Arrays.equals(k.strides, rowMajor);
        }
        return shapeOut;
    }

    /** Something done with every tile of a range, e.g. writing the output or adding to an accumulator. */
    interface TileBody<P> {
        void accept(Tile tile, P partial);
    }

    /** Evaluates into the output array. */
    void run() {
        if (total == 0) return;
        forEachPart(() -> null, (tile, p) -> writer.write(root, tile));
    }

    /**
     * Runs {@code body} over every tile; with parallel parts each gets its own partial from {@code newPartial}.
     * Returns the parts' partials in part order, so merging them in list order is deterministic.
     */
    <P> List<P> forEachPart(java.util.function.Supplier<P> newPartial, TileBody<P> body) {
        return forEachRange(newPartial, (from, to, p) -> runRange(from, to, body, p));
    }

    /** Something done with one part's range of flat positions [from, to), tiles of {@link Tile#SIZE} from {@code from}. */
    interface RangeBody<P> {
        void accept(long from, long to, P partial);
    }

    /** As {@link #forEachPart}, but the body gets each part's whole range (same parts, same order). */
    <P> List<P> forEachRange(java.util.function.Supplier<P> newPartial, RangeBody<P> body) {
        long parts = (parallel && total >= PARALLEL_MIN_ELEMENTS && !SEQUENTIAL.isBound()) ? (total + PART_ELEMENTS - 1) / PART_ELEMENTS : 1;
        List<P> partials = new ArrayList<>();
        if (parts == 1) {
            P p = newPartial.get();
            body.accept(0, total, p);
            partials.add(p);
            return partials;
        }
        List<RecursiveAction> tasks = new ArrayList<>();
        for (long i = 0; i < parts; i++) {
            long from = i * PART_ELEMENTS, to = Math.min(total, from + PART_ELEMENTS);
            P p = newPartial.get();
            partials.add(p);
            tasks.add(new RecursiveAction() {
                @Override
                protected void compute() { body.accept(from, to, p); }
            });
        }
        ForkJoinTask.invokeAll(tasks);
        return partials;
    }

    private <P> void runRange(long from, long to, TileBody<P> body, P partial) {
        Tile tile = Tile.acquire(shape.length);
        try {
            tile.seek(from, shape);
            for (long pos = from; pos < to; ) {
                int len = (int) Math.min(Tile.SIZE, to - pos);
                tile.len = len;
                body.accept(tile, partial);
                pos += len;
                if (pos < to) tile.advance(len, shape);
            }
        } finally {
            tile.release();
        }
    }

    /** Writes the root's tile values into the output (directly when contiguous and the same storage type). */
    static final class OutWriter extends KStrided {
        final NDArray out;
        int spareId;

        OutWriter(NDArray out) {
            super(out.dtype);
            this.out = out;
        }

        void write(KNode root, Tile tile) {
            if (flat && t == DType.FLOAT64 && root.floatKind) {
                root.computeD(tile, (double[]) out.data, (int) (base + tile.start));
            } else if (flat && t == DType.INT64 && !root.floatKind) {
                root.computeL(tile, (long[]) out.data, (int) (base + tile.start));
            } else if (root.floatKind) {
                double[] v = root.readD(tile);
                if (tile.roff != 0) {
                    double[] b = tile.d(spareId);
                    System.arraycopy(v, tile.roff, b, 0, tile.len);
                    v = b;
                }
                walk(tile, v, 0);
            } else {
                long[] v = t == DType.BOOL ? root.readTruth(tile) : root.readL(tile);
                if (tile.roff != 0) {
                    long[] b = tile.l(spareId);
                    System.arraycopy(v, tile.roff, b, 0, tile.len);
                    v = b;
                }
                walk(tile, v, 0);
            }
        }

        @Override
        void run(long pos, long stride, Object src, int off, int n) {
            // here the walk's buffer is the source: the values to scatter into the output
            if (src instanceof double[] d) Storage.scatterD(t, out.data, (int) pos, (int) stride, d, off, n);
            else Storage.scatterL(t, out.data, (int) pos, (int) stride, (long[]) src, off, n);
        }
    }
}
