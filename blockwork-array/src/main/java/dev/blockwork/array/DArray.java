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
    /** The extent of each axis; never written after construction (the serial form is {@code InputRef}, see {@code writeReplace}). */
    final long[] shape; // shared with the package, never written after construction; users get shape() or a copy
    /** The blocks along each axis. */
    private final Chunks chunks;
    /** The element type. */
    private final DType dtype;
    /** The layer holding this array's blocks; null while fused and not materialised. */
    private final String name;   // layer of this array's blocks; null while fused and not materialised
    /** Every layer the blocks need; null while fused. */
    private final Graph graph;   // every layer the blocks need (null while fused)
    /** The fused element-wise expression; null for an array with a layer. */
    private final FusedNode node; // non-null for fused element-wise arrays
    /** The fused expression as a layer, made once on first need. */
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

    /**
     * {@code np.ones(shape)} as float64, in blocks of {@code chunks}; fused (no task until needed).
     *
     * @param shape  the array's shape
     * @param chunks its blocks (see {@link Chunks#normalize})
     * @return the lazy array
     * @throws IllegalArgumentException if the chunk spec does not fit the shape
     */
    public static DArray ones(Shape shape, ChunkSpec chunks) { return full(shape, chunks, 1L, DType.FLOAT64); }

    /**
     * {@code np.ones(shape, dtype)}: 1 converted to {@code dtype} ({@code true} for bool); fused.
     *
     * @param shape  the array's shape
     * @param chunks its blocks (see {@link Chunks#normalize})
     * @param dtype  the element type
     * @return the lazy array
     * @throws IllegalArgumentException if the chunk spec does not fit the shape
     */
    public static DArray ones(Shape shape, ChunkSpec chunks, DType dtype) { return full(shape, chunks, 1L, dtype); }

    /**
     * {@code np.zeros(shape)} as float64; fused (no task until needed).
     *
     * @param shape  the array's shape
     * @param chunks its blocks (see {@link Chunks#normalize})
     * @return the lazy array
     * @throws IllegalArgumentException if the chunk spec does not fit the shape
     */
    public static DArray zeros(Shape shape, ChunkSpec chunks) { return full(shape, chunks, 0L, DType.FLOAT64); }

    /**
     * {@code np.zeros(shape, dtype)}; fused.
     *
     * @param shape  the array's shape
     * @param chunks its blocks (see {@link Chunks#normalize})
     * @param dtype  the element type
     * @return the lazy array
     * @throws IllegalArgumentException if the chunk spec does not fit the shape
     */
    public static DArray zeros(Shape shape, ChunkSpec chunks, DType dtype) { return full(shape, chunks, 0L, dtype); }

    /**
     * {@code np.empty}: uninitialised in NumPy; here zeros (Java arrays are always initialised).
     *
     * @param shape  the array's shape
     * @param chunks its blocks (see {@link Chunks#normalize})
     * @param dtype  the element type
     * @return the lazy array of zeros
     * @throws IllegalArgumentException if the chunk spec does not fit the shape
     */
    public static DArray empty(Shape shape, ChunkSpec chunks, DType dtype) { return zeros(shape, chunks, dtype); }

    /**
     * {@code np.full(shape, value, dtype)}: an array of {@code value} (converted to {@code dtype}: truncated for an
     * integer dtype, non-zero is {@code true} for bool); fused.
     *
     * @param shape  the array's shape
     * @param chunks its blocks (see {@link Chunks#normalize})
     * @param value  the value of every element
     * @param dtype  the element type
     * @return the lazy array
     * @throws IllegalArgumentException if the chunk spec does not fit the shape
     */
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
     * (stored as 1, so {@code full(7L, BOOL).sum()} counts the elements, as NumPy); fused.
     *
     * @param shape  the array's shape
     * @param chunks its blocks (see {@link Chunks#normalize})
     * @param value  the value of every element
     * @param dtype  the element type
     * @return the lazy array
     * @throws IllegalArgumentException if {@code value} is outside the int32 range for an int32 array (NumPy 2 raises
     *         OverflowError), or the chunk spec does not fit the shape
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

    /**
     * {@code np.zeros_like(x)}: zeros with x's shape, chunks and dtype (fused, no task until needed).
     *
     * @param x the array whose shape, chunks and dtype are taken
     * @return the lazy array
     */
    public static DArray zerosLike(DArray x) { return fullLike(x, 0L); }

    /**
     * {@code np.ones_like(x)}: ones with x's shape, chunks and dtype (fused).
     *
     * @param x the array whose shape, chunks and dtype are taken
     * @return the lazy array
     */
    public static DArray onesLike(DArray x) { return fullLike(x, 1L); }

    /**
     * {@code np.full_like(x, value)}: x's shape, chunks and dtype (the value converted to it); fused.
     *
     * @param x     the array whose shape, chunks and dtype are taken
     * @param value the value of every element
     * @return the lazy array
     */
    public static DArray fullLike(DArray x, double value) { return full(x.shape.clone(), x.chunks, value, x.dtype); }

    /**
     * {@code np.full_like(x, value)} keeping all 64 bits of an integer value; fused.
     *
     * @param x     the array whose shape, chunks and dtype are taken
     * @param value the value of every element
     * @return the lazy array
     * @throws IllegalArgumentException if {@code value} does not fit an int32 {@code x}
     */
    public static DArray fullLike(DArray x, long value) { return full(x.shape.clone(), x.chunks, value, x.dtype); }

    /**
     * {@code np.empty_like(x)}: zeros here (Java arrays are always initialised).
     *
     * @param x the array whose shape, chunks and dtype are taken
     * @return the lazy array of zeros
     */
    public static DArray emptyLike(DArray x) { return zerosLike(x); }

    /**
     * {@code np.arange(start, stop, step)} in blocks: element i is {@code start + i*step} converted to {@code dtype};
     * {@code ceil((stop - start) / step)} elements (none if negative). One task per block, nothing computed yet.
     *
     * @param start  the first value
     * @param stop   the bound, excluded
     * @param step   the spacing, not 0 (negative counts down)
     * @param chunks the blocks of the 1-D result
     * @param dtype  the element type
     * @return the lazy 1-D array
     * @throws IllegalArgumentException if {@code step} is 0
     */
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

    /**
     * {@code np.arange(n)} as int64: {@code 0, 1, ..., n - 1}.
     *
     * @param n      the length
     * @param chunks the blocks of the 1-D result
     * @return the lazy 1-D array
     */
    public static DArray arange(long n, ChunkSpec chunks) { return arange(0, n, 1, chunks, DType.INT64); }

    /**
     * {@code np.linspace(start, stop, num, endpoint)} as float64; with {@code endpoint} the last element is exactly
     * {@code stop}.
     *
     * @param start    the first value
     * @param stop     the last value (or the bound, without {@code endpoint})
     * @param num      the number of values, &gt;= 0
     * @param endpoint whether {@code stop} is included
     * @param chunks   the blocks of the 1-D result
     * @return the lazy 1-D array
     * @throws IllegalArgumentException if {@code num} is negative
     */
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

    /**
     * {@code np.linspace(start, stop, num)}: {@code num} evenly spaced float64 values, {@code stop} included.
     *
     * @param start  the first value
     * @param stop   the last value
     * @param num    the number of values, &gt;= 0
     * @param chunks the blocks of the 1-D result
     * @return the lazy 1-D array
     * @throws IllegalArgumentException if {@code num} is negative
     */
    public static DArray linspace(double start, double stop, long num, ChunkSpec chunks) { return linspace(start, stop, num, true, chunks); }

    /**
     * {@code np.eye(n, m, k)}: ones on the k-th diagonal, zeros elsewhere; one task per block.
     *
     * @param n      the number of rows
     * @param m      the number of columns
     * @param k      the diagonal: 0 the main one, &gt; 0 above, &lt; 0 below
     * @param chunks the blocks of the 2-D result
     * @param dtype  the element type
     * @return the lazy 2-D array
     */
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

    /**
     * {@code np.eye(n)}: the float64 identity matrix.
     *
     * @param n      the number of rows and columns
     * @param chunks the blocks of the 2-D result
     * @return the lazy 2-D array
     */
    public static DArray eye(long n, ChunkSpec chunks) { return eye(n, n, 0, chunks, DType.FLOAT64); }

    /**
     * Cuts an in-memory array into blocks (the blocks are views; nothing is copied until a task needs it), like
     * {@code da.from_array}. Arrays up to 16 MiB are named by hashing their data, so equal arrays share keys.
     *
     * @param array  the data, not copied: do not change it while arrays built on it are in use
     * @param chunks the blocks
     * @return the lazy array
     * @throws IllegalArgumentException if the chunk spec does not fit the array's shape
     */
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

    /**
     * Copies a rectangular nested Java array ({@code double[][]}, {@code long[]}, {@code boolean[][][]}...) into blocks.
     *
     * @param javaArray the nested array (or an NDArray, taken as {@link #fromArray(NDArray, ChunkSpec)})
     * @param chunks    the blocks
     * @return the lazy array
     * @throws IllegalArgumentException if the array is ragged or of an unsupported element type
     */
    public static DArray fromArray(Object javaArray, ChunkSpec chunks) {
        if (javaArray instanceof NDArray a) return fromArray(a, chunks);
        return fromArray(NDArray.fromNested(javaArray), chunks);
    }

    /**
     * An array whose element at global index {@code i} is {@code f(i)}, computed block by block (like
     * {@code np.fromfunction}, but {@code f} is called once per element).
     *
     * @param shape  the array's shape
     * @param chunks its blocks (see {@link Chunks#normalize})
     * @param dtype  the element type
     * @param f      the element at a global index; must be serializable for the processes scheduler
     * @return the lazy array
     */
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
     *
     * @param grid   the number of blocks along each axis
     * @param blocks the blocks, C order over the grid
     * @return the lazy array, with these blocks as its chunks
     * @throws IllegalArgumentException if the blocks' count, rank, dtype or extents do not fit the grid
     */
    public static DArray fromBlocks(int[] grid, NDArray... blocks) {
        return BlockAssembly.fromBlocks(grid, blocks);
    }

    /**
     * Dask's {@code from_delayed(value, shape, dtype)}: a one-block array computed by {@code value} (checked against
     * {@code shape} and {@code dtype} when computed); combine several with {@link #concatenate} or {@link #block}.
     *
     * @param value the Delayed that computes the block
     * @param shape the block's shape
     * @param dtype the block's dtype
     * @return the lazy one-block array
     */
    public static DArray fromDelayed(dev.blockwork.delayed.Delayed<NDArray> value, Shape shape, DType dtype) {
        return DelayedLayer.of(value, shape, dtype);
    }

    /**
     * A lazy array whose blocks are read on demand by {@code reader}, one task per block of {@code chunks} (Dask's
     * {@code from_delayed} over per-file or per-block readers): nothing is read until a compute needs the block, and
     * each block is released when its consumers have run. The reader must return blocks of the declared shape and
     * dtype (checked when read); see {@link BlockReader} for its threading and serialization contract.
     *
     * @param shape  the array's shape
     * @param chunks its blocks (see {@link Chunks#normalize})
     * @param dtype  the element type
     * @param reader reads one block
     * @return the lazy array
     */
    public static DArray fromBlocks(Shape shape, ChunkSpec chunks, DType dtype, BlockReader reader) {
        return ReaderLayer.of(shape, chunks, dtype, "from-blocks", reader);
    }

    /**
     * Reads a Zarr v2 or v3 array lazily, one task per Zarr chunk (see {@link dev.blockwork.array.zarr.Zarr#read}).
     *
     * @param path the array's directory
     * @return the lazy array, its blocks the Zarr chunks
     * @throws java.io.IOException if the metadata is missing, unreadable or names something unsupported
     */
    public static DArray fromZarr(java.nio.file.Path path) throws java.io.IOException {
        return dev.blockwork.array.zarr.Zarr.read(path);
    }

    /**
     * Reads the array {@code name} (a path such as {@code "a/b"}) of the Zarr group at {@code group} lazily.
     *
     * @param group the group's directory
     * @param name  the array's path inside the group
     * @return the lazy array, its blocks the Zarr chunks
     * @throws java.io.IOException if the metadata is missing, unreadable or names something unsupported
     */
    public static DArray fromZarr(java.nio.file.Path group, String name) throws java.io.IOException {
        return dev.blockwork.array.zarr.Zarr.read(group, name);
    }

    /**
     * Reads a {@code .npy} file into memory now, then cuts it into blocks (as {@link #fromArray(NDArray, ChunkSpec)}).
     *
     * @param path   the file
     * @param chunks the blocks
     * @return the array over the file's data
     * @throws java.io.IOException if the file cannot be read or its header is not a supported NPY header
     */
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

    /** {@return the number of axes, like {@code x.ndim}} */
    public int ndim() { return shape.length; }

    /** {@return the number of elements, like {@code x.size}} */
    public long size() {
        long n = 1;
        for (long d : shape) n *= d;
        return n;
    }

    /** {@return the element type, like {@code x.dtype}} */
    public DType dtype() { return dtype; }

    /** {@return the blocks along each axis, like {@code x.chunks}} */
    public Chunks chunks() { return chunks; }

    /** {@return the number of blocks along every axis, like {@code x.numblocks}} */
    public int[] numBlocks() { return chunks.numBlocks(); }

    /** {@return true while this array is a fused element-wise expression with no layer of its own} */
    public boolean isFused() { return node != null; }

    /** {@return the name of the layer that holds this array's blocks (materialises a fused expression)} */
    public String layerName() { return node == null ? name : materialize().name; }

    /** {@return the task graph of this array's blocks (materialises a fused expression)} */
    public Graph graph() { return node == null ? graph : materialize().graph; }

    /** {@return the keys of this array's blocks, C order over the block grid, like {@code x.__dask_keys__()} flattened} */
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

    /**
     * {@code x + o} with broadcasting and NumPy 2 promotion (complex when either is complex); fused, no task yet.
     *
     * @param o the other operand
     * @return the lazy sum
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public DArray add(DArray o) {
        return ComplexBlocks.any(this, o) ? ComplexBlocks.binary(ComplexBlocks.Op.ADD, this, o) : apply(ElementwiseOp.ADD, null, this, o);
    }

    /**
     * {@code x + v}, {@code v} a weak scalar ({@code float32 + 2.0} stays float32); fused.
     *
     * @param v the scalar
     * @return the lazy sum
     */
    public DArray add(double v) {
        return dtype.isComplex() ? ComplexBlocks.binary(ComplexBlocks.Op.ADD, this, v) : apply(ElementwiseOp.ADD, null, this, v);
    }

    /**
     * {@code x + v}, {@code v} a weak integer scalar (an int array keeps its dtype); fused.
     *
     * @param v the scalar
     * @return the lazy sum
     */
    public DArray add(long v) { return apply(ElementwiseOp.ADD, null, this, v); }

    /**
     * {@code x - o} with broadcasting and NumPy 2 promotion; fused.
     *
     * @param o the other operand
     * @return the lazy difference
     * @throws IllegalArgumentException if the shapes do not broadcast, or both are bool
     */
    public DArray sub(DArray o) {
        return ComplexBlocks.any(this, o) ? ComplexBlocks.binary(ComplexBlocks.Op.SUB, this, o) : apply(ElementwiseOp.SUB, null, this, o);
    }

    /**
     * {@code x - v}, {@code v} a weak scalar; fused.
     *
     * @param v the scalar
     * @return the lazy difference
     */
    public DArray sub(double v) {
        return dtype.isComplex() ? ComplexBlocks.binary(ComplexBlocks.Op.SUB, this, v) : apply(ElementwiseOp.SUB, null, this, v);
    }

    /**
     * {@code x - v}, {@code v} a weak integer scalar; fused.
     *
     * @param v the scalar
     * @return the lazy difference
     */
    public DArray sub(long v) { return apply(ElementwiseOp.SUB, null, this, v); }

    /**
     * {@code v - this}, {@code v} a weak scalar; fused.
     *
     * @param v the scalar
     * @return the lazy difference
     */
    public DArray rsub(double v) { return apply(ElementwiseOp.SUB, null, v, this); }

    /**
     * {@code x * o} with broadcasting and NumPy 2 promotion; fused.
     *
     * @param o the other operand
     * @return the lazy product
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public DArray mul(DArray o) {
        return ComplexBlocks.any(this, o) ? ComplexBlocks.binary(ComplexBlocks.Op.MUL, this, o) : apply(ElementwiseOp.MUL, null, this, o);
    }

    /**
     * {@code x * v}, {@code v} a weak scalar; fused.
     *
     * @param v the scalar
     * @return the lazy product
     */
    public DArray mul(double v) {
        return dtype.isComplex() ? ComplexBlocks.binary(ComplexBlocks.Op.MUL, this, v) : apply(ElementwiseOp.MUL, null, this, v);
    }

    /**
     * {@code x * v}, {@code v} a weak integer scalar; fused.
     *
     * @param v the scalar
     * @return the lazy product
     */
    public DArray mul(long v) { return apply(ElementwiseOp.MUL, null, this, v); }

    /**
     * True division {@code x / o} (integers give float64); fused.
     *
     * @param o the divisor
     * @return the lazy quotient
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public DArray div(DArray o) {
        return ComplexBlocks.any(this, o) ? ComplexBlocks.binary(ComplexBlocks.Op.DIV, this, o) : apply(ElementwiseOp.DIV, null, this, o);
    }

    /**
     * {@code x / v}, true division (integers give float64); fused.
     *
     * @param v the divisor
     * @return the lazy quotient
     */
    public DArray div(double v) {
        return dtype.isComplex() ? ComplexBlocks.binary(ComplexBlocks.Op.DIV, this, v) : apply(ElementwiseOp.DIV, null, this, v);
    }

    /**
     * {@code x / v}, true division (integers give float64); fused.
     *
     * @param v the divisor
     * @return the lazy quotient
     */
    public DArray div(long v) { return apply(ElementwiseOp.DIV, null, this, v); }

    /**
     * {@code v / this}, true division; fused.
     *
     * @param v the dividend
     * @return the lazy quotient
     */
    public DArray rdiv(double v) { return apply(ElementwiseOp.DIV, null, v, this); }

    /**
     * {@code v / this}, true division; fused.
     *
     * @param v the dividend
     * @return the lazy quotient
     */
    public DArray rdiv(long v) { return apply(ElementwiseOp.DIV, null, v, this); }

    /**
     * {@code v - this}, {@code v} a weak integer scalar; fused.
     *
     * @param v the scalar
     * @return the lazy difference
     */
    public DArray rsub(long v) { return apply(ElementwiseOp.SUB, null, v, this); }

    /**
     * {@code v ** this}; fused.
     *
     * @param v the base
     * @return the lazy power
     */
    public DArray rpow(double v) { return apply(ElementwiseOp.POW, null, v, this); }

    /**
     * {@code v ** this}, {@code v} a weak integer scalar; fused.
     *
     * @param v the base
     * @return the lazy power
     */
    public DArray rpow(long v) { return apply(ElementwiseOp.POW, null, v, this); }

    /**
     * {@code v % this} (Python's sign rule: the result has the divisor's sign); fused.
     *
     * @param v the dividend
     * @return the lazy remainder
     */
    public DArray rmod(double v) { return apply(ElementwiseOp.MOD, null, v, this); }

    /**
     * {@code v % this} (Python's sign rule); fused.
     *
     * @param v the dividend
     * @return the lazy remainder
     */
    public DArray rmod(long v) { return apply(ElementwiseOp.MOD, null, v, this); }

    /**
     * {@code v // this}: floor division; fused.
     *
     * @param v the dividend
     * @return the lazy floor quotient
     */
    public DArray rfloorDivide(double v) { return apply(ElementwiseOp.FLOOR_DIVIDE, null, v, this); }

    /**
     * {@code v // this}: floor division; fused.
     *
     * @param v the dividend
     * @return the lazy floor quotient
     */
    public DArray rfloorDivide(long v) { return apply(ElementwiseOp.FLOOR_DIVIDE, null, v, this); }

    /**
     * {@code x ** o} ({@code np.power}) with broadcasting; fused.
     *
     * @param o the exponent
     * @return the lazy power
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public DArray pow(DArray o) { return apply(ElementwiseOp.POW, null, this, o); }

    /**
     * {@code x ** v}, {@code v} a weak scalar; fused.
     *
     * @param v the exponent
     * @return the lazy power
     */
    public DArray pow(double v) { return apply(ElementwiseOp.POW, null, this, v); }

    /**
     * {@code x ** v}, {@code v} a weak integer scalar (an int array stays int); fused.
     *
     * @param v the exponent
     * @return the lazy power
     */
    public DArray pow(long v) { return apply(ElementwiseOp.POW, null, this, v); }

    /**
     * Element-wise minimum, NaN-propagating ({@code np.minimum}); fused.
     *
     * @param o the other operand
     * @return the lazy minimum
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public DArray minimum(DArray o) { return apply(ElementwiseOp.MINIMUM, null, this, o); }

    /**
     * {@code np.minimum(x, v)}, NaN-propagating; fused.
     *
     * @param v the scalar
     * @return the lazy minimum
     */
    public DArray minimum(double v) { return apply(ElementwiseOp.MINIMUM, null, this, v); }

    /**
     * Element-wise maximum, NaN-propagating ({@code np.maximum}); fused.
     *
     * @param o the other operand
     * @return the lazy maximum
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public DArray maximum(DArray o) { return apply(ElementwiseOp.MAXIMUM, null, this, o); }

    /**
     * {@code np.maximum(x, v)}, NaN-propagating; fused.
     *
     * @param v the scalar
     * @return the lazy maximum
     */
    public DArray maximum(double v) { return apply(ElementwiseOp.MAXIMUM, null, this, v); }

    /**
     * {@code x < o}, bool; fused.
     *
     * @param o the other operand
     * @return the lazy bool array
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public DArray lt(DArray o) { return apply(ElementwiseOp.LT, null, this, o); }

    /**
     * {@code x < v}, bool; fused.
     *
     * @param v the scalar
     * @return the lazy bool array
     */
    public DArray lt(double v) { return apply(ElementwiseOp.LT, null, this, v); }

    /**
     * {@code x <= o}, bool; fused.
     *
     * @param o the other operand
     * @return the lazy bool array
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public DArray le(DArray o) { return apply(ElementwiseOp.LE, null, this, o); }

    /**
     * {@code x <= v}, bool; fused.
     *
     * @param v the scalar
     * @return the lazy bool array
     */
    public DArray le(double v) { return apply(ElementwiseOp.LE, null, this, v); }

    /**
     * {@code x > o}, bool; fused.
     *
     * @param o the other operand
     * @return the lazy bool array
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public DArray gt(DArray o) { return apply(ElementwiseOp.GT, null, this, o); }

    /**
     * {@code x > v}, bool; fused.
     *
     * @param v the scalar
     * @return the lazy bool array
     */
    public DArray gt(double v) { return apply(ElementwiseOp.GT, null, this, v); }

    /**
     * {@code x >= o}, bool; fused.
     *
     * @param o the other operand
     * @return the lazy bool array
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public DArray ge(DArray o) { return apply(ElementwiseOp.GE, null, this, o); }

    /**
     * {@code x >= v}, bool; fused.
     *
     * @param v the scalar
     * @return the lazy bool array
     */
    public DArray ge(double v) { return apply(ElementwiseOp.GE, null, this, v); }

    /**
     * {@code x == o}, bool (NaN is never equal); fused.
     *
     * @param o the other operand
     * @return the lazy bool array
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public DArray eq(DArray o) { return apply(ElementwiseOp.EQ, null, this, o); }

    /**
     * {@code x == v}, bool (NaN is never equal); fused.
     *
     * @param v the scalar
     * @return the lazy bool array
     */
    public DArray eq(double v) { return apply(ElementwiseOp.EQ, null, this, v); }

    /**
     * {@code x != o}, bool (NaN is unequal to everything); fused.
     *
     * @param o the other operand
     * @return the lazy bool array
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public DArray ne(DArray o) { return apply(ElementwiseOp.NE, null, this, o); }

    /**
     * {@code x != v}, bool; fused.
     *
     * @param v the scalar
     * @return the lazy bool array
     */
    public DArray ne(double v) { return apply(ElementwiseOp.NE, null, this, v); }

    /**
     * Logical and of bools (bitwise and of integers); fused.
     *
     * @param o the other operand
     * @return the lazy result
     * @throws IllegalArgumentException if either is a float, or the shapes do not broadcast
     */
    public DArray and(DArray o) { return apply(ElementwiseOp.AND, null, this, o); }

    /**
     * Logical or of bools (bitwise or of integers); fused.
     *
     * @param o the other operand
     * @return the lazy result
     * @throws IllegalArgumentException if either is a float, or the shapes do not broadcast
     */
    public DArray or(DArray o) { return apply(ElementwiseOp.OR, null, this, o); }

    /**
     * Logical xor of bools (bitwise xor of integers); fused.
     *
     * @param o the other operand
     * @return the lazy result
     * @throws IllegalArgumentException if either is a float, or the shapes do not broadcast
     */
    public DArray xor(DArray o) { return apply(ElementwiseOp.XOR, null, this, o); }

    /** {@return the logical not of bools (bitwise invert of integers); fused} */
    public DArray not() { return apply(ElementwiseOp.NOT, null, this); }

    /**
     * Negation; fused.
     *
     * @return the lazy negation
     * @throws IllegalArgumentException for bool
     */
    public DArray neg() { return apply(ElementwiseOp.NEG, null, this); }

    /** {@return {@code np.abs}: the absolute value, the modulus (float64) for complex128} */
    public DArray abs() { return dtype.isComplex() ? ComplexBlocks.abs(this) : apply(ElementwiseOp.ABS, null, this); }

    /** {@return {@code np.sqrt}: float results (integers give float64); fused} */
    public DArray sqrt() { return apply(ElementwiseOp.SQRT, null, this); }

    /** {@return {@code np.exp}: float results; fused} */
    public DArray exp() { return apply(ElementwiseOp.EXP, null, this); }

    /** {@return {@code np.log}, the natural logarithm: float results, NaN below 0; fused} */
    public DArray log() { return apply(ElementwiseOp.LOG, null, this); }

    /** {@return {@code np.sin} of radians: float results; fused} */
    public DArray sin() { return apply(ElementwiseOp.SIN, null, this); }

    /** {@return {@code np.cos} of radians: float results; fused} */
    public DArray cos() { return apply(ElementwiseOp.COS, null, this); }

    /** {@return {@code np.tanh}: float results; fused} */
    public DArray tanh() { return apply(ElementwiseOp.TANH, null, this); }

    /** {@return {@code np.floor}: keeps float dtypes, integers unchanged; fused} */
    public DArray floor() { return apply(ElementwiseOp.FLOOR, null, this); }

    /** {@return {@code np.ceil}: keeps float dtypes, integers unchanged; fused} */
    public DArray ceil() { return apply(ElementwiseOp.CEIL, null, this); }

    /** {@return round half to even ({@code np.round}); fused} */
    public DArray round() { return apply(ElementwiseOp.ROUND, null, this); }

    /** {@return {@code np.tan} of radians: float results; fused} */
    public DArray tan() { return apply(ElementwiseOp.TAN, null, this); }

    /** {@return {@code np.arcsin} in radians: float results, NaN outside [-1, 1]; fused} */
    public DArray arcsin() { return apply(ElementwiseOp.ARCSIN, null, this); }

    /** {@return {@code np.arccos} in radians: float results, NaN outside [-1, 1]; fused} */
    public DArray arccos() { return apply(ElementwiseOp.ARCCOS, null, this); }

    /** {@return {@code np.arctan} in radians: float results; fused} */
    public DArray arctan() { return apply(ElementwiseOp.ARCTAN, null, this); }

    /** {@return {@code np.sinh}: float results; fused} */
    public DArray sinh() { return apply(ElementwiseOp.SINH, null, this); }

    /** {@return {@code np.cosh}: float results; fused} */
    public DArray cosh() { return apply(ElementwiseOp.COSH, null, this); }

    /** {@return {@code log(1 + x)}, accurate for small x; fused} */
    public DArray log1p() { return apply(ElementwiseOp.LOG1P, null, this); }

    /** {@return {@code exp(x) - 1}, accurate for small x; fused} */
    public DArray expm1() { return apply(ElementwiseOp.EXPM1, null, this); }

    /** {@return {@code np.log2}: float results; fused} */
    public DArray log2() { return apply(ElementwiseOp.LOG2, null, this); }

    /** {@return {@code np.log10}: float results; fused} */
    public DArray log10() { return apply(ElementwiseOp.LOG10, null, this); }

    /**
     * {@code np.sign}: -1, 0 or 1 keeping the dtype; NaN stays NaN; fused.
     *
     * @return the lazy signs
     * @throws IllegalArgumentException for bool
     */
    public DArray sign() { return apply(ElementwiseOp.SIGN, null, this); }

    /** {@return rounded toward zero ({@code np.trunc}); integers unchanged; fused} */
    public DArray trunc() { return apply(ElementwiseOp.TRUNC, null, this); }

    /** {@return bool, true where NaN (never for integers and bool); fused} */
    public DArray isnan() { return apply(ElementwiseOp.ISNAN, null, this); }

    /** {@return bool, true where +inf or -inf; fused} */
    public DArray isinf() { return apply(ElementwiseOp.ISINF, null, this); }

    /** {@return bool, true where neither NaN nor infinite; fused} */
    public DArray isfinite() { return apply(ElementwiseOp.ISFINITE, null, this); }

    /** {@return {@code np.cbrt}, the real cube root: float results; fused} */
    public DArray cbrt() { return apply(ElementwiseOp.CBRT, null, this); }

    /** {@return {@code np.exp2}: {@code 2^x}, float results; fused} */
    public DArray exp2() { return apply(ElementwiseOp.EXP2, null, this); }

    /** {@return {@code np.arcsinh}: float results; fused} */
    public DArray arcsinh() { return apply(ElementwiseOp.ARCSINH, null, this); }

    /** {@return {@code np.arccosh}: float results, NaN below 1; fused} */
    public DArray arccosh() { return apply(ElementwiseOp.ARCCOSH, null, this); }

    /** {@return {@code np.arctanh}: float results, NaN outside [-1, 1]; fused} */
    public DArray arctanh() { return apply(ElementwiseOp.ARCTANH, null, this); }

    /** {@return {@code np.i0}: the modified Bessel function of the first kind of order 0 (power series; see ElementMath)} */
    public DArray i0() { return apply(ElementwiseOp.I0, null, this); }

    /**
     * {@code np.copysign}: the magnitude of this with the sign of {@code o} (float results); fused.
     *
     * @param o the operand whose signs are taken
     * @return the lazy result
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public DArray copysign(DArray o) { return apply(ElementwiseOp.COPYSIGN, null, this, o); }

    /**
     * {@code np.nextafter}: the next representable value after this toward {@code o}; fused.
     *
     * @param o the direction
     * @return the lazy result
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public DArray nextafter(DArray o) { return apply(ElementwiseOp.NEXTAFTER, null, this, o); }

    /**
     * {@code np.fmod}: C's remainder with the dividend's sign (integer {@code x fmod 0} is 0, float NaN); fused.
     *
     * @param o the divisor
     * @return the lazy remainder
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public DArray fmod(DArray o) { return apply(ElementwiseOp.FMOD, null, this, o); }

    /**
     * {@code np.fmod(x, v)}: C's remainder with the dividend's sign; fused.
     *
     * @param v the divisor
     * @return the lazy remainder
     */
    public DArray fmod(double v) { return apply(ElementwiseOp.FMOD, null, this, v); }

    /**
     * {@code np.left_shift} of integers (counts outside 0..width-1 give 0, as NumPy); fused.
     *
     * @param o the shift counts
     * @return the lazy result
     * @throws IllegalArgumentException for float operands, or if the shapes do not broadcast
     */
    public DArray leftShift(DArray o) { return apply(ElementwiseOp.LEFT_SHIFT, null, this, o); }

    /**
     * {@code np.left_shift(x, v)} of integers; fused.
     *
     * @param v the shift count
     * @return the lazy result
     * @throws IllegalArgumentException for a float array
     */
    public DArray leftShift(long v) { return apply(ElementwiseOp.LEFT_SHIFT, null, this, v); }

    /**
     * {@code np.right_shift} of integers, arithmetic (sign-extending); fused.
     *
     * @param o the shift counts
     * @return the lazy result
     * @throws IllegalArgumentException for float operands, or if the shapes do not broadcast
     */
    public DArray rightShift(DArray o) { return apply(ElementwiseOp.RIGHT_SHIFT, null, this, o); }

    /**
     * {@code np.right_shift(x, v)} of integers, arithmetic; fused.
     *
     * @param v the shift count
     * @return the lazy result
     * @throws IllegalArgumentException for a float array
     */
    public DArray rightShift(long v) { return apply(ElementwiseOp.RIGHT_SHIFT, null, this, v); }

    /**
     * {@code np.bitwise_and} (logical for bool), as {@link #and}.
     *
     * @param o the other operand
     * @return the lazy result
     */
    public DArray bitwiseAnd(DArray o) { return and(o); }

    /**
     * {@code np.bitwise_or} (logical for bool), as {@link #or}.
     *
     * @param o the other operand
     * @return the lazy result
     */
    public DArray bitwiseOr(DArray o) { return or(o); }

    /**
     * {@code np.bitwise_xor} (logical for bool), as {@link #xor}.
     *
     * @param o the other operand
     * @return the lazy result
     */
    public DArray bitwiseXor(DArray o) { return xor(o); }

    /** {@return {@code np.invert}/{@code bitwise_not}, as {@link #not}} */
    public DArray invert() { return not(); }

    /** {@return {@code np.isposinf}: bool, true where +inf (nowhere for integer and bool dtypes)} */
    public DArray isposinf() { return dtype.isFloat() ? eq(Double.POSITIVE_INFINITY) : full(shape.clone(), chunks, 0L, DType.BOOL); }

    /** {@return {@code np.isneginf}: bool, true where -inf (nowhere for integer and bool dtypes)} */
    public DArray isneginf() { return dtype.isFloat() ? eq(Double.NEGATIVE_INFINITY) : full(shape.clone(), chunks, 0L, DType.BOOL); }

    /** {@return Dask's {@code isnull} (pandas' name for {@code isnan})} */
    public DArray isnull() { return isnan(); }

    /** {@return Dask's {@code notnull}: {@code ~isnan}} */
    public DArray notnull() { return isnan().not(); }

    /**
     * {@code np.frexp}: {@code [mantissa, exponent]} with {@code x = mantissa * 2^exponent}, |mantissa| in [0.5, 1)
     * (0, inf and NaN keep their value with exponent 0); the exponent is int32 as NumPy's. Two lazy arrays of one task
     * per block each, both with this array's chunks.
     *
     * @return the mantissa (float) and the exponent (int32)
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

    /** {@return {@code np.positive}: this array itself} */
    public DArray positive() { return this; }

    /** {@return {@code np.negative}, as {@link #neg}} */
    public DArray negative() { return neg(); }

    /**
     * {@code np.heaviside(x, h0)}: 0 below zero, 1 above, {@code h0} at zero; NaN stays NaN. Float results; fused.
     *
     * @param h0 the value at zero
     * @return the lazy step function
     */
    public DArray heaviside(double h0) {
        DArray f = astype(DType.resultOfFloatFunction(dtype));
        return where(f.lt(0.0), 0.0, where(f.gt(0.0), 1.0, where(f.eq(0.0), h0, f)));
    }

    /** {@return {@code np.spacing}: the distance to the next representable value away from zero (float results)} */
    public DArray spacing() {
        DArray f = astype(DType.resultOfFloatFunction(dtype));
        DArray up = f.nextafter(fullLike(f, Double.POSITIVE_INFINITY)), down = f.nextafter(fullLike(f, Double.NEGATIVE_INFINITY));
        return where(f.signbit(), down.sub(f), up.sub(f));
    }

    /** {@return {@code np.real}: the real part (float64) of complex128; real dtypes are returned as they are} */
    public DArray real() { return dtype.isComplex() ? ComplexBlocks.real(this) : this; }

    /** {@return {@code np.imag}: the imaginary part (float64) of complex128; zeros of this shape for real dtypes} */
    public DArray imag() { return dtype.isComplex() ? ComplexBlocks.imag(this) : zerosLike(this); }

    /** {@return {@code np.conj}: the complex conjugate; real dtypes are returned as they are} */
    public DArray conj() { return dtype.isComplex() ? ComplexBlocks.conj(this) : this; }

    /** {@return {@code np.angle}: {@code atan2(imag, real)}; for real dtypes 0 for non-negative values, pi for negative, NaN for NaN} */
    public DArray angle() {
        return dtype.isComplex() ? ComplexBlocks.angle(this) : zerosLike(this).astype(DType.resultOfFloatFunction(dtype)).arctan2(this);
    }

    /** {@return {@code np.isreal}: true where the imaginary part is 0 (everywhere for real dtypes)} */
    public DArray isreal() { return dtype.isComplex() ? imag().eq(0.0) : full(shape.clone(), chunks, 1L, DType.BOOL); }

    /** {@return {@code np.iscomplex}: true where the imaginary part is not 0 (nowhere for real dtypes)} */
    public DArray iscomplex() { return dtype.isComplex() ? imag().ne(0.0) : full(shape.clone(), chunks, 0L, DType.BOOL); }

    /**
     * {@code re + 1j * im} (complex128) with broadcasting; both parts real.
     *
     * @param re the real parts
     * @param im the imaginary parts
     * @return the lazy complex128 array
     * @throws IllegalArgumentException if either part is complex or the shapes do not broadcast
     */
    public static DArray complex(DArray re, DArray im) { return ComplexBlocks.complex(re, im); }

    /**
     * {@code da.fft.fft(x, n, axis)} (see {@link Fft}: the axis is rechunked into one chunk); {@code n = -1} keeps the length.
     *
     * @param n    the transform length, or -1
     * @param axis the axis, negative from the end
     * @return the lazy complex128 transform
     * @throws IllegalArgumentException as {@link Fft#fft(DArray, long, int, dev.blockwork.ndarray.Fft.Norm)}
     */
    public DArray fft(long n, int axis) { return Fft.fft(this, n, axis, dev.blockwork.ndarray.Fft.Norm.BACKWARD); }

    /**
     * {@code da.fft.ifft(x, n, axis)}, scaled by 1/n (the axis rechunked into one chunk).
     *
     * @param n    the transform length, or -1 for the axis length
     * @param axis the axis, negative from the end
     * @return the lazy complex128 inverse
     * @throws IllegalArgumentException as {@link Fft#ifft(DArray, long, int, dev.blockwork.ndarray.Fft.Norm)}
     */
    public DArray ifft(long n, int axis) { return Fft.ifft(this, n, axis, dev.blockwork.ndarray.Fft.Norm.BACKWARD); }

    /**
     * {@code da.fft.rfft(x, n, axis)}: the {@code n/2 + 1} non-negative frequencies of a real array.
     *
     * @param n    the transform length, or -1 for the axis length
     * @param axis the axis, negative from the end
     * @return the lazy complex128 half spectrum
     * @throws IllegalArgumentException if this array is complex, or as {@link #fft(long, int)}
     */
    public DArray rfft(long n, int axis) { return Fft.rfft(this, n, axis, dev.blockwork.ndarray.Fft.Norm.BACKWARD); }

    /**
     * {@code da.fft.irfft(x, n, axis)}: a float64 signal from a half spectrum.
     *
     * @param n    the output length, or -1 for {@code 2 (m - 1)}
     * @param axis the axis, negative from the end
     * @return the lazy float64 signal
     * @throws IllegalArgumentException as {@link Fft#irfft(DArray, long, int, dev.blockwork.ndarray.Fft.Norm)}
     */
    public DArray irfft(long n, int axis) { return Fft.irfft(this, n, axis, dev.blockwork.ndarray.Fft.Norm.BACKWARD); }

    /** {@return {@code da.fft.fft2(x)}: the last two axes, one after the other (each rechunked into one chunk in turn)} */
    public DArray fft2() { return Fft.fft2(this); }

    /** {@return {@code da.fft.ifft2(x)}: the inverse over the last two axes} */
    public DArray ifft2() { return Fft.ifft2(this); }

    /**
     * {@code da.fft.fftn(x, axes=axes)}; no axes is every axis.
     *
     * @param axes the axes to transform, none for all
     * @return the lazy complex128 transform
     */
    public DArray fftn(int... axes) { return Fft.fftn(this, null, axes.length == 0 ? null : axes, dev.blockwork.ndarray.Fft.Norm.BACKWARD); }

    /**
     * {@code da.fft.ifftn(x, axes=axes)}; no axes is every axis.
     *
     * @param axes the axes to transform, none for all
     * @return the lazy complex128 inverse
     */
    public DArray ifftn(int... axes) { return Fft.ifftn(this, null, axes.length == 0 ? null : axes, dev.blockwork.ndarray.Fft.Norm.BACKWARD); }

    /** {@return {@code np.square}: {@code x * x} in x's dtype} */
    public DArray square() { return mul(this); }

    /**
     * {@code np.reciprocal}: {@code 1 / x}; as NumPy, integers stay integers (C division: 1 and -1 keep their value,
     * others give 0, and {@code 1 / 0} gives the dtype's minimum as NumPy on x86-64).
     *
     * @return the lazy reciprocal
     * @throws IllegalArgumentException for bool
     */
    public DArray reciprocal() { return Composites.reciprocal(this); }

    /**
     * {@code np.logaddexp}: {@code log(exp(a) + exp(b))} without overflow ({@code max + log1p(exp(-|a - b|))}).
     *
     * @param o the other operand
     * @return the lazy float result
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public DArray logaddexp(DArray o) { return Composites.logaddexp(this, o, false); }

    /**
     * {@code np.logaddexp2}: {@code log2(2^a + 2^b)}, without overflow.
     *
     * @param o the other operand
     * @return the lazy float result
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public DArray logaddexp2(DArray o) { return Composites.logaddexp(this, o, true); }

    /**
     * {@code np.isclose(a, b, rtol, atol, equal_nan)}: {@code |a - b| <= atol + rtol * |b|} for finite values, equality
     * for infinities, and NaN equal to NaN only with {@code equalNan}.
     *
     * @param b        the array compared with
     * @param rtol     the relative tolerance
     * @param atol     the absolute tolerance
     * @param equalNan whether NaN equals NaN
     * @return the lazy bool array
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public DArray isclose(DArray b, double rtol, double atol, boolean equalNan) { return Composites.isclose(this, b, rtol, atol, equalNan); }

    /**
     * {@code np.isclose(a, b)} with NumPy's defaults {@code rtol=1e-5, atol=1e-8}, NaN unequal.
     *
     * @param b the array compared with
     * @return the lazy bool array
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public DArray isclose(DArray b) { return isclose(b, 1e-5, 1e-8, false); }

    /**
     * {@code np.allclose}: {@code isclose(...).all()}, a 0-d bool array (lazy: compute it for the answer).
     *
     * @param b        the array compared with
     * @param rtol     the relative tolerance
     * @param atol     the absolute tolerance
     * @param equalNan whether NaN equals NaN
     * @return the lazy 0-d bool array
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public DArray allclose(DArray b, double rtol, double atol, boolean equalNan) { return isclose(b, rtol, atol, equalNan).all(); }

    /**
     * {@code np.allclose(a, b)} with {@code rtol=1e-5, atol=1e-8}, a 0-d bool array.
     *
     * @param b the array compared with
     * @return the lazy 0-d bool array
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public DArray allclose(DArray b) { return allclose(b, 1e-5, 1e-8, false); }

    /**
     * {@code np.around}, as {@link #round(int)}.
     *
     * @param decimals the decimal places (negative rounds to tens, hundreds...)
     * @return the lazy rounded array
     */
    public DArray around(int decimals) { return round(decimals); }

    /**
     * {@code np.round(x, decimals)}: {@code rint(x * 10^d) / 10^d} as NumPy computes it; integers with d &gt;= 0 unchanged.
     *
     * @param decimals the decimal places (negative rounds to tens, hundreds...)
     * @return the lazy rounded array
     */
    public DArray round(int decimals) { return Composites.round(this, decimals); }

    /** {@return {@code np.fix}: rounded toward zero, as {@link #trunc}} */
    public DArray fix() { return trunc(); }

    /** {@return {@code np.deg2rad}/{@code radians}: float results} */
    public DArray deg2rad() { return astype(DType.resultOfFloatFunction(dtype)).mul(Math.PI / 180); }

    /** {@return {@code np.rad2deg}/{@code degrees}: float results} */
    public DArray rad2deg() { return astype(DType.resultOfFloatFunction(dtype)).mul(180 / Math.PI); }

    /**
     * {@code np.fmax}: the larger element, ignoring a NaN when the other is not NaN (NaN only if both are).
     *
     * @param o the other operand
     * @return the lazy result
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public DArray fmax(DArray o) { return where(isnan(), o, where(o.isnan(), this, maximum(o))); }

    /**
     * {@code np.fmin}: the smaller element, ignoring a NaN when the other is not NaN.
     *
     * @param o the other operand
     * @return the lazy result
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public DArray fmin(DArray o) { return where(isnan(), o, where(o.isnan(), this, minimum(o))); }

    /**
     * {@code np.arctan2(this, x)}: the angle of the point (x, this) in radians; fused.
     *
     * @param x the x coordinates
     * @return the lazy float angles
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public DArray arctan2(DArray x) { return apply(ElementwiseOp.ARCTAN2, null, this, x); }

    /**
     * {@code np.hypot}: {@code sqrt(this^2 + o^2)} without intermediate overflow; fused.
     *
     * @param o the other leg
     * @return the lazy float result
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public DArray hypot(DArray o) { return apply(ElementwiseOp.HYPOT, null, this, o); }

    /**
     * {@code np.remainder}/{@code np.mod} (Python {@code %}): the result takes the divisor's sign; integer
     * {@code x % 0} is 0, float {@code x % 0} is NaN (NumPy, which also warns). Fused.
     *
     * @param o the divisor
     * @return the lazy remainder
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public DArray mod(DArray o) { return apply(ElementwiseOp.MOD, null, this, o); }

    /**
     * {@code x % v} (Python's sign rule), {@code v} a weak scalar; fused.
     *
     * @param v the divisor
     * @return the lazy remainder
     */
    public DArray mod(double v) { return apply(ElementwiseOp.MOD, null, this, v); }

    /**
     * {@code x % v} (Python's sign rule), {@code v} a weak integer scalar; fused.
     *
     * @param v the divisor
     * @return the lazy remainder
     */
    public DArray mod(long v) { return apply(ElementwiseOp.MOD, null, this, v); }

    /**
     * {@code np.remainder} is {@link #mod}.
     *
     * @param o the divisor
     * @return the lazy remainder
     */
    public DArray remainder(DArray o) { return mod(o); }

    /**
     * {@code np.floor_divide} (Python {@code //}): integer {@code x // 0} is 0, float {@code x // 0} is {@code x / 0}; fused.
     *
     * @param o the divisor
     * @return the lazy floor quotient
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public DArray floorDivide(DArray o) { return apply(ElementwiseOp.FLOOR_DIVIDE, null, this, o); }

    /**
     * {@code x // v}, {@code v} a weak scalar; fused.
     *
     * @param v the divisor
     * @return the lazy floor quotient
     */
    public DArray floorDivide(double v) { return apply(ElementwiseOp.FLOOR_DIVIDE, null, this, v); }

    /**
     * {@code x // v}, {@code v} a weak integer scalar; fused.
     *
     * @param v the divisor
     * @return the lazy floor quotient
     */
    public DArray floorDivide(long v) { return apply(ElementwiseOp.FLOOR_DIVIDE, null, this, v); }

    /**
     * {@code np.minimum(x, v)} with a weak integer scalar (an int array keeps its dtype); fused.
     *
     * @param v the scalar
     * @return the lazy minimum
     */
    public DArray minimum(long v) { return apply(ElementwiseOp.MINIMUM, null, this, v); }

    /**
     * {@code np.maximum(x, v)} with a weak integer scalar (an int array keeps its dtype); fused.
     *
     * @param v the scalar
     * @return the lazy maximum
     */
    public DArray maximum(long v) { return apply(ElementwiseOp.MAXIMUM, null, this, v); }

    /**
     * {@code np.clip(x, lo, hi)}: {@code minimum(maximum(x, lo), hi)}, so NaN propagates and {@code lo > hi} gives
     * {@code hi} everywhere, as NumPy. Weak scalar bounds follow NumPy 2 (float bounds on an int array give float64).
     *
     * @param lo the lower bound
     * @param hi the upper bound
     * @return the lazy clipped array
     */
    public DArray clip(double lo, double hi) { return maximum(lo).minimum(hi); }

    /**
     * {@code np.clip(x, lo, hi)} with integer bounds (an int array keeps its dtype).
     *
     * @param lo the lower bound
     * @param hi the upper bound
     * @return the lazy clipped array
     */
    public DArray clip(long lo, long hi) { return maximum(lo).minimum(hi); }

    /**
     * {@code np.clip(x, lo, hi)} with element-wise bounds, broadcast against x.
     *
     * @param lo the lower bounds
     * @param hi the upper bounds
     * @return the lazy clipped array
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public DArray clip(DArray lo, DArray hi) { return maximum(lo).minimum(hi); }

    /**
     * {@code np.logical_and}: both operands tested for truth ({@code != 0}, NaN true), bool result.
     *
     * @param o the other operand
     * @return the lazy bool array
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public DArray logicalAnd(DArray o) { return astype(DType.BOOL).and(o.astype(DType.BOOL)); }

    /**
     * {@code np.logical_or}: both operands tested for truth ({@code != 0}, NaN true), bool result.
     *
     * @param o the other operand
     * @return the lazy bool array
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public DArray logicalOr(DArray o) { return astype(DType.BOOL).or(o.astype(DType.BOOL)); }

    /**
     * {@code np.logical_xor}: both operands tested for truth ({@code != 0}, NaN true), bool result.
     *
     * @param o the other operand
     * @return the lazy bool array
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public DArray logicalXor(DArray o) { return astype(DType.BOOL).xor(o.astype(DType.BOOL)); }

    /** {@return {@code np.logical_not}: true where the element is 0, a bool array} */
    public DArray logicalNot() { return astype(DType.BOOL).not(); }

    /**
     * Converts to {@code t} (floats to ints truncate toward zero), like {@code x.astype(t)}; fused.
     *
     * @param t the new element type
     * @return the lazy converted array (this array if it already has {@code t})
     */
    public DArray astype(DType t) {
        if (t == dtype) return this;
        return t.isComplex() || dtype.isComplex() ? ComplexBlocks.astype(this, t) : apply(ElementwiseOp.ASTYPE, t, this);
    }

    /**
     * {@code np.where(cond, a, b)} with broadcasting; the dtype promotes {@code a} and {@code b}; fused.
     *
     * @param cond where to take {@code a} (non-zero) rather than {@code b}
     * @param a    the values where {@code cond} holds
     * @param b    the values elsewhere
     * @return the lazy selection
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public static DArray where(DArray cond, DArray a, DArray b) { return apply(ElementwiseOp.WHERE, null, cond, a, b); }

    /**
     * {@code np.where(cond, a, b)} with a weak scalar {@code b}; fused.
     *
     * @param cond where to take {@code a} rather than {@code b}
     * @param a    the values where {@code cond} holds
     * @param b    the value elsewhere
     * @return the lazy selection
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public static DArray where(DArray cond, DArray a, double b) { return apply(ElementwiseOp.WHERE, null, cond, a, b); }

    /**
     * {@code np.where(cond, a, b)} with two weak scalars (a float result); fused.
     *
     * @param cond where to take {@code a} rather than {@code b}
     * @param a    the value where {@code cond} holds
     * @param b    the value elsewhere
     * @return the lazy selection, of {@code cond}'s shape
     */
    public static DArray where(DArray cond, double a, double b) { return apply(ElementwiseOp.WHERE, null, cond, a, b); }

    /**
     * {@code np.where(cond, a, b)} with a weak scalar {@code a}; fused.
     *
     * @param cond where to take {@code a} rather than {@code b}
     * @param a    the value where {@code cond} holds
     * @param b    the values elsewhere
     * @return the lazy selection
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public static DArray where(DArray cond, double a, DArray b) { return apply(ElementwiseOp.WHERE, null, cond, a, b); }

    /**
     * {@code np.where(cond, a, b)} with a weak integer scalar {@code a}; fused.
     *
     * @param cond where to take {@code a} rather than {@code b}
     * @param a    the value where {@code cond} holds
     * @param b    the values elsewhere
     * @return the lazy selection
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public static DArray where(DArray cond, long a, DArray b) { return apply(ElementwiseOp.WHERE, null, cond, a, b); }

    /**
     * {@code np.where(cond, a, b)} with a weak integer scalar {@code b}; fused.
     *
     * @param cond where to take {@code a} rather than {@code b}
     * @param a    the values where {@code cond} holds
     * @param b    the value elsewhere
     * @return the lazy selection
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public static DArray where(DArray cond, DArray a, long b) { return apply(ElementwiseOp.WHERE, null, cond, a, b); }

    // ================================================================== chunks

    /**
     * The same values in a new block structure, like {@code x.rechunk(chunks)}: {@code auto} sizes are rounded to the
     * current blocks (fused arrays only change their block grid: no tasks).
     *
     * @param spec the new chunks
     * @return the rechunked array (this array if the chunks do not change)
     * @throws IllegalArgumentException if the spec does not fit the shape
     */
    public DArray rechunk(ChunkSpec spec) { return rechunk(Chunks.normalize(spec, Shape.of(shape), dtype, chunks)); }

    /**
     * The same values in the given concrete block structure; each output block is assembled from the input blocks
     * it overlaps.
     *
     * @param target the new chunks, covering this array's shape
     * @return the rechunked array (this array if the chunks do not change)
     * @throws IllegalArgumentException if {@code target} covers another shape
     */
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
     * {@code splitEvery} (Dask's {@code split_every}): a partial per block, then combines of {@code splitEvery}
     * partials at a time, then the aggregate. Result dtypes as {@link Reduction} says.
     *
     * @param op         the reduction
     * @param axes     the axes to reduce ({@link #ALL_AXES} for every axis, empty for none)
     * @param keepDims whether the reduced axes stay, with length 1
     * @param ddof       the delta degrees of freedom of VAR and STD (the divisor is {@code n - ddof}); ignored by the others
     * @param splitEvery how many partials one combine task merges, &gt;= 2
     * @return the lazy reduced array
     * @throws IllegalArgumentException if an axis is out of range or repeated, or {@code op} does not take this dtype
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
        /**
         * Reduces one block.
         *
         * @param block the block (or strip), read-only
         * @param axes  the axes to reduce, sorted, 0-based
         * @return the partial, with those axes of length 1
         */
        NDArray apply(NDArray block, int[] axes);
    }

    /** Merges two partials of the same cells (same shape) for {@link #reduction}. */
    @FunctionalInterface
    public interface Combine extends java.io.Serializable {
        /**
         * Merges two partials.
         *
         * @param a one partial
         * @param b another, of the same shape
         * @return the merged partial, of that shape
         */
        NDArray apply(NDArray a, NDArray b);
    }

    /** The final values of a fully merged partial (keepdims shape) for {@link #reduction}. */
    @FunctionalInterface
    public interface Aggregate extends java.io.Serializable {
        /**
         * Turns the merged partial into the result.
         *
         * @param partial the fully merged partial, reduced axes of length 1
         * @return the result block, reduced axes of length 1 (they are dropped afterwards unless keepDims)
         */
        NDArray apply(NDArray partial);
    }

    /**
     * Dask's {@code da.reduction(x, chunk, aggregate, combine=..., axis, keepdims, dtype, split_every)}: {@code chunk}
     * reduces each block (or strip) over the axes keeping them, {@code combine} merges partials pairwise in the tree,
     * {@code aggregate} turns the last partial into the result (with the reduced axes of length 1; they are dropped
     * unless {@code keepDims}). E.g. a sum of squares: {@code chunk = (b, ax) -> b.expr().mul(b.expr()).evaluate().sum(ax, true)},
     * {@code combine = (p, q) -> p.add(q)}, {@code aggregate = p -> p}.
     *
     * @param chunk     reduces one block
     * @param combine   merges two partials
     * @param aggregate makes the result from the last partial
     * @param axes     the axes to reduce ({@link #ALL_AXES} for every axis, empty for none)
     * @param keepDims whether the reduced axes stay, with length 1
     * @param outDtype  the result's dtype
     * @return the lazy reduced array
     * @throws IllegalArgumentException if an axis is out of range or repeated
     */
    public DArray reduction(ChunkReduce chunk, Combine combine, Aggregate aggregate, int[] axes, boolean keepDims, DType outDtype) {
        return ReductionBuilder.build(this, new UserReducer(chunk, combine, aggregate, outDtype, shape.length), "reduction", axes,
                keepDims, ReductionBuilder.DEFAULT_SPLIT_EVERY);
    }

    /** {@return the sum of every element (ints and bool give int64), a 0-d array; compute it for the value} */
    public DArray sum() { return reduce(Reduction.SUM, null, false); }

    /**
     * {@code x.sum(axis=axes)}: ints and bool give int64.
     *
     * @param axes the axes to reduce, negative from the end; none reduces nothing
     * @return the lazy sum
     * @throws IllegalArgumentException if an axis is out of range or repeated
     */
    public DArray sum(int... axes) { return reduce(Reduction.SUM, axes, false); }

    /**
     * {@code x.sum(axis=axes, keepdims=keepDims)}: ints and bool give int64.
     *
     * @param axes     the axes to reduce ({@link #ALL_AXES} for every axis, empty for none)
     * @param keepDims whether the reduced axes stay, with length 1
     * @return the lazy sum
     * @throws IllegalArgumentException if an axis is out of range or repeated
     */
    public DArray sum(int[] axes, boolean keepDims) { return reduce(Reduction.SUM, axes, keepDims); }

    /** {@return the product of every element (ints and bool give int64), a 0-d array} */
    public DArray prod() { return reduce(Reduction.PROD, null, false); }

    /**
     * {@code x.prod(axis=axes)}: ints and bool give int64.
     *
     * @param axes the axes to reduce, negative from the end; none reduces nothing
     * @return the lazy product
     * @throws IllegalArgumentException if an axis is out of range or repeated
     */
    public DArray prod(int... axes) { return reduce(Reduction.PROD, axes, false); }

    /**
     * {@code x.prod(axis=axes, keepdims=keepDims)}: ints and bool give int64.
     *
     * @param axes     the axes to reduce ({@link #ALL_AXES} for every axis, empty for none)
     * @param keepDims whether the reduced axes stay, with length 1
     * @return the lazy product
     * @throws IllegalArgumentException if an axis is out of range or repeated
     */
    public DArray prod(int[] axes, boolean keepDims) { return reduce(Reduction.PROD, axes, keepDims); }

    /**
     * The smallest element (NaN if any is NaN), a 0-d array of this dtype.
     *
     * @return the lazy minimum
     * @throws IllegalArgumentException if the array is empty (NumPy raises too)
     */
    public DArray min() { return reduce(Reduction.MIN, null, false); }

    /**
     * {@code x.min(axis=axes)}, NaN-propagating, this dtype.
     *
     * @param axes the axes to reduce, negative from the end; none reduces nothing
     * @return the lazy minimum
     * @throws IllegalArgumentException if an axis is out of range or repeated, or a reduced axis is empty
     */
    public DArray min(int... axes) { return reduce(Reduction.MIN, axes, false); }

    /**
     * {@code x.min(axis=axes, keepdims=keepDims)}, NaN-propagating, this dtype.
     *
     * @param axes     the axes to reduce ({@link #ALL_AXES} for every axis, empty for none)
     * @param keepDims whether the reduced axes stay, with length 1
     * @return the lazy minimum
     * @throws IllegalArgumentException if an axis is out of range or repeated, or a reduced axis is empty
     */
    public DArray min(int[] axes, boolean keepDims) { return reduce(Reduction.MIN, axes, keepDims); }

    /**
     * The largest element (NaN if any is NaN), a 0-d array of this dtype.
     *
     * @return the lazy maximum
     * @throws IllegalArgumentException if the array is empty (NumPy raises too)
     */
    public DArray max() { return reduce(Reduction.MAX, null, false); }

    /**
     * {@code x.max(axis=axes)}, NaN-propagating, this dtype.
     *
     * @param axes the axes to reduce, negative from the end; none reduces nothing
     * @return the lazy maximum
     * @throws IllegalArgumentException if an axis is out of range or repeated, or a reduced axis is empty
     */
    public DArray max(int... axes) { return reduce(Reduction.MAX, axes, false); }

    /**
     * {@code x.max(axis=axes, keepdims=keepDims)}, NaN-propagating, this dtype.
     *
     * @param axes     the axes to reduce ({@link #ALL_AXES} for every axis, empty for none)
     * @param keepDims whether the reduced axes stay, with length 1
     * @return the lazy maximum
     * @throws IllegalArgumentException if an axis is out of range or repeated, or a reduced axis is empty
     */
    public DArray max(int[] axes, boolean keepDims) { return reduce(Reduction.MAX, axes, keepDims); }

    /** {@return the mean of every element, a 0-d float64 array (float32 for float32; NaN when empty)} */
    public DArray mean() { return reduce(Reduction.MEAN, null, false); }

    /**
     * {@code x.mean(axis=axes)}: float64 (float32 for float32).
     *
     * @param axes the axes to reduce, negative from the end; none reduces nothing
     * @return the lazy mean
     * @throws IllegalArgumentException if an axis is out of range or repeated
     */
    public DArray mean(int... axes) { return reduce(Reduction.MEAN, axes, false); }

    /**
     * {@code x.mean(axis=axes, keepdims=keepDims)}: float64 (float32 for float32).
     *
     * @param axes     the axes to reduce ({@link #ALL_AXES} for every axis, empty for none)
     * @param keepDims whether the reduced axes stay, with length 1
     * @return the lazy mean
     * @throws IllegalArgumentException if an axis is out of range or repeated
     */
    public DArray mean(int[] axes, boolean keepDims) { return reduce(Reduction.MEAN, axes, keepDims); }

    /** {@return the variance (population, ddof 0) of every element, a 0-d float64 array (float32 for float32)} */
    public DArray var() { return reduce(Reduction.VAR, null, false); }

    /**
     * {@code x.var(axis=axes)}, population variance (ddof 0).
     *
     * @param axes the axes to reduce, negative from the end; none reduces nothing
     * @return the lazy variance
     * @throws IllegalArgumentException if an axis is out of range or repeated
     */
    public DArray var(int... axes) { return reduce(Reduction.VAR, axes, false); }

    /**
     * {@code x.var(axis=axes, ddof=ddof, keepdims=keepDims)}: the divisor is {@code n - ddof}.
     *
     * @param ddof     the delta degrees of freedom (1 for the sample variance)
     * @param axes     the axes to reduce ({@link #ALL_AXES} for every axis, empty for none)
     * @param keepDims whether the reduced axes stay, with length 1
     * @return the lazy variance
     * @throws IllegalArgumentException if an axis is out of range or repeated
     */
    public DArray var(int ddof, int[] axes, boolean keepDims) {
        return reduce(Reduction.VAR, axes, keepDims, ddof, ReductionBuilder.DEFAULT_SPLIT_EVERY);
    }

    /** {@return the standard deviation (population, ddof 0) of every element, a 0-d float array} */
    public DArray std() { return reduce(Reduction.STD, null, false); }

    /**
     * {@code x.std(axis=axes)}, population standard deviation (ddof 0).
     *
     * @param axes the axes to reduce, negative from the end; none reduces nothing
     * @return the lazy standard deviation
     * @throws IllegalArgumentException if an axis is out of range or repeated
     */
    public DArray std(int... axes) { return reduce(Reduction.STD, axes, false); }

    /**
     * {@code x.std(axis=axes, ddof=ddof, keepdims=keepDims)}: the square root of {@link #var(int, int[], boolean)}.
     *
     * @param ddof     the delta degrees of freedom (1 for the sample standard deviation)
     * @param axes     the axes to reduce ({@link #ALL_AXES} for every axis, empty for none)
     * @param keepDims whether the reduced axes stay, with length 1
     * @return the lazy standard deviation
     * @throws IllegalArgumentException if an axis is out of range or repeated
     */
    public DArray std(int ddof, int[] axes, boolean keepDims) {
        return reduce(Reduction.STD, axes, keepDims, ddof, ReductionBuilder.DEFAULT_SPLIT_EVERY);
    }

    /** {@return whether any element is non-zero (NaN counts), a 0-d bool array} */
    public DArray any() { return reduce(Reduction.ANY, null, false); }

    /**
     * {@code x.any(axis=axes)}, bool.
     *
     * @param axes the axes to reduce, negative from the end; none reduces nothing
     * @return the lazy bool array
     * @throws IllegalArgumentException if an axis is out of range or repeated
     */
    public DArray any(int... axes) { return reduce(Reduction.ANY, axes, false); }

    /**
     * {@code x.any(axis=axes, keepdims=keepDims)}, bool.
     *
     * @param axes     the axes to reduce ({@link #ALL_AXES} for every axis, empty for none)
     * @param keepDims whether the reduced axes stay, with length 1
     * @return the lazy bool array
     * @throws IllegalArgumentException if an axis is out of range or repeated
     */
    public DArray any(int[] axes, boolean keepDims) { return reduce(Reduction.ANY, axes, keepDims); }

    /** {@return whether every element is non-zero (true when empty), a 0-d bool array} */
    public DArray all() { return reduce(Reduction.ALL, null, false); }

    /**
     * {@code x.all(axis=axes)}, bool.
     *
     * @param axes the axes to reduce, negative from the end; none reduces nothing
     * @return the lazy bool array
     * @throws IllegalArgumentException if an axis is out of range or repeated
     */
    public DArray all(int... axes) { return reduce(Reduction.ALL, axes, false); }

    /**
     * {@code x.all(axis=axes, keepdims=keepDims)}, bool.
     *
     * @param axes     the axes to reduce ({@link #ALL_AXES} for every axis, empty for none)
     * @param keepDims whether the reduced axes stay, with length 1
     * @return the lazy bool array
     * @throws IllegalArgumentException if an axis is out of range or repeated
     */
    public DArray all(int[] axes, boolean keepDims) { return reduce(Reduction.ALL, axes, keepDims); }

    /** {@return {@code np.nansum}: NaNs count as 0 (all-NaN gives 0); integers and bool as {@link #sum}} */
    public DArray nansum() { return NanReductions.nansum(this, null, false); }

    /**
     * {@code np.nansum(x, axis=axes, keepdims=keepDims)}: NaNs count as 0.
     *
     * @param axes     the axes to reduce ({@link #ALL_AXES} for every axis, empty for none)
     * @param keepDims whether the reduced axes stay, with length 1
     * @return the lazy sum
     * @throws IllegalArgumentException if an axis is out of range or repeated
     */
    public DArray nansum(int[] axes, boolean keepDims) { return NanReductions.nansum(this, axes, keepDims); }

    /** {@return {@code np.nanmean}: the mean of the non-NaN elements (all-NaN gives NaN), a 0-d array} */
    public DArray nanmean() { return NanReductions.nanmean(this, null, false); }

    /**
     * {@code np.nanmean(x, axis=axes, keepdims=keepDims)}: all-NaN lanes give NaN.
     *
     * @param axes     the axes to reduce ({@link #ALL_AXES} for every axis, empty for none)
     * @param keepDims whether the reduced axes stay, with length 1
     * @return the lazy mean
     * @throws IllegalArgumentException if an axis is out of range or repeated
     */
    public DArray nanmean(int[] axes, boolean keepDims) { return NanReductions.nanmean(this, axes, keepDims); }

    /**
     * {@code np.nanmin}: the smallest non-NaN element (all-NaN gives NaN), a 0-d array.
     *
     * @return the lazy minimum
     * @throws IllegalArgumentException if the array is empty, as {@link #min()}
     */
    public DArray nanmin() { return NanReductions.nanmin(this, null, false, false); }

    /**
     * {@code np.nanmin(x, axis=axes, keepdims=keepDims)}: all-NaN lanes give NaN.
     *
     * @param axes     the axes to reduce ({@link #ALL_AXES} for every axis, empty for none)
     * @param keepDims whether the reduced axes stay, with length 1
     * @return the lazy minimum
     * @throws IllegalArgumentException if an axis is out of range or repeated, or a reduced axis is empty
     */
    public DArray nanmin(int[] axes, boolean keepDims) { return NanReductions.nanmin(this, axes, keepDims, false); }

    /**
     * {@code np.nanmax}: the largest non-NaN element (all-NaN gives NaN), a 0-d array.
     *
     * @return the lazy maximum
     * @throws IllegalArgumentException if the array is empty, as {@link #max()}
     */
    public DArray nanmax() { return NanReductions.nanmin(this, null, false, true); }

    /**
     * {@code np.nanmax(x, axis=axes, keepdims=keepDims)}: all-NaN lanes give NaN.
     *
     * @param axes     the axes to reduce ({@link #ALL_AXES} for every axis, empty for none)
     * @param keepDims whether the reduced axes stay, with length 1
     * @return the lazy maximum
     * @throws IllegalArgumentException if an axis is out of range or repeated, or a reduced axis is empty
     */
    public DArray nanmax(int[] axes, boolean keepDims) { return NanReductions.nanmin(this, axes, keepDims, true); }

    /** {@return {@code np.nanprod}: NaNs count as 1, a 0-d array} */
    public DArray nanprod() { return NanReductions.nanprod(this, null, false); }

    /**
     * {@code np.nanprod(x, axis=axes, keepdims=keepDims)}: NaNs count as 1.
     *
     * @param axes     the axes to reduce ({@link #ALL_AXES} for every axis, empty for none)
     * @param keepDims whether the reduced axes stay, with length 1
     * @return the lazy product
     * @throws IllegalArgumentException if an axis is out of range or repeated
     */
    public DArray nanprod(int[] axes, boolean keepDims) { return NanReductions.nanprod(this, axes, keepDims); }

    /**
     * {@code np.nanvar(x, ddof=ddof)}: the variance of the non-NaN elements ({@code ddof >= count} gives inf or NaN).
     *
     * @param ddof     the delta degrees of freedom
     * @param axes     the axes to reduce ({@link #ALL_AXES} for every axis, empty for none)
     * @param keepDims whether the reduced axes stay, with length 1
     * @return the lazy variance
     * @throws IllegalArgumentException if an axis is out of range or repeated
     */
    public DArray nanvar(int ddof, int[] axes, boolean keepDims) { return NanReductions.nanvar(this, ddof, axes, keepDims, false); }

    /**
     * {@code np.nanstd(x, ddof=ddof)}: the standard deviation of the non-NaN elements.
     *
     * @param ddof     the delta degrees of freedom
     * @param axes     the axes to reduce ({@link #ALL_AXES} for every axis, empty for none)
     * @param keepDims whether the reduced axes stay, with length 1
     * @return the lazy standard deviation
     * @throws IllegalArgumentException if an axis is out of range or repeated
     */
    public DArray nanstd(int ddof, int[] axes, boolean keepDims) { return NanReductions.nanvar(this, ddof, axes, keepDims, true); }

    /** {@return {@code np.nanargmin}: the flat index of the smallest non-NaN element (all-NaN: 0, where NumPy raises)} */
    public DArray nanargmin() { return NanReductions.nanarg(this, null, false); }

    /**
     * {@code np.nanargmin(x, axis)}: int64 indices of the smallest non-NaN elements along the axis.
     *
     * @param axis the axis, negative from the end
     * @return the lazy indices
     * @throws IllegalArgumentException if {@code axis} is out of range
     */
    public DArray nanargmin(int axis) { return NanReductions.nanarg(this, axis, false); }

    /** {@return {@code np.nanargmax}: the flat index of the largest non-NaN element (all-NaN: 0, where NumPy raises)} */
    public DArray nanargmax() { return NanReductions.nanarg(this, null, true); }

    /**
     * {@code np.nanargmax(x, axis)}: int64 indices of the largest non-NaN elements along the axis.
     *
     * @param axis the axis, negative from the end
     * @return the lazy indices
     * @throws IllegalArgumentException if {@code axis} is out of range
     */
    public DArray nanargmax(int axis) { return NanReductions.nanarg(this, axis, true); }

    /**
     * {@code np.nancumsum(x, axis)}: NaNs count as 0.
     *
     * @param axis the axis, negative from the end
     * @return the lazy running sums, this array's shape and chunks
     * @throws IllegalArgumentException if {@code axis} is out of range
     */
    public DArray nancumsum(int axis) { return NanReductions.nancumulative(this, axis, false); }

    /**
     * {@code np.nancumprod(x, axis)}: NaNs count as 1.
     *
     * @param axis the axis, negative from the end
     * @return the lazy running products, this array's shape and chunks
     * @throws IllegalArgumentException if {@code axis} is out of range
     */
    public DArray nancumprod(int axis) { return NanReductions.nancumulative(this, axis, true); }

    /**
     * {@code np.percentile(x, q, axis)} (method "linear"; Dask's {@code percentile} along an axis): the axis is made
     * one block (a rechunk), then every block's lanes are sorted and interpolated; float64 (float32 for float32).
     *
     * @param q    the percentile, in [0, 100]
     * @param axis the axis, negative from the end
     * @return the lazy percentiles, the axis removed
     * @throws IllegalArgumentException if {@code q} is outside [0, 100] or {@code axis} is out of range
     */
    public DArray percentile(double q, int axis) { return Quantile.along(this, q, axis, false); }

    /**
     * {@code np.nanpercentile(x, q, axis)}: NaNs ignored (an all-NaN lane gives NaN).
     *
     * @param q    the percentile, in [0, 100]
     * @param axis the axis, negative from the end
     * @return the lazy percentiles, the axis removed
     * @throws IllegalArgumentException if {@code q} is outside [0, 100] or {@code axis} is out of range
     */
    public DArray nanpercentile(double q, int axis) { return Quantile.along(this, q, axis, true); }

    /**
     * {@code np.quantile(x, q, axis)} with {@code q} in [0, 1].
     *
     * @param q    the quantile, in [0, 1]
     * @param axis the axis, negative from the end
     * @return the lazy quantiles, the axis removed
     * @throws IllegalArgumentException if {@code q} is outside [0, 1] or {@code axis} is out of range
     */
    public DArray quantile(double q, int axis) { return Quantile.along(this, q * 100, axis, false); }

    /**
     * {@code np.nanquantile(x, q, axis)} with {@code q} in [0, 1], NaNs ignored.
     *
     * @param q    the quantile, in [0, 1]
     * @param axis the axis, negative from the end
     * @return the lazy quantiles, the axis removed
     * @throws IllegalArgumentException if {@code q} is outside [0, 1] or {@code axis} is out of range
     */
    public DArray nanquantile(double q, int axis) { return Quantile.along(this, q * 100, axis, true); }

    /**
     * Dask's {@code moment(x, order, axis)}: the central moment {@code mean((x - mean(x))^order)} along {@code axes}
     * (all when null), float64 (float32 for float32).
     *
     * @param order the moment's order
     * @param axes  the axes, or {@code null} for all
     * @return the lazy moment
     * @throws IllegalArgumentException if an axis is out of range or repeated
     */
    public DArray moment(int order, int[] axes) {
        DArray f = astype(DType.resultOfMean(dtype));
        return f.sub(f.mean(axes, true)).pow((long) order).mean(axes, false);
    }

    /**
     * Dask's {@code coarsen(reduction, x, {axis: factor})}: every {@code factors[d]} consecutive cells along axis d are
     * reduced to one (the axis length must be a multiple of its factor; 1 leaves an axis alone).
     *
     * @param op      the reduction of each group of cells
     * @param factors one factor per axis, &gt;= 1
     * @return the lazy coarsened array, axis d of length {@code shape[d] / factors[d]}
     * @throws IllegalArgumentException if there is not one factor per axis or a factor does not divide its axis
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

    /**
     * {@code np.median(x, axis)}: the axis rechunked into one block, then sorted per lane.
     *
     * @param axis the axis, negative from the end
     * @return the lazy medians, the axis removed
     * @throws IllegalArgumentException if {@code axis} is out of range
     */
    public DArray median(int axis) { return Quantile.along(this, 50, axis, false); }

    /**
     * {@code np.median(x, axis=axes)}, exact: the axes (null: all) are moved last and merged into one chunk per lane.
     *
     * @param axes the axes, or {@code null} for all
     * @return the lazy medians, those axes removed
     * @throws IllegalArgumentException if an axis is out of range or repeated
     */
    public DArray median(int[] axes) { return Quantile.alongAxes(this, 50, axes, false, QuantileMethod.LINEAR); }

    /**
     * {@code np.nanmedian(x, axis=axes)}, exact, NaNs ignored.
     *
     * @param axes the axes, or {@code null} for all
     * @return the lazy medians, those axes removed
     * @throws IllegalArgumentException if an axis is out of range or repeated
     */
    public DArray nanmedian(int[] axes) { return Quantile.alongAxes(this, 50, axes, true, QuantileMethod.LINEAR); }

    /**
     * {@code np.percentile(x, q, axis, method=method)}, exact (the axis is rechunked whole).
     *
     * @param q      the percentile, in [0, 100]
     * @param axis the axis, negative from the end
     * @param method NumPy's interpolation method
     * @return the lazy percentiles, the axis removed
     * @throws IllegalArgumentException if {@code q} is outside [0, 100] or {@code axis} is out of range
     */
    public DArray percentile(double q, int axis, QuantileMethod method) { return Quantile.along(this, q, axis, false, method); }

    /**
     * {@code np.nanpercentile(x, q, axis, method=method)}, exact, NaNs ignored.
     *
     * @param q      the percentile, in [0, 100]
     * @param axis the axis, negative from the end
     * @param method NumPy's interpolation method
     * @return the lazy percentiles, the axis removed
     * @throws IllegalArgumentException if {@code q} is outside [0, 100] or {@code axis} is out of range
     */
    public DArray nanpercentile(double q, int axis, QuantileMethod method) { return Quantile.along(this, q, axis, true, method); }

    /**
     * {@code np.percentile(x, q, axis=axes, method=method)}, exact over several axes (null: all).
     *
     * @param q      the percentile, in [0, 100]
     * @param axes   the axes, or {@code null} for all
     * @param method NumPy's interpolation method
     * @return the lazy percentiles, those axes removed
     * @throws IllegalArgumentException if {@code q} is outside [0, 100] or an axis is out of range or repeated
     */
    public DArray percentile(double q, int[] axes, QuantileMethod method) { return Quantile.alongAxes(this, q, axes, false, method); }

    /**
     * Dask's {@code da.percentile(x, q)} over all elements: approximate (per-block percentiles merged by weight, as
     * Dask's {@code merge_percentiles}; see {@link Quantile}), float64 of shape {@code (q.length,)}; exact with one
     * block. Use {@link #percentile(double, int[], QuantileMethod)} for the exact value.
     *
     * @param q the percentiles, each in [0, 100]
     * @return the lazy 1-D array of percentiles
     * @throws IllegalArgumentException if a {@code q} is outside [0, 100]
     */
    public DArray percentile(double... q) { return Quantile.approximate(this, q, false); }

    /**
     * {@link #percentile(double...)} ignoring NaNs.
     *
     * @param q the percentiles, each in [0, 100]
     * @return the lazy 1-D array of percentiles
     * @throws IllegalArgumentException if a {@code q} is outside [0, 100]
     */
    public DArray nanpercentileApprox(double... q) { return Quantile.approximate(this, q, true); }

    /**
     * {@code np.nanmedian(x, axis)}: NaNs ignored.
     *
     * @param axis the axis, negative from the end
     * @return the lazy medians, the axis removed
     * @throws IllegalArgumentException if {@code axis} is out of range
     */
    public DArray nanmedian(int axis) { return Quantile.along(this, 50, axis, true); }

    /**
     * {@code np.ptp}: {@code max - min} over the axes (NaN-propagating).
     *
     * @param axes     the axes to reduce ({@link #ALL_AXES} for every axis, empty for none)
     * @param keepDims whether the reduced axes stay, with length 1
     * @return the lazy ranges
     * @throws IllegalArgumentException if an axis is out of range or repeated, or a reduced axis is empty
     */
    public DArray ptp(int[] axes, boolean keepDims) { return max(axes, keepDims).sub(min(axes, keepDims)); }

    /**
     * {@code np.ptp(x)}: {@code max - min} of every element, a 0-d array.
     *
     * @return the lazy range
     * @throws IllegalArgumentException if the array is empty
     */
    public DArray ptp() { return max().sub(min()); }

    /**
     * {@code np.average(x, axis, weights)}: {@code sum(x * w) / sum(w)} along {@code axis}; {@code weights} has x's shape
     * or is 1-D with x's length along {@code axis} (NumPy's two forms). Float64 (float32 for float32 operands).
     *
     * @param weights the weights
     * @param axis the axis, negative from the end
     * @return the lazy weighted means, the axis removed
     * @throws IllegalArgumentException if {@code weights} has neither form, or {@code axis} is out of range
     */
    public DArray average(DArray weights, int axis) { return Statistics.average(this, weights, axis); }

    /** {@return {@code np.count_nonzero}: the int64 number of elements that are not zero (NaN is not zero), a 0-d array} */
    public DArray countNonzero() { return NanReductions.countNonzero(this, null, false); }

    /**
     * {@code np.count_nonzero(x, axis=axes, keepdims=keepDims)}, int64.
     *
     * @param axes     the axes to reduce ({@link #ALL_AXES} for every axis, empty for none)
     * @param keepDims whether the reduced axes stay, with length 1
     * @return the lazy counts
     * @throws IllegalArgumentException if an axis is out of range or repeated
     */
    public DArray countNonzero(int[] axes, boolean keepDims) { return NanReductions.countNonzero(this, axes, keepDims); }

    /**
     * {@code np.cumsum(x, axis)}: int32 and bool accumulate as int64, floats in their own dtype, in sequence along the
     * axis. Three layers: a scan per block, a carry chain along the axis, and one combine per block.
     *
     * @param axis the axis, negative from the end
     * @return the lazy running sums, this array's shape and chunks
     * @throws IllegalArgumentException if {@code axis} is out of range
     */
    public DArray cumsum(int axis) { return CumulativeLayer.cumulative(this, axis, false); }

    /** {@return {@code np.cumsum(x)} without an axis: over the flattened array (C order), 1-D} */
    public DArray cumsum() { return ravel().cumsum(0); }

    /**
     * {@code np.cumprod(x, axis)}, with {@link #cumsum}'s dtypes.
     *
     * @param axis the axis, negative from the end
     * @return the lazy running products, this array's shape and chunks
     * @throws IllegalArgumentException if {@code axis} is out of range
     */
    public DArray cumprod(int axis) { return CumulativeLayer.cumulative(this, axis, true); }

    /** {@return {@code np.cumprod(x)} without an axis: over the flattened array (C order), 1-D} */
    public DArray cumprod() { return ravel().cumprod(0); }

    /**
     * {@code np.maximum.accumulate(x, axis)}: running maxima along the axis (NaN-propagating).
     *
     * @param axis the axis, negative from the end
     * @return the lazy running maxima, this array's shape, dtype and chunks
     * @throws IllegalArgumentException if {@code axis} is out of range
     */
    public DArray cummax(int axis) { return CumulativeLayer.cumulative(this, axis, CumulativeLayer.Op.MAX); }

    /**
     * Dask's {@code push(x, n, axis)}: forward fill of NaNs along the axis with the last non-NaN value, at most
     * {@code limit} positions after it ({@code limit < 0}: no limit). Integers and bool have no NaN: unchanged.
     *
     * @param limit how many NaNs after a value are filled, &lt; 0 for all
     * @param axis the axis, negative from the end
     * @return the lazy filled array, this array's shape and chunks
     * @throws IllegalArgumentException if {@code axis} is out of range
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

    /**
     * {@code np.diff(x, n, axis)}: the n-th discrete difference along the axis (bool operands use {@code !=}).
     *
     * @param n    how many times to difference, &gt;= 0
     * @param axis the axis, negative from the end
     * @return the lazy differences, the axis shorter by {@code n}
     * @throws IllegalArgumentException if {@code n} is negative or {@code axis} is out of range
     */
    public DArray diff(int n, int axis) { return Rearrange.diff(this, n, axis); }

    /** {@return {@code np.diff(x)}: the first difference along the last axis} */
    public DArray diff() { return Rearrange.diff(this, 1, -1); }

    /** {@return the flat C-order index of the smallest element (first NaN if any), a 0-d int64 array} */
    public DArray argmin() { return reduce(Reduction.ARGMIN, null, false); }

    /**
     * Indices (int64) of the smallest elements along {@code axis} ({@code np.argmin(x, axis)}).
     *
     * @param axis the axis, negative from the end
     * @return the lazy indices, the axis removed
     * @throws IllegalArgumentException if {@code axis} is out of range or empty
     */
    public DArray argmin(int axis) { return reduce(Reduction.ARGMIN, new int[] {axis}, false); }

    /** {@return the flat C-order index of the largest element (first NaN if any), a 0-d int64 array} */
    public DArray argmax() { return reduce(Reduction.ARGMAX, null, false); }

    /**
     * Indices (int64) of the largest elements along {@code axis} ({@code np.argmax(x, axis)}).
     *
     * @param axis the axis, negative from the end
     * @return the lazy indices, the axis removed
     * @throws IllegalArgumentException if {@code axis} is out of range or empty
     */
    public DArray argmax(int axis) { return reduce(Reduction.ARGMAX, new int[] {axis}, false); }

    // ================================================================== indexing and shape

    /**
     * NumPy basic indexing: {@code x.get(Index.at(2), Index.range(null, null, -2), Index.newAxis())} is
     * {@code x[2, ::-2, np.newaxis]}. Missing trailing entries mean the whole axis.
     * Every output block is a (copied) view of exactly one input block; no element is read until computed.
     *
     * @param index one entry per axis: a position (drops the axis), a range with step, or a new axis
     * @return the lazy selection
     * @throws IndexOutOfBoundsException if a position is out of range or there are more entries than axes
     */
    public DArray get(Index... index) { return Indexing.basic(this, index); }

    /**
     * {@code x[mask]} with an N-d bool mask over this array's leading axes (e.g. the whole shape): the selected
     * elements (or sub-arrays) in C order as one new leading axis. The mask is computed first, with the default
     * scheduler (see {@link #get(DArray, ComputeOptions)}), because the result's length depends on its values.
     *
     * @param mask the bool mask, of this array's leading extents
     * @return the lazy selection, its leading axis of the mask's true count
     * @throws IllegalArgumentException if the mask is not bool or its shape does not match the leading axes
     */
    public DArray get(DArray mask) { return Indexing.booleanMask(this, mask, ComputeOptions.defaults()); }

    /**
     * {@link #get(DArray)} computing the mask with {@code options} (scheduler, timeout...).
     *
     * @param mask    the bool mask, of this array's leading extents
     * @param options how the mask is computed
     * @return the lazy selection, its leading axis of the mask's true count
     * @throws IllegalArgumentException if the mask is not bool or its shape does not match the leading axes
     */
    public DArray get(DArray mask, ComputeOptions options) { return Indexing.booleanMask(this, mask, options); }

    /**
     * Dask's {@code x.vindex[i0, i1, ...]}: point {@code k} is {@code x[i0[k], i1[k], ...]} (equal-length index arrays).
     *
     * @param indices one index array per leading axis, all of one length; negative indices count from the end
     * @return the lazy points, one leading axis of that length followed by the axes not indexed
     * @throws IndexOutOfBoundsException if an index is out of range
     * @throws IllegalArgumentException if there are no index arrays or more than axes, or their lengths differ
     */
    public DArray vindex(long[]... indices) { return Indexing.vindex(this, indices); }

    /**
     * {@code x.get(":3, ::2, None, -1")} is {@code x[:3, ::2, None, -1]} (parsed by {@link Index#parse}, {@code ...} too).
     *
     * @param index NumPy's index syntax
     * @return the lazy selection
     * @throws IllegalArgumentException if {@code index} does not parse
     */
    public DArray get(String index) { return get(Index.parse(index, shape.length)); }

    /**
     * {@code x[..., indices, ...]} on one axis (integer-array indexing; negative indices count from the end), like
     * {@code np.take(x, indices, axis)}.
     *
     * @param indices the positions, in any order, repeats allowed
     * @param axis the axis, negative from the end
     * @return the lazy selection, the axis of length {@code indices.length}
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    public DArray take(long[] indices, int axis) { return Indexing.take(this, indices, axis); }

    /**
     * {@code np.compress(mask, x, axis)}: keeps the positions where {@code mask} is true; a mask shorter than the axis
     * treats the missing entries as false, and a longer one may have only false entries past the end (NumPy).
     *
     * @param mask which positions to keep
     * @param axis the axis, negative from the end
     * @return the lazy selection
     * @throws IndexOutOfBoundsException if the mask has a true entry past the axis's end
     */
    public DArray compress(boolean[] mask, int axis) { return Indexing.compress(this, mask, axis); }

    /**
     * {@code x[..., mask, ...]} with a lazy 1-D bool mask: the mask is computed first (now, with the default
     * scheduler), because the result's length along {@code axis} depends on its values (Dask would give unknown chunk
     * sizes instead).
     *
     * @param mask which positions to keep, 1-D bool
     * @param axis the axis, negative from the end
     * @return the lazy selection
     * @throws IndexOutOfBoundsException if the mask has a true entry past the axis's end
     */
    public DArray compress(DArray mask, int axis) { return compress(mask, axis, ComputeOptions.defaults()); }

    /**
     * {@link #compress(DArray, int)} computing the mask with {@code options} (scheduler, timeout...).
     *
     * @param mask    which positions to keep, 1-D bool
     * @param axis    the axis, negative from the end
     * @param options how the mask is computed
     * @return the lazy selection
     * @throws IndexOutOfBoundsException if the mask has a true entry past the axis's end
     */
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
     *
     * @param index the selection
     * @param value the new values, broadcastable to the selection
     * @return the lazy updated array, this array's shape, dtype and chunks
     * @throws IllegalArgumentException if {@code value} does not broadcast to the selection
     */
    public DArray set(Index[] index, DArray value) { return Assignment.set(this, index, value); }

    /**
     * {@code x[index] = value} with one value for every selected element.
     *
     * @param index the selection
     * @param value the new value, converted to this dtype
     * @return the lazy updated array
     */
    public DArray set(Index[] index, double value) { return Assignment.set(this, index, scalarArray(value)); }

    /**
     * {@code x[index] = value} with one integer value (all 64 bits kept for int64) for every selected element.
     *
     * @param index the selection
     * @param value the new value, converted to this dtype
     * @return the lazy updated array
     */
    public DArray set(Index[] index, long value) { return Assignment.set(this, index, scalarArray(value)); }

    /**
     * {@code x[mask] = value}: where the bool {@code mask} (broadcastable to this shape) is true.
     *
     * @param mask  where to replace
     * @param value the new values, broadcastable to this shape
     * @return the lazy updated array, this array's shape, dtype and chunks
     * @throws IllegalArgumentException if the mask is not bool or a shape does not broadcast
     */
    public DArray set(DArray mask, DArray value) { return Assignment.set(this, mask, value); }

    /**
     * {@code x[mask] = value} with one value.
     *
     * @param mask  where to replace, broadcastable to this shape
     * @param value the new value, converted to this dtype
     * @return the lazy updated array
     */
    public DArray set(DArray mask, double value) { return Assignment.set(this, mask, scalarArray(value)); }

    /** A 0-d array of {@code v} with this array's dtype (the assignment converts to it anyway). */
    private DArray scalarArray(double v) { return full(new long[0], Chunks.ofTrusted(new long[0][]), v, dtype); }

    private DArray scalarArray(long v) { return full(new long[0], Chunks.ofTrusted(new long[0][]), v, dtype); }

    /**
     * {@code np.unique(x)}: the sorted distinct values as a 1-D array, computed now (the length depends on the values):
     * every block's distinct values are found in its own task and merged here.
     *
     * @param options how the blocks are computed
     * @return the distinct values, in memory and cut into blocks
     */
    public DArray unique(ComputeOptions options) {
        NDArray u = BlockSummaries.unique(this, options);
        return fromArray(u, Chunks.auto());
    }

    /** {@return {@link #unique(ComputeOptions)} with the default compute options: the sorted distinct values, computed now} */
    public DArray unique() { return unique(ComputeOptions.defaults()); }

    /**
     * {@code np.unique(x, return_counts=True)}: {@code [values, counts]}, computed now (per-block unique values and
     * counts, merged in a tree of pairwise merges).
     *
     * @param options how the blocks are computed
     * @return the sorted distinct values and their int64 counts
     */
    public List<DArray> uniqueCounts(ComputeOptions options) {
        NDArray[] vc = Sorting.uniqueCounts(this, options);
        return List.of(fromArray(vc[0], Chunks.auto()), fromArray(vc[1], Chunks.auto()));
    }

    /** {@return {@link #uniqueCounts(ComputeOptions)} with the default compute options} */
    public List<DArray> uniqueCounts() { return uniqueCounts(ComputeOptions.defaults()); }

    /**
     * {@code np.unique(x, return_inverse=True)}: {@code [values, inverse]}; the values are computed now, the inverse
     * (int64 positions in values, x's shape and chunks, as NumPy 2) is lazy.
     *
     * @param options how the values are computed
     * @return the sorted distinct values and the lazy inverse
     */
    public List<DArray> uniqueInverse(ComputeOptions options) {
        NDArray v = Sorting.uniqueCounts(this, options)[0];
        return List.of(fromArray(v, Chunks.auto()), Sorting.inverse(this, v));
    }

    /** {@return {@link #uniqueInverse(ComputeOptions)} with the default compute options} */
    public List<DArray> uniqueInverse() { return uniqueInverse(ComputeOptions.defaults()); }

    /**
     * {@code np.argwhere(x)}: the {@code (count, ndim)} int64 positions of the non-zero elements in C order, computed
     * now (per-block tasks report their positions).
     *
     * @param options how the blocks are computed
     * @return the positions, in memory and cut into blocks
     */
    public DArray argwhere(ComputeOptions options) {
        return fromArray(BlockSummaries.nonzero(this, options).transpose().copy(), Chunks.auto());
    }

    /** {@return {@link #argwhere(ComputeOptions)} with the default compute options} */
    public DArray argwhere() { return argwhere(ComputeOptions.defaults()); }

    /**
     * {@code np.nonzero(x)}: one int64 array of positions per axis, computed now.
     *
     * @param options how the blocks are computed
     * @return per axis, the coordinates of the non-zero elements in C order
     */
    public List<DArray> nonzero(ComputeOptions options) {
        NDArray p = BlockSummaries.nonzero(this, options);
        List<DArray> out = new ArrayList<>();
        for (int d = 0; d < shape.length; d++) out.add(fromArray(p.index(0, d).copy(), Chunks.auto()));
        return out;
    }

    /** {@return {@link #nonzero(ComputeOptions)} with the default compute options} */
    public List<DArray> nonzero() { return nonzero(ComputeOptions.defaults()); }

    /** {@return {@code np.flatnonzero(x)}: flat C-order positions of the non-zero elements, computed now} */
    public DArray flatnonzero() { return fromArray(BlockSummaries.flatnonzero(this, ComputeOptions.defaults()), Chunks.auto()); }

    /**
     * {@code np.isin(x, values)}: bool, true where the element equals one of {@code values} (compared as doubles for
     * floats, exactly for integers); one block function, chunks kept.
     *
     * @param values the values looked for
     * @return the lazy bool array
     */
    public DArray isin(double... values) { return Selection.isin(this, values); }

    /**
     * {@code np.isin(x, test)} for a lazy {@code test}: its distinct values are computed now, then as {@link #isin(double...)}.
     *
     * @param test the values looked for
     * @return the lazy bool array
     */
    public DArray isin(DArray test) { return Selection.isin(this, test.unique().compute().toDoubleArray()); }

    /**
     * {@code np.searchsorted(sorted, x, side)}: for every element of this array, the int64 insertion position in the
     * increasing 1-D {@code sorted} ({@code right}: after equal values). {@code np.digitize(x, bins)} for increasing
     * bins is {@code searchsorted(bins, right=true)}.
     *
     * @param sorted the non-decreasing values searched
     * @param right  whether to insert after equal values ({@code side="right"})
     * @return the lazy positions, this array's shape and chunks
     */
    public DArray searchsorted(double[] sorted, boolean right) { return Selection.searchsorted(this, sorted, right); }

    /**
     * {@code np.searchsorted(sorted, x, side)} with a lazy 1-D {@code sorted} (computed now; it must be non-decreasing).
     *
     * @param sorted the non-decreasing values searched, 1-D
     * @param right  whether to insert after equal values ({@code side="right"})
     * @return the lazy positions, this array's shape and chunks
     * @throws IllegalArgumentException if {@code sorted} is not 1-D or decreases
     */
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
     *
     * @param bins how many bins, &gt;= 1
     * @param lo   the first edge
     * @param hi   the last edge, &gt; {@code lo}
     * @return the lazy 1-D counts; values outside [lo, hi] are not counted
     * @throws IllegalArgumentException if {@code bins} is below 1 or the range is empty or not finite
     */
    public DArray histogram(int bins, double lo, double hi) { return Counting.histogram(this, bins, lo, hi, null); }

    /**
     * Weighted {@code np.histogram}: float64 sums of {@code weights} (x's shape) per bin.
     *
     * @param bins    how many bins, &gt;= 1
     * @param lo      the first edge
     * @param hi      the last edge, &gt; {@code lo}
     * @param weights the weight of each element, x's shape
     * @return the lazy 1-D sums
     * @throws IllegalArgumentException if {@code bins} is below 1, the range is empty, or the weights' shape differs
     */
    public DArray histogram(int bins, double lo, double hi, DArray weights) { return Counting.histogram(this, bins, lo, hi, weights); }

    /**
     * {@code np.histogram(x, bins, range, weights, density)[0]}: a null {@code range} is the data's {@code [min, max]},
     * computed now (Dask needs it given); null {@code weights} counts (int64), else float64 sums; density divides by the
     * total and the bin width (float64). The edges are {@link #histogramEdges(int, double[])}.
     *
     * @param bins    how many bins, &gt;= 1
     * @param range   {@code {lo, hi}}, or {@code null} for the data's range
     * @param weights the weight of each element (x's shape), or {@code null} to count
     * @param density whether to give a probability density instead
     * @return the lazy 1-D histogram
     */
    public DArray histogram(int bins, double[] range, DArray weights, boolean density) {
        return Histograms.histogram(this, bins, range, weights, density, ComputeOptions.defaults());
    }

    /**
     * {@code np.histogram(x, bins=edges, weights, density)[0]} for explicit, non-decreasing (possibly uneven) edges.
     *
     * @param edges   the bin edges, non-decreasing, at least two
     * @param weights the weight of each element (x's shape), or {@code null} to count
     * @param density whether to give a probability density instead
     * @return the lazy 1-D histogram, {@code edges.length - 1} bins
     * @throws IllegalArgumentException if the edges decrease or are fewer than two
     */
    public DArray histogram(double[] edges, DArray weights, boolean density) { return Histograms.histogram(this, edges, weights, density); }

    /**
     * The edges {@link #histogram(int, double[], DArray, boolean)} uses (the data's range is computed now when null).
     *
     * @param bins  how many bins, &gt;= 1
     * @param range {@code {lo, hi}}, or {@code null} for the data's range
     * @return the {@code bins + 1} edges
     */
    public double[] histogramEdges(int bins, double[] range) { return Histograms.edges(this, bins, range, ComputeOptions.defaults()); }

    /**
     * {@code np.histogramdd(sample, bins=edges, weights, density)[0]} with explicit edges per coordinate.
     *
     * @param coords  the sample, one array per coordinate, all of one shape
     * @param edges   per coordinate, the non-decreasing bin edges
     * @param weights the weight of each point, or {@code null} to count
     * @param density whether to give a probability density instead
     * @return the lazy histogram, one axis per coordinate
     */
    public static DArray histogramdd(List<DArray> coords, double[][] edges, DArray weights, boolean density) {
        return Histograms.histogramdd(coords, edges, weights, density);
    }

    /**
     * {@code np.histogram2d(x, y, bins=[ex, ey], weights, density)[0]}.
     *
     * @param x       the first coordinates
     * @param y       the second coordinates, x's shape
     * @param edgesX  the bin edges along x
     * @param edgesY  the bin edges along y
     * @param weights the weight of each point, or {@code null} to count
     * @param density whether to give a probability density instead
     * @return the lazy 2-D histogram
     */
    public static DArray histogram2d(DArray x, DArray y, double[] edgesX, double[] edgesY, DArray weights, boolean density) {
        return Histograms.histogramdd(List.of(x, y), new double[][] {edgesX, edgesY}, weights, density);
    }

    /**
     * {@code np.histogramdd(sample, bins, range)[0]} with the sample given as one array per coordinate (same shapes):
     * int64 counts of shape {@code bins}, equal bins over each {@code ranges[d] = {lo, hi}}.
     *
     * @param coords the sample, one array per coordinate
     * @param bins   the number of bins per coordinate
     * @param ranges per coordinate, {@code {lo, hi}}
     * @return the lazy counts
     * @throws IllegalArgumentException if the coordinates differ in shape or the bins and ranges do not match them
     */
    public static DArray histogramdd(List<DArray> coords, int[] bins, double[][] ranges) { return Counting.histogramdd(coords, bins, ranges); }

    /**
     * {@code np.histogram2d(x, y, bins, range)[0]}: int64 counts in equal bins.
     *
     * @param x      the first coordinates
     * @param y      the second coordinates, x's shape
     * @param binsX  the number of bins along x
     * @param binsY  the number of bins along y
     * @param rangeX {@code {lo, hi}} along x
     * @param rangeY {@code {lo, hi}} along y
     * @return the lazy 2-D counts
     */
    public static DArray histogram2d(DArray x, DArray y, int binsX, int binsY, double[] rangeX, double[] rangeY) {
        return Counting.histogramdd(List.of(x, y), new int[] {binsX, binsY}, new double[][] {rangeX, rangeY});
    }

    /**
     * {@code np.histogram(...)[1]}: {@code linspace(lo, hi, bins + 1)}.
     *
     * @param bins how many bins
     * @param lo   the first edge
     * @param hi   the last edge
     * @return the edges
     */
    public static double[] histogramEdges(int bins, double lo, double hi) { return Counting.edges(bins, lo, hi); }

    /**
     * {@code np.bincount(x, minlength=length)} with every value below {@code length} (a larger one fails the compute).
     *
     * @param length the result's length
     * @return the lazy int64 counts of each value 0 to {@code length - 1}
     * @throws IllegalArgumentException if this array is a float array or {@code length} is not positive
     */
    public DArray bincount(long length) { return Counting.bincount(this, null, length); }

    /**
     * {@code np.bincount(x, weights, minlength=length)} with every value below {@code length}: float64 sums of the
     * weights per value (counts when {@code weights} is null).
     *
     * @param weights the weight of each element (x's shape), or {@code null} to count
     * @param length  the result's length
     * @return the lazy 1-D sums
     * @throws IllegalArgumentException if this array is a float array or {@code length} is not positive
     */
    public DArray bincount(DArray weights, long length) { return Counting.bincount(this, weights, length); }

    /**
     * {@code np.bincount(x, weights, minlength)} as NumPy: the length is {@code max(max(x) + 1, minlength)}, with
     * {@code max(x)} computed now; negative values are refused. Null weights count.
     *
     * @param weights   the weight of each element (x's shape), or {@code null} to count
     * @param minlength the least length of the result
     * @return the lazy 1-D counts or sums
     * @throws IllegalArgumentException if this array is not integer or bool, {@code minlength} is negative, or a value is negative
     */
    public DArray bincountMinlength(DArray weights, long minlength) {
        return Histograms.bincount(this, weights, minlength, ComputeOptions.defaults());
    }

    /**
     * {@code np.cov(x, ddof=ddof)}: rows are variables (a 1-D x is one variable, giving a 0-d result).
     *
     * @param ddof the delta degrees of freedom (1 for the sample covariance)
     * @return the lazy covariance matrix, float64
     */
    public DArray cov(int ddof) { return Statistics.cov(this, ddof); }

    /** {@return {@code np.cov(x)}: the sample covariance (ddof 1) of the rows} */
    public DArray cov() { return Statistics.cov(this, 1); }

    /** {@return {@code np.corrcoef(x)}: Pearson correlation of the rows} */
    public DArray corrcoef() { return Statistics.corrcoef(this); }

    /**
     * {@code np.linalg.norm(x, ord)} as a vector norm of all elements (ord 2: Euclidean/Frobenius; 1; inf; -inf; 0; p).
     *
     * @param ord the norm's order
     * @return the lazy 0-d norm
     */
    public DArray norm(double ord) { return Statistics.norm(this, ord, null, false); }

    /** {@return {@code np.linalg.norm(x)}: the 2-norm of all elements, a 0-d array} */
    public DArray norm() { return Statistics.norm(this, 2, null, false); }

    /**
     * {@code np.linalg.norm(x, ord, axis, keepdims)} as vector norms along {@code axes}.
     *
     * @param ord      the norm's order
     * @param axes     the axes to reduce ({@link #ALL_AXES} for every axis, empty for none)
     * @param keepDims whether the reduced axes stay, with length 1
     * @return the lazy norms
     */
    public DArray norm(double ord, int[] axes, boolean keepDims) { return Statistics.norm(this, ord, axes, keepDims); }

    /**
     * {@code np.apply_along_axis(f, axis, x)}: {@code f} maps every 1-D lane along the axis to {@code outLength} values
     * of {@code outDtype} (the axis is rechunked whole first).
     *
     * @param f         the lane function
     * @param axis the axis, negative from the end
     * @param outLength the length of each lane's result
     * @param outDtype  the result's dtype
     * @return the lazy result, the axis of length {@code outLength}
     */
    public DArray applyAlongAxis(LaneFunction f, int axis, long outLength, DType outDtype) {
        return AlongAxis.apply(this, axis, f, outLength, outDtype);
    }

    /**
     * Dask's {@code topk(x, k, axis)}: the k largest per lane, largest first; k &lt; 0 the |k| smallest. Each chunk keeps
     * its |k| best, then neighbouring chunks are merged in a tree (see {@link Sorting}).
     *
     * @param k    how many, negative for the smallest
     * @param axis the axis, negative from the end
     * @return the lazy values, the axis of length |k|
     * @throws IllegalArgumentException if |k| exceeds the axis length or is 0
     */
    public DArray topk(int k, int axis) { return Sorting.topk(this, k, axis, false); }

    /**
     * Dask's {@code argtopk}: the positions along the axis of {@link #topk}'s values.
     *
     * @param k    how many, negative for the smallest
     * @param axis the axis, negative from the end
     * @return the lazy int64 positions, the axis of length |k|
     * @throws IllegalArgumentException if |k| exceeds the axis length or is 0
     */
    public DArray argtopk(int k, int axis) { return Sorting.topk(this, k, axis, true); }

    /**
     * {@code np.sort(x, axis)} (stable, NaN last); the axis is rechunked into one chunk, as {@link Sorting} says.
     *
     * @param axis the axis, negative from the end
     * @return the lazy sorted array
     */
    public DArray sort(int axis) { return Sorting.sort(this, axis); }

    /**
     * {@code np.argsort(x, axis, kind="stable")}: int64; the axis is rechunked into one chunk.
     *
     * @param axis the axis, negative from the end
     * @return the lazy int64 positions
     */
    public DArray argsort(int axis) { return Sorting.argsort(this, axis); }

    /** {@return {@code np.signbit}: true where the sign bit is set (-0.0 and NaNs with the bit included)} */
    public DArray signbit() { return Composites.signbit(this); }

    /** {@return {@code np.fabs}: absolute value as a float} */
    public DArray fabs() { return astype(DType.resultOfFloatFunction(dtype)).abs(); }

    /** {@return {@code np.rint}: round half to even, as {@link #round()}, float results} */
    public DArray rint() { return astype(DType.resultOfFloatFunction(dtype)).round(); }

    /**
     * {@code np.float_power}: power computed in float64.
     *
     * @param o the exponents
     * @return the lazy float64 powers
     */
    public DArray floatPower(DArray o) { return astype(DType.FLOAT64).pow(o.astype(DType.FLOAT64)); }

    /**
     * {@code np.float_power(x, v)}: power computed in float64.
     *
     * @param v the exponent
     * @return the lazy float64 powers
     */
    public DArray floatPower(double v) { return astype(DType.FLOAT64).pow(v); }

    /**
     * {@code np.ldexp(x, n)}: {@code x * 2^n}.
     *
     * @param n the exponents
     * @return the lazy float result
     */
    public DArray ldexp(DArray n) { return astype(DType.resultOfFloatFunction(dtype)).mul(n.astype(DType.FLOAT64).exp2()); }

    /** {@return {@code np.sinc}: {@code sin(pi x) / (pi x)}, 1 at 0} */
    public DArray sinc() { return Composites.sinc(this); }

    /**
     * {@code np.divmod}: {@code [floorDivide(o), mod(o)]}.
     *
     * @param o the divisor
     * @return the lazy floor quotient and remainder
     */
    public List<DArray> divmod(DArray o) { return List.of(floorDivide(o), mod(o)); }

    /** {@return {@code np.modf}: {@code [fractional part, integral part]}, both with x's sign} */
    public List<DArray> modf() { return Composites.modf(this); }

    /**
     * {@code np.nan_to_num(x, nan, posinf, neginf)}.
     *
     * @param nan    what NaN becomes
     * @param posinf what +inf becomes
     * @param neginf what -inf becomes
     * @return the lazy array; integers and bool unchanged
     */
    public DArray nanToNum(double nan, double posinf, double neginf) { return Composites.nanToNum(this, nan, posinf, neginf); }

    /** {@return {@code np.nan_to_num(x)}: NaN to 0, infinities to the dtype's largest finite values} */
    public DArray nanToNum() {
        double big = dtype == DType.FLOAT32 ? Float.MAX_VALUE : Double.MAX_VALUE;
        return nanToNum(0.0, big, -big);
    }

    /**
     * {@code np.select(conditions, choices, default)}: the first true condition's choice, else the default.
     *
     * @param conditions the bool conditions
     * @param choices    one choice per condition
     * @param defaultValue the value where no condition holds
     * @return the lazy selection
     * @throws IllegalArgumentException if the lists differ in length or the shapes do not broadcast
     */
    public static DArray select(List<DArray> conditions, List<DArray> choices, double defaultValue) { return Selection.select(conditions, choices, defaultValue); }

    /**
     * {@code np.choose(indices, choices)}: element-wise {@code choices[indices[i]][i]}, all broadcast together; an index
     * outside {@code [0, choices)} fails the compute naming it (NumPy's mode "raise").
     *
     * @param indices which choice, per element
     * @param choices the arrays chosen from
     * @return the lazy selection
     */
    public static DArray choose(DArray indices, List<DArray> choices) { return Selection.choose(indices, choices); }

    /**
     * {@code np.digitize(x, bins)} for increasing bins: the index of the bin each element falls in.
     *
     * @param bins the increasing bin edges
     * @return the lazy int64 indices
     */
    public DArray digitize(double[] bins) { return Histograms.digitize(this, bins, false); }

    /**
     * {@code np.digitize(x, bins, right)}: bins monotonically increasing or decreasing (checked), int64.
     *
     * @param bins  the monotonic bin edges
     * @param right whether a bin includes its right edge instead of its left
     * @return the lazy int64 indices
     * @throws IllegalArgumentException if {@code bins} is not monotonic
     */
    public DArray digitize(double[] bins, boolean right) { return Histograms.digitize(this, bins, right); }

    /** {@return the axes reversed, like {@code x.T}; each block transposed, no data moved between blocks} */
    public DArray transpose() {
        int[] p = new int[shape.length];
        for (int i = 0; i < p.length; i++) p[i] = p.length - 1 - i;
        return transpose(p);
    }

    /**
     * Result axis {@code i} is this array's axis {@code axes[i]}, like {@code np.transpose(x, axes)}; each block
     * transposed alone.
     *
     * @param axes a permutation of the axes, negative from the end
     * @return the lazy transposed array
     * @throws IllegalArgumentException if {@code axes} is not a permutation
     */
    public DArray transpose(int... axes) { return ShapeOps.transpose(this, axes); }

    /**
     * {@code np.swapaxes(x, a, b)}.
     *
     * @param a one axis, negative from the end
     * @param b the other
     * @return the lazy array with the two axes exchanged
     */
    public DArray swapAxes(int a, int b) { return ShapeOps.swapAxes(this, a, b); }

    /**
     * {@code np.moveaxis(x, source, destination)}: the other axes keep their order.
     *
     * @param source      the axis moved, negative from the end
     * @param destination where it goes, negative from the end
     * @return the lazy array
     */
    public DArray moveAxis(int source, int destination) { return ShapeOps.moveAxis(this, source, destination); }

    /**
     * New shape with the same elements in C order (one extent may be -1); rechunks where blocks must be whole rows.
     *
     * @param newShape the new extents, their product the size
     * @return the lazy reshaped array
     * @throws IllegalArgumentException if the sizes differ or more than one extent is -1
     */
    public DArray reshape(long... newShape) { return ShapeOps.reshape(this, newShape); }

    /**
     * Dask's {@code reshape_blockwise(x, shape, chunks)}: each block reshaped alone (no rechunk; the element order is
     * not NumPy's). {@code chunks} null: the shape must merge consecutive axes; see {@link ShapeOps#reshapeBlockwise}.
     *
     * @param newShape the new extents
     * @param chunks   the blocks of the result, or {@code null} to derive them
     * @return the lazy reshaped array
     * @throws IllegalArgumentException if the blocks cannot be reshaped so
     */
    public DArray reshapeBlockwise(long[] newShape, Chunks chunks) { return ShapeOps.reshapeBlockwise(this, newShape, chunks); }

    /** {@return {@code np.squeeze(x)}: every axis of length 1 removed} */
    public DArray squeeze() { return ShapeOps.squeeze(this, null); }

    /**
     * {@code np.squeeze(x, axes)}.
     *
     * @param axes the axes to remove, each of length 1
     * @return the lazy array
     * @throws IllegalArgumentException if an axis does not have length 1
     */
    public DArray squeeze(int... axes) { return ShapeOps.squeeze(this, axes); }

    /**
     * {@code np.expand_dims(x, axis)}: a new axis of length 1 (one block) at {@code axis}.
     *
     * @param axis the new axis's position in the result, negative from the end
     * @return the lazy array
     */
    public DArray expandDims(int axis) { return ShapeOps.expandDims(this, axis); }

    /** {@return {@code np.ravel}/{@code flatten}: the elements in C order as 1-D (a reshape; rechunks as reshape does)} */
    public DArray ravel() { return ndim() == 1 ? this : reshape(size()); }

    /**
     * {@code np.broadcast_to(x, shape)}: a read-only broadcast, new and stretched axes in one block each (Dask).
     *
     * @param target the shape broadcast to
     * @return the lazy broadcast array
     * @throws IllegalArgumentException if this shape does not broadcast to {@code target}
     */
    public DArray broadcastTo(Shape target) { return Rearrange.broadcastTo(this, target.toArray()); }

    /**
     * {@code np.flip(x, axis)}: the elements in reverse order along {@code axis}.
     *
     * @param axis the axis, negative from the end
     * @return the lazy array, its blocks along the axis reversed too
     */
    public DArray flip(int axis) { return Rearrange.flip(this, axis); }

    /** {@return {@code np.flip(x)}: reversed along every axis} */
    public DArray flip() {
        Index[] ix = new Index[shape.length];
        Arrays.fill(ix, Index.range(null, null, -1));
        return get(ix);
    }

    /**
     * {@code np.vdot(a, b)} of real arrays: {@code sum(a.ravel() * b.ravel())}, a 0-d array.
     *
     * @param a the first array
     * @param b the second, of a's size
     * @return the lazy 0-d product
     */
    public static DArray vdot(DArray a, DArray b) {
        if (a.size() != b.size()) throw new IllegalArgumentException("got sizes " + a.size() + " and " + b.size() + ", expected equal sizes for vdot");
        DType t = DType.promote(a.dtype(), b.dtype());
        return a.ravel().mul(b.ravel().rechunk(a.ravel().chunks())).sum().astype(t);
    }

    /**
     * {@code np.inner(a, b)}: the sum product over the last axes.
     *
     * @param a the first array
     * @param b the second, its last axis as long as a's
     * @return the lazy result, shape {@code a.shape[:-1] + b.shape[:-1]}
     */
    public static DArray inner(DArray a, DArray b) {
        if (a.ndim() == 0 || b.ndim() == 0) return a.mul(b);
        DType t = DType.promote(a.dtype(), b.dtype());
        return tensordot(a, b, new int[] {a.ndim() - 1}, new int[] {b.ndim() - 1}).astype(t);
    }

    /**
     * {@code np.union1d(a, b)}: the sorted distinct values of both, computed now (see {@link #unique}).
     *
     * @param a the first array
     * @param b the second
     * @return the distinct values, 1-D
     */
    public static DArray union1d(DArray a, DArray b) { return concatenate(List.of(a.ravel(), b.ravel()), 0).unique(); }

    /**
     * {@code np.extract(condition, x)}: the elements where the bool condition (x's shape) is true, in C order, computed now.
     *
     * @param condition the bool condition, x's shape
     * @return the selected elements, 1-D
     */
    public DArray extract(DArray condition) { return ravel().get(condition.ravel()); }

    /**
     * {@code np.unravel_index(indices, shape)}: per axis of {@code shape}, the coordinate of each flat C-order index
     * (fused {@code floorDivide} and {@code mod}).
     *
     * @param indices the flat indices, integers
     * @param shape   the shape they index
     * @return per axis of {@code shape}, the lazy int64 coordinates
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

    /**
     * {@code np.ravel_multi_index(coords, shape)}: the flat C-order index of each coordinate tuple (fused).
     *
     * @param coords one integer array per axis of {@code shape}, broadcast together
     * @param shape  the shape they index
     * @return the lazy int64 flat indices
     */
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
     * {@code np.piecewise(x, conditions, functions)}: where condition i holds (the first that holds),
     * {@code functions[i](x)}; one more function than conditions gives the value elsewhere, else 0. The result has
     * x's dtype, as NumPy.
     *
     * @param conditions the bool conditions, broadcastable to x
     * @param functions  one per condition, plus optionally the default
     * @return the lazy result
     * @throws IllegalArgumentException if there are neither as many functions as conditions nor one more
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
     *
     * @param indexer the groups of positions along the axis
     * @param axis the axis, negative from the end
     * @return the lazy shuffled array, one block per group along the axis
     * @throws IndexOutOfBoundsException if a position is out of range
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

    /**
     * {@code np.tril_indices_from(x, k)} for a square 2-D x.
     *
     * @param x the square matrix
     * @param k the diagonal offset
     * @return the row and the column positions, int64
     * @throws IllegalArgumentException if {@code x} is not square 2-D
     */
    public static List<DArray> trilIndicesFrom(DArray x, long k) { return triangleIndices(squareSide(x), k, false); }

    /**
     * {@code np.triu_indices_from(x, k)} for a square 2-D x.
     *
     * @param x the square matrix
     * @param k the diagonal offset
     * @return the row and the column positions, int64
     * @throws IllegalArgumentException if {@code x} is not square 2-D
     */
    public static List<DArray> triuIndicesFrom(DArray x, long k) { return triangleIndices(squareSide(x), k, true); }

    private static long squareSide(DArray x) {
        if (x.ndim() != 2 || x.shape[0] != x.shape[1]) throw new IllegalArgumentException("got shape " + x.shape() + ", expected a square 2-D array");
        return x.shape[0];
    }

    /**
     * {@code np.apply_over_axes(f, x, axes)}: {@code f(x, axis)} for each axis in turn, the result keeping the reduced
     * axis (length 1) when {@code f} drops it, as NumPy.
     *
     * @param f    the function of an array and an axis, e.g. {@code (a, ax) -> a.sum(ax)}
     * @param axes the axes, in order
     * @return the lazy result, of this array's rank
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
     *
     * @param arrays the arrays, broadcastable together
     * @return the arrays in the same order, rechunked (an array already cut so is returned as it is)
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public static List<DArray> unifyChunks(List<DArray> arrays) {
        long[] out = new long[0];
        for (DArray a : arrays) out = Broadcast.shapes(out, a.shape);
        Chunks c = Alignment.unify(out, arrays.toArray(new DArray[0]));
        List<DArray> r = new ArrayList<>();
        for (DArray a : arrays) r.add(a.rechunk(Alignment.project(a.shape, out, c)));
        return r;
    }

    /**
     * {@code np.tril_indices(n, k)}: the row and column positions at and below the k-th diagonal of an n x n matrix.
     *
     * @param n the matrix's side
     * @param k the diagonal offset
     * @return the row and the column positions, int64, computed in memory
     */
    public static List<DArray> trilIndices(long n, long k) { return triangleIndices(n, k, false); }

    /**
     * {@code np.triu_indices(n, k)}: the positions at and above the k-th diagonal.
     *
     * @param n the matrix's side
     * @param k the diagonal offset
     * @return the row and the column positions, int64, computed in memory
     */
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

    /**
     * {@code np.outer(a, b)}: {@code a.ravel()[:, None] * b.ravel()[None, :]}.
     *
     * @param a the first vector (flattened)
     * @param b the second vector (flattened)
     * @return the lazy 2-D product
     */
    public static DArray outer(DArray a, DArray b) {
        DArray x = a.ravel(), y = b.ravel();
        return x.reshape(x.size(), 1).mul(y.reshape(1, y.size()));
    }

    /**
     * {@code np.trace(x, k)} of a 2-D array: the sum of its k-th diagonal.
     *
     * @param k the diagonal offset
     * @return the lazy 0-d sum
     */
    public DArray trace(long k) { return diagonal(k).sum(); }

    /**
     * {@code np.tri(n, m, k, dtype)}: ones at and below the k-th diagonal.
     *
     * @param n      the number of rows
     * @param m      the number of columns
     * @param k      the diagonal offset
     * @param chunks the blocks of the 2-D result
     * @param dtype  the element type
     * @return the lazy 2-D array
     */
    public static DArray tri(long n, long m, long k, ChunkSpec chunks, DType dtype) {
        return Rearrange.triangle(ones(Shape.of(n, m), chunks, dtype), k, false);
    }

    /**
     * {@code np.identity(n)}: float64 ones on the diagonal.
     *
     * @param n      the side
     * @param chunks the blocks of the 2-D result
     * @return the lazy identity matrix
     */
    public static DArray identity(long n, ChunkSpec chunks) { return eye(n, chunks); }

    /**
     * {@code np.hstack}: along axis 1, or axis 0 for 1-D arrays.
     *
     * @param arrays the arrays
     * @return the lazy joined array
     * @throws IllegalArgumentException if the other axes differ
     */
    public static DArray hstack(List<DArray> arrays) {
        List<DArray> a = arrays.stream().map(DArray::atLeast1d).toList();
        return concatenate(a, a.get(0).ndim() == 1 ? 0 : 1);
    }

    /**
     * {@code np.vstack}: along axis 0 after {@code atleast_2d}.
     *
     * @param arrays the arrays
     * @return the lazy joined array
     * @throws IllegalArgumentException if the other axes differ
     */
    public static DArray vstack(List<DArray> arrays) { return concatenate(arrays.stream().map(DArray::atLeast2d).toList(), 0); }

    /**
     * {@code np.dstack}: along axis 2 after {@code atleast_3d}.
     *
     * @param arrays the arrays
     * @return the lazy joined array
     * @throws IllegalArgumentException if the other axes differ
     */
    public static DArray dstack(List<DArray> arrays) { return concatenate(arrays.stream().map(DArray::atLeast3d).toList(), 2); }

    /**
     * {@code np.gradient(x, axis=axis)} with unit spacing (central inside, one-sided at the ends).
     *
     * @param axis the axis, negative from the end
     * @return the lazy float gradient, this array's shape
     */
    public DArray gradient(int axis) { return Rearrange.gradient(this, axis); }

    /** {@return {@code np.ediff1d(x)}: the differences of the flattened array} */
    public DArray ediff1d() { return ravel().diff(1, 0); }

    /**
     * {@code np.delete(x, positions, axis)}.
     *
     * @param positions the positions to remove along the axis, negative from the end
     * @param axis the axis, negative from the end
     * @return the lazy array without them
     * @throws IndexOutOfBoundsException if a position is out of range
     */
    public DArray delete(long[] positions, int axis) { return Rearrange.delete(this, positions, axis); }

    /**
     * {@code np.insert(x, position, values, axis)} for one position; {@code values} broadcast to one slice.
     *
     * @param position where the slice goes, 0 to the axis length
     * @param values   the slice, broadcast to this array's other axes
     * @param axis the axis, negative from the end
     * @return the lazy array, the axis one longer
     * @throws IndexOutOfBoundsException if {@code position} is out of range
     */
    public DArray insert(long position, DArray values, int axis) { return Rearrange.insert(this, position, values, axis); }

    /**
     * {@code np.rollaxis(x, axis, start)}: axis moved to position {@code start} (before the axis now there).
     *
     * @param axis  the axis moved, negative from the end
     * @param start where it goes
     * @return the lazy array
     */
    public DArray rollAxis(int axis, int start) {
        int n = shape.length, a = ShapeOps.axis(axis, n);
        int st = start < 0 ? start + n : start;
        if (st < 0 || st > n) throw new IllegalArgumentException("got start " + start + ", expected -" + n + " <= start <= " + n);
        return moveAxis(a, a < st ? st - 1 : st);
    }

    /**
     * {@code np.rot90(x, k)}: rotated by 90 degrees k times in the plane of the first two axes (counter-clockwise).
     *
     * @param k how many quarter turns, negative for clockwise
     * @return the lazy rotated array
     * @throws IllegalArgumentException if this array has fewer than two axes
     */
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

    /** {@return {@code np.flatten}, as {@link #ravel}} */
    public DArray flatten() { return ravel(); }

    /**
     * {@code np.append(x, values, axis)}: concatenation along the axis.
     *
     * @param values the array appended
     * @param axis the axis, negative from the end
     * @return the lazy joined array
     */
    public DArray append(DArray values, int axis) { return concatenate(List.of(this, values), axis); }

    /**
     * {@code np.append(x, values)} without an axis: both flattened.
     *
     * @param values the array appended
     * @return the lazy 1-D array
     */
    public DArray append(DArray values) { return concatenate(List.of(ravel(), values.ravel()), 0); }

    /**
     * {@code np.hsplit}: {@code split} along axis 1 (axis 0 for 1-D).
     *
     * @param sections how many equal pieces
     * @return the lazy pieces
     * @throws IllegalArgumentException if the length does not divide
     */
    public List<DArray> hsplit(int sections) { return split(sections, shape.length == 1 ? 0 : 1); }

    /**
     * {@code np.vsplit}: {@code split} along axis 0.
     *
     * @param sections how many equal pieces
     * @return the lazy pieces
     * @throws IllegalArgumentException if the length does not divide
     */
    public List<DArray> vsplit(int sections) { return split(sections, 0); }

    /**
     * {@code np.dsplit}: {@code split} along axis 2.
     *
     * @param sections how many equal pieces
     * @return the lazy pieces
     * @throws IllegalArgumentException if the length does not divide
     */
    public List<DArray> dsplit(int sections) { return split(sections, 2); }

    /**
     * {@code da.block([[a, b], [c, d]])} for a two-level nesting of arrays: each inner list is joined along the last
     * axis, then the rows along the second-to-last (arrays are promoted to at least 2-D, as NumPy's block).
     *
     * @param rows the rows of arrays
     * @return the lazy assembled array
     * @throws IllegalArgumentException if the pieces do not fit together
     */
    public static DArray block(List<List<DArray>> rows) {
        List<DArray> joined = new ArrayList<>();
        for (List<DArray> row : rows) joined.add(concatenate(row.stream().map(DArray::atLeast2d).toList(), -1));
        return concatenate(joined, -2);
    }

    /** {@return {@code np.fliplr}: reversed along axis 1} */
    public DArray fliplr() { return flip(1); }

    /** {@return {@code np.flipud}: reversed along axis 0} */
    public DArray flipud() { return flip(0); }

    /**
     * {@code np.repeat(x, repeats, axis)}: every element {@code repeats} times in a row.
     *
     * @param repeats how many times, &gt;= 0
     * @param axis the axis, negative from the end
     * @return the lazy array, the axis {@code repeats} times longer
     */
    public DArray repeat(long repeats, int axis) { return Rearrange.repeat(this, repeats, axis); }

    /**
     * {@code np.tile(x, reps)}.
     *
     * @param reps the repetitions per axis (prepended with 1s, or this array's axes, to match in rank)
     * @return the lazy tiled array
     */
    public DArray tile(long... reps) { return Rearrange.tile(this, reps); }

    /**
     * {@code np.split(x, sections, axis)}: equal pieces.
     *
     * @param sections how many pieces
     * @param axis the axis, negative from the end
     * @return the lazy pieces
     * @throws IllegalArgumentException when the length does not divide
     */
    public List<DArray> split(int sections, int axis) { return Rearrange.split(this, sections, axis, true); }

    /**
     * {@code np.split(x, indices, axis)}: the pieces between the given positions.
     *
     * @param indices the increasing positions where a new piece starts
     * @param axis the axis, negative from the end
     * @return the lazy pieces, {@code indices.length + 1} of them
     */
    public List<DArray> split(long[] indices, int axis) { return Rearrange.splitAt(this, indices, axis); }

    /**
     * {@code np.array_split(x, sections, axis)}: the first {@code len % sections} pieces one longer.
     *
     * @param sections how many pieces, &gt;= 1
     * @param axis the axis, negative from the end
     * @return the lazy pieces
     */
    public List<DArray> arraySplit(int sections, int axis) { return Rearrange.split(this, sections, axis, false); }

    /** {@return {@code np.atleast_1d}: a 0-d array as shape {@code (1,)}, others as they are} */
    public DArray atLeast1d() { return Rearrange.atLeast(this, 1); }

    /** {@return {@code np.atleast_2d}: {@code (n,)} becomes {@code (1, n)}} */
    public DArray atLeast2d() { return Rearrange.atLeast(this, 2); }

    /** {@return {@code np.atleast_3d}: {@code (n,)} becomes {@code (1, n, 1)}, {@code (m, n)} becomes {@code (m, n, 1)}} */
    public DArray atLeast3d() { return Rearrange.atLeast(this, 3); }

    /**
     * {@code np.tril(x, k)}: zeros above the k-th diagonal of the last two axes.
     *
     * @param k the diagonal offset
     * @return the lazy array, this array's shape and chunks
     */
    public DArray tril(long k) { return Rearrange.triangle(this, k, false); }

    /**
     * {@code np.triu(x, k)}: zeros below the k-th diagonal of the last two axes.
     *
     * @param k the diagonal offset
     * @return the lazy array, this array's shape and chunks
     */
    public DArray triu(long k) { return Rearrange.triangle(this, k, true); }

    /**
     * {@code np.broadcast_arrays}: every array broadcast to the common shape.
     *
     * @param arrays the arrays
     * @return the lazy broadcast arrays, in order
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public static List<DArray> broadcastArrays(List<DArray> arrays) { return Rearrange.broadcastArrays(arrays); }

    /**
     * {@code np.meshgrid(*xs, indexing=indexing)} of 1-D arrays ({@code "xy"} or {@code "ij"}).
     *
     * @param xs       the 1-D coordinate arrays
     * @param indexing {@code "xy"} (Cartesian: the first two axes swapped) or {@code "ij"} (matrix)
     * @return one lazy grid per input
     * @throws IllegalArgumentException if an input is not 1-D or {@code indexing} is neither
     */
    public static List<DArray> meshgrid(List<DArray> xs, String indexing) { return Rearrange.meshgrid(xs, indexing); }

    /**
     * {@code np.indices(shape)} as int64, chunked along the grid axes by {@code chunks}.
     *
     * @param shape  the grid's shape
     * @param chunks the blocks along the grid axes
     * @return the lazy array of shape {@code (ndim, *shape)}
     */
    public static DArray indices(Shape shape, ChunkSpec chunks) { return Rearrange.indices(shape.toArray(), chunks); }

    /**
     * {@code np.pad(x, widths, mode)}: {@code widths[d] = {before, after}}; see {@link PadMode} for the modes.
     *
     * @param widths per axis, the cells before and after
     * @param mode   how the new cells are filled
     * @return the lazy padded array
     * @throws IllegalArgumentException if a width is negative or too wide for the mode
     */
    public DArray pad(long[][] widths, PadMode mode) { return Rearrange.pad(this, widths, mode, 0); }

    /**
     * {@code np.pad(x, widths, constant_values=value)}.
     *
     * @param widths per axis, the cells before and after
     * @param value  the new cells' value
     * @return the lazy padded array
     * @throws IllegalArgumentException if a width is negative
     */
    public DArray pad(long[][] widths, double value) { return Rearrange.pad(this, widths, PadMode.CONSTANT, value); }

    /**
     * {@code np.pad(x, width, mode)}: the same width before and after on every axis.
     *
     * @param width the cells before and after, on every axis
     * @param mode  how the new cells are filled
     * @return the lazy padded array
     * @throws IllegalArgumentException if the width is negative or too wide for the mode
     */
    public DArray pad(long width, PadMode mode) {
        long[][] w = new long[shape.length][];
        for (int d = 0; d < w.length; d++) w[d] = new long[] {width, width};
        return Rearrange.pad(this, w, mode, 0);
    }

    /**
     * {@code np.diag(x, k)}: 1-D → a 2-D array with x on its k-th diagonal; 2-D → its k-th diagonal.
     *
     * @param k the diagonal offset
     * @return the lazy 2-D matrix or 1-D diagonal
     * @throws IllegalArgumentException if this array is neither 1-D nor 2-D
     */
    public DArray diag(long k) { return Rearrange.diag(this, k); }

    /**
     * {@code np.diagonal} of a 2-D array (offset k), as {@link #diag} of a 2-D array.
     *
     * @param k the diagonal offset
     * @return the lazy 1-D diagonal
     * @throws IllegalArgumentException if this array is not 2-D
     */
    public DArray diagonal(long k) {
        if (shape.length != 2) throw new IllegalArgumentException("got a " + shape.length + "-d array, expected 2-D for diagonal");
        return Rearrange.diag(this, k);
    }

    /**
     * {@code np.roll(x, shift, axis)}: elements move {@code shift} places along the axis, wrapping around.
     *
     * @param shift how many places, negative backwards
     * @param axis the axis, negative from the end
     * @return the lazy rolled array
     */
    public DArray roll(long shift, int axis) { return Rearrange.roll(this, shift, axis); }

    /**
     * {@code np.roll(x, shift)}: over the flattened array, keeping the shape.
     *
     * @param shift how many places, negative backwards
     * @return the lazy rolled array
     */
    public DArray roll(long shift) { return Rearrange.roll(this, shift); }

    /**
     * Arrays joined along an existing axis ({@code da.concatenate}): the blocks are kept, no data moves.
     *
     * @param arrays the arrays, of one rank and equal extents on the other axes
     * @param axis   the axis, negative from the end
     * @return the lazy joined array (dtypes promoted)
     * @throws IllegalArgumentException if the list is empty or the shapes do not fit
     */
    public static DArray concatenate(List<DArray> arrays, int axis) { return ShapeOps.concatenate(arrays, axis); }

    /**
     * Arrays joined along a new axis ({@code da.stack}), one block each along it.
     *
     * @param arrays the arrays, all of one shape
     * @param axis   the new axis's position in the result
     * @return the lazy stacked array
     * @throws IllegalArgumentException if the list is empty or the shapes differ
     */
    public static DArray stack(List<DArray> arrays, int axis) { return ShapeOps.stack(arrays, axis); }

    // ================================================================== linear algebra and user functions

    /**
     * NumPy {@code matmul}: 1-D, 2-D and batched n-D operands (leading axes broadcast); each 2-D block product calls
     * the NDArray BLAS bridge, accumulating into one buffer per output block.
     *
     * @param other the right operand
     * @return the lazy product
     * @throws IllegalArgumentException if the contracted extents differ or the batch axes do not broadcast
     */
    public DArray matmul(DArray other) { return LinearAlgebra.matmul(this, other); }

    /**
     * {@code np.dot} for 1-D and 2-D operands (n-D operands follow matmul's rules, not np.dot's).
     *
     * @param other the right operand
     * @return the lazy product
     * @throws IllegalArgumentException if the contracted extents differ
     */
    public DArray dot(DArray other) { return LinearAlgebra.matmul(this, other); }

    /**
     * {@code np.einsum(subscripts, *operands)}, e.g. {@code einsum("ij,jk->ik", a, b)} or {@code einsum("ii", x)}: a fused
     * broadcast product and one reduction (see {@link Einsum}); no {@code ...}.
     *
     * @param subscripts the subscripts, with or without {@code ->}
     * @param operands   one array per input term
     * @return the lazy result
     * @throws IllegalArgumentException if the subscripts do not parse or do not match the operands
     */
    public static DArray einsum(String subscripts, DArray... operands) { return Einsum.einsum(subscripts, operands); }

    /**
     * {@code np.tensordot(a, b, axes=(axesA, axesB))}.
     *
     * @param a     the first array
     * @param b     the second
     * @param axesA a's contracted axes
     * @param axesB b's contracted axes, paired with {@code axesA}
     * @return the lazy product: a's free axes, then b's
     * @throws IllegalArgumentException if the paired extents differ
     */
    public static DArray tensordot(DArray a, DArray b, int[] axesA, int[] axesB) { return LinearAlgebra.tensordot(a, b, axesA, axesB); }

    /**
     * Applies {@code f} to every block ({@code da.map_blocks} with {@code chunks=} and {@code dtype=}). The result has
     * blocks of {@code outChunks} (same block grid) and {@code outDtype}; a block whose real shape or dtype differs
     * fails the compute with a message naming it.
     *
     * @param f         the block function
     * @param outChunks the result's blocks, on this array's block grid
     * @param outDtype  the result's dtype
     * @return the lazy result, one task per block
     * @throws IllegalArgumentException if {@code outChunks} has another block grid
     */
    public DArray mapBlocks(BlockFunction f, Chunks outChunks, DType outDtype) {
        return UserFunctions.mapBlocks(this, f, outChunks, outDtype);
    }

    /**
     * Dask's {@code map_blocks(f, *arrays)}: {@code f} gets the corresponding blocks of several arrays, which broadcast
     * against each other and are aligned to common chunks; the result has the broadcast shape, those chunks and
     * {@code outDtype} (every block's real shape and dtype are checked).
     *
     * @param f        the function of the blocks
     * @param arrays   the operands
     * @param outDtype the result's dtype
     * @return the lazy result, one task per block
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public static DArray mapBlocks(MultiBlockFunction f, List<DArray> arrays, DType outDtype) {
        return MultiMapBlocksLayer.mapBlocks(f, arrays, outDtype);
    }

    /**
     * Dask's {@code blockwise(f, outIndex, a, "ij", b, "jk", dtype=...)} with {@code concatenate=True}: letters name
     * axes; output letters are mapped block by block, the others are contracted (handed to {@code f} whole).
     *
     * @param f        the function of the operands' (concatenated) blocks
     * @param outIndex the output's axis letters
     * @param arrays   the operands
     * @param indices  each operand's axis letters
     * @param outDtype the result's dtype
     * @return the lazy result
     * @throws IllegalArgumentException if the letters do not match the operands' ranks or extents
     */
    public static DArray blockwise(MultiBlockFunction f, String outIndex, List<DArray> arrays, List<String> indices, DType outDtype) {
        return BlockwiseLayer.blockwise(f, outIndex, arrays, indices, outDtype);
    }

    /**
     * Dask's {@code apply_gufunc(f, signature, *arrays, output_dtypes=dtype)} with one output, e.g.
     * {@code applyGufunc((b, i) -> b[0].expr().mul(b[1].expr()).evaluate().sum(new int[] {-1}, false), "(i),(i)->()", List.of(x, y), FLOAT64)}
     * (an inner product over the last axis); see {@link Gufunc}.
     *
     * @param f         the function of the blocks, core dimensions whole
     * @param signature the gufunc signature
     * @param arrays    the operands
     * @param outDtype  the result's dtype
     * @return the lazy result
     * @throws IllegalArgumentException if the signature does not parse or match the operands
     */
    public static DArray applyGufunc(MultiBlockFunction f, String signature, List<DArray> arrays, DType outDtype) {
        return Gufunc.apply(f, signature, arrays, outDtype);
    }

    /**
     * Dask's {@code apply_gufunc} with several outputs, e.g. {@code "(i)->(),()"}: {@code f} returns one block per output
     * and output {@code o} has {@code outDtypes.get(o)}; see {@link Gufunc}.
     *
     * @param f         the function returning one block per output
     * @param signature the gufunc signature
     * @param arrays    the operands
     * @param outDtypes one dtype per output
     * @return the lazy outputs, in order
     * @throws IllegalArgumentException if the signature does not parse or match the operands
     */
    public static List<DArray> applyGufunc(MultiOutputFunction f, String signature, List<DArray> arrays, List<DType> outDtypes) {
        return Gufunc.applyMulti(f, signature, arrays, outDtypes);
    }

    /**
     * Dask's {@code apply_gufunc(f, signature, *arrays, vectorize=True)}: {@code f} sees one instance of the core
     * dimensions at a time and is looped over the loop dimensions of each block; see {@link Gufunc#vectorize}.
     *
     * @param f         the function of one core instance
     * @param signature the gufunc signature
     * @param arrays    the operands
     * @param outDtype  the result's dtype
     * @return the lazy result
     * @throws IllegalArgumentException if the signature does not parse or match the operands
     */
    public static DArray applyGufuncVectorized(CoreFunction f, String signature, List<DArray> arrays, DType outDtype) {
        return Gufunc.apply(Gufunc.vectorize(f, signature, outDtype), signature, arrays, outDtype);
    }

    /**
     * {@code np.kron(a, b)}: the Kronecker product, a fused broadcast product (see {@link Products}).
     *
     * @param a the first array
     * @param b the second
     * @return the lazy product
     */
    public static DArray kron(DArray a, DArray b) { return Products.kron(a, b); }

    /** An element-wise user function (NumPy's {@code frompyfunc}/{@code vectorize}) of one value as a double. */
    @FunctionalInterface
    public interface ElementFunction extends java.io.Serializable {
        /**
         * The function's value.
         *
         * @param value the element, as a double
         * @return the result, converted to the output dtype
         */
        double apply(double value);
    }

    /**
     * {@code np.frompyfunc(f, 1, 1)(x)}: {@code f} applied to every element (a block function, not fused).
     *
     * @param f        the element function
     * @param outDtype the result's dtype
     * @return the lazy result, this array's chunks
     */
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

    /**
     * {@code mapBlocks} keeping this array's chunks and dtype.
     *
     * @param f the block function; each result block must have its input's shape and dtype
     * @return the lazy result, one task per block
     */
    public DArray mapBlocks(BlockFunction f) { return mapBlocks(f, chunks, dtype); }

    /**
     * Applies {@code f} to every block extended by {@code depth[d]} neighbouring cells on each side of axis d (ghost
     * cells, filled at the array edges by {@code boundary}), then trims the extension off the result, like
     * {@code da.map_overlap}. {@code f} must return an array of the extended block's shape.
     *
     * @param f        the function of an extended block
     * @param depth    the ghost cells per side, per axis; at most the axis length
     * @param boundary how cells beyond the array's edges are filled
     * @return the lazy result, this array's shape, chunks and dtype
     * @throws IllegalArgumentException if there is not one depth per axis, or a depth is negative or longer than its axis
     */
    public DArray mapOverlap(BlockFunction f, int[] depth, Boundary boundary) {
        return Overlap.mapOverlap(this, f, depth, boundary);
    }

    // ================================================================== computing

    /**
     * Computes with the default scheduler and returns the whole array as one NDArray.
     *
     * @return the values, in memory
     * @throws dev.blockwork.schedule.TaskFailedException if a block task fails, naming the block key
     */
    public NDArray compute() { return compute(ComputeOptions.defaults()); }

    /**
     * Computes with {@code options} (scheduler, timeout...) and returns the whole array as one NDArray; blocks until done.
     *
     * @param options how to compute
     * @return the values, in memory
     * @throws dev.blockwork.schedule.TaskFailedException if a block task fails, naming the block key
     */
    public NDArray compute(ComputeOptions options) { return Compute.await(computeAsync(options)); }

    /**
     * Starts computing and returns at once (except on {@code sync}); cancelling the future cancels the compute.
     *
     * @return the running computation of the whole array
     */
    public Computation<NDArray> computeAsync() { return computeAsync(ComputeOptions.defaults()); }

    /**
     * {@link #computeAsync()} with {@code options}.
     *
     * @param options how to compute
     * @return the running computation of the whole array
     */
    public Computation<NDArray> computeAsync(ComputeOptions options) {
        Materialization.Plan p = Materialization.plan(List.of(this));
        Computation<Object[]> c = Compute.computeAsync(p.graph()::task, p.keys(), options);
        return Compute.map(c, r -> p.assemble(r)[0]);
    }

    /**
     * Computes several arrays in one graph ({@code dask.compute(a, b)}): work they share (common inputs) is done once.
     *
     * @param options how to compute
     * @param arrays  the arrays
     * @return their values, in order
     */
    public static NDArray[] computeAll(ComputeOptions options, DArray... arrays) {
        Materialization.Plan p = Materialization.plan(List.of(arrays));
        return p.assemble(Compute.compute(p.graph(), p.keys(), options));
    }

    /**
     * {@link #computeAll(ComputeOptions, DArray...)} with the default compute options.
     *
     * @param arrays the arrays
     * @return their values, in order
     */
    public static NDArray[] computeAll(DArray... arrays) { return computeAll(ComputeOptions.defaults(), arrays); }

    /**
     * Computes the blocks now and returns an array backed by them (later computes reuse them), like {@code x.persist()}.
     * On a scheduler whose workers keep results (a cluster), the blocks stay there: the array holds handles, and a
     * block moves only when a compute needs it elsewhere; they are released when the array is unreachable.
     *
     * @return the persisted array, this array's shape, chunks and dtype
     */
    public DArray persist() { return persist(ComputeOptions.defaults()); }

    /**
     * {@link #persist()} with {@code options}.
     *
     * @param options how to compute
     * @return the persisted array, this array's shape, chunks and dtype
     */
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

    /**
     * A published array, rebuilt by a reader over its handles to the blocks.
     *
     * @param shape  the array's shape
     * @param chunks its blocks
     * @param dtype  its dtype
     */
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
     *
     * @return the {@code InputRef} written instead of this array
     */
    @java.io.Serial
    private Object writeReplace() {
        DArray m = materialize();
        return new InputRef(m.shape, m.chunks, m.dtype, m.name);
    }

    /**
     * Refuses a stream that holds a DArray itself: only its {@code InputRef} is ever written.
     *
     * @param in the stream
     * @throws java.io.InvalidObjectException always
     */
    @java.io.Serial
    private void readObject(java.io.ObjectInputStream in) throws java.io.InvalidObjectException {
        throw new java.io.InvalidObjectException("DArray is serialized through its InputRef");
    }

    /**
     * A graph-less stand-in for an input array inside serialized task functions.
     *
     * @param shape  the array's shape
     * @param chunks its blocks
     * @param dtype  its dtype
     * @param name   the layer holding its blocks
     */
    private record InputRef(long[] shape, Chunks chunks, DType dtype, String name) implements java.io.Serializable {
        @java.io.Serial
        private Object readResolve() { return new DArray(shape, chunks, dtype, name, null, null); }
    }

    /**
     * Dask's {@code store(source, target)} for an in-memory target: computes with {@code options} and copies into
     * {@code target} (an NDArray or view of this shape; converted to its dtype).
     *
     * @param target  where the values go, this array's shape
     * @param options how to compute
     * @throws IllegalArgumentException if {@code target}'s shape differs
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
     *
     * @param sink    receives each block
     * @param options how to compute
     */
    public void store(BlockSink sink, ComputeOptions options) { SinkLayer.store(this, sink, options); }

    /**
     * Writes this array as a Zarr array at {@code path}, each chunk by its own task as it finishes (see
     * {@link dev.blockwork.array.zarr.Zarr#write} and {@link dev.blockwork.array.zarr.ZarrWriteOptions}).
     *
     * @param path    the array's directory
     * @param options format, codecs, chunks and how to compute
     * @throws java.io.IOException if the metadata cannot be written or a chunk write fails
     */
    public void toZarr(java.nio.file.Path path, dev.blockwork.array.zarr.ZarrWriteOptions options) throws java.io.IOException {
        dev.blockwork.array.zarr.Zarr.write(this, path, options);
    }

    /**
     * Dask's {@code to_npy_stack(dir, x, axis)}: one {@code .npy} file per block along {@code axis} (each written by its
     * own task) and a text {@code info} file; see {@link #fromNpyStack}.
     *
     * @param dir     the directory, created if missing
     * @param axis    the axis the files split
     * @param options how to compute
     * @throws java.io.IOException if a file cannot be written
     */
    public void toNpyStack(java.nio.file.Path dir, int axis, ComputeOptions options) throws java.io.IOException {
        NpyStack.write(dir, this, axis, options);
    }

    /**
     * Dask's {@code from_npy_stack(dir)}: a lazy array with one block per file written by {@link #toNpyStack}.
     *
     * @param dir the directory
     * @return the lazy array, one read task per file
     * @throws java.io.IOException if the {@code info} file is missing or unreadable
     */
    public static DArray fromNpyStack(java.nio.file.Path dir) throws java.io.IOException { return NpyStack.read(dir); }

    /**
     * Computes (default scheduler) and writes a {@code .npy} file.
     *
     * @param path the file
     * @throws java.io.IOException if the file cannot be written
     */
    public void toNpy(java.nio.file.Path path) throws java.io.IOException { NpyBridge.write(path, compute()); }
}
