package dev.blockwork.array;

import dev.blockwork.graph.Graph;
import dev.blockwork.graph.Key;
import dev.blockwork.graph.Layer;
import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.Index;
import dev.blockwork.ndarray.NDArray;
import dev.blockwork.ndarray.QuantileMethod;
import dev.blockwork.ndarray.Shape;
import dev.blockwork.schedule.Compute;
import dev.blockwork.schedule.Computation;
import dev.blockwork.schedule.ComputeOptions;
import dev.blockwork.schedule.HeldResults;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A chunked, lazy n-dimensional array (Dask array for Java): a grid of {@link NDArray} blocks described by
 * {@link Chunks}, built as a task graph and computed by a Blockwork scheduler.
 *
 * <pre>{@code
 * import static dev.blockwork.array.DArrays.*;
 * DArray x = DArray.ones(shape(1000, 1000), chunks(100, 100));
 * DArray z = x.add(x.mul(2));          // one fused expression, no task yet
 * NDArray r = z.compute();             // 100 tasks, one per block, each one pass over tiles
 * double s = z.sum().compute().item(); // ones, maths and sum fused: x is never materialised
 * }</pre>
 *
 * <p><b>Fusion.</b> Element-wise operations and the generators {@code ones/zeros/full/random} do not add
 * layers: an element-wise DArray holds an expression over its materialised inputs, and each operation composes
 * expressions. The expression becomes one layer ({@code FusedLayer}, one task per block) only when another kind
 * of operation needs the blocks; reductions and {@code compute()} evaluate it inside their own block tasks.
 *
 * <p><b>Types.</b> float64, float32, int64, int32 and bool with NumPy 2 promotion; Java {@code double}/{@code long}
 * operands are weak scalars as Python's ({@code float32 * 2.0 → float32}).
 *
 * <p><b>Errors.</b> Shapes that do not broadcast, bad chunk specs, bad axes and dtypes an operation does not take
 * throw IllegalArgumentException when the array is built; indices out of range throw IndexOutOfBoundsException;
 * failures inside a block task surface from {@code compute()} as the scheduler's TaskFailedException naming the
 * block key.
 *
 * <p><b>Threading.</b> DArrays are immutable and thread-safe; several threads may build on and compute the same
 * array. Writes made by block tasks happen-before {@code compute()} returns (and before a
 * {@code computeAsync()} future completes).
 */
public final class DArray implements java.io.Serializable, dev.blockwork.schedule.Publishable {
    private static final long serialVersionUID = 1L;
    final long[] shape; // shared with the package, never written after construction; users get shape() or a copy
    private final Chunks chunks;
    private final DType dtype;
    private final String name;   // layer of this array's blocks; null while fused and not materialised
    private final Graph graph;   // every layer the blocks need (null while fused)
    private final FusedNode node; // non-null for fused element-wise arrays
    private volatile DArray materialized;

    private DArray(long[] shape, Chunks chunks, DType dtype, String name, Graph graph, FusedNode node) {
        this.shape = shape;
        this.chunks = chunks;
        this.dtype = dtype;
        this.name = name;
        this.graph = graph;
        this.node = node;
    }

    /** An array whose blocks are the keys of {@code layer}; {@code deps} holds the layers it depends on. */
    static DArray ofLayer(Layer layer, Graph deps, long[] shape, Chunks chunks, DType dtype) {
        return new DArray(shape, chunks, dtype, layer.name(), deps.with(layer), null);
    }

    /** A fused element-wise array. */
    static DArray fused(FusedNode node, long[] shape, Chunks chunks) {
        return new DArray(shape, chunks, node.dtype(), null, null, node);
    }

    // ================================================================== creation

    /** {@code ones(shape, chunks)} as float64. */
    public static DArray ones(Shape shape, ChunkSpec chunks) { return full(shape, chunks, 1L, DType.FLOAT64); }

    public static DArray ones(Shape shape, ChunkSpec chunks, DType dtype) { return full(shape, chunks, 1L, dtype); }

    public static DArray zeros(Shape shape, ChunkSpec chunks) { return full(shape, chunks, 0L, DType.FLOAT64); }

    public static DArray zeros(Shape shape, ChunkSpec chunks, DType dtype) { return full(shape, chunks, 0L, dtype); }

    /** Uninitialised in NumPy; here zeros (Java arrays are always initialised). */
    public static DArray empty(Shape shape, ChunkSpec chunks, DType dtype) { return zeros(shape, chunks, dtype); }

    /** An array of {@code value} (converted to {@code dtype}). */
    public static DArray full(Shape shape, ChunkSpec chunks, double value, DType dtype) {
        return full(shape.toArray(), Chunks.normalize(chunks, shape, dtype), value, dtype);
    }

    private static DArray full(long[] s, Chunks c, double value, DType dtype) {
        if (dtype == DType.BOOL) return full(s, c, value != 0 ? 1L : 0L, dtype);
        if (!dtype.isFloat()) return full(s, c, (long) value, dtype);
        return fused(new FusedNode.Full(value, (long) value, false, dtype, s), s, c);
    }

    /**
     * An integer-valued array keeping all 64 bits of {@code value}; for bool any non-zero value is {@code true}
     * (stored as 1, so {@code full(7L, BOOL).sum()} counts the elements, as NumPy). A value outside the int32 range
     * for an int32 array throws IllegalArgumentException (NumPy 2 raises OverflowError).
     */
    public static DArray full(Shape shape, ChunkSpec chunks, long value, DType dtype) {
        return full(shape.toArray(), Chunks.normalize(chunks, shape, dtype), value, dtype);
    }

    private static DArray full(long[] s, Chunks c, long value, DType dtype) {
        if (dtype == DType.BOOL) value = value != 0 ? 1 : 0;
        if (dtype == DType.INT32 && (int) value != value) {
            throw new IllegalArgumentException("got " + value + ", expected a value that fits int32 (" + Integer.MIN_VALUE
                    + " to " + Integer.MAX_VALUE + ") for full(..., INT32)");
        }
        return fused(new FusedNode.Full(value, value, true, dtype, s), s, c);
    }

    /** {@code np.zeros_like(x)}: zeros with x's shape, chunks and dtype (fused, no task until needed). */
    public static DArray zerosLike(DArray x) { return fullLike(x, 0L); }

    public static DArray onesLike(DArray x) { return fullLike(x, 1L); }

    /** {@code np.full_like(x, value)}: x's shape, chunks and dtype (the value converted to it). */
    public static DArray fullLike(DArray x, double value) { return full(x.shape.clone(), x.chunks, value, x.dtype); }

    public static DArray fullLike(DArray x, long value) { return full(x.shape.clone(), x.chunks, value, x.dtype); }

    /** {@code np.empty_like(x)}: zeros here (Java arrays are always initialised). */
    public static DArray emptyLike(DArray x) { return zerosLike(x); }

    /** {@code np.arange(start, stop, step)} in blocks: element i is {@code start + i*step} converted to {@code dtype}. */
    public static DArray arange(double start, double stop, double step, ChunkSpec chunks, DType dtype) {
        if (step == 0) throw new IllegalArgumentException("arange step must not be zero, got start=" + start + " stop=" + stop);
        long n = (long) Math.max(0, Math.ceil((stop - start) / step));
        Chunks c = Chunks.normalize(chunks, Shape.of(n), dtype);
        SourceLayer l = new SourceLayer(ArrayLayer.name("arange", start, stop, step, dtype, c), c, "arange", (o, len) -> {
            double[] v = new double[(int) len[0]];
            for (int i = 0; i < v.length; i++) v[i] = start + (o[0] + i) * step;
            return NDArray.fromArray(v).astype(dtype);
        });
        return ofLayer(l, Graph.empty(), new long[] {n}, c, dtype);
    }

    /** {@code np.arange(n)} as int64. */
    public static DArray arange(long n, ChunkSpec chunks) { return arange(0, n, 1, chunks, DType.INT64); }

    /** {@code np.linspace(start, stop, num, endpoint)} as float64. */
    public static DArray linspace(double start, double stop, long num, boolean endpoint, ChunkSpec chunks) {
        if (num < 0) throw new IllegalArgumentException("linspace needs num >= 0, got " + num);
        double div = endpoint ? num - 1 : num;
        double step = div > 0 ? (stop - start) / div : 0;
        Chunks c = Chunks.normalize(chunks, Shape.of(num), DType.FLOAT64);
        SourceLayer l = new SourceLayer(ArrayLayer.name("linspace", start, stop, num, endpoint, c), c, "linspace", (o, len) -> {
            double[] v = new double[(int) len[0]];
            for (int i = 0; i < v.length; i++) {
                long g = o[0] + i;
                v[i] = div > 0 ? start + g * step : start;
                if (endpoint && num > 1 && g == num - 1) v[i] = stop;
            }
            return NDArray.fromArray(v, len);
        });
        return ofLayer(l, Graph.empty(), new long[] {num}, c, DType.FLOAT64);
    }

    public static DArray linspace(double start, double stop, long num, ChunkSpec chunks) { return linspace(start, stop, num, true, chunks); }

    /** {@code np.eye(n, m, k)}: ones on the k-th diagonal. */
    public static DArray eye(long n, long m, long k, ChunkSpec chunks, DType dtype) {
        Chunks c = Chunks.normalize(chunks, Shape.of(n, m), dtype);
        SourceLayer l = new SourceLayer(ArrayLayer.name("eye", n, m, k, dtype, c), c, "eye", (o, len) -> {
            NDArray b = NDArray.zeros(dtype, len);
            for (long i = 0; i < len[0]; i++) {
                long j = o[0] + i + k - o[1];
                if (j >= 0 && j < len[1]) b.get(Index.at(i), Index.at(j)).fill(1);
            }
            return b;
        });
        return ofLayer(l, Graph.empty(), new long[] {n, m}, c, dtype);
    }

    public static DArray eye(long n, ChunkSpec chunks) { return eye(n, n, 0, chunks, DType.FLOAT64); }

    /** Cuts an in-memory array into blocks (the blocks are views; nothing is copied until a task needs it). */
    public static DArray fromArray(NDArray array, ChunkSpec chunks) {
        long[] s = array.shapeArray();
        Chunks c = Chunks.normalize(chunks, Shape.of(s), array.dtype());
        SourceLayer l = new SourceLayer(arrayName(array, c), c, "from-array",
                (o, len) -> o.length == 0 ? array : array.get(RechunkLayer.ranges(o, len, new long[o.length])), true);
        return ofLayer(l, Graph.empty(), s, c, array.dtype());
    }

    /** Largest in-memory array named by hashing its data (MD5 runs at about 0.6 GB/s); larger ones get unique names. */
    private static final long HASHED_ARRAY_BYTES = 16 << 20;

    private static String arrayName(NDArray a, Chunks c) {
        if (a.size() * a.dtype().itemSize() > HASHED_ARRAY_BYTES) return ArrayLayer.newName("array");
        return ArrayLayer.name("array", contents(a), c);
    }

    /** An in-memory array's token parts: dtype, shape and elements (hashed, as Dask's {@code tokenize} hashes data). */
    private static Object contents(NDArray a) {
        dev.blockwork.spi.BlockCodec.Flat f = new dev.blockwork.ndarray.NDArrayBlockCodec().flatten(a);
        Object data = f.array();
        if (f.offset() != 0 || java.lang.reflect.Array.getLength(data) != f.length()) data = slice(data, f.offset(), f.length());
        return java.util.List.of(f.dtype(), f.shape(), data);
    }

    private static Object slice(Object array, int offset, int length) {
        Object out = java.lang.reflect.Array.newInstance(array.getClass().getComponentType(), length);
        System.arraycopy(array, offset, out, 0, length);
        return out;
    }

    /** Copies a rectangular nested Java array ({@code double[][]}, {@code long[]}, {@code boolean[][][]}...) into blocks. */
    public static DArray fromArray(Object javaArray, ChunkSpec chunks) {
        if (javaArray instanceof NDArray a) return fromArray(a, chunks);
        return fromArray(NDArray.fromNested(javaArray), chunks);
    }

    /** An array whose element at global index {@code i} is {@code f(i)}, computed block by block. */
    public static DArray fromFunction(Shape shape, ChunkSpec chunks, DType dtype, NDArray.IndexFunction f) {
        long[] s = shape.toArray();
        Chunks c = Chunks.normalize(chunks, shape, dtype);
        SourceLayer l = new SourceLayer(ArrayLayer.newName("from-function"), c, "from-function", (o, len) -> {
            long[] g = new long[o.length];
            return NDArray.fromFunction(len, dtype, local -> {
                for (int d = 0; d < g.length; d++) g[d] = o[d] + local[d];
                return f.apply(g);
            });
        });
        return ofLayer(l, Graph.empty(), s, c, dtype);
    }

    /**
     * An array from in-memory blocks laid out on a grid of {@code grid} blocks (C order), like {@code da.block}:
     * blocks in one grid row must agree on their extents along the other axes.
     */
    public static DArray fromBlocks(int[] grid, NDArray... blocks) {
        return BlockAssembly.fromBlocks(grid, blocks);
    }

    /**
     * Dask's {@code from_delayed(value, shape, dtype)}: a one-block array computed by {@code value} (checked against
     * {@code shape} and {@code dtype} when computed); combine several with {@link #concatenate} or {@link #block}.
     */
    public static DArray fromDelayed(dev.blockwork.delayed.Delayed<NDArray> value, Shape shape, DType dtype) {
        return DelayedLayer.of(value, shape, dtype);
    }

    /**
     * A lazy array whose blocks are read on demand by {@code reader}, one task per block of {@code chunks} (Dask's
     * {@code from_delayed} over per-file or per-block readers): nothing is read until a compute needs the block, and
     * each block is released when its consumers have run. The reader must return blocks of the declared shape and
     * dtype (checked when read); see {@link BlockReader} for its threading and serialization contract.
     */
    public static DArray fromBlocks(Shape shape, ChunkSpec chunks, DType dtype, BlockReader reader) {
        return ReaderLayer.of(shape, chunks, dtype, "from-blocks", reader);
    }

