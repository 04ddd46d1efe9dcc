package dev.blockwork.array;

import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.Expr;
import dev.blockwork.ndarray.NDArray;
import java.util.Map;

/**
 * One node of the element-wise expression a fused {@link DArray} holds: leaves are materialised input arrays,
 * generators ({@code full}, {@code random}) and weak scalars; inner nodes apply an {@link ElementwiseOp}.
 * The tree knows nothing of chunks: {@link #toExpr} builds the NDArray {@link Expr} for any rectangular
 * region of the output, so one block task (or one strip of a block) evaluates the whole chain in one pass.
 *
 * <p>Each node carries a 0-d prototype {@link Expr} built from the same operations on 0-d leaves; its dtype
 * is the result dtype (NumPy rules, decided by the ndarray kernel) and building it rejects unsupported
 * dtypes early (e.g. negating bool).
 */
sealed interface FusedNode extends java.io.Serializable {
    /** Constant folding of operations on constants (system property {@code blockwork.array.constantFolding}, default true). */
    boolean CONSTANT_FOLDING = ArraySettings.CONSTANT_FOLDING.getBoolean();

    /** The broadcast shape of this node. */
    long[] shape();

    /**
     * What identifies this expression for a deterministic layer name ({@link dev.blockwork.graph.Tokens}): every
     * field that changes its values. Throws {@link dev.blockwork.graph.Tokens.NotTokenizable} where that is not
     * known (the layer then gets a unique name).
     */
    static Object tokenParts(FusedNode n) {
        return switch (n) {
            case Input i -> java.util.List.of("in", i.array().layerName(), i.array().dtype(), i.array().shape, i.array().chunks());
            case Full f -> java.util.List.of("full", f.value(), f.longValue(), f.integral(), f.dtype(), f.shape());
            case RandomLeaf r -> java.util.List.of("random", r.seed(), r.kind(), r.p0(), r.p1(), r.shape());
            case Scalar s -> {
                if (s.value() == null) throw new dev.blockwork.graph.Tokens.NotTokenizableValue(s);
                yield java.util.List.of("scalar", s.value(), s.proto().dtype());
            }
            case Apply a -> {
                Object[] args = new Object[a.args().length];
                for (int k = 0; k < args.length; k++) args[k] = tokenParts(a.args()[k]);
                yield java.util.List.of("apply", a.op(), a.cast() == null ? "-" : a.cast(), a.shape(), args);
            }
        };
    }

    /** A 0-d expression with the dtype this node evaluates to. */
    Expr proto();

    default DType dtype() { return proto().dtype(); }

    /**
     * The expression for the region {@code [off, off+len)} of the output (output rank {@code len.length});
     * {@code blocks} maps an input layer name to the fetched input block and its offset in the input.
     */
    Expr toExpr(long[] off, long[] len, long[] outShape, Map<String, Fetched> blocks);

    /** A fetched input block and where it starts in its array. */
    record Fetched(NDArray block, long[] offset) {}

    /**
     * A materialised input array; its chunks match the output chunks on the axes it does not broadcast.
     *
     * @param array the input, with a layer of blocks
     * @param proto a constant expression of its dtype, for promotion
     */
    record Input(DArray array, Expr proto) implements FusedNode {
        Input(DArray array) { this(array, Expr.full(0L, array.dtype())); }

        @Override public long[] shape() { return array.shape; }

        @Override
        public Expr toExpr(long[] off, long[] len, long[] outShape, Map<String, Fetched> blocks) {
            return Expr.of(region(off, len, outShape, blocks));
        }

        /** The fetched block's part that covers {@code [off, off+len)} of the output (a view; the block itself when whole). */
        NDArray region(long[] off, long[] len, long[] outShape, Map<String, Fetched> blocks) {
            Fetched f = blocks.get(array.layerName());
            long[] s = array.shape;
            long[][] reg = project(s, off, len, outShape);
            NDArray b = f.block();
            boolean whole = true;
            for (int i = 0; i < s.length; i++) {
                if (reg[0][i] != f.offset()[i] || reg[1][i] != b.shape(i)) { whole = false; break; }
            }
            if (!whole) {
                dev.blockwork.ndarray.Index[] ix = new dev.blockwork.ndarray.Index[s.length];
                for (int i = 0; i < s.length; i++) {
                    long lo = reg[0][i] - f.offset()[i];
                    ix[i] = dev.blockwork.ndarray.Index.range(lo, lo + reg[1][i]);
                }
                b = b.get(ix);
            }
            return b;
        }
    }

    /**
     * A constant-valued array of {@code shape} ({@code ones}, {@code zeros}, {@code full}); fuses creation.
     *
     * @param value     the value for a float dtype
     * @param longValue the value for an integer or bool dtype, all 64 bits
     * @param integral  whether {@code longValue} (not {@code value}) is the value
     * @param dtype     the array's dtype
     * @param shape     the array's shape
     */
    record Full(double value, long longValue, boolean integral, DType dtype, long[] shape) implements FusedNode {
        @Override public Expr proto() { return Expr.full(0L, dtype); }

        /** The value as a double (exact for floats and for integers below 2^53). */
        double asDouble() { return integral ? (double) longValue : value; }

        /** Fills {@code out} with this constant (a plain fill, no expression pass). */
        void fill(NDArray out) { ConstantFill.fill(out, this); }

        void fillSlow(NDArray out) {
            if (!integral || (long) (double) longValue == longValue) out.fill(asDouble());
            else out.assign(NDArray.full(longValue, dtype));
        }