    /**
     * Reads a Zarr v2 or v3 array lazily, one task per Zarr chunk (see {@link dev.blockwork.array.zarr.Zarr#read}).
     *
     * @throws java.io.IOException if the metadata is missing, unreadable or names something unsupported
     */
    public static DArray fromZarr(java.nio.file.Path path) throws java.io.IOException {
        return dev.blockwork.array.zarr.Zarr.read(path);
    }

    /**
     * Reads the array {@code name} (a path such as {@code "a/b"}) of the Zarr group at {@code group} lazily.
     *
     * @throws java.io.IOException if the metadata is missing, unreadable or names something unsupported
     */
    public static DArray fromZarr(java.nio.file.Path group, String name) throws java.io.IOException {
        return dev.blockwork.array.zarr.Zarr.read(group, name);
    }

    /** Reads a {@code .npy} file into blocks. */
    public static DArray fromNpy(java.nio.file.Path path, ChunkSpec chunks) throws java.io.IOException {
        return fromArray(NpyBridge.read(path), chunks);
    }

    // ================================================================== metadata

    /**
     * The extent of each axis, like Dask's {@code x.shape}; equal to {@code NDArray.shape()} of the computed
     * array. Prints as {@code (1000, 1000)}.
     *
     * @return the shape
     */
    public Shape shape() { return Shape.of(shape); }

    /**
     * The extents as a fresh {@code long[]}, for loops and index arithmetic; writing to it does not change
     * this array.
     *
     * @return a copy of the extents, outermost first
     */
    public long[] shapeArray() { return shape.clone(); }

    public int ndim() { return shape.length; }

    public long size() {
        long n = 1;
        for (long d : shape) n *= d;
        return n;
    }

    public DType dtype() { return dtype; }

    public Chunks chunks() { return chunks; }

    /** Number of blocks along every axis. */
    public int[] numBlocks() { return chunks.numBlocks(); }

    /** True while this array is a fused element-wise expression with no layer of its own. */
    public boolean isFused() { return node != null; }

    /** The name of the layer that holds this array's blocks (materialises a fused expression). */
    public String layerName() { return node == null ? name : materialize().name; }

    /** The task graph of this array's blocks (materialises a fused expression). */
    public Graph graph() { return node == null ? graph : materialize().graph; }

    /** The keys of this array's blocks, C order over the block grid. */
    public List<Key> keys() {
        String n = layerName();
        List<Key> ks = new ArrayList<>(chunks.blockCount());
        for (int i = 0, c = chunks.blockCount(); i < c; i++) ks.add(Key.of(n, chunks.blockIndex(i)));
        return ks;
    }

    /**
     * Draws this array's graph, like Dask's {@code visualize()}: the task graph when it has at most
     * {@link dev.blockwork.graph.GraphPicture#AUTO_TASK_LIMIT} tasks, else one node per operation (layer). A
     * file ending in {@code .dot} gets Graphviz's DOT; any other (normally {@code .svg}) gets SVG, with the DOT
     * beside it. Graphviz is used for the SVG when installed, a built-in layout otherwise.
     *
     * @param file where to write, e.g. {@code Path.of("array.svg")}
     * @return {@code file}
     * @throws java.io.IOException if the file cannot be written
     */
    public java.nio.file.Path visualize(java.nio.file.Path file) throws java.io.IOException {
        return dev.blockwork.graph.GraphPicture.of(graph(), keys(), dev.blockwork.graph.GraphPicture.Level.AUTO).write(file);
    }

    /** The expression node of this array: its own if fused, else a leaf for its blocks. */
    FusedNode node() { return node != null ? node : new FusedNode.Input(this); }

    /** This array with its fused expression turned into one layer (itself if already materialised). */
    DArray materialize() {
        if (node == null) return this;
        DArray m = materialized;
        if (m == null) {
            synchronized (this) {
                m = materialized;
                if (m == null) {
                    FusedBlocks fb = new FusedBlocks(node, shape, chunks);
                    FusedLayer layer = new FusedLayer(fusedName(node, chunks), fb, label(node));
                    m = ofLayer(layer, fb.inputGraph(), shape, chunks, dtype);
                    materialized = m;
                }
            }
        }
        return m;
    }

    /** The deterministic name of a fused expression's layer: its operation, inputs and constants, and its chunks. */
    static String fusedName(FusedNode node, Chunks chunks) {
        String label = label(node);
        try {
            return ArrayLayer.name(label, FusedNode.tokenParts(node), chunks);
        } catch (dev.blockwork.graph.Tokens.NotTokenizable e) {
            return ArrayLayer.newName(label);
        }
    }

    private static String label(FusedNode n) {
        return switch (n) {
            case FusedNode.Apply a -> a.op().label();
            case FusedNode.Full f -> "full";
            case FusedNode.RandomLeaf r -> "random-" + r.kind().name().toLowerCase(java.util.Locale.ROOT);
            case FusedNode.Input i -> "copy";
            case FusedNode.Scalar s -> "scalar";
        };
    }

    @Override
    public String toString() {
        return "DArray<shape=" + Shape.toString(shape) + ", dtype=" + dtype.numpyName() + ", chunksize="
                + Shape.toString(maxChunk()) + ", blocks=" + chunks.totalBlocks() + (node != null ? ", fused" : "") + ">";
    }

    private long[] maxChunk() {
        long[] m = new long[shape.length];
        for (int d = 0; d < m.length; d++) m[d] = chunks.maxSize(d);
        return m;
    }

    // ================================================================== element-wise (fused)

    static DArray apply(ElementwiseOp op, DType cast, Object... operands) {
        ComplexBlocks.refuse(op.name().toLowerCase(), operands);
        long[] out = new long[0];
        DArray[] arrays = new DArray[operands.length];
        for (int i = 0; i < operands.length; i++) {
            if (operands[i] instanceof DArray a) {
                arrays[i] = a;
                out = Broadcast.shapes(out, a.shape);
            }
        }
        Chunks c = Alignment.unify(out, arrays);
        FusedNode[] nodes = new FusedNode[operands.length];
        for (int i = 0; i < operands.length; i++) {
            nodes[i] = switch (operands[i]) {
                case DArray a -> Alignment.align(a.node(), out, c);
                case Double d -> FusedNode.Scalar.of(d);
                case Long l -> FusedNode.Scalar.of(l);
                case Integer l -> FusedNode.Scalar.of((long) l);
                case Boolean b -> FusedNode.Scalar.of(b);
                default -> throw new IllegalArgumentException("unsupported operand " + operands[i]);
            };
        }
        return fused(FusedNode.Apply.of(op, cast, nodes), out, c);
    }

    public DArray add(DArray o) {
        return ComplexBlocks.any(this, o) ? ComplexBlocks.binary(ComplexBlocks.Op.ADD, this, o) : apply(ElementwiseOp.ADD, null, this, o);
    }

    public DArray add(double v) {
        return dtype.isComplex() ? ComplexBlocks.binary(ComplexBlocks.Op.ADD, this, v) : apply(ElementwiseOp.ADD, null, this, v);
    }

    public DArray add(long v) { return apply(ElementwiseOp.ADD, null, this, v); }

    public DArray sub(DArray o) {
        return ComplexBlocks.any(this, o) ? ComplexBlocks.binary(ComplexBlocks.Op.SUB, this, o) : apply(ElementwiseOp.SUB, null, this, o);
    }

    public DArray sub(double v) {
        return dtype.isComplex() ? ComplexBlocks.binary(ComplexBlocks.Op.SUB, this, v) : apply(ElementwiseOp.SUB, null, this, v);
    }

    public DArray sub(long v) { return apply(ElementwiseOp.SUB, null, this, v); }

    /** {@code v - this}. */
    public DArray rsub(double v) { return apply(ElementwiseOp.SUB, null, v, this); }

    public DArray mul(DArray o) {
        return ComplexBlocks.any(this, o) ? ComplexBlocks.binary(ComplexBlocks.Op.MUL, this, o) : apply(ElementwiseOp.MUL, null, this, o);
    }

    public DArray mul(double v) {
        return dtype.isComplex() ? ComplexBlocks.binary(ComplexBlocks.Op.MUL, this, v) : apply(ElementwiseOp.MUL, null, this, v);
    }

    public DArray mul(long v) { return apply(ElementwiseOp.MUL, null, this, v); }

    /** True division (integers give float64). */
    public DArray div(DArray o) {
        return ComplexBlocks.any(this, o) ? ComplexBlocks.binary(ComplexBlocks.Op.DIV, this, o) : apply(ElementwiseOp.DIV, null, this, o);
    }

    public DArray div(double v) {
        return dtype.isComplex() ? ComplexBlocks.binary(ComplexBlocks.Op.DIV, this, v) : apply(ElementwiseOp.DIV, null, this, v);
    }

    public DArray div(long v) { return apply(ElementwiseOp.DIV, null, this, v); }

    /** {@code v / this}. */
    public DArray rdiv(double v) { return apply(ElementwiseOp.DIV, null, v, this); }

    public DArray rdiv(long v) { return apply(ElementwiseOp.DIV, null, v, this); }

    public DArray rsub(long v) { return apply(ElementwiseOp.SUB, null, v, this); }

    /** {@code v ** this}. */
    public DArray rpow(double v) { return apply(ElementwiseOp.POW, null, v, this); }

    public DArray rpow(long v) { return apply(ElementwiseOp.POW, null, v, this); }

    /** {@code v % this} (Python's sign rule). */
    public DArray rmod(double v) { return apply(ElementwiseOp.MOD, null, v, this); }

    public DArray rmod(long v) { return apply(ElementwiseOp.MOD, null, v, this); }

    /** {@code v // this}. */
    public DArray rfloorDivide(double v) { return apply(ElementwiseOp.FLOOR_DIVIDE, null, v, this); }

    public DArray rfloorDivide(long v) { return apply(ElementwiseOp.FLOOR_DIVIDE, null, v, this); }

    public DArray pow(DArray o) { return apply(ElementwiseOp.POW, null, this, o); }

    public DArray pow(double v) { return apply(ElementwiseOp.POW, null, this, v); }

    public DArray pow(long v) { return apply(ElementwiseOp.POW, null, this, v); }

    /** Element-wise minimum, NaN-propagating ({@code np.minimum}). */
    public DArray minimum(DArray o) { return apply(ElementwiseOp.MINIMUM, null, this, o); }

    public DArray minimum(double v) { return apply(ElementwiseOp.MINIMUM, null, this, v); }

    public DArray maximum(DArray o) { return apply(ElementwiseOp.MAXIMUM, null, this, o); }

    public DArray maximum(double v) { return apply(ElementwiseOp.MAXIMUM, null, this, v); }

    public DArray lt(DArray o) { return apply(ElementwiseOp.LT, null, this, o); }

    public DArray lt(double v) { return apply(ElementwiseOp.LT, null, this, v); }

    public DArray le(DArray o) { return apply(ElementwiseOp.LE, null, this, o); }

    public DArray le(double v) { return apply(ElementwiseOp.LE, null, this, v); }

    public DArray gt(DArray o) { return apply(ElementwiseOp.GT, null, this, o); }

    public DArray gt(double v) { return apply(ElementwiseOp.GT, null, this, v); }

    public DArray ge(DArray o) { return apply(ElementwiseOp.GE, null, this, o); }

    public DArray ge(double v) { return apply(ElementwiseOp.GE, null, this, v); }

    public DArray eq(DArray o) { return apply(ElementwiseOp.EQ, null, this, o); }

    public DArray eq(double v) { return apply(ElementwiseOp.EQ, null, this, v); }

    public DArray ne(DArray o) { return apply(ElementwiseOp.NE, null, this, o); }

    public DArray ne(double v) { return apply(ElementwiseOp.NE, null, this, v); }

    /** Logical and of bools (bitwise and of integers); floats throw IllegalArgumentException. */
    public DArray and(DArray o) { return apply(ElementwiseOp.AND, null, this, o); }

    public DArray or(DArray o) { return apply(ElementwiseOp.OR, null, this, o); }

    public DArray xor(DArray o) { return apply(ElementwiseOp.XOR, null, this, o); }

    /** Logical not of bools (bitwise invert of integers). */
    public DArray not() { return apply(ElementwiseOp.NOT, null, this); }

    /** Negation; bool throws IllegalArgumentException. */
    public DArray neg() { return apply(ElementwiseOp.NEG, null, this); }

    /** {@code np.abs}: the modulus (float64) for complex128. */
    public DArray abs() { return dtype.isComplex() ? ComplexBlocks.abs(this) : apply(ElementwiseOp.ABS, null, this); }

    public DArray sqrt() { return apply(ElementwiseOp.SQRT, null, this); }

    public DArray exp() { return apply(ElementwiseOp.EXP, null, this); }

    public DArray log() { return apply(ElementwiseOp.LOG, null, this); }

    public DArray sin() { return apply(ElementwiseOp.SIN, null, this); }

    public DArray cos() { return apply(ElementwiseOp.COS, null, this); }

    public DArray tanh() { return apply(ElementwiseOp.TANH, null, this); }

    public DArray floor() { return apply(ElementwiseOp.FLOOR, null, this); }

    public DArray ceil() { return apply(ElementwiseOp.CEIL, null, this); }

    /** Round half to even ({@code np.round}). */
    public DArray round() { return apply(ElementwiseOp.ROUND, null, this); }

    public DArray tan() { return apply(ElementwiseOp.TAN, null, this); }

    public DArray arcsin() { return apply(ElementwiseOp.ARCSIN, null, this); }

    public DArray arccos() { return apply(ElementwiseOp.ARCCOS, null, this); }

    public DArray arctan() { return apply(ElementwiseOp.ARCTAN, null, this); }

    public DArray sinh() { return apply(ElementwiseOp.SINH, null, this); }

    public DArray cosh() { return apply(ElementwiseOp.COSH, null, this); }

    /** {@code log(1 + x)}, accurate for small x. */
    public DArray log1p() { return apply(ElementwiseOp.LOG1P, null, this); }

    /** {@code exp(x) - 1}, accurate for small x. */
    public DArray expm1() { return apply(ElementwiseOp.EXPM1, null, this); }

    public DArray log2() { return apply(ElementwiseOp.LOG2, null, this); }

    public DArray log10() { return apply(ElementwiseOp.LOG10, null, this); }

    /** -1, 0 or 1 keeping the dtype ({@code np.sign}); NaN stays NaN; bool throws IllegalArgumentException. */
    public DArray sign() { return apply(ElementwiseOp.SIGN, null, this); }

    /** Rounds toward zero ({@code np.trunc}); integers unchanged. */
    public DArray trunc() { return apply(ElementwiseOp.TRUNC, null, this); }

    /** Bool: true where NaN (never for integers and bool). */
    public DArray isnan() { return apply(ElementwiseOp.ISNAN, null, this); }

    /** Bool: true where +inf or -inf. */
    public DArray isinf() { return apply(ElementwiseOp.ISINF, null, this); }

    /** Bool: true where neither NaN nor infinite. */
    public DArray isfinite() { return apply(ElementwiseOp.ISFINITE, null, this); }

    public DArray cbrt() { return apply(ElementwiseOp.CBRT, null, this); }

    /** {@code np.exp2}: {@code 2^x}. */
    public DArray exp2() { return apply(ElementwiseOp.EXP2, null, this); }

    public DArray arcsinh() { return apply(ElementwiseOp.ARCSINH, null, this); }

    public DArray arccosh() { return apply(ElementwiseOp.ARCCOSH, null, this); }

    public DArray arctanh() { return apply(ElementwiseOp.ARCTANH, null, this); }

    /** {@code np.i0}: the modified Bessel function of the first kind of order 0 (power series; see ElementMath). */
    public DArray i0() { return apply(ElementwiseOp.I0, null, this); }

    /** {@code np.copysign}: the magnitude of this with the sign of {@code o} (float results). */
    public DArray copysign(DArray o) { return apply(ElementwiseOp.COPYSIGN, null, this, o); }

    /** {@code np.nextafter}: the next representable value after this toward {@code o}. */
    public DArray nextafter(DArray o) { return apply(ElementwiseOp.NEXTAFTER, null, this, o); }

    /** {@code np.fmod}: C's remainder with the dividend's sign (integer {@code x fmod 0} is 0, float NaN). */
    public DArray fmod(DArray o) { return apply(ElementwiseOp.FMOD, null, this, o); }

    public DArray fmod(double v) { return apply(ElementwiseOp.FMOD, null, this, v); }

    /** {@code np.left_shift} of integers (counts outside 0..width-1 give 0, as NumPy). */
    public DArray leftShift(DArray o) { return apply(ElementwiseOp.LEFT_SHIFT, null, this, o); }

    public DArray leftShift(long v) { return apply(ElementwiseOp.LEFT_SHIFT, null, this, v); }

    /** {@code np.right_shift} of integers, arithmetic. */
    public DArray rightShift(DArray o) { return apply(ElementwiseOp.RIGHT_SHIFT, null, this, o); }

    public DArray rightShift(long v) { return apply(ElementwiseOp.RIGHT_SHIFT, null, this, v); }

    /** {@code np.bitwise_and} (logical for bool), as {@link #and}. */
    public DArray bitwiseAnd(DArray o) { return and(o); }

    public DArray bitwiseOr(DArray o) { return or(o); }

    public DArray bitwiseXor(DArray o) { return xor(o); }

    /** {@code np.invert}/{@code bitwise_not}, as {@link #not}. */
    public DArray invert() { return not(); }

    /** {@code np.isposinf}. */
    public DArray isposinf() { return dtype.isFloat() ? eq(Double.POSITIVE_INFINITY) : full(shape.clone(), chunks, 0L, DType.BOOL); }

    /** {@code np.isneginf}. */
    public DArray isneginf() { return dtype.isFloat() ? eq(Double.NEGATIVE_INFINITY) : full(shape.clone(), chunks, 0L, DType.BOOL); }

    /** Dask's {@code isnull} (pandas' name for {@code isnan}). */
    public DArray isnull() { return isnan(); }

    /** Dask's {@code notnull}: {@code ~isnan}. */
    public DArray notnull() { return isnan().not(); }

    /**
     * {@code np.frexp}: {@code [mantissa, exponent]} with {@code x = mantissa * 2^exponent}, |mantissa| in [0.5, 1)
     * (0, inf and NaN keep their value with exponent 0); the exponent is int32 as NumPy's.
     */
    public List<DArray> frexp() {
        DArray f = astype(DType.resultOfFloatFunction(dtype));
        DType t = f.dtype();
        DArray m = f.mapBlocks((b, info) -> {
            NDArray r = NDArray.zeros(t, b.shapeArray());
            for (long i = 0, n = b.size(); i < n; i++) r.setDoubleFlat(i, frexpParts(b.getDoubleFlat(i))[0]);
            return r;
        }, f.chunks(), t);
        DArray e = f.mapBlocks((b, info) -> {
            NDArray r = NDArray.zeros(DType.INT32, b.shapeArray());
            for (long i = 0, n = b.size(); i < n; i++) r.setLongFlat(i, (long) frexpParts(b.getDoubleFlat(i))[1]);
            return r;
        }, f.chunks(), DType.INT32);
        return List.of(m, e);
    }

    private static double[] frexpParts(double x) {
        if (x == 0 || !Double.isFinite(x)) return new double[] {x, 0};
        int e = Math.getExponent(x) + 1;
        if (e == Double.MIN_EXPONENT) e = Math.getExponent(x * 0x1p60) + 1 - 60; // subnormal
        return new double[] {Math.scalb(x, -e), e};
    }

    /** {@code np.positive}: the same values. */
    public DArray positive() { return this; }

    /** {@code np.negative}, as {@link #neg}. */
    public DArray negative() { return neg(); }

    /** {@code np.heaviside(x, h0)}: 0 below zero, 1 above, {@code h0} at zero; NaN stays NaN. */
    public DArray heaviside(double h0) {
        DArray f = astype(DType.resultOfFloatFunction(dtype));
        return where(f.lt(0.0), 0.0, where(f.gt(0.0), 1.0, where(f.eq(0.0), h0, f)));
    }

    /** {@code np.spacing}: the distance to the next representable value away from zero. */
    public DArray spacing() {
        DArray f = astype(DType.resultOfFloatFunction(dtype));
        DArray up = f.nextafter(fullLike(f, Double.POSITIVE_INFINITY)), down = f.nextafter(fullLike(f, Double.NEGATIVE_INFINITY));
        return where(f.signbit(), down.sub(f), up.sub(f));
    }

    /** {@code np.real}: the real part (float64) of complex128; real dtypes are returned as they are. */
    public DArray real() { return dtype.isComplex() ? ComplexBlocks.real(this) : this; }

    /** {@code np.imag}: the imaginary part (float64) of complex128; zeros of this shape for real dtypes. */
    public DArray imag() { return dtype.isComplex() ? ComplexBlocks.imag(this) : zerosLike(this); }

    /** {@code np.conj}: the complex conjugate; real dtypes are returned as they are. */
    public DArray conj() { return dtype.isComplex() ? ComplexBlocks.conj(this) : this; }

    /** {@code np.angle}: {@code atan2(imag, real)}; for real dtypes 0 for non-negative values, pi for negative, NaN for NaN. */
    public DArray angle() {
        return dtype.isComplex() ? ComplexBlocks.angle(this) : zerosLike(this).astype(DType.resultOfFloatFunction(dtype)).arctan2(this);
    }

    /** {@code np.isreal}: true where the imaginary part is 0 (everywhere for real dtypes). */
    public DArray isreal() { return dtype.isComplex() ? imag().eq(0.0) : full(shape.clone(), chunks, 1L, DType.BOOL); }

    /** {@code np.iscomplex}: true where the imaginary part is not 0 (nowhere for real dtypes). */
    public DArray iscomplex() { return dtype.isComplex() ? imag().ne(0.0) : full(shape.clone(), chunks, 0L, DType.BOOL); }

    /** {@code re + 1j * im} (complex128) with broadcasting; both parts real. */
    public static DArray complex(DArray re, DArray im) { return ComplexBlocks.complex(re, im); }

    /** {@code da.fft.fft(x, n, axis)} (see {@link Fft}: the axis is rechunked into one chunk); {@code n = -1} keeps the length. */
    public DArray fft(long n, int axis) { return Fft.fft(this, n, axis, dev.blockwork.ndarray.Fft.Norm.BACKWARD); }

    /** {@code da.fft.ifft(x, n, axis)}. */
    public DArray ifft(long n, int axis) { return Fft.ifft(this, n, axis, dev.blockwork.ndarray.Fft.Norm.BACKWARD); }

    /** {@code da.fft.rfft(x, n, axis)}. */
    public DArray rfft(long n, int axis) { return Fft.rfft(this, n, axis, dev.blockwork.ndarray.Fft.Norm.BACKWARD); }

    /** {@code da.fft.irfft(x, n, axis)}. */
    public DArray irfft(long n, int axis) { return Fft.irfft(this, n, axis, dev.blockwork.ndarray.Fft.Norm.BACKWARD); }

    /** {@code da.fft.fft2(x)}: the last two axes, one after the other (each rechunked into one chunk in turn). */
    public DArray fft2() { return Fft.fft2(this); }

    /** {@code da.fft.ifft2(x)}. */
    public DArray ifft2() { return Fft.ifft2(this); }

    /** {@code da.fft.fftn(x, axes=axes)}; null axes is every axis. */
    public DArray fftn(int... axes) { return Fft.fftn(this, null, axes.length == 0 ? null : axes, dev.blockwork.ndarray.Fft.Norm.BACKWARD); }

    /** {@code da.fft.ifftn(x, axes=axes)}. */
    public DArray ifftn(int... axes) { return Fft.ifftn(this, null, axes.length == 0 ? null : axes, dev.blockwork.ndarray.Fft.Norm.BACKWARD); }

    /** {@code np.square}: {@code x * x} in x's dtype. */
    public DArray square() { return mul(this); }

    /**
     * {@code np.reciprocal}: {@code 1 / x}; as NumPy, integers stay integers (C division: 1 and -1 keep their value,
     * others give 0, and {@code 1 / 0} gives the dtype's minimum as NumPy on x86-64). Bool throws IllegalArgumentException.
     */
    public DArray reciprocal() { return Composites.reciprocal(this); }

    /** {@code np.logaddexp}: {@code log(exp(a) + exp(b))} without overflow ({@code max + log1p(exp(-|a - b|))}). */
    public DArray logaddexp(DArray o) { return Composites.logaddexp(this, o, false); }

    /** {@code np.logaddexp2}: {@code log2(2^a + 2^b)}. */
    public DArray logaddexp2(DArray o) { return Composites.logaddexp(this, o, true); }

    /**
     * {@code np.isclose(a, b, rtol, atol, equal_nan)}: {@code |a - b| <= atol + rtol * |b|} for finite values, equality
     * for infinities, and NaN equal to NaN only with {@code equalNan}.
     */
    public DArray isclose(DArray b, double rtol, double atol, boolean equalNan) { return Composites.isclose(this, b, rtol, atol, equalNan); }

    public DArray isclose(DArray b) { return isclose(b, 1e-5, 1e-8, false); }

    /** {@code np.allclose}: {@code isclose(...).all()}, a 0-d bool array. */
    public DArray allclose(DArray b, double rtol, double atol, boolean equalNan) { return isclose(b, rtol, atol, equalNan).all(); }

    public DArray allclose(DArray b) { return allclose(b, 1e-5, 1e-8, false); }

    /** {@code np.around}, as {@link #round(int)}. */
    public DArray around(int decimals) { return round(decimals); }

    /** {@code np.round(x, decimals)}: {@code rint(x * 10^d) / 10^d} as NumPy computes it; integers with d >= 0 unchanged. */
    public DArray round(int decimals) { return Composites.round(this, decimals); }

    /** {@code np.fix}: rounds toward zero, as {@link #trunc}. */
    public DArray fix() { return trunc(); }

    /** {@code np.deg2rad}/{@code radians}: float results. */
    public DArray deg2rad() { return astype(DType.resultOfFloatFunction(dtype)).mul(Math.PI / 180); }

    /** {@code np.rad2deg}/{@code degrees}: float results. */
    public DArray rad2deg() { return astype(DType.resultOfFloatFunction(dtype)).mul(180 / Math.PI); }

    /** {@code np.fmax}: the larger element, ignoring a NaN when the other is not NaN (NaN only if both are). */
    public DArray fmax(DArray o) { return where(isnan(), o, where(o.isnan(), this, maximum(o))); }

    /** {@code np.fmin}: the smaller element, ignoring a NaN when the other is not NaN. */
    public DArray fmin(DArray o) { return where(isnan(), o, where(o.isnan(), this, minimum(o))); }

    /** {@code np.arctan2(this, x)}: the angle of the point (x, this) in radians. */
    public DArray arctan2(DArray x) { return apply(ElementwiseOp.ARCTAN2, null, this, x); }

    /** {@code np.hypot}: {@code sqrt(this^2 + o^2)} without intermediate overflow. */
    public DArray hypot(DArray o) { return apply(ElementwiseOp.HYPOT, null, this, o); }