        @Override public DType dtype() { return dtype; }

        @Override
        public Expr toExpr(long[] off, long[] len, long[] outShape, Map<String, Fetched> blocks) {
            long[] s = project(shape, off, len, outShape)[1];
            return integral ? Expr.full(longValue, dtype, s) : Expr.full(value, dtype, s);
        }
    }

    /**
     * Random values of {@code shape}, element {@code i} a function of (seed, global index i) only.
     *
     * @param seed  the generator's seed
     * @param kind  the distribution
     * @param p0    its first parameter: low (uniform, integers) or mean (normal)
     * @param p1    its second parameter: high (uniform, integers) or standard deviation (normal)
     * @param shape the array's shape
     */
    record RandomLeaf(long seed, RandomKind kind, double p0, double p1, long[] shape) implements FusedNode {
        @Override public Expr proto() { return Expr.full(0L, kind == RandomKind.INTEGERS ? DType.INT64 : DType.FLOAT64); }

        @Override
        public Expr toExpr(long[] off, long[] len, long[] outShape, Map<String, Fetched> blocks) {
            long[][] reg = project(shape, off, len, outShape);
            dev.blockwork.ndarray.Random rng = new dev.blockwork.ndarray.Random(seed);
            return switch (kind) {
                case UNIFORM -> rng.uniformExpr(p0, p1, reg[1], reg[0], shape);
                case NORMAL -> rng.normalExpr(p0, p1, reg[1], reg[0], shape);
                case INTEGERS -> rng.integersExpr((long) p0, (long) p1, reg[1], reg[0], shape);
            };
        }
    }

    /** Kinds of random leaves. */
    enum RandomKind { UNIFORM, NORMAL, INTEGERS }

    /**
     * A weak Python-like scalar operand ({@code x.mul(2)}): it takes the array's dtype where NumPy 2 says so;
     * {@code value} (a Double, Long or Boolean) names it in tokens, null if unknown.
     *
     * @param proto the scalar's expression
     * @param value the Java value, or {@code null} if unknown
     */
    record Scalar(Expr proto, Object value) implements FusedNode {
        Scalar(Expr proto) { this(proto, null); }

        static Scalar of(double v) { return new Scalar(Expr.scalar(v), v); }

        static Scalar of(long v) { return new Scalar(Expr.scalar(v), v); }

        static Scalar of(boolean v) { return new Scalar(Expr.scalar(v), v); }

        @Override public long[] shape() { return new long[0]; }

        @Override
        public Expr toExpr(long[] off, long[] len, long[] outShape, Map<String, Fetched> blocks) { return proto; }
    }

    /**
     * An operation on child nodes.
     *
     * @param op    the element-wise operation
     * @param cast  the dtype the result is cast to, or {@code null} for the operation's own
     * @param args  the operands
     * @param shape the broadcast shape of the operands
     * @param proto the expression over the operands' prototypes, giving the result dtype
     */
    record Apply(ElementwiseOp op, DType cast, FusedNode[] args, long[] shape, Expr proto) implements FusedNode {
        static FusedNode of(ElementwiseOp op, DType cast, FusedNode... args) {
            long[] s = new long[0];
            Expr[] protos = new Expr[args.length];
            boolean constant = CONSTANT_FOLDING;
            for (int i = 0; i < args.length; i++) {
                s = Broadcast.shapes(s, args[i].shape());
                protos[i] = args[i].proto();
                constant &= args[i] instanceof Full || args[i] instanceof Scalar;
            }
            Apply a = new Apply(op, cast, args, s, op.apply(protos, cast));
            return constant ? fold(a) : a;
        }

        /** An operation on constants is a constant: evaluate it once on 0-d values (errors keep it unfolded). */
        private static FusedNode fold(Apply a) {
            try {
                Expr[] e = new Expr[a.args.length];
                for (int i = 0; i < e.length; i++) {
                    e[i] = a.args[i] instanceof Full c ? (c.integral ? Expr.full(c.longValue, c.dtype) : Expr.full(c.value, c.dtype))
                            : a.args[i].proto();
                }
                NDArray v = a.op.apply(e, a.cast).evaluate(new long[0]);
                DType t = v.dtype();
                return t.isFloat() ? new Full(v.getDouble(), (long) v.getDouble(), false, t, a.shape)
                        : new Full(v.getLong(), v.getLong(), true, t, a.shape);
            } catch (RuntimeException e) {
                return a;
            }
        }

        @Override
        public Expr toExpr(long[] off, long[] len, long[] outShape, Map<String, Fetched> blocks) {
            Expr[] e = new Expr[args.length];
            for (int i = 0; i < args.length; i++) e[i] = args[i].toExpr(off, len, outShape, blocks);
            return op.apply(e, cast);
        }
    }

    /**
     * The region of a leaf of shape {@code leaf} (aligned to the right of the output) that feeds the output
     * region {@code [off, off+len)}: broadcast axes (length 1 in the leaf) map to {@code [0, 1)}.
     * Returns {offset, length}.
     */
    static long[][] project(long[] leaf, long[] off, long[] len, long[] outShape) {
        int lead = outShape.length - leaf.length;
        long[] o = new long[leaf.length], l = new long[leaf.length];
        for (int i = 0; i < leaf.length; i++) {
            int d = lead + i;
            if (leaf[i] == 1 && outShape[d] != 1) { o[i] = 0; l[i] = 1; } else { o[i] = off[d]; l[i] = len[d]; }
        }
        return new long[][] {o, l};
    }
}