    /**
     * {@code np.remainder}/{@code np.mod} (Python {@code %}): the result takes the divisor's sign; integer {@code x % 0}
     * is 0, float {@code x % 0} is NaN (NumPy, which also warns).
     */
    public DArray mod(DArray o) { return apply(ElementwiseOp.MOD, null, this, o); }

    public DArray mod(double v) { return apply(ElementwiseOp.MOD, null, this, v); }

    public DArray mod(long v) { return apply(ElementwiseOp.MOD, null, this, v); }

    /** {@code np.remainder} is {@link #mod}. */
    public DArray remainder(DArray o) { return mod(o); }

    /** {@code np.floor_divide} (Python {@code //}): integer {@code x // 0} is 0, float {@code x // 0} is {@code x / 0}. */
    public DArray floorDivide(DArray o) { return apply(ElementwiseOp.FLOOR_DIVIDE, null, this, o); }

    public DArray floorDivide(double v) { return apply(ElementwiseOp.FLOOR_DIVIDE, null, this, v); }

    public DArray floorDivide(long v) { return apply(ElementwiseOp.FLOOR_DIVIDE, null, this, v); }

    public DArray minimum(long v) { return apply(ElementwiseOp.MINIMUM, null, this, v); }

    public DArray maximum(long v) { return apply(ElementwiseOp.MAXIMUM, null, this, v); }

    /**
     * {@code np.clip(x, lo, hi)}: {@code minimum(maximum(x, lo), hi)}, so NaN propagates and {@code lo > hi} gives
     * {@code hi} everywhere, as NumPy. Weak scalar bounds follow NumPy 2 (float bounds on an int array give float64).
     */
    public DArray clip(double lo, double hi) { return maximum(lo).minimum(hi); }

    public DArray clip(long lo, long hi) { return maximum(lo).minimum(hi); }

    public DArray clip(DArray lo, DArray hi) { return maximum(lo).minimum(hi); }

    /** {@code np.logical_and}: both operands tested for truth ({@code != 0}, NaN true), bool result. */
    public DArray logicalAnd(DArray o) { return astype(DType.BOOL).and(o.astype(DType.BOOL)); }

    public DArray logicalOr(DArray o) { return astype(DType.BOOL).or(o.astype(DType.BOOL)); }

    public DArray logicalXor(DArray o) { return astype(DType.BOOL).xor(o.astype(DType.BOOL)); }

    public DArray logicalNot() { return astype(DType.BOOL).not(); }

    /** Converts to {@code t} (floats to ints truncate toward zero). */
    public DArray astype(DType t) {
        if (t == dtype) return this;
        return t.isComplex() || dtype.isComplex() ? ComplexBlocks.astype(this, t) : apply(ElementwiseOp.ASTYPE, t, this);
    }

    /** {@code np.where(cond, a, b)} with broadcasting; the dtype promotes {@code a} and {@code b}. */
    public static DArray where(DArray cond, DArray a, DArray b) { return apply(ElementwiseOp.WHERE, null, cond, a, b); }

    public static DArray where(DArray cond, DArray a, double b) { return apply(ElementwiseOp.WHERE, null, cond, a, b); }

    public static DArray where(DArray cond, double a, double b) { return apply(ElementwiseOp.WHERE, null, cond, a, b); }

    public static DArray where(DArray cond, double a, DArray b) { return apply(ElementwiseOp.WHERE, null, cond, a, b); }

    public static DArray where(DArray cond, long a, DArray b) { return apply(ElementwiseOp.WHERE, null, cond, a, b); }

    public static DArray where(DArray cond, DArray a, long b) { return apply(ElementwiseOp.WHERE, null, cond, a, b); }

    // ================================================================== chunks

    /** The same values in a new block structure (fused arrays only change their block grid: no tasks). */
    public DArray rechunk(ChunkSpec spec) { return rechunk(Chunks.normalize(spec, Shape.of(shape), dtype, chunks)); }

    /** The same values in the given concrete block structure. */
    public DArray rechunk(Chunks target) {
        if (!Arrays.equals(target.shapeArray(), shape)) {
            throw new IllegalArgumentException("got chunks " + target + " covering shape " + target.shape()
                    + ", expected chunks for shape " + Shape.toString(shape));
        }
        if (target.equals(chunks)) return this;
        if (node != null) return fused(Alignment.align(node, shape, target), shape, target);
        RechunkLayer l = new RechunkLayer(ArrayLayer.name("rechunk", layerName(), target), this, target);
        return ofLayer(l, graph, shape, target, dtype);
    }

    // ================================================================== reductions

    /**
     * The axes argument meaning "every axis" (NumPy/Dask {@code axis=None}); it is {@code null}. An empty array
     * means no axis (NumPy {@code axis=()}): {@code x.sum(new int[0])} has x's shape. The no-argument forms
     * ({@code sum()}, {@code max()}...) reduce every axis.
     */
    public static final int[] ALL_AXES = null;

    /**
     * A reduction over {@code axes} ({@link #ALL_AXES} = every axis, empty = none), the tree combine with fan-in
     * {@code splitEvery}.
     */
    public DArray reduce(Reduction op, int[] axes, boolean keepDims, int ddof, int splitEvery) {
        return ReductionBuilder.build(this, op, axes, keepDims, ddof, splitEvery);
    }

    private DArray reduce(Reduction op, int[] axes, boolean keepDims) {
        return reduce(op, axes, keepDims, 0, ReductionBuilder.DEFAULT_SPLIT_EVERY);
    }

    /** A block's partial for {@link #reduction}: reduce {@code block} over {@code axes}, keeping them at length 1. */
    @FunctionalInterface
    public interface ChunkReduce extends java.io.Serializable {
        NDArray apply(NDArray block, int[] axes);
    }

    /** Merges two partials of the same cells (same shape) for {@link #reduction}. */
    @FunctionalInterface
    public interface Combine extends java.io.Serializable {
        NDArray apply(NDArray a, NDArray b);
    }

    /** The final values of a fully merged partial (keepdims shape) for {@link #reduction}. */
    @FunctionalInterface
    public interface Aggregate extends java.io.Serializable {
        NDArray apply(NDArray partial);
    }

    /**
     * Dask's {@code da.reduction(x, chunk, aggregate, combine=..., axis, keepdims, dtype, split_every)}: {@code chunk}
     * reduces each block (or strip) over the axes keeping them, {@code combine} merges partials pairwise in the tree,
     * {@code aggregate} turns the last partial into the result (with the reduced axes of length 1; they are dropped
     * unless {@code keepDims}). E.g. a sum of squares: {@code chunk = (b, ax) -> b.expr().mul(b.expr()).evaluate().sum(ax, true)},
     * {@code combine = (p, q) -> p.add(q)}, {@code aggregate = p -> p}.
     */
    public DArray reduction(ChunkReduce chunk, Combine combine, Aggregate aggregate, int[] axes, boolean keepDims, DType outDtype) {
        return ReductionBuilder.build(this, new UserReducer(chunk, combine, aggregate, outDtype, shape.length), "reduction", axes,
                keepDims, ReductionBuilder.DEFAULT_SPLIT_EVERY);
    }

    /** Sum of every element (ints and bool give int64), a 0-d array. */
    public DArray sum() { return reduce(Reduction.SUM, null, false); }

    public DArray sum(int... axes) { return reduce(Reduction.SUM, axes, false); }

    public DArray sum(int[] axes, boolean keepDims) { return reduce(Reduction.SUM, axes, keepDims); }

    public DArray prod() { return reduce(Reduction.PROD, null, false); }

    public DArray prod(int... axes) { return reduce(Reduction.PROD, axes, false); }

    public DArray prod(int[] axes, boolean keepDims) { return reduce(Reduction.PROD, axes, keepDims); }

    public DArray min() { return reduce(Reduction.MIN, null, false); }

    public DArray min(int... axes) { return reduce(Reduction.MIN, axes, false); }

    public DArray min(int[] axes, boolean keepDims) { return reduce(Reduction.MIN, axes, keepDims); }

    public DArray max() { return reduce(Reduction.MAX, null, false); }

    public DArray max(int... axes) { return reduce(Reduction.MAX, axes, false); }

    public DArray max(int[] axes, boolean keepDims) { return reduce(Reduction.MAX, axes, keepDims); }

    public DArray mean() { return reduce(Reduction.MEAN, null, false); }

    public DArray mean(int... axes) { return reduce(Reduction.MEAN, axes, false); }

    public DArray mean(int[] axes, boolean keepDims) { return reduce(Reduction.MEAN, axes, keepDims); }

    /** Variance (population, ddof 0) of every element. */
    public DArray var() { return reduce(Reduction.VAR, null, false); }

    public DArray var(int... axes) { return reduce(Reduction.VAR, axes, false); }

    public DArray var(int ddof, int[] axes, boolean keepDims) {
        return reduce(Reduction.VAR, axes, keepDims, ddof, ReductionBuilder.DEFAULT_SPLIT_EVERY);
    }

    public DArray std() { return reduce(Reduction.STD, null, false); }

    public DArray std(int... axes) { return reduce(Reduction.STD, axes, false); }

    public DArray std(int ddof, int[] axes, boolean keepDims) {
        return reduce(Reduction.STD, axes, keepDims, ddof, ReductionBuilder.DEFAULT_SPLIT_EVERY);
    }

    public DArray any() { return reduce(Reduction.ANY, null, false); }

    public DArray any(int... axes) { return reduce(Reduction.ANY, axes, false); }

    public DArray any(int[] axes, boolean keepDims) { return reduce(Reduction.ANY, axes, keepDims); }

    public DArray all() { return reduce(Reduction.ALL, null, false); }

    public DArray all(int... axes) { return reduce(Reduction.ALL, axes, false); }

    public DArray all(int[] axes, boolean keepDims) { return reduce(Reduction.ALL, axes, keepDims); }

    /** {@code np.nansum}: NaNs count as 0 (all-NaN gives 0); integers and bool as {@link #sum}. */
    public DArray nansum() { return NanReductions.nansum(this, null, false); }

    public DArray nansum(int[] axes, boolean keepDims) { return NanReductions.nansum(this, axes, keepDims); }

    /** {@code np.nanmean}: the mean of the non-NaN elements (all-NaN gives NaN). */
    public DArray nanmean() { return NanReductions.nanmean(this, null, false); }

    public DArray nanmean(int[] axes, boolean keepDims) { return NanReductions.nanmean(this, axes, keepDims); }

    /** {@code np.nanmin}: the smallest non-NaN element (all-NaN gives NaN); empty throws as {@link #min}. */
    public DArray nanmin() { return NanReductions.nanmin(this, null, false, false); }

    public DArray nanmin(int[] axes, boolean keepDims) { return NanReductions.nanmin(this, axes, keepDims, false); }

    public DArray nanmax() { return NanReductions.nanmin(this, null, false, true); }

    public DArray nanmax(int[] axes, boolean keepDims) { return NanReductions.nanmin(this, axes, keepDims, true); }

    /** {@code np.nanprod}: NaNs count as 1. */
    public DArray nanprod() { return NanReductions.nanprod(this, null, false); }

    public DArray nanprod(int[] axes, boolean keepDims) { return NanReductions.nanprod(this, axes, keepDims); }

    /** {@code np.nanvar(x, ddof=ddof)}: the variance of the non-NaN elements ({@code ddof >= count} gives inf or NaN). */
    public DArray nanvar(int ddof, int[] axes, boolean keepDims) { return NanReductions.nanvar(this, ddof, axes, keepDims, false); }

    public DArray nanstd(int ddof, int[] axes, boolean keepDims) { return NanReductions.nanvar(this, ddof, axes, keepDims, true); }

    /** {@code np.nanargmin}: the flat index of the smallest non-NaN element (all-NaN: 0, where NumPy raises). */
    public DArray nanargmin() { return NanReductions.nanarg(this, null, false); }

    public DArray nanargmin(int axis) { return NanReductions.nanarg(this, axis, false); }

    public DArray nanargmax() { return NanReductions.nanarg(this, null, true); }

    public DArray nanargmax(int axis) { return NanReductions.nanarg(this, axis, true); }

    /** {@code np.nancumsum(x, axis)}: NaNs count as 0. */
    public DArray nancumsum(int axis) { return NanReductions.nancumulative(this, axis, false); }

    public DArray nancumprod(int axis) { return NanReductions.nancumulative(this, axis, true); }

    /**
     * {@code np.percentile(x, q, axis)} (method "linear"; Dask's {@code percentile} along an axis): the axis is made one
     * block (a rechunk), then every block's lanes are sorted and interpolated; float64 (float32 for float32).
     */
    public DArray percentile(double q, int axis) { return Quantile.along(this, q, axis, false); }

    /** {@code np.nanpercentile(x, q, axis)}: NaNs ignored. */
    public DArray nanpercentile(double q, int axis) { return Quantile.along(this, q, axis, true); }

    /** {@code np.quantile(x, q, axis)} with {@code q} in [0, 1]. */
    public DArray quantile(double q, int axis) { return Quantile.along(this, q * 100, axis, false); }

    /** {@code np.nanquantile(x, q, axis)} with {@code q} in [0, 1]. */
    public DArray nanquantile(double q, int axis) { return Quantile.along(this, q * 100, axis, true); }

    /**
     * Dask's {@code moment(x, order, axis)}: the central moment {@code mean((x - mean(x))^order)} along {@code axes}
     * (all when null), float64 (float32 for float32).
     */
    public DArray moment(int order, int[] axes) {
        DArray f = astype(DType.resultOfMean(dtype));
        return f.sub(f.mean(axes, true)).pow((long) order).mean(axes, false);
    }

    /**
     * Dask's {@code coarsen(reduction, x, {axis: factor})}: every {@code factors[d]} consecutive cells along axis d are
     * reduced to one (the axis length must be a multiple of its factor; 1 leaves an axis alone). A reshape that
     * splits each axis into (length / factor, factor), then the reduction over the factor axes.
     */
    public DArray coarsen(Reduction op, long[] factors) {
        if (factors.length != shape.length) {
            throw new IllegalArgumentException("got " + factors.length + " factors, expected one per axis of " + Shape.toString(shape));
        }
        long[] split = new long[2 * shape.length];
        int[] inner = new int[shape.length];
        for (int d = 0; d < shape.length; d++) {
            if (factors[d] <= 0 || shape[d] % factors[d] != 0) {
                throw new IllegalArgumentException("got factor " + factors[d] + " for axis " + d + " of length " + shape[d]
                        + ", expected a positive divisor of the length");
            }
            split[2 * d] = shape[d] / factors[d];
            split[2 * d + 1] = factors[d];
            inner[d] = 2 * d + 1;
        }
        return reshape(split).reduce(op, inner, false, 0, ReductionBuilder.DEFAULT_SPLIT_EVERY);
    }

    /** {@code np.median(x, axis)}. */
    public DArray median(int axis) { return Quantile.along(this, 50, axis, false); }

    /** {@code np.median(x, axis=axes)}, exact: the axes (null: all) are moved last and merged into one chunk per lane. */
    public DArray median(int[] axes) { return Quantile.alongAxes(this, 50, axes, false, QuantileMethod.LINEAR); }

    /** {@code np.nanmedian(x, axis=axes)}, exact. */
    public DArray nanmedian(int[] axes) { return Quantile.alongAxes(this, 50, axes, true, QuantileMethod.LINEAR); }

    /** {@code np.percentile(x, q, axis, method=method)}, exact (the axis is rechunked whole). */
    public DArray percentile(double q, int axis, QuantileMethod method) { return Quantile.along(this, q, axis, false, method); }

    /** {@code np.nanpercentile(x, q, axis, method=method)}, exact. */
    public DArray nanpercentile(double q, int axis, QuantileMethod method) { return Quantile.along(this, q, axis, true, method); }

    /** {@code np.percentile(x, q, axis=axes, method=method)}, exact over several axes (null: all). */
    public DArray percentile(double q, int[] axes, QuantileMethod method) { return Quantile.alongAxes(this, q, axes, false, method); }

    /**
     * Dask's {@code da.percentile(x, q)} over all elements: approximate (per-block percentiles merged by weight, as
     * Dask's {@code merge_percentiles}; see {@link Quantile}), float64 of shape {@code (q.length,)}; exact with one block.
     * Use {@link #percentile(double, int[], QuantileMethod)} for the exact value.
     */
    public DArray percentile(double... q) { return Quantile.approximate(this, q, false); }

    /** {@link #percentile(double...)} ignoring NaNs. */
    public DArray nanpercentileApprox(double... q) { return Quantile.approximate(this, q, true); }

    /** {@code np.nanmedian(x, axis)}. */
    public DArray nanmedian(int axis) { return Quantile.along(this, 50, axis, true); }

    /** {@code np.ptp}: {@code max - min} over the axes (NaN-propagating). */
    public DArray ptp(int[] axes, boolean keepDims) { return max(axes, keepDims).sub(min(axes, keepDims)); }

    public DArray ptp() { return max().sub(min()); }

    /**
     * {@code np.average(x, axis, weights)}: {@code sum(x * w) / sum(w)} along {@code axis}; {@code weights} has x's
     * shape or is 1-D with x's length along {@code axis} (NumPy's two forms). Float64 (float32 for float32 operands).
     */
    public DArray average(DArray weights, int axis) { return Statistics.average(this, weights, axis); }

    /** {@code np.count_nonzero}: the int64 number of elements that are not zero (NaN is not zero). */
    public DArray countNonzero() { return NanReductions.countNonzero(this, null, false); }

    public DArray countNonzero(int[] axes, boolean keepDims) { return NanReductions.countNonzero(this, axes, keepDims); }

    /**
     * {@code np.cumsum(x, axis)}: int32 and bool accumulate as int64, floats in their own dtype, in sequence along the
     * axis. Three layers: a scan per block, a carry chain along the axis, and one combine per block.
     */
    public DArray cumsum(int axis) { return CumulativeLayer.cumulative(this, axis, false); }

    /** {@code np.cumsum(x)} without an axis: over the flattened array (C order). */
    public DArray cumsum() { return ravel().cumsum(0); }

    /** {@code np.cumprod(x, axis)}, with {@link #cumsum}'s dtypes. */
    public DArray cumprod(int axis) { return CumulativeLayer.cumulative(this, axis, true); }

    public DArray cumprod() { return ravel().cumprod(0); }

    /** {@code np.maximum.accumulate(x, axis)}: running maxima along the axis (NaN-propagating). */
    public DArray cummax(int axis) { return CumulativeLayer.cumulative(this, axis, CumulativeLayer.Op.MAX); }

    /**
     * Dask's {@code push(x, n, axis)}: forward fill of NaNs along the axis with the last non-NaN value, at most
     * {@code limit} positions after it ({@code limit < 0}: no limit). Integers and bool have no NaN: unchanged.
     */
    public DArray push(long limit, int axis) {
        if (!dtype.isFloat()) return this;
        int a = ShapeOps.axis(axis, shape.length);
        DArray filled = CumulativeLayer.cumulative(this, a, CumulativeLayer.Op.FFILL);
        if (limit < 0) return filled;
        long[] s1 = new long[shape.length];
        Arrays.fill(s1, 1);
        s1[a] = shape[a];
        DArray pos = arange(0, shape[a], 1, Chunks.explicit(chunks.sizes(a)), DType.INT64).reshape(s1);
        DArray lastValid = where(isnan(), -1L, pos.broadcastTo(Shape.of(shape)).rechunk(chunks)).cummax(a);
        return where(lastValid.ge(0.0).and(pos.sub(lastValid).le((double) limit)), filled, Double.NaN).astype(dtype);
    }

    /** {@code np.diff(x, n, axis)}: the n-th discrete difference along the axis (bool operands use {@code !=}). */
    public DArray diff(int n, int axis) { return Rearrange.diff(this, n, axis); }

    /** {@code np.diff(x)}: the first difference along the last axis. */
    public DArray diff() { return Rearrange.diff(this, 1, -1); }

    /** Flat C-order index of the smallest element (first NaN if any), a 0-d int64 array. */
    public DArray argmin() { return reduce(Reduction.ARGMIN, null, false); }

    /** Indices (int64) of the smallest elements along {@code axis}. */
    public DArray argmin(int axis) { return reduce(Reduction.ARGMIN, new int[] {axis}, false); }

    public DArray argmax() { return reduce(Reduction.ARGMAX, null, false); }

    public DArray argmax(int axis) { return reduce(Reduction.ARGMAX, new int[] {axis}, false); }

    // ================================================================== indexing and shape

    /**
     * NumPy basic indexing: {@code x.get(Index.at(2), Index.range(null, null, -2), Index.newAxis())} is
     * {@code x[2, ::-2, np.newaxis]}. Missing trailing entries mean the whole axis.
     */
    public DArray get(Index... index) { return Indexing.basic(this, index); }

    /**
     * {@code x[mask]} with an N-d bool mask over this array's leading axes (e.g. the whole shape): the selected
     * elements (or sub-arrays) in C order as one new leading axis. The mask is computed first, with the default
     * scheduler (see {@link #get(DArray, ComputeOptions)}), because the result's length depends on its values.
     */
    public DArray get(DArray mask) { return Indexing.booleanMask(this, mask, ComputeOptions.defaults()); }

    public DArray get(DArray mask, ComputeOptions options) { return Indexing.booleanMask(this, mask, options); }

    /** Dask's {@code x.vindex[i0, i1, ...]}: point {@code k} is {@code x[i0[k], i1[k], ...]} (equal-length index arrays). */
    public DArray vindex(long[]... indices) { return Indexing.vindex(this, indices); }

    /** {@code x.get(":3, ::2, None, -1")} is {@code x[:3, ::2, None, -1]} (parsed by {@link Index#parse}, {@code ...} too). */
    public DArray get(String index) { return get(Index.parse(index, shape.length)); }

    /** {@code x[..., indices, ...]} on one axis (integer-array indexing; negative indices count from the end). */
    public DArray take(long[] indices, int axis) { return Indexing.take(this, indices, axis); }

    /**
     * {@code np.compress(mask, x, axis)}: keeps the positions where {@code mask} is true; a mask shorter than the axis
     * treats the missing entries as false, and a longer one may have only false entries past the end (NumPy;
     * a true one throws IndexOutOfBoundsException).
     */
    public DArray compress(boolean[] mask, int axis) { return Indexing.compress(this, mask, axis); }

    /**
     * {@code x[..., mask, ...]} with a lazy 1-D bool mask: the mask is computed first (now, with the default
     * scheduler), because the result's length along {@code axis} depends on its values (Dask would give unknown
     * chunk sizes instead).
     */
    public DArray compress(DArray mask, int axis) { return compress(mask, axis, ComputeOptions.defaults()); }

    /** {@link #compress(DArray, int)} computing the mask with {@code options} (scheduler, timeout...). */
    public DArray compress(DArray mask, int axis, ComputeOptions options) {
        if (mask.ndim() != 1 || mask.dtype() != DType.BOOL) {
            throw new IllegalArgumentException("got a mask of shape " + mask.shape() + " dtype " + mask.dtype().numpyName()
                    + ", expected a 1-D bool array");
        }
        return compress(mask.compute(options).toBooleanArray(), axis);
    }

    /**
     * Item assignment, Dask's {@code x[index] = value}: a new lazy array equal to this one with the selected elements
     * replaced by {@code value} (broadcast to the selection, converted to this dtype). Indices are integers and ranges
     * ({@code Index.at}, {@code Index.range}); this array is not modified.
     */
    public DArray set(Index[] index, DArray value) { return Assignment.set(this, index, value); }

    public DArray set(Index[] index, double value) { return Assignment.set(this, index, scalarArray(value)); }

    public DArray set(Index[] index, long value) { return Assignment.set(this, index, scalarArray(value)); }

    /** {@code x[mask] = value}: where the bool {@code mask} (broadcastable to this shape) is true. */
    public DArray set(DArray mask, DArray value) { return Assignment.set(this, mask, value); }

    public DArray set(DArray mask, double value) { return Assignment.set(this, mask, scalarArray(value)); }

    /** A 0-d array of {@code v} with this array's dtype (the assignment converts to it anyway). */
    private DArray scalarArray(double v) { return full(new long[0], Chunks.ofTrusted(new long[0][]), v, dtype); }

    private DArray scalarArray(long v) { return full(new long[0], Chunks.ofTrusted(new long[0][]), v, dtype); }

    /**
     * {@code np.unique(x)}: the sorted distinct values as a 1-D array, computed now (the length depends on the
     * values): every block's distinct values are found in its own task and merged here.
     */
    public DArray unique(ComputeOptions options) {
        NDArray u = BlockSummaries.unique(this, options);
        return fromArray(u, Chunks.auto());
    }

    public DArray unique() { return unique(ComputeOptions.defaults()); }

    /**
     * {@code np.unique(x, return_counts=True)}: {@code [values, counts]}, computed now (per-block unique values and
     * counts, merged in a tree of pairwise merges).
     */
    public List<DArray> uniqueCounts(ComputeOptions options) {
        NDArray[] vc = Sorting.uniqueCounts(this, options);
        return List.of(fromArray(vc[0], Chunks.auto()), fromArray(vc[1], Chunks.auto()));
    }

    public List<DArray> uniqueCounts() { return uniqueCounts(ComputeOptions.defaults()); }

    /**
     * {@code np.unique(x, return_inverse=True)}: {@code [values, inverse]}; the values are computed now, the inverse
     * (int64 positions in values, x's shape and chunks, as NumPy 2) is lazy.
     */
    public List<DArray> uniqueInverse(ComputeOptions options) {
        NDArray v = Sorting.uniqueCounts(this, options)[0];
        return List.of(fromArray(v, Chunks.auto()), Sorting.inverse(this, v));
    }

    public List<DArray> uniqueInverse() { return uniqueInverse(ComputeOptions.defaults()); }

    /**
     * {@code np.argwhere(x)}: the {@code (count, ndim)} int64 positions of the non-zero elements in C order, computed
     * now (per-block tasks report their positions).
     */
    public DArray argwhere(ComputeOptions options) {
        return fromArray(BlockSummaries.nonzero(this, options).transpose().copy(), Chunks.auto());
    }

    public DArray argwhere() { return argwhere(ComputeOptions.defaults()); }

    /** {@code np.nonzero(x)}: one int64 array of positions per axis, computed now. */
    public List<DArray> nonzero(ComputeOptions options) {
        NDArray p = BlockSummaries.nonzero(this, options);
        List<DArray> out = new ArrayList<>();
        for (int d = 0; d < shape.length; d++) out.add(fromArray(p.index(0, d).copy(), Chunks.auto()));
        return out;
    }

    public List<DArray> nonzero() { return nonzero(ComputeOptions.defaults()); }

    /** {@code np.flatnonzero(x)}: flat C-order positions of the non-zero elements, computed now. */
    public DArray flatnonzero() { return fromArray(BlockSummaries.flatnonzero(this, ComputeOptions.defaults()), Chunks.auto()); }

    /**
     * {@code np.isin(x, values)}: bool, true where the element equals one of {@code values} (compared as doubles for
     * floats, exactly for integers); one block function, chunks kept.
     */
    public DArray isin(double... values) { return Selection.isin(this, values); }

    /** {@code np.isin(x, test)} for a lazy {@code test}: its distinct values are computed now, then as {@link #isin(double...)}. */
    public DArray isin(DArray test) { return Selection.isin(this, test.unique().compute().toDoubleArray()); }

    /**
     * {@code np.searchsorted(sorted, x, side)}: for every element of this array, the int64 insertion position in the
     * increasing 1-D {@code sorted} ({@code right}: after equal values). {@code np.digitize(x, bins)} for increasing
     * bins is {@code searchsorted(bins, right=true)}.
     */
    public DArray searchsorted(double[] sorted, boolean right) { return Selection.searchsorted(this, sorted, right); }

    /** {@code np.searchsorted(sorted, x, side)} with a lazy 1-D {@code sorted} (computed now; it must be non-decreasing). */
    public DArray searchsorted(DArray sorted, boolean right) {
        if (sorted.ndim() != 1) throw new IllegalArgumentException("searchsorted got a sorted array of shape " + sorted.shape() + ", expected 1-D");
        double[] s = sorted.compute().toDoubleArray();
        for (int i = 1; i < s.length; i++) {
            if (s[i] < s[i - 1]) {
                throw new IllegalArgumentException("searchsorted got an array that decreases at " + i + " (" + s[i - 1] + " then " + s[i]
                        + "), expected a non-decreasing array");
            }
        }
        return Selection.searchsorted(this, s, right);
    }

    /**
     * {@code np.histogram(x, bins, range=(lo, hi))[0]}: int64 counts in {@code bins} equal bins (the last closed), lazy:
     * per-block counts summed by the tree reduction. The edges are {@link #histogramEdges}.
     */
    public DArray histogram(int bins, double lo, double hi) { return Counting.histogram(this, bins, lo, hi, null); }

    /** Weighted {@code np.histogram}: float64 sums of {@code weights} (x's shape) per bin. */
    public DArray histogram(int bins, double lo, double hi, DArray weights) { return Counting.histogram(this, bins, lo, hi, weights); }

    /**
     * {@code np.histogram(x, bins, range, weights, density)[0]}: a null {@code range} is the data's {@code [min, max]},
     * computed now (Dask needs it given); null {@code weights} counts (int64), else float64 sums; density divides by
     * the total and the bin width (float64). The edges are {@link #histogramEdges(int, double[])}.
     */
    public DArray histogram(int bins, double[] range, DArray weights, boolean density) {
        return Histograms.histogram(this, bins, range, weights, density, ComputeOptions.defaults());
    }

    /** {@code np.histogram(x, bins=edges, weights, density)[0]} for explicit, non-decreasing (possibly uneven) edges. */
    public DArray histogram(double[] edges, DArray weights, boolean density) { return Histograms.histogram(this, edges, weights, density); }

    /** The edges {@link #histogram(int, double[], DArray, boolean)} uses (the data's range is computed now when null). */
    public double[] histogramEdges(int bins, double[] range) { return Histograms.edges(this, bins, range, ComputeOptions.defaults()); }

    /** {@code np.histogramdd(sample, bins=edges, weights, density)[0]} with explicit edges per coordinate. */
    public static DArray histogramdd(List<DArray> coords, double[][] edges, DArray weights, boolean density) {
        return Histograms.histogramdd(coords, edges, weights, density);
    }

    /** {@code np.histogram2d(x, y, bins=[ex, ey], weights, density)[0]}. */
    public static DArray histogram2d(DArray x, DArray y, double[] edgesX, double[] edgesY, DArray weights, boolean density) {
        return Histograms.histogramdd(List.of(x, y), new double[][] {edgesX, edgesY}, weights, density);
    }

    /**
     * {@code np.histogramdd(sample, bins, range)[0]} with the sample given as one array per coordinate (same shapes):
     * int64 counts of shape {@code bins}, equal bins over each {@code ranges[d] = {lo, hi}}.
     */
    public static DArray histogramdd(List<DArray> coords, int[] bins, double[][] ranges) { return Counting.histogramdd(coords, bins, ranges); }

    /** {@code np.histogram2d(x, y, bins, range)[0]}. */
    public static DArray histogram2d(DArray x, DArray y, int binsX, int binsY, double[] rangeX, double[] rangeY) {
        return Counting.histogramdd(List.of(x, y), new int[] {binsX, binsY}, new double[][] {rangeX, rangeY});
    }

    /** {@code np.histogram(...)[1]}: {@code linspace(lo, hi, bins + 1)}. */
    public static double[] histogramEdges(int bins, double lo, double hi) { return Counting.edges(bins, lo, hi); }

    /** {@code np.bincount(x, minlength=length)} with every value below {@code length} (a larger one fails the compute). */
    public DArray bincount(long length) { return Counting.bincount(this, null, length); }

    public DArray bincount(DArray weights, long length) { return Counting.bincount(this, weights, length); }

    /**
     * {@code np.bincount(x, weights, minlength)} as NumPy: the length is {@code max(max(x) + 1, minlength)}, with
     * {@code max(x)} computed now; negative values are refused. Null weights count.
     */
    public DArray bincountMinlength(DArray weights, long minlength) {
        return Histograms.bincount(this, weights, minlength, ComputeOptions.defaults());
    }

    /** {@code np.cov(x, ddof=ddof)}: rows are variables (a 1-D x is one variable, giving a 0-d result). */
    public DArray cov(int ddof) { return Statistics.cov(this, ddof); }

    public DArray cov() { return Statistics.cov(this, 1); }

    /** {@code np.corrcoef(x)}: Pearson correlation of the rows. */
    public DArray corrcoef() { return Statistics.corrcoef(this); }

    /** {@code np.linalg.norm(x, ord)} as a vector norm of all elements (ord 2: Euclidean/Frobenius; 1; inf; -inf; 0; p). */
    public DArray norm(double ord) { return Statistics.norm(this, ord, null, false); }

    /** {@code np.linalg.norm(x)}: the 2-norm of all elements. */
    public DArray norm() { return Statistics.norm(this, 2, null, false); }

    /** {@code np.linalg.norm(x, ord, axis, keepdims)} as vector norms along {@code axes}. */
    public DArray norm(double ord, int[] axes, boolean keepDims) { return Statistics.norm(this, ord, axes, keepDims); }

    /**
     * {@code np.apply_along_axis(f, axis, x)}: {@code f} maps every 1-D lane along the axis to {@code outLength} values
     * of {@code outDtype} (the axis is rechunked whole first).
     */
    public DArray applyAlongAxis(LaneFunction f, int axis, long outLength, DType outDtype) {
        return AlongAxis.apply(this, axis, f, outLength, outDtype);
    }

    /** Dask's {@code topk(x, k, axis)}: the k largest per lane, largest first; k &lt; 0 the |k| smallest. */
    public DArray topk(int k, int axis) { return Sorting.topk(this, k, axis, false); }

    /** Dask's {@code argtopk}: the positions along the axis of {@link #topk}'s values. */
    public DArray argtopk(int k, int axis) { return Sorting.topk(this, k, axis, true); }

    /** {@code np.sort(x, axis)} (stable, NaN last); the axis is rechunked into one chunk, as {@link Sorting} says. */
    public DArray sort(int axis) { return Sorting.sort(this, axis); }

    /** {@code np.argsort(x, axis, kind="stable")}: int64; the axis is rechunked into one chunk. */
    public DArray argsort(int axis) { return Sorting.argsort(this, axis); }

    /** {@code np.signbit}: true where the sign bit is set (-0.0 and NaNs with the bit included). */
    public DArray signbit() { return Composites.signbit(this); }

    /** {@code np.fabs}: absolute value as a float. */
    public DArray fabs() { return astype(DType.resultOfFloatFunction(dtype)).abs(); }

    /** {@code np.rint}: round half to even, as {@link #round()}. */
    public DArray rint() { return astype(DType.resultOfFloatFunction(dtype)).round(); }

    /** {@code np.float_power}: power computed in float64. */
    public DArray floatPower(DArray o) { return astype(DType.FLOAT64).pow(o.astype(DType.FLOAT64)); }

    public DArray floatPower(double v) { return astype(DType.FLOAT64).pow(v); }

    /** {@code np.ldexp(x, n)}: {@code x * 2^n}. */
    public DArray ldexp(DArray n) { return astype(DType.resultOfFloatFunction(dtype)).mul(n.astype(DType.FLOAT64).exp2()); }

    /** {@code np.sinc}: {@code sin(pi x) / (pi x)}, 1 at 0. */
    public DArray sinc() { return Composites.sinc(this); }

    /** {@code np.divmod}: {@code [floorDivide(o), mod(o)]}. */
    public List<DArray> divmod(DArray o) { return List.of(floorDivide(o), mod(o)); }

    /** {@code np.modf}: {@code [fractional part, integral part]}, both with x's sign. */
    public List<DArray> modf() { return Composites.modf(this); }

    /** {@code np.nan_to_num(x, nan, posinf, neginf)}. */
    public DArray nanToNum(double nan, double posinf, double neginf) { return Composites.nanToNum(this, nan, posinf, neginf); }

    /** {@code np.nan_to_num(x)}: NaN to 0, infinities to the dtype's largest finite values. */
    public DArray nanToNum() {
        double big = dtype == DType.FLOAT32 ? Float.MAX_VALUE : Double.MAX_VALUE;
        return nanToNum(0.0, big, -big);
    }

    /** {@code np.select(conditions, choices, default)}: the first true condition's choice, else the default. */
    public static DArray select(List<DArray> conditions, List<DArray> choices, double defaultValue) { return Selection.select(conditions, choices, defaultValue); }

    /**
     * {@code np.choose(indices, choices)}: element-wise {@code choices[indices[i]][i]}, all broadcast together; an index
     * outside {@code [0, choices)} fails the compute naming it (NumPy's mode "raise").
     */
    public static DArray choose(DArray indices, List<DArray> choices) { return Selection.choose(indices, choices); }

    /** {@code np.digitize(x, bins)} for increasing bins: the index of the bin each element falls in. */
    public DArray digitize(double[] bins) { return Histograms.digitize(this, bins, false); }

    /** {@code np.digitize(x, bins, right)}: bins monotonically increasing or decreasing (checked), int64. */
    public DArray digitize(double[] bins, boolean right) { return Histograms.digitize(this, bins, right); }

    /** Reverses the axes. */
    public DArray transpose() {
        int[] p = new int[shape.length];
        for (int i = 0; i < p.length; i++) p[i] = p.length - 1 - i;
        return transpose(p);
    }

    /** Result axis {@code i} is this array's axis {@code axes[i]}. */
    public DArray transpose(int... axes) { return ShapeOps.transpose(this, axes); }

    public DArray swapAxes(int a, int b) { return ShapeOps.swapAxes(this, a, b); }

    public DArray moveAxis(int source, int destination) { return ShapeOps.moveAxis(this, source, destination); }

    /** New shape with the same elements in C order (one extent may be -1); rechunks where blocks must be whole rows. */
    public DArray reshape(long... newShape) { return ShapeOps.reshape(this, newShape); }

    /**
     * Dask's {@code reshape_blockwise(x, shape, chunks)}: each block reshaped alone (no rechunk; the element order is not
     * NumPy's). {@code chunks} null: the shape must merge consecutive axes; see {@link ShapeOps#reshapeBlockwise}.
     */
    public DArray reshapeBlockwise(long[] newShape, Chunks chunks) { return ShapeOps.reshapeBlockwise(this, newShape, chunks); }

    public DArray squeeze() { return ShapeOps.squeeze(this, null); }

    public DArray squeeze(int... axes) { return ShapeOps.squeeze(this, axes); }

    public DArray expandDims(int axis) { return ShapeOps.expandDims(this, axis); }

    /** {@code np.ravel}/{@code flatten}: the elements in C order as 1-D (a reshape; rechunks as reshape does). */
    public DArray ravel() { return ndim() == 1 ? this : reshape(size()); }

    /** {@code np.broadcast_to(x, shape)}: a read-only broadcast, new and stretched axes in one block each (Dask). */
    public DArray broadcastTo(Shape target) { return Rearrange.broadcastTo(this, target.toArray()); }

    /** {@code np.flip(x, axis)}: the elements in reverse order along {@code axis}. */
    public DArray flip(int axis) { return Rearrange.flip(this, axis); }

    /** {@code np.flip(x)}: reversed along every axis. */
    public DArray flip() {
        Index[] ix = new Index[shape.length];
        Arrays.fill(ix, Index.range(null, null, -1));
        return get(ix);
    }

    /** {@code np.vdot(a, b)} of real arrays: {@code sum(a.ravel() * b.ravel())}, a 0-d array. */
    public static DArray vdot(DArray a, DArray b) {
        if (a.size() != b.size()) throw new IllegalArgumentException("got sizes " + a.size() + " and " + b.size() + ", expected equal sizes for vdot");
        DType t = DType.promote(a.dtype(), b.dtype());
        return a.ravel().mul(b.ravel().rechunk(a.ravel().chunks())).sum().astype(t);
    }

    /** {@code np.inner(a, b)}: the sum product over the last axes. */
    public static DArray inner(DArray a, DArray b) {
        if (a.ndim() == 0 || b.ndim() == 0) return a.mul(b);
        DType t = DType.promote(a.dtype(), b.dtype());
        return tensordot(a, b, new int[] {a.ndim() - 1}, new int[] {b.ndim() - 1}).astype(t);
    }

    /** {@code np.union1d(a, b)}: the sorted distinct values of both, computed now (see {@link #unique}). */
    public static DArray union1d(DArray a, DArray b) { return concatenate(List.of(a.ravel(), b.ravel()), 0).unique(); }

    /** {@code np.extract(condition, x)}: the elements where the bool condition (x's shape) is true, in C order, computed now. */
    public DArray extract(DArray condition) { return ravel().get(condition.ravel()); }

    /**
     * {@code np.unravel_index(indices, shape)}: per axis of {@code shape}, the coordinate of each flat C-order index
     * (fused {@code floorDivide} and {@code mod}).
     */
    public static List<DArray> unravelIndex(DArray indices, long[] shape) {
        long size = 1;
        for (long d : shape) size *= d;
        List<DArray> out = new ArrayList<>();
        long stride = size;
        for (long d : shape) {
            stride /= Math.max(1, d);
            out.add(indices.astype(DType.INT64).floorDivide(stride).mod(d));
        }
        return out;
    }

    /** {@code np.ravel_multi_index(coords, shape)}: the flat C-order index of each coordinate tuple (fused). */
    public static DArray ravelMultiIndex(List<DArray> coords, long[] shape) {
        if (coords.size() != shape.length) {
            throw new IllegalArgumentException("got " + coords.size() + " coordinate arrays, expected " + shape.length + " for shape "
                    + Shape.toString(shape));
        }
        DArray r = null;
        for (int d = 0; d < shape.length; d++) {
            DArray c = coords.get(d).astype(DType.INT64);
            r = r == null ? c : r.mul(shape[d]).add(c);
        }
        return r;
    }

    /**
     * {@code np.piecewise(x, conditions, functions)}: where condition i holds (the first that holds), {@code functions[i](x)};
     * one more function than conditions gives the value elsewhere, else 0. The result has x's dtype, as NumPy.
     */
    public DArray piecewise(List<DArray> conditions, List<java.util.function.UnaryOperator<DArray>> functions) {
        int nc = conditions.size(), nf = functions.size();
        if (nf != nc && nf != nc + 1) {
            throw new IllegalArgumentException("got " + nc + " conditions and " + nf + " functions, expected " + nc + " or " + (nc + 1) + " functions");
        }
        DArray r = nf == nc + 1 ? functions.get(nc).apply(this).astype(dtype) : zerosLike(this);
        for (int i = nc - 1; i >= 0; i--) r = where(conditions.get(i), functions.get(i).apply(this).astype(dtype), r);
        return r.astype(dtype);
    }

    /**
     * Dask's {@code shuffle(x, indexer, axis)}: the positions of each group of {@code indexer} end up together in one
     * block (a take of the concatenated groups, one output block per group).
     */
    public DArray shuffle(long[][] indexer, int axis) {
        int a = ShapeOps.axis(axis, shape.length);
        int total = 0;
        for (long[] g : indexer) total += g.length;
        long[] idx = new long[total], sizes = new long[Math.max(1, indexer.length)];
        int k = 0;
        for (int gi = 0; gi < indexer.length; gi++) {
            for (long v : indexer[gi]) idx[k++] = v;
            sizes[gi] = indexer[gi].length;
        }
        DArray t = take(idx, a);
        long[][] c = t.chunks().sizes();
        c[a] = sizes;
        return t.rechunk(Chunks.ofTrusted(c));
    }

    /** {@code np.tril_indices_from(x, k)} for a square 2-D x. */
    public static List<DArray> trilIndicesFrom(DArray x, long k) { return triangleIndices(squareSide(x), k, false); }

    /** {@code np.triu_indices_from(x, k)} for a square 2-D x. */
    public static List<DArray> triuIndicesFrom(DArray x, long k) { return triangleIndices(squareSide(x), k, true); }

    private static long squareSide(DArray x) {
        if (x.ndim() != 2 || x.shape[0] != x.shape[1]) throw new IllegalArgumentException("got shape " + x.shape() + ", expected a square 2-D array");
        return x.shape[0];
    }

    /**
     * {@code np.apply_over_axes(f, x, axes)}: {@code f(x, axis)} for each axis in turn, the result keeping the reduced
     * axis (length 1) when {@code f} drops it, as NumPy.
     */
    public DArray applyOverAxes(java.util.function.BiFunction<DArray, Integer, DArray> f, int... axes) {
        DArray r = this;
        for (int a0 : axes) {
            int a = ShapeOps.axis(a0, r.ndim());
            DArray y = f.apply(r, a);
            if (y.ndim() == r.ndim() - 1) y = y.expandDims(a);
            else if (y.ndim() != r.ndim()) {
                throw new IllegalArgumentException("got a " + y.ndim() + "-d result for axis " + a + ", expected " + r.ndim() + " or "
                        + (r.ndim() - 1) + " dimensions");
            }
            r = y;
        }
        return r;
    }

    /**
     * Dask's {@code unify_chunks}: the arrays (broadcasting against each other) rechunked to the common refinement of
     * their block boundaries, as element-wise operations do implicitly.
     */
    public static List<DArray> unifyChunks(List<DArray> arrays) {
        long[] out = new long[0];
        for (DArray a : arrays) out = Broadcast.shapes(out, a.shape);
        Chunks c = Alignment.unify(out, arrays.toArray(new DArray[0]));
        List<DArray> r = new ArrayList<>();
        for (DArray a : arrays) r.add(a.rechunk(Alignment.project(a.shape, out, c)));
        return r;
    }

    /** {@code np.tril_indices(n, k)}: the row and column positions at and below the k-th diagonal of an n x n matrix. */
    public static List<DArray> trilIndices(long n, long k) { return triangleIndices(n, k, false); }

    /** {@code np.triu_indices(n, k)}: the positions at and above the k-th diagonal. */
    public static List<DArray> triuIndices(long n, long k) { return triangleIndices(n, k, true); }

    private static List<DArray> triangleIndices(long n, long k, boolean upper) {
        List<Long> rows = new ArrayList<>(), cols = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            for (long j = 0; j < n; j++) {
                if (upper ? j - i >= k : j - i <= k) { rows.add(i); cols.add(j); }
            }
        }
        return List.of(fromArray(NDArray.fromArray(rows.stream().mapToLong(Long::longValue).toArray()), Chunks.auto()),
                fromArray(NDArray.fromArray(cols.stream().mapToLong(Long::longValue).toArray()), Chunks.auto()));
    }

    /** {@code np.outer(a, b)}: {@code a.ravel()[:, None] * b.ravel()[None, :]}. */
    public static DArray outer(DArray a, DArray b) {
        DArray x = a.ravel(), y = b.ravel();
        return x.reshape(x.size(), 1).mul(y.reshape(1, y.size()));
    }

    /** {@code np.trace(x, k)} of a 2-D array: the sum of its k-th diagonal. */
    public DArray trace(long k) { return diagonal(k).sum(); }

    /** {@code np.tri(n, m, k, dtype)}: ones at and below the k-th diagonal. */
    public static DArray tri(long n, long m, long k, ChunkSpec chunks, DType dtype) {
        return Rearrange.triangle(ones(Shape.of(n, m), chunks, dtype), k, false);
    }

    /** {@code np.identity(n)}: float64 ones on the diagonal. */
    public static DArray identity(long n, ChunkSpec chunks) { return eye(n, chunks); }

    /** {@code np.hstack}: along axis 1, or axis 0 for 1-D arrays. */
    public static DArray hstack(List<DArray> arrays) {
        List<DArray> a = arrays.stream().map(DArray::atLeast1d).toList();
        return concatenate(a, a.get(0).ndim() == 1 ? 0 : 1);
    }

    /** {@code np.vstack}: along axis 0 after {@code atleast_2d}. */
    public static DArray vstack(List<DArray> arrays) { return concatenate(arrays.stream().map(DArray::atLeast2d).toList(), 0); }

    /** {@code np.dstack}: along axis 2 after {@code atleast_3d}. */
    public static DArray dstack(List<DArray> arrays) { return concatenate(arrays.stream().map(DArray::atLeast3d).toList(), 2); }

    /** {@code np.gradient(x, axis=axis)} with unit spacing (central inside, one-sided at the ends). */
    public DArray gradient(int axis) { return Rearrange.gradient(this, axis); }

    /** {@code np.ediff1d(x)}: the differences of the flattened array. */
    public DArray ediff1d() { return ravel().diff(1, 0); }

    /** {@code np.delete(x, positions, axis)}. */
    public DArray delete(long[] positions, int axis) { return Rearrange.delete(this, positions, axis); }

    /** {@code np.insert(x, position, values, axis)} for one position; {@code values} broadcast to one slice. */
    public DArray insert(long position, DArray values, int axis) { return Rearrange.insert(this, position, values, axis); }

    /** {@code np.rollaxis(x, axis, start)}: axis moved to position {@code start} (before the axis now there). */
    public DArray rollAxis(int axis, int start) {
        int n = shape.length, a = ShapeOps.axis(axis, n);
        int st = start < 0 ? start + n : start;
        if (st < 0 || st > n) throw new IllegalArgumentException("got start " + start + ", expected -" + n + " <= start <= " + n);
        return moveAxis(a, a < st ? st - 1 : st);
    }

    /** {@code np.rot90(x, k)}: rotated by 90 degrees k times in the plane of the first two axes (counter-clockwise). */
    public DArray rot90(int k) {
        if (shape.length < 2) throw new IllegalArgumentException("got a " + shape.length + "-d array, expected at least 2-D for rot90");
        int r = Math.floorMod(k, 4);
        return switch (r) {
            case 0 -> this;
            case 1 -> flip(1).swapAxes(0, 1);
            case 2 -> flip(0).flip(1);
            default -> swapAxes(0, 1).flip(1);
        };
    }

    /** {@code np.flatten}, as {@link #ravel}. */
    public DArray flatten() { return ravel(); }

    /** {@code np.append(x, values, axis)}: concatenation along the axis. */
    public DArray append(DArray values, int axis) { return concatenate(List.of(this, values), axis); }

    /** {@code np.append(x, values)} without an axis: both flattened. */
    public DArray append(DArray values) { return concatenate(List.of(ravel(), values.ravel()), 0); }

    /** {@code np.hsplit}: {@code split} along axis 1 (axis 0 for 1-D). */
    public List<DArray> hsplit(int sections) { return split(sections, shape.length == 1 ? 0 : 1); }

    /** {@code np.vsplit}: {@code split} along axis 0. */
    public List<DArray> vsplit(int sections) { return split(sections, 0); }

    /** {@code np.dsplit}: {@code split} along axis 2. */
    public List<DArray> dsplit(int sections) { return split(sections, 2); }

    /**
     * {@code da.block([[a, b], [c, d]])} for a two-level nesting of arrays: each inner list is joined along the last
     * axis, then the rows along the second-to-last (arrays are promoted to at least 2-D, as NumPy's block).
     */
    public static DArray block(List<List<DArray>> rows) {
        List<DArray> joined = new ArrayList<>();
        for (List<DArray> row : rows) joined.add(concatenate(row.stream().map(DArray::atLeast2d).toList(), -1));
        return concatenate(joined, -2);
    }

    /** {@code np.fliplr}: reversed along axis 1. */
    public DArray fliplr() { return flip(1); }

    /** {@code np.flipud}: reversed along axis 0. */
    public DArray flipud() { return flip(0); }

    /** {@code np.repeat(x, repeats, axis)}: every element {@code repeats} times in a row. */
    public DArray repeat(long repeats, int axis) { return Rearrange.repeat(this, repeats, axis); }

    /** {@code np.tile(x, reps)}. */
    public DArray tile(long... reps) { return Rearrange.tile(this, reps); }

    /** {@code np.split(x, sections, axis)}: equal pieces; throws IllegalArgumentException when the length does not divide. */
    public List<DArray> split(int sections, int axis) { return Rearrange.split(this, sections, axis, true); }

    /** {@code np.split(x, indices, axis)}: the pieces between the given positions. */
    public List<DArray> split(long[] indices, int axis) { return Rearrange.splitAt(this, indices, axis); }

    /** {@code np.array_split(x, sections, axis)}: the first {@code len % sections} pieces one longer. */
    public List<DArray> arraySplit(int sections, int axis) { return Rearrange.split(this, sections, axis, false); }

    /** {@code np.atleast_1d}. */
    public DArray atLeast1d() { return Rearrange.atLeast(this, 1); }

    /** {@code np.atleast_2d}: {@code (n,)} becomes {@code (1, n)}. */
    public DArray atLeast2d() { return Rearrange.atLeast(this, 2); }

    /** {@code np.atleast_3d}: {@code (n,)} becomes {@code (1, n, 1)}, {@code (m, n)} becomes {@code (m, n, 1)}. */
    public DArray atLeast3d() { return Rearrange.atLeast(this, 3); }

    /** {@code np.tril(x, k)}: zeros above the k-th diagonal of the last two axes. */
    public DArray tril(long k) { return Rearrange.triangle(this, k, false); }

    /** {@code np.triu(x, k)}: zeros below the k-th diagonal of the last two axes. */
    public DArray triu(long k) { return Rearrange.triangle(this, k, true); }

    /** {@code np.broadcast_arrays}. */
    public static List<DArray> broadcastArrays(List<DArray> arrays) { return Rearrange.broadcastArrays(arrays); }

    /** {@code np.meshgrid(*xs, indexing=indexing)} of 1-D arrays ({@code "xy"} or {@code "ij"}). */
    public static List<DArray> meshgrid(List<DArray> xs, String indexing) { return Rearrange.meshgrid(xs, indexing); }

    /** {@code np.indices(shape)} as int64, chunked along the grid axes by {@code chunks}. */
    public static DArray indices(Shape shape, ChunkSpec chunks) { return Rearrange.indices(shape.toArray(), chunks); }

    /** {@code np.pad(x, widths, mode)}: {@code widths[d] = {before, after}}; see {@link PadMode} for the modes. */
    public DArray pad(long[][] widths, PadMode mode) { return Rearrange.pad(this, widths, mode, 0); }

    /** {@code np.pad(x, widths, constant_values=value)}. */
    public DArray pad(long[][] widths, double value) { return Rearrange.pad(this, widths, PadMode.CONSTANT, value); }

    /** {@code np.pad(x, width, mode)}: the same width before and after on every axis. */
    public DArray pad(long width, PadMode mode) {
        long[][] w = new long[shape.length][];
        for (int d = 0; d < w.length; d++) w[d] = new long[] {width, width};
        return Rearrange.pad(this, w, mode, 0);
    }

    /** {@code np.diag(x, k)}: 1-D → a 2-D array with x on its k-th diagonal; 2-D → its k-th diagonal. */
    public DArray diag(long k) { return Rearrange.diag(this, k); }

    /** {@code np.diagonal} of a 2-D array (offset k), as {@link #diag} of a 2-D array. */
    public DArray diagonal(long k) {
        if (shape.length != 2) throw new IllegalArgumentException("got a " + shape.length + "-d array, expected 2-D for diagonal");
        return Rearrange.diag(this, k);
    }

    /** {@code np.roll(x, shift, axis)}: elements move {@code shift} places along the axis, wrapping around. */
    public DArray roll(long shift, int axis) { return Rearrange.roll(this, shift, axis); }

    /** {@code np.roll(x, shift)}: over the flattened array, keeping the shape. */
    public DArray roll(long shift) { return Rearrange.roll(this, shift); }

    /** Arrays joined along an existing axis. */
    public static DArray concatenate(List<DArray> arrays, int axis) { return ShapeOps.concatenate(arrays, axis); }

    /** Arrays joined along a new axis. */
    public static DArray stack(List<DArray> arrays, int axis) { return ShapeOps.stack(arrays, axis); }

    // ================================================================== linear algebra and user functions

    /**
     * NumPy {@code matmul}: 1-D, 2-D and batched n-D operands (leading axes broadcast); each 2-D block product
     * calls the NDArray BLAS bridge, accumulating into one buffer per output block.
     */
    public DArray matmul(DArray other) { return LinearAlgebra.matmul(this, other); }

    /** {@code np.dot} for 1-D and 2-D operands (n-D operands follow matmul's rules, not np.dot's). */
    public DArray dot(DArray other) { return LinearAlgebra.matmul(this, other); }

    /**
     * {@code np.einsum(subscripts, *operands)}, e.g. {@code einsum("ij,jk->ik", a, b)} or {@code einsum("ii", x)}: a fused
     * broadcast product and one reduction (see {@link Einsum}); no {@code ...}.
     */
    public static DArray einsum(String subscripts, DArray... operands) { return Einsum.einsum(subscripts, operands); }

    /** {@code np.tensordot(a, b, axes=(axesA, axesB))}. */
    public static DArray tensordot(DArray a, DArray b, int[] axesA, int[] axesB) { return LinearAlgebra.tensordot(a, b, axesA, axesB); }

    /**
     * Applies {@code f} to every block. The result has blocks of {@code outChunks} (same block grid) and
     * {@code outDtype}; a block whose real shape or dtype differs fails the compute with a message naming it.
     */
    public DArray mapBlocks(BlockFunction f, Chunks outChunks, DType outDtype) {
        return UserFunctions.mapBlocks(this, f, outChunks, outDtype);
    }

    /**
     * Dask's {@code map_blocks(f, *arrays)}: {@code f} gets the corresponding blocks of several arrays, which broadcast
     * against each other and are aligned to common chunks; the result has the broadcast shape, those chunks and
     * {@code outDtype} (every block's real shape and dtype are checked).
     */
    public static DArray mapBlocks(MultiBlockFunction f, List<DArray> arrays, DType outDtype) {
        return MultiMapBlocksLayer.mapBlocks(f, arrays, outDtype);
    }

    /**
     * Dask's {@code blockwise(f, outIndex, a, "ij", b, "jk", dtype=...)} with {@code concatenate=True}: letters name
     * axes; output letters are mapped block by block, the others are contracted (handed to {@code f} whole). E.g.
     * {@code blockwise((bs, i) -> bs[0].matmul(bs[1]), "ik", List.of(a, b), List.of("ij", "jk"), FLOAT64)} is a matmul.
     */
    public static DArray blockwise(MultiBlockFunction f, String outIndex, List<DArray> arrays, List<String> indices, DType outDtype) {
        return BlockwiseLayer.blockwise(f, outIndex, arrays, indices, outDtype);
    }

    /**
     * Dask's {@code apply_gufunc(f, signature, *arrays, output_dtypes=dtype)} with one output, e.g.
     * {@code applyGufunc((b, i) -> b[0].expr().mul(b[1].expr()).evaluate().sum(new int[] {-1}, false), "(i),(i)->()", List.of(x, y), FLOAT64)}
     * (an inner product over the last axis); see {@link Gufunc}.
     */
    public static DArray applyGufunc(MultiBlockFunction f, String signature, List<DArray> arrays, DType outDtype) {
        return Gufunc.apply(f, signature, arrays, outDtype);
    }

    /**
     * Dask's {@code apply_gufunc} with several outputs, e.g. {@code "(i)->(),()"}: {@code f} returns one block per
     * output and output {@code o} has {@code outDtypes.get(o)}; see {@link Gufunc}.
     */
    public static List<DArray> applyGufunc(MultiOutputFunction f, String signature, List<DArray> arrays, List<DType> outDtypes) {
        return Gufunc.applyMulti(f, signature, arrays, outDtypes);
    }

    /**
     * Dask's {@code apply_gufunc(f, signature, *arrays, vectorize=True)}: {@code f} sees one instance of the core
     * dimensions at a time and is looped over the loop dimensions of each block; see {@link Gufunc#vectorize}.
     */
    public static DArray applyGufuncVectorized(CoreFunction f, String signature, List<DArray> arrays, DType outDtype) {
        return Gufunc.apply(Gufunc.vectorize(f, signature, outDtype), signature, arrays, outDtype);
    }

    /** {@code np.kron(a, b)}: the Kronecker product, a fused broadcast product (see {@link Products}). */
    public static DArray kron(DArray a, DArray b) { return Products.kron(a, b); }

    /** An element-wise user function (NumPy's {@code frompyfunc}/{@code vectorize}) of one value as a double. */
    @FunctionalInterface
    public interface ElementFunction extends java.io.Serializable {
        double apply(double value);
    }

    /** {@code np.frompyfunc(f, 1, 1)(x)}: {@code f} applied to every element (a block function, not fused). */
    public DArray map(ElementFunction f, DType outDtype) {
        return mapBlocks((b, info) -> {
            NDArray r = NDArray.zeros(outDtype, b.shapeArray());
            for (long i = 0, n = b.size(); i < n; i++) {
                double v = f.apply(b.getDoubleFlat(i));
                if (outDtype.isFloat()) r.setDoubleFlat(i, v); else r.setLongFlat(i, (long) v);
            }
            return r;
        }, chunks, outDtype);
    }

    /** {@code mapBlocks} keeping this array's chunks and dtype. */
    public DArray mapBlocks(BlockFunction f) { return mapBlocks(f, chunks, dtype); }

    /**
     * Applies {@code f} to every block extended by {@code depth[d]} neighbouring cells on each side of axis d
     * (ghost cells, filled at the array edges by {@code boundary}), then trims the extension off the result.
     * {@code f} must return an array of the extended block's shape.
     */
    public DArray mapOverlap(BlockFunction f, int[] depth, Boundary boundary) {
        return Overlap.mapOverlap(this, f, depth, boundary);
    }

    // ================================================================== computing

    /** Computes with the default scheduler and returns the whole array as one NDArray. */
    public NDArray compute() { return compute(ComputeOptions.defaults()); }

    public NDArray compute(ComputeOptions options) { return Compute.await(computeAsync(options)); }

    /** Starts computing and returns at once (except on {@code sync}); cancelling the future cancels the compute. */
    public Computation<NDArray> computeAsync() { return computeAsync(ComputeOptions.defaults()); }

    public Computation<NDArray> computeAsync(ComputeOptions options) {
        Materialization.Plan p = Materialization.plan(List.of(this));
        Computation<Object[]> c = Compute.computeAsync(p.graph()::task, p.keys(), options);
        return Compute.map(c, r -> p.assemble(r)[0]);
    }

    /** Computes several arrays in one graph: work they share (common inputs) is done once. */
    public static NDArray[] computeAll(ComputeOptions options, DArray... arrays) {
        Materialization.Plan p = Materialization.plan(List.of(arrays));
        return p.assemble(Compute.compute(p.graph(), p.keys(), options));
    }

    public static NDArray[] computeAll(DArray... arrays) { return computeAll(ComputeOptions.defaults(), arrays); }

    /**
     * Computes the blocks now and returns an array backed by them (later computes reuse them). On a scheduler
     * whose workers keep results (a cluster), the blocks stay there: the array holds handles, and a block moves
     * only when a compute needs it elsewhere; they are released when the array is unreachable.
     */
    public DArray persist() { return persist(ComputeOptions.defaults()); }

    public DArray persist(ComputeOptions options) {
        DArray m = materialize();
        List<Key> keys = m.keys();
        Object[] blocks = Compute.compute(m.graph, keys, options.withKeepHeld(true));
        if (!HeldResults.anyHeld(blocks)) {
            return ofLayer(new PersistedLayer(ArrayLayer.newName("persist"), chunks, blocks), Graph.empty(), shape, chunks, dtype);
        }
        // held on workers: keep the graph that made them, to make a block again if its worker is lost; an earlier
        // persisted array in it is held by its lineage (its recipe), not its blocks, which stay releasable
        List<Layer> lineage = new ArrayList<>();
        for (Layer layer : m.graph.layers()) lineage.add(layer instanceof PersistedLayer p ? p.lineage() : layer);
        Graph recipe = Graph.of(lineage.toArray(new Layer[0]));
        PersistedLayer l = new PersistedLayer(ArrayLayer.newName("persist"), chunks, blocks, recipe, keys);
        return ofLayer(l, recipe, shape, chunks, dtype);
    }

    /**
     * Persists this array with {@code options} (a persisted one is reused: no task runs) for a cluster to publish:
     * its blocks, and how a reader rebuilds the array over them.
     */
    @Override
    public Publication publication(ComputeOptions options) {
        DArray p = persist(options);
        Object[] blocks = ((PersistedLayer) p.graph.layer(p.name)).blocks();
        for (int i = 0; i < blocks.length; i++) if (blocks[i] instanceof dev.blockwork.schedule.HeldResult h) blocks[i] = h.owner();
        return new Publication(blocks, new Republished(shape, chunks, dtype), p);
    }

    /** A published array, rebuilt by a reader over its handles to the blocks. */
    private record Republished(long[] shape, Chunks chunks, DType dtype) implements dev.blockwork.schedule.Publishable.Rebuild {
        @Override
        public Object from(Object[] blocks) {
            if (blocks.length != chunks.blockCount()) {
                throw new IllegalArgumentException("got " + blocks.length + " blocks for chunks " + chunks + ", expected " + chunks.blockCount());
            }
            return ofLayer(new PersistedLayer(ArrayLayer.newName("dataset"), chunks, blocks.clone()), Graph.empty(), shape, chunks, dtype);
        }
    }

    /**
     * Serial form: only what a block task needs of an input array (shape, chunks, dtype and the name of the layer
     * holding its blocks), never the graph; a fused array is materialised first.
     */
    @java.io.Serial
    private Object writeReplace() {
        DArray m = materialize();
        return new InputRef(m.shape, m.chunks, m.dtype, m.name);
    }

    @java.io.Serial
    private void readObject(java.io.ObjectInputStream in) throws java.io.InvalidObjectException {
        throw new java.io.InvalidObjectException("DArray is serialized through its InputRef");
    }

    /** A graph-less stand-in for an input array inside serialized task functions. */
    private record InputRef(long[] shape, Chunks chunks, DType dtype, String name) implements java.io.Serializable {
        @java.io.Serial
        private Object readResolve() { return new DArray(shape, chunks, dtype, name, null, null); }
    }

    /**
     * Dask's {@code store(source, target)} for an in-memory target: computes with {@code options} and copies into
     * {@code target} (an NDArray or view of this shape; converted to its dtype).
     */
    public void store(NDArray target, ComputeOptions options) {
        if (!Arrays.equals(target.shapeArray(), shape)) {
            throw new IllegalArgumentException("got a target of shape " + target.shape() + ", expected " + Shape.toString(shape));
        }
        target.assign(compute(options));
    }

    /**
     * Dask's {@code store(source, target)} into any {@link BlockSink}: each block is handed to {@code sink} as soon as
     * its task has computed it and released after, so the array is never assembled.
     */
    public void store(BlockSink sink, ComputeOptions options) { SinkLayer.store(this, sink, options); }

    /**
     * Writes this array as a Zarr array at {@code path}, each chunk by its own task as it finishes (see
     * {@link dev.blockwork.array.zarr.Zarr#write} and {@link dev.blockwork.array.zarr.ZarrWriteOptions}).
     *
     * @throws java.io.IOException if the metadata cannot be written or a chunk write fails
     */
    public void toZarr(java.nio.file.Path path, dev.blockwork.array.zarr.ZarrWriteOptions options) throws java.io.IOException {
        dev.blockwork.array.zarr.Zarr.write(this, path, options);
    }

    /**
     * Dask's {@code to_npy_stack(dir, x, axis)}: one {@code .npy} file per block along {@code axis} (each written by its
     * own task) and a text {@code info} file; see {@link #fromNpyStack}.
     */
    public void toNpyStack(java.nio.file.Path dir, int axis, ComputeOptions options) throws java.io.IOException {
        NpyStack.write(dir, this, axis, options);
    }

    /** Dask's {@code from_npy_stack(dir)}: a lazy array with one block per file written by {@link #toNpyStack}. */
    public static DArray fromNpyStack(java.nio.file.Path dir) throws java.io.IOException { return NpyStack.read(dir); }

    /** Computes and writes a {@code .npy} file. */
    public void toNpy(java.nio.file.Path path) throws java.io.IOException { NpyBridge.write(path, compute()); }
}
