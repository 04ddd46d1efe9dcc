package dev.blockwork.ndarray;

import java.util.Arrays;

/**
 * One dense n-dimensional block: a Java primitive array, an offset, a shape and strides (in elements).
 *
 * <p>Storage per dtype is documented on {@link DType}: {@code double[]}, {@code float[]}, {@code long[]},
 * {@code int[]} or {@code boolean[]}; complex128 is a {@code double[]} of interleaved real and imaginary parts
 * (create it with {@link #complex}, {@link #fromComplex} or {@link #wrapComplex}; see {@link DType#COMPLEX128}
 * for what it supports). Views ({@link #transpose()}, {@link #get(Index...)}, {@link #slice},
 * {@link #broadcastTo}, {@link #reshape} of a contiguous array, {@link #squeeze()}, {@link #expandDims})
 * share the storage and never copy; strides may be negative (reversed slices) or zero (broadcast).
 * A block holds at most {@code Integer.MAX_VALUE - 16} elements (one Java array); larger arrays are chunked
 * by the DArray layer.
 *
 * <p>Threading: an NDArray is not synchronised. Concurrent reads are safe; writes ({@code set...}) through
 * any view must be ordered with reads by the caller (e.g. by a task boundary that publishes the block).
 *
 * <p>Element-wise arithmetic is built with {@link Expr} and evaluated in one fused pass:
 * {@code Expr.of(x).add(Expr.of(x).mul(2)).evaluate()}; the shortcuts {@link #add}, {@link #sub},
 * {@link #mul}, {@link #div} do the same for one operation.
 */
public final class NDArray implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** The element type, which fixes the type of {@code data}. */
    final DType dtype;
    /** The backing primitive array, possibly shared with other views and holding elements outside this one. */
    final Object data;
    /** The position in {@code data} of element {@code [0, ..., 0]}, counted in elements (complex: in re/im pairs). */
    final int offset;
    /** The extent of each axis, outermost first; never written after construction. */
    final long[] shape;
    /** The step in {@code data} per axis, in elements; negative for reversed slices, 0 for broadcast axes. */
    final long[] strides;

    NDArray(DType dtype, Object data, int offset, long[] shape, long[] strides) {
        this.dtype = dtype;
        this.data = data;
        this.offset = offset;
        this.shape = shape;
        this.strides = strides;
    }

    // ------------------------------------------------------------------ wrapping and creation

    /**
     * Wraps an existing primitive array without copying, as NumPy's {@code as_strided} over a buffer. The dtype follows
     * the array type; writes through the view reach {@code data}.
     *
     * @param data a {@code double[]}, {@code float[]}, {@code long[]}, {@code int[]} or {@code boolean[]}
     * @param offset the position in {@code data} of element {@code [0, ..., 0]}
     * @param shape the extents, non-negative
     * @param strides the step in {@code data} per axis, in elements, one per axis; may be negative or 0
     * @return the view
     * @throws IllegalArgumentException if {@code data} is not one of those array types, the strides do not match the
     *                                  shape, an extent is negative, or some element of the view would fall outside
     *                                  {@code data}
     */
    public static NDArray wrap(Object data, long offset, long[] shape, long[] strides) {
        DType t = Storage.dtypeOf(data);
        long[] s = checkView(offset, shape, strides, Storage.length(data), "the array");
        return new NDArray(t, data, (int) offset, s, strides.clone());
    }

    /** The shape, after checking that the view {@code (offset, shape, strides)} stays inside {@code len} elements. */
    private static long[] checkView(long offset, long[] shape, long[] strides, long len, String what) {
        long[] s = Shapes.copyShape(shape);
        if (strides.length != s.length) {
            throw new IllegalArgumentException("got " + strides.length + " strides for shape " + Shapes.format(s));
        }
        long lo = offset, hi = offset;
        boolean empty = false;
        for (int i = 0; i < s.length; i++) {
            if (s[i] == 0) empty = true;
            long ext = (s[i] - 1) * strides[i];
            if (ext < 0) lo += ext; else hi += ext;
        }
        if (!empty && (lo < 0 || hi >= len)) {
            throw new IllegalArgumentException("view offset " + offset + " shape " + Shapes.format(s) + " strides "
                    + Arrays.toString(strides) + " reaches [" + lo + ", " + hi + "], outside " + what + " of length " + len);
        }
        return s;
    }

    /**
     * Wraps interleaved complex storage ({@code re0, im0, re1, im1, ...}) without copying, as complex128; the offset
     * and strides count complex elements.
     *
     * @param data the interleaved parts, of even length
     * @param offset the complex element at {@code [0, ..., 0]}
     * @param shape the extents, non-negative
     * @param strides the step per axis, in complex elements
     * @return the complex128 view
     * @throws IllegalArgumentException if {@code data} has odd length, the strides do not match the shape, or the view
     *                                  leaves {@code data}
     */
    public static NDArray wrapComplex(double[] data, long offset, long[] shape, long[] strides) {
        if (data.length % 2 != 0) {
            throw new IllegalArgumentException("got " + data.length + " doubles, expected an even count (re, im pairs)");
        }
        long[] s = checkView(offset, shape, strides, data.length / 2, "the complex elements");
        return new NDArray(DType.COMPLEX128, data, (int) offset, s, strides.clone());
    }

    /**
     * Wraps interleaved complex storage (C order) as a complex128 array of {@code shape}, without copying; no shape
     * means 1-D.
     *
     * @param interleaved {@code re0, im0, re1, im1, ...}, two doubles per element
     * @param shape the extents, whose product is {@code interleaved.length / 2}; none for 1-D
     * @return the complex128 array
     * @throws IllegalArgumentException if the length is odd or does not match the shape
     */
    public static NDArray fromComplex(double[] interleaved, long... shape) {
        long n = interleaved.length / 2;
        long[] s = shape.length == 0 ? new long[] {n} : Shapes.copyShape(shape);
        if (interleaved.length % 2 != 0 || Shapes.size(s) != n) {
            throw new IllegalArgumentException("cannot view " + interleaved.length + " doubles as complex shape " + Shapes.format(s)
                    + ", expected 2 doubles (re, im) per element");
        }
        return new NDArray(DType.COMPLEX128, interleaved, 0, s, Shapes.rowMajorStrides(s));
    }

    /**
     * {@code re + 1j * im} (complex128) with broadcasting; both parts must be real.
     *
     * @param re the real parts, any real dtype
     * @param im the imaginary parts, any real dtype
     * @return a new complex128 array of the broadcast shape
     * @throws IllegalArgumentException if a part is complex128 or the shapes do not broadcast
     */
    public static NDArray complex(NDArray re, NDArray im) { return ComplexMath.complex(re, im); }

    /**
     * Wraps {@code data} (C order) as a float64 array of {@code shape}; no copy, so writes reach {@code data}. No shape
     * means 1-D; for 0-d use {@link #scalar}.
     *
     * @param data the elements in C order
     * @param shape the extents, whose product is {@code data.length}; none for 1-D
     * @return the array
     * @throws IllegalArgumentException if the shape's size is not {@code data.length}
     */
    public static NDArray fromArray(double[] data, long... shape) { return wrapContiguous(data, data.length, shape); }

    /**
     * Wraps {@code data} (C order) as a float32 array of {@code shape}, without copying; no shape means 1-D.
     *
     * @param data the elements in C order
     * @param shape the extents, whose product is {@code data.length}; none for 1-D
     * @return the array
     * @throws IllegalArgumentException if the shape's size is not {@code data.length}
     */
    public static NDArray fromArray(float[] data, long... shape) { return wrapContiguous(data, data.length, shape); }

    /**
     * Wraps {@code data} (C order) as an int64 array of {@code shape}, without copying; no shape means 1-D.
     *
     * @param data the elements in C order
     * @param shape the extents, whose product is {@code data.length}; none for 1-D
     * @return the array
     * @throws IllegalArgumentException if the shape's size is not {@code data.length}
     */
    public static NDArray fromArray(long[] data, long... shape) { return wrapContiguous(data, data.length, shape); }

    /**
     * Wraps {@code data} (C order) as an int32 array of {@code shape}, without copying; no shape means 1-D.
     *
     * @param data the elements in C order
     * @param shape the extents, whose product is {@code data.length}; none for 1-D
     * @return the array
     * @throws IllegalArgumentException if the shape's size is not {@code data.length}
     */
    public static NDArray fromArray(int[] data, long... shape) { return wrapContiguous(data, data.length, shape); }

    /**
     * Wraps {@code data} (C order) as a bool array of {@code shape}, without copying; no shape means 1-D.
     *
     * @param data the elements in C order
     * @param shape the extents, whose product is {@code data.length}; none for 1-D
     * @return the array
     * @throws IllegalArgumentException if the shape's size is not {@code data.length}
     */
    public static NDArray fromArray(boolean[] data, long... shape) { return wrapContiguous(data, data.length, shape); }

    /**
     * Copies a nested Java array of any depth ({@code double[][]}, {@code long[][][]}, ...), as {@code np.array} of
     * nested lists; the dtype follows the innermost array type.
     *
     * @param nested a rectangular nested array of {@code double}, {@code float}, {@code long}, {@code int} or
     *               {@code boolean}
     * @return a new C-contiguous array
     * @throws IllegalArgumentException if {@code nested} is not such an array or is not rectangular
     */
    public static NDArray fromNested(Object nested) { return ArrayCreation.fromNested(nested); }

    /**
     * A 1-D float64 array of a copy of {@code values}, as {@code np.array([...])}.
     *
     * @param values the elements
     * @return a new 1-D array
     */
    public static NDArray of(double... values) { return fromArray(values.clone()); }

    /**
     * A 2-D float64 array copied from {@code rows}.
     *
     * @param rows the rows, all of the same length
     * @return a new C-contiguous array
     * @throws IllegalArgumentException if the rows differ in length
     */
    public static NDArray of(double[][] rows) { return fromNested(rows); }

    /**
     * A 0-d float64 array holding {@code value}.
     *
     * @param value the value
     * @return the 0-d array, shape {@code ()}
     */
    public static NDArray scalar(double value) { return new NDArray(DType.FLOAT64, new double[] {value}, 0, new long[0], new long[0]); }

    /**
     * A 0-d array of {@code dtype} holding {@code value}, as {@code np.array(value, dtype)}.
     *
     * @param value the value, converted to {@code dtype} (integers truncate toward zero)
     * @param dtype the dtype
     * @return the 0-d array
     */
    public static NDArray scalar(double value, DType dtype) { return full(value, dtype, new long[0]); }

    private static NDArray wrapContiguous(Object data, int length, long[] shape) {
        long[] s = shape.length == 0 ? new long[] {length} : Shapes.copyShape(shape);
        if (Shapes.size(s) != length) {
            throw new IllegalArgumentException("cannot view " + length + " elements as shape " + Shapes.format(s));
        }
        return new NDArray(Storage.dtypeOf(data), data, 0, s, Shapes.rowMajorStrides(s));
    }

    /**
     * A fresh C-contiguous array, as {@code np.empty}; the contents are zero (Java arrays are always initialised).
     *
     * @param dtype the dtype
     * @param shape the extents; none for 0-d
     * @return the array
     * @throws IllegalArgumentException if an extent is negative or the size exceeds one block
     */
    public static NDArray empty(DType dtype, long... shape) { return zeros(dtype, shape); }

    /**
     * A fresh C-contiguous array of zeros, as {@code np.zeros}.
     *
     * @param dtype the dtype
     * @param shape the extents; none for 0-d
     * @return the array
     * @throws IllegalArgumentException if an extent is negative or the size exceeds one block
     *                                  ({@code Integer.MAX_VALUE - 16} elements)
     */
    public static NDArray zeros(DType dtype, long... shape) {
        long[] s = Shapes.copyShape(shape);
        return new NDArray(dtype, Storage.allocate(dtype, Shapes.checkedBlockSize(s)), 0, s, Shapes.rowMajorStrides(s));
    }

    /**
     * A fresh C-contiguous array of ones, as {@code np.ones} (true for bool).
     *
     * @param dtype the dtype
     * @param shape the extents; none for 0-d
     * @return the array
     * @throws IllegalArgumentException if an extent is negative or the size exceeds one block
     */
    public static NDArray ones(DType dtype, long... shape) { return full(1.0, dtype, shape); }

    /**
     * A fresh C-contiguous array with every element {@code value}, as {@code np.full}.
     *
     * @param value the value, converted to {@code dtype} (integers truncate toward zero; bool is {@code != 0})
     * @param dtype the dtype
     * @param shape the extents; none for 0-d
     * @return the array
     * @throws IllegalArgumentException if an extent is negative or the size exceeds one block
     */
    public static NDArray full(double value, DType dtype, long... shape) {
        NDArray a = zeros(dtype, shape);
        ArrayCreation.fill(a, value);
        return a;
    }

    /**
     * Integer fill that keeps all 64 bits for int64 (a {@code double} would round above 2^53).
     *
     * @param value the value, converted to {@code dtype} (int32 keeps the low 32 bits)
     * @param dtype the dtype
     * @param shape the extents; none for 0-d
     * @return a fresh C-contiguous array
     * @throws IllegalArgumentException if an extent is negative or the size exceeds one block
     */
    public static NDArray full(long value, DType dtype, long... shape) {
        NDArray a = zeros(dtype, shape);
        ArrayCreation.fill(a, value);
        return a;
    }

    /**
     * As {@link #zeros(DType, long...)}, with a shape as another array gives it ({@code a.shape()}).
     *
     * @param dtype the dtype
     * @param shape the shape
     * @return a fresh array of zeros
     * @throws IllegalArgumentException if the size exceeds one block
     */
    public static NDArray zeros(DType dtype, Shape shape) { return zeros(dtype, shape.toArray()); }

    /**
     * As {@link #empty(DType, long...)}, with a {@link Shape}.
     *
     * @param dtype the dtype
     * @param shape the shape
     * @return a fresh array (of zeros)
     * @throws IllegalArgumentException if the size exceeds one block
     */
    public static NDArray empty(DType dtype, Shape shape) { return zeros(dtype, shape.toArray()); }

    /**
     * As {@link #ones(DType, long...)}, with a {@link Shape}.
     *
     * @param dtype the dtype
     * @param shape the shape
     * @return a fresh array of ones
     * @throws IllegalArgumentException if the size exceeds one block
     */
    public static NDArray ones(DType dtype, Shape shape) { return ones(dtype, shape.toArray()); }

    /**
     * As {@link #full(double, DType, long...)}, with a {@link Shape}.
     *
     * @param value the value, converted to {@code dtype}
     * @param dtype the dtype
     * @param shape the shape
     * @return a fresh array
     * @throws IllegalArgumentException if the size exceeds one block
     */
    public static NDArray full(double value, DType dtype, Shape shape) { return full(value, dtype, shape.toArray()); }

    /**
     * As {@link #full(long, DType, long...)}, with a {@link Shape}.
     *
     * @param value the value, converted to {@code dtype}
     * @param dtype the dtype
     * @param shape the shape
     * @return a fresh array
     * @throws IllegalArgumentException if the size exceeds one block
     */
    public static NDArray full(long value, DType dtype, Shape shape) { return full(value, dtype, shape.toArray()); }

    /**
     * As {@link #fromArray(double[], long...)}, with a {@link Shape}: no copy.
     *
     * @param data the elements in C order
     * @param shape the shape, of size {@code data.length}
     * @return the array
     * @throws IllegalArgumentException if the shape's size is not {@code data.length}
     */
    public static NDArray fromArray(double[] data, Shape shape) { return fromArray(data, shape.toArray()); }

    /**
     * As {@link #fromArray(long[], long...)}, with a {@link Shape}: no copy.
     *
     * @param data the elements in C order
     * @param shape the shape, of size {@code data.length}
     * @return the array
     * @throws IllegalArgumentException if the shape's size is not {@code data.length}
     */
    public static NDArray fromArray(long[] data, Shape shape) { return fromArray(data, shape.toArray()); }

    /**
     * {@code np.arange(start, stop, step, dtype)}: {@code ceil((stop-start)/step)} elements {@code start + i*step}
     * (none if that is negative). Integer dtypes with whole bounds and step are computed exactly in {@code long}.
     *
     * @param start the first value
     * @param stop the bound, excluded
     * @param step the spacing, finite and non-zero; negative counts down
     * @param dtype the result dtype
     * @return a new 1-D array
     * @throws IllegalArgumentException if {@code step} is 0 or not finite
     */
    public static NDArray arange(double start, double stop, double step, DType dtype) {
        return ArrayCreation.arange(start, stop, step, dtype);
    }

    /**
     * {@code np.arange(n)} as int64: {@code 0, 1, ..., n-1}.
     *
     * @param n the number of elements; none if {@code n <= 0}
     * @return a new 1-D int64 array
     */
    public static NDArray arange(long n) { return ArrayCreation.arange(0, n, 1, DType.INT64); }

    /**
     * {@code np.linspace(start, stop, num, endpoint)} as float64: {@code num} evenly spaced values; with
     * {@code endpoint} the last is exactly {@code stop}.
     *
     * @param start the first value
     * @param stop the last value, or the bound after the last when {@code endpoint} is false
     * @param num the number of values, &gt;= 0
     * @param endpoint whether {@code stop} is included
     * @return a new 1-D float64 array
     * @throws IllegalArgumentException if {@code num} is negative
     */
    public static NDArray linspace(double start, double stop, long num, boolean endpoint) {
        return ArrayCreation.linspace(start, stop, num, endpoint);
    }

    /**
     * {@code np.linspace(start, stop, num)}: {@code num} evenly spaced float64 values from {@code start} to
     * {@code stop} included.
     *
     * @param start the first value
     * @param stop the last value
     * @param num the number of values, &gt;= 0
     * @return a new 1-D float64 array
     * @throws IllegalArgumentException if {@code num} is negative
     */
    public static NDArray linspace(double start, double stop, long num) { return linspace(start, stop, num, true); }

    /**
     * {@code np.eye(n, m, k, dtype)}: an n x m array with ones on the k-th diagonal, zeros elsewhere.
     *
     * @param n rows
     * @param m columns
     * @param k the diagonal: 0 the main one, positive above it, negative below
     * @param dtype the dtype
     * @return a new 2-D array
     * @throws IllegalArgumentException if {@code n} or {@code m} is negative
     */
    public static NDArray eye(long n, long m, long k, DType dtype) { return ArrayCreation.eye(n, m, k, dtype); }

    /**
     * {@code np.eye(n)}: the float64 n x n identity matrix.
     *
     * @param n rows and columns
     * @return a new 2-D float64 array
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public static NDArray eye(long n) { return eye(n, n, 0, DType.FLOAT64); }

    /**
     * {@code np.fromfunction}: calls {@code f} with every index (in C order; the array passed is reused) and stores the
     * result, converted to {@code dtype}.
     *
     * @param shape the extents
     * @param dtype the dtype
     * @param f the value of each index; it must not keep the index array
     * @return a new C-contiguous array
     * @throws IllegalArgumentException if an extent is negative or the size exceeds one block
     */
    public static NDArray fromFunction(long[] shape, DType dtype, IndexFunction f) {
        return ArrayCreation.fromFunction(shape, dtype, f);
    }

    /** A value for one index, for {@link #fromFunction}. */
    @FunctionalInterface
    public interface IndexFunction extends java.io.Serializable {
        /**
         * The value at {@code index}.
         *
         * @param index the element's position per axis; reused between calls, so read it, do not keep it
         * @return the value, converted to the array's dtype
         */
        double apply(long[] index);
    }

    // ------------------------------------------------------------------ metadata

    /** {@return the element type} */
    public DType dtype() { return dtype; }

    /**
     * {@return the extent of each axis, like NumPy's {@code a.shape}} It equals {@code DArray.shape()} of a chunked
     * array of the same extents and prints as {@code (2, 3)}.
     */
    public Shape shape() { return Shape.of(shape); }

    /**
     * {@return a copy of the extents, outermost first} For loops and index arithmetic; writing to it does not change
     * this array.
     */
    public long[] shapeArray() { return shape.clone(); }

    /**
     * The extent of one axis; negative axes count from the end.
     *
     * @param axis an axis in {@code [-ndim, ndim)}
     * @return its extent
     * @throws IndexOutOfBoundsException when the axis is out of range
     */
    public long shape(int axis) { return shape[Shapes.normalizeAxis(axis, shape.length)]; }

    /** {@return a copy of the strides, in elements (not bytes, unlike NumPy's), possibly negative or zero} */
    public long[] strides() { return strides.clone(); }

    /** {@return the position of element {@code [0,...,0]} in {@link #data()}, in elements} */
    public int offset() { return offset; }

    /** {@return the number of axes, 0 for a scalar ({@code a.ndim})} */
    public int ndim() { return shape.length; }

    /** {@return the number of elements, the product of the extents ({@code a.size}; 1 for 0-d)} */
    public long size() { return Shapes.size(shape); }

    /**
     * {@return the backing primitive array, shared, not copied (see {@link DType} for its type)} Elements outside the
     * view may exist; use {@link #offset()} and {@link #strides()} to address it.
     */
    public Object data() { return data; }

    /**
     * {@return whether the elements lie in C (row-major) order, densely, from {@link #offset()}} Axes of length 1 may
     * have any stride; an empty array is contiguous.
     */
    public boolean isContiguous() {
        long expect = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] == 0) return true;
            if (shape[i] != 1 && strides[i] != expect) return false;
            expect *= shape[i];
        }
        return true;
    }

    // ------------------------------------------------------------------ element access

    int position(long[] idx) {
        if (idx.length != shape.length) {
            throw new IllegalArgumentException("got " + idx.length + " indices for an array of dimension " + shape.length
                    + " and shape " + Shapes.format(shape));
        }
        long p = offset;
        for (int i = 0; i < idx.length; i++) {
            long j = idx[i];
            if (j < 0) j += shape[i];
            if (j < 0 || j >= shape[i]) {
                throw new IndexOutOfBoundsException("index " + idx[i] + " is out of bounds for axis " + i + " with size " + shape[i]);
            }
            p += j * strides[i];
        }
        return (int) p;
    }

    /** Position of the element at C-order flat index {@code flat}. */
    int flatPosition(long flat) {
        long n = size();
        if (flat < 0 || flat >= n) throw new IndexOutOfBoundsException("flat index " + flat + " is out of bounds for size " + n);
        long p = offset;
        for (int i = shape.length - 1; i >= 0; i--) {
            long d = shape[i];
            p += (flat % d) * strides[i];
            flat /= d;
        }
        return (int) p;
    }

    /**
     * The element at {@code idx} converted to double (complex: the real part), as {@code float(a[idx])}.
     *
     * @param idx one position per axis; negative counts from the end
     * @return the element
     * @throws IllegalArgumentException if there is not one index per axis
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    public double getDouble(long... idx) { return Storage.getD(dtype, data, position(idx)); }

    /**
     * The element at {@code idx} converted to long (floats truncate toward zero, bool is 0/1, complex the real part).
     *
     * @param idx one position per axis; negative counts from the end
     * @return the element
     * @throws IllegalArgumentException if there is not one index per axis
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    public long getLong(long... idx) { return Storage.getL(dtype, data, position(idx)); }

    /**
     * The element at {@code idx} as a truth value: {@code != 0}, so NaN is true (complex: the real part).
     *
     * @param idx one position per axis; negative counts from the end
     * @return the element's truth
     * @throws IllegalArgumentException if there is not one index per axis
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    public boolean getBool(long... idx) { return Storage.getD(dtype, data, position(idx)) != 0; }

    /**
     * The real part of the element at {@code idx} (the value itself for real dtypes).
     *
     * @param idx one position per axis; negative counts from the end
     * @return the real part
     * @throws IllegalArgumentException if there is not one index per axis
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    public double getReal(long... idx) { return Storage.getD(dtype, data, position(idx)); }

    /**
     * The imaginary part of the element at {@code idx} (0 for real dtypes).
     *
     * @param idx one position per axis; negative counts from the end
     * @return the imaginary part
     * @throws IllegalArgumentException if there is not one index per axis
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    public double getImag(long... idx) {
        int p = position(idx);
        return dtype == DType.COMPLEX128 ? ((double[]) data)[2 * p + 1] : 0.0;
    }

    /**
     * Sets the element at {@code idx} of a complex128 array to {@code re + 1j * im}.
     *
     * @param re the real part
     * @param im the imaginary part
     * @param idx one position per axis; negative counts from the end
     * @throws IllegalArgumentException if this array is not complex128, or there is not one index per axis
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    public void setComplex(double re, double im, long... idx) {
        if (dtype != DType.COMPLEX128) throw new IllegalArgumentException("setComplex needs a complex128 array, got " + dtype.numpyName());
        int p = position(idx);
        ((double[]) data)[2 * p] = re;
        ((double[]) data)[2 * p + 1] = im;
    }

    /**
     * Sets the element at {@code idx}, converted to this dtype (integers truncate toward zero; bool is {@code != 0};
     * complex gets imaginary part 0).
     *
     * @param value the value
     * @param idx one position per axis; negative counts from the end
     * @throws IllegalArgumentException if there is not one index per axis
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    public void setDouble(double value, long... idx) { Storage.setD(dtype, data, position(idx), value); }

    /**
     * Sets the element at {@code idx}, converted to this dtype (int32 keeps the low 32 bits; bool is {@code != 0}).
     *
     * @param value the value
     * @param idx one position per axis; negative counts from the end
     * @throws IllegalArgumentException if there is not one index per axis
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    public void setLong(long value, long... idx) { Storage.setL(dtype, data, position(idx), value); }

    /**
     * Sets the element at {@code idx} to 1 or 0 in this dtype.
     *
     * @param value the value
     * @param idx one position per axis; negative counts from the end
     * @throws IllegalArgumentException if there is not one index per axis
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    public void setBool(boolean value, long... idx) { Storage.setL(dtype, data, position(idx), value ? 1 : 0); }

    /**
     * Element number {@code flat} in C order of this view's shape, as double ({@code a.flat[flat]}).
     *
     * @param flat the C-order flat index, in {@code [0, size())}
     * @return the element
     * @throws IndexOutOfBoundsException if {@code flat} is out of range
     */
    public double getDoubleFlat(long flat) { return Storage.getD(dtype, data, flatPosition(flat)); }

    /**
     * Element number {@code flat} in C order of this view's shape, as long (floats truncate toward zero).
     *
     * @param flat the C-order flat index, in {@code [0, size())}
     * @return the element
     * @throws IndexOutOfBoundsException if {@code flat} is out of range
     */
    public long getLongFlat(long flat) { return Storage.getL(dtype, data, flatPosition(flat)); }

    /**
     * Sets element number {@code flat} in C order, converted to this dtype.
     *
     * @param flat the C-order flat index, in {@code [0, size())}
     * @param value the value
     * @throws IndexOutOfBoundsException if {@code flat} is out of range
     */
    public void setDoubleFlat(long flat, double value) { Storage.setD(dtype, data, flatPosition(flat), value); }

    /**
     * Sets element number {@code flat} in C order, converted to this dtype.
     *
     * @param flat the C-order flat index, in {@code [0, size())}
     * @param value the value
     * @throws IndexOutOfBoundsException if {@code flat} is out of range
     */
    public void setLongFlat(long flat, long value) { Storage.setL(dtype, data, flatPosition(flat), value); }

    /**
     * The only element of a size-1 array, as double ({@code a.item()}; complex: the real part).
     *
     * @return the element
     * @throws IllegalArgumentException if the size is not 1
     */
    public double item() {
        if (size() != 1) throw new IllegalArgumentException("item() needs an array of size 1, got shape " + Shapes.format(shape));
        return getDoubleFlat(0);
    }

    /**
     * The elements in C order, converted to float64 (complex: the real parts), in a fresh Java array.
     *
     * @return a new array of {@link #size()} elements
     */
    public double[] toDoubleArray() { return (double[]) astypeContiguousData(DType.FLOAT64); }

    /**
     * The elements in C order, converted to float32, in a fresh Java array.
     *
     * @return a new array of {@link #size()} elements
     */
    public float[] toFloatArray() { return (float[]) astypeContiguousData(DType.FLOAT32); }

    /**
     * The elements in C order, converted to int64 (floats truncate toward zero), in a fresh Java array.
     *
     * @return a new array of {@link #size()} elements
     */
    public long[] toLongArray() { return (long[]) astypeContiguousData(DType.INT64); }

    /**
     * The elements in C order, converted to int32 (int64 keeps the low 32 bits), in a fresh Java array.
     *
     * @return a new array of {@link #size()} elements
     */
    public int[] toIntArray() { return (int[]) astypeContiguousData(DType.INT32); }

    /**
     * The elements in C order as truth values ({@code != 0}; NaN is true), in a fresh Java array.
     *
     * @return a new array of {@link #size()} elements
     */
    public boolean[] toBooleanArray() { return (boolean[]) astypeContiguousData(DType.BOOL); }

    private Object astypeContiguousData(DType t) {
        if (dtype.isComplex()) return ComplexMath.real(this).astypeContiguousData(t); // NumPy drops the imaginary part
        return Expr.of(this).astype(t).evaluate(shape).data;
    }

    // ------------------------------------------------------------------ copies and conversion

    /** {@return a fresh C-contiguous copy (offset 0, no elements outside the view), as {@code a.copy()}} */
    public NDArray copy() { return dtype == DType.COMPLEX128 ? ComplexMath.copy(this) : Expr.of(this).evaluate(shape); }

    /** {@return this array if it is already C-contiguous, else a contiguous copy ({@code np.ascontiguousarray})} */
    public NDArray contiguous() { return isContiguous() ? this : copy(); }

    /**
     * A contiguous copy converted to {@code t}, as {@code a.astype(t)}: floats to ints truncate toward zero; to bool is
     * {@code != 0}; complex to real drops the imaginary part.
     *
     * @param t the target dtype
     * @return a new C-contiguous array, even when {@code t} is this dtype
     */
    public NDArray astype(DType t) {
        if (t == DType.COMPLEX128) return ComplexMath.toComplex(this);
        if (dtype == DType.COMPLEX128) return ComplexMath.real(this).astype(t); // NumPy drops the imaginary part
        return Expr.of(this).astype(t).evaluate(shape);
    }

    /**
     * Copies {@code src} (broadcast to this shape, converted to this dtype) into this array or view, as
     * {@code a[...] = src}.
     *
     * @param src the values; a complex source into a real array keeps the real parts
     * @throws IllegalArgumentException if {@code src}'s shape does not broadcast to this one
     */
    public void assign(NDArray src) {
        if (dtype == DType.COMPLEX128 || src.dtype == DType.COMPLEX128) ComplexMath.assign(this, src);
        else Expr.of(src).astype(dtype).evaluateInto(this);
    }

    /**
     * Sets every element of this array or view, as {@code a.fill(value)}.
     *
     * @param value the value, converted to this dtype
     */
    public void fill(double value) { ArrayCreation.fill(this, value); }

    // ------------------------------------------------------------------ views

    /** {@return a view with the axes reversed ({@code a.T})} */
    public NDArray transpose() {
        int[] perm = new int[shape.length];
        for (int i = 0; i < perm.length; i++) perm[i] = perm.length - 1 - i;
        return permute(perm);
    }

    /**
     * Reorders the axes, as {@code np.transpose(a, axes)}: result axis {@code i} is this array's axis {@code axes[i]}
     * (a view).
     *
     * @param axes a permutation of the axes; negative count from the end
     * @return the view
     * @throws IllegalArgumentException if {@code axes} is not one per axis or repeats one
     * @throws IndexOutOfBoundsException if an axis is out of range
     */
    public NDArray permute(int... axes) {
        if (axes.length != shape.length) {
            throw new IllegalArgumentException("axes " + Arrays.toString(axes) + " don't match array of dimension " + shape.length);
        }
        long[] s = new long[axes.length], st = new long[axes.length];
        boolean[] seen = new boolean[axes.length];
        for (int i = 0; i < axes.length; i++) {
            int a = Shapes.normalizeAxis(axes[i], shape.length);
            if (seen[a]) throw new IllegalArgumentException("repeated axis in transpose " + Arrays.toString(axes));
            seen[a] = true;
            s[i] = shape[a];
            st[i] = strides[a];
        }
        return new NDArray(dtype, data, offset, s, st);
    }

    /**
     * {@code np.swapaxes(x, a, b)}: a view with axes {@code a} and {@code b} exchanged.
     *
     * @param a one axis; negative counts from the end
     * @param b the other
     * @return the view
     * @throws IndexOutOfBoundsException if an axis is out of range
     */
    public NDArray swapAxes(int a, int b) {
        int[] perm = new int[shape.length];
        for (int i = 0; i < perm.length; i++) perm[i] = i;
        a = Shapes.normalizeAxis(a, shape.length);
        b = Shapes.normalizeAxis(b, shape.length);
        perm[a] = b;
        perm[b] = a;
        return permute(perm);
    }

    /**
     * {@code a[..., start:stop:step, ...]} on one axis, Python semantics (null bounds, negatives, negative step); a
     * view.
     *
     * @param axis the axis; negative counts from the end
     * @param start the first position, or null for the edge the step starts from
     * @param stop the position to stop before, or null for the far edge
     * @param step the stride, non-zero
     * @return the view
     * @throws IllegalArgumentException if {@code step} is 0
     * @throws IndexOutOfBoundsException if the axis is out of range
     */
    public NDArray slice(int axis, Long start, Long stop, long step) {
        Index[] idx = new Index[Shapes.normalizeAxis(axis, shape.length) + 1];
        Arrays.fill(idx, Index.all());
        idx[idx.length - 1] = Index.range(start, stop, step);
        return get(idx);
    }

    /**
     * {@code a[..., i, ...]}: one position on {@code axis}, which is dropped (a view).
     *
     * @param axis the axis; negative counts from the end
     * @param i the position; negative counts from the end
     * @return the view, with one axis fewer
     * @throws IndexOutOfBoundsException if the axis or the position is out of range
     */
    public NDArray index(int axis, long i) {
        Index[] idx = new Index[Shapes.normalizeAxis(axis, shape.length) + 1];
        Arrays.fill(idx, Index.all());
        idx[idx.length - 1] = Index.at(i);
        return get(idx);
    }

    /**
     * {@code a.get("1, ::-1, None")} is {@code a[1, ::-1, np.newaxis]}: the index parsed by {@link Index#parse}; always
     * a view.
     *
     * @param index the index as Python writes it
     * @return the view
     * @throws IllegalArgumentException if the index does not parse
     * @throws IndexOutOfBoundsException if it has too many entries or a position is out of range
     */
    public NDArray get(String index) { return get(Index.parse(index, shape.length)); }

    /**
     * NumPy basic indexing ({@code a[1, ::-1, np.newaxis]}); always a view. Missing trailing entries mean the whole
     * axis. See {@link Index}.
     *
     * @param index the entries, at most one per axis besides new axes
     * @return the view
     * @throws IndexOutOfBoundsException if there are more entries than axes or a position is out of range
     */
    public NDArray get(Index... index) {
        int consumed = 0;
        for (Index ix : index) if (!(ix instanceof Index.NewAxis)) consumed++;
        if (consumed > shape.length) {
            throw new IndexOutOfBoundsException("too many indices for array: array is " + shape.length
                    + "-dimensional, but " + consumed + " were indexed");
        }
        long[] ns = new long[shape.length + index.length], nst = new long[ns.length];
        int n = 0, axis = 0;
        long off = offset;
        for (Index ix : index) {
            switch (ix) {
                case Index.NewAxis na -> { ns[n] = 1; nst[n] = 0; n++; }
                case Index.At at -> {
                    long j = at.index() < 0 ? at.index() + shape[axis] : at.index();
                    if (j < 0 || j >= shape[axis]) {
                        throw new IndexOutOfBoundsException("index " + at.index() + " is out of bounds for axis " + axis
                                + " with size " + shape[axis]);
                    }
                    off += j * strides[axis];
                    axis++;
                }
                case Index.Range r -> {
                    long len = shape[axis], step = r.step(), start = r.first(len), count = r.count(len);
                    if (count > 0) off += start * strides[axis];
                    ns[n] = count;
                    nst[n] = strides[axis] * step;
                    n++;
                    axis++;
                }
            }
        }
        while (axis < shape.length) {
            ns[n] = shape[axis];
            nst[n] = strides[axis];
            n++;
            axis++;
        }
        return new NDArray(dtype, data, (int) off, Arrays.copyOf(ns, n), Arrays.copyOf(nst, n));
    }


    /**
     * {@code np.expand_dims}: inserts an axis of length 1 at {@code axis} (which may be {@code ndim()}, or negative); a
     * view.
     *
     * @param axis the new axis's place in the result, in {@code [-ndim-1, ndim]}
     * @return the view
     * @throws IndexOutOfBoundsException if the axis is out of range
     */
    public NDArray expandDims(int axis) {
        int a = axis < 0 ? axis + shape.length + 1 : axis;
        if (a < 0 || a > shape.length) {
            throw new IndexOutOfBoundsException("axis " + axis + " is out of bounds for array of dimension " + (shape.length + 1));
        }
        long[] s = new long[shape.length + 1], st = new long[s.length];
        for (int i = 0, j = 0; i < s.length; i++) {
            if (i == a) { s[i] = 1; st[i] = 0; } else { s[i] = shape[j]; st[i] = strides[j]; j++; }
        }
        return new NDArray(dtype, data, offset, s, st);
    }

    /** {@return a view without the axes of length 1 ({@code np.squeeze})} */
    public NDArray squeeze() {
        int n = 0;
        for (long d : shape) if (d != 1) n++;
        long[] s = new long[n], st = new long[n];
        for (int i = 0, j = 0; i < shape.length; i++) {
            if (shape[i] != 1) { s[j] = shape[i]; st[j] = strides[i]; j++; }
        }
        return new NDArray(dtype, data, offset, s, st);
    }

    /**
     * {@code np.squeeze(a, axis)}: drops {@code axis}, which must have length 1 (a view).
     *
     * @param axis the axis; negative counts from the end
     * @return the view
     * @throws IllegalArgumentException if the axis's length is not 1
     * @throws IndexOutOfBoundsException if the axis is out of range
     */
    public NDArray squeeze(int axis) {
        int a = Shapes.normalizeAxis(axis, shape.length);
        if (shape[a] != 1) {
            throw new IllegalArgumentException("cannot select an axis to squeeze out which has size not equal to one: axis "
                    + axis + " of shape " + Shapes.format(shape));
        }
        return index(a, 0);
    }

    /**
     * {@code np.broadcast_to}: a view of this array broadcast to {@code target} (stride 0 on repeated axes); writing to
     * it writes the shared elements, so treat it as read-only.
     *
     * @param target the shape, which this shape broadcasts to
     * @return the view
     * @throws IllegalArgumentException if this shape does not broadcast to {@code target}
     */
    public NDArray broadcastTo(long... target) {
        if (!Shapes.broadcastsTo(shape, target)) {
            throw new IllegalArgumentException("cannot broadcast an array of shape " + Shapes.format(shape)
                    + " to shape " + Shapes.format(target));
        }
        long[] st = new long[target.length];
        int lead = target.length - shape.length;
        for (int i = 0; i < shape.length; i++) st[lead + i] = shape[i] == 1 && target[lead + i] != 1 ? 0 : strides[i];
        return new NDArray(dtype, data, offset, target.clone(), st);
    }

    /**
     * As {@link #broadcastTo(long...)}, with a {@link Shape} ({@code b.shape()}).
     *
     * @param target the shape, which this shape broadcasts to
     * @return the view
     * @throws IllegalArgumentException if this shape does not broadcast to {@code target}
     */
    public NDArray broadcastTo(Shape target) { return broadcastTo(target.toArray()); }

    /**
     * As {@link #reshape(long...)}, with a {@link Shape}.
     *
     * @param newShape a shape of the same size
     * @return a view when this array is contiguous, else a reshaped copy
     * @throws IllegalArgumentException if the sizes differ
     */
    public NDArray reshape(Shape newShape) { return reshape(newShape.toArray()); }

    /**
     * {@code a.reshape(newShape)}: a new shape with the same elements in C order; one extent may be -1, inferred. A
     * view when contiguous, else a copy.
     *
     * @param newShape the extents, of the same size as this array's
     * @return the reshaped array
     * @throws IllegalArgumentException if the sizes differ, an extent is below -1, or -1 appears twice
     */
    public NDArray reshape(long... newShape) {
        long[] s = newShape.clone();
        long n = size(), known = 1;
        int unknown = -1;
        for (int i = 0; i < s.length; i++) {
            if (s[i] == -1) {
                if (unknown >= 0) throw new IllegalArgumentException("can only specify one unknown dimension in " + Arrays.toString(newShape));
                unknown = i;
            } else if (s[i] < 0) {
                throw new IllegalArgumentException("negative dimension in reshape " + Arrays.toString(newShape));
            } else known *= s[i];
        }
        if (unknown >= 0) {
            if (known == 0 || n % known != 0) {
                throw new IllegalArgumentException("cannot reshape array of size " + n + " into shape " + Arrays.toString(newShape));
            }
            s[unknown] = n / known;
        }
        if (Shapes.size(s) != n) {
            throw new IllegalArgumentException("cannot reshape array of size " + n + " (shape " + Shapes.format(shape)
                    + ") into shape " + Shapes.format(s));
        }
        NDArray src = contiguous();
        return new NDArray(dtype, src.data, src.offset, s, Shapes.rowMajorStrides(s));
    }

    /** {@return the elements as 1-D in C order ({@code np.ravel}): a view when contiguous, else a copy} */
    public NDArray ravel() { return reshape(size()); }

    /**
     * Joins arrays along an existing axis ({@code np.concatenate}); all other extents must match. The result dtype
     * promotes all inputs. Used to assemble chunked blocks: each input is copied once.
     *
     * @param axis the axis, of the first array; negative counts from the end
     * @param arrays the arrays, at least one, all of the same number of axes
     * @return a new C-contiguous array
     * @throws IllegalArgumentException if there is no array, or the arrays differ in dimension or in an extent off the
     *                                  axis
     * @throws IndexOutOfBoundsException if the axis is out of range
     */
    public static NDArray concatenate(int axis, NDArray... arrays) {
        if (arrays.length == 0) throw new IllegalArgumentException("need at least one array to concatenate");
        NDArray first = arrays[0];
        int ax = Shapes.normalizeAxis(axis, first.ndim());
        long[] shape = first.shapeArray();
        DType t = first.dtype;
        for (int i = 1; i < arrays.length; i++) {
            NDArray a = arrays[i];
            boolean ok = a.ndim() == first.ndim();
            for (int d = 0; ok && d < shape.length; d++) ok = d == ax || a.shape[d] == shape[d];
            if (!ok) {
                throw new IllegalArgumentException("all the input array dimensions except for the concatenation axis must match exactly,"
                        + " but array 0 has shape " + Shapes.format(first.shape) + " and array " + i + " has shape " + Shapes.format(a.shape));
            }
            shape[ax] += a.shape[ax];
            t = DType.promote(t, a.dtype);
        }
        NDArray out = zeros(t, shape);
        long at = 0;
        for (NDArray a : arrays) {
            out.slice(ax, at, at + a.shape[ax], 1).assign(a);
            at += a.shape[ax];
        }
        return out;
    }

    /**
     * Joins same-shape arrays along a new axis ({@code np.stack}).
     *
     * @param axis the new axis's place in the result, in {@code [-ndim-1, ndim]}
     * @param arrays the arrays, at least one, all of the same shape
     * @return a new C-contiguous array with one more axis, of length {@code arrays.length}
     * @throws IllegalArgumentException if there is no array or the shapes differ
     * @throws IndexOutOfBoundsException if the axis is out of range
     */
    public static NDArray stack(int axis, NDArray... arrays) {
        if (arrays.length == 0) throw new IllegalArgumentException("need at least one array to stack");
        NDArray[] e = new NDArray[arrays.length];
        for (int i = 0; i < arrays.length; i++) {
            if (!Arrays.equals(arrays[i].shape, arrays[0].shape)) {
                throw new IllegalArgumentException("all input arrays must have the same shape, but array 0 has shape "
                        + Shapes.format(arrays[0].shape) + " and array " + i + " has shape " + Shapes.format(arrays[i].shape));
            }
            e[i] = arrays[i].expandDims(axis);
        }
        return concatenate(axis, e);
    }

    // ------------------------------------------------------------------ arithmetic shortcuts

    /** {@return this array as a leaf of a fused element-wise expression, as {@code Expr.of(this)}} */
    public Expr expr() { return Expr.of(this); }

    /**
     * {@code this + other} ({@code np.add}) with broadcasting and NumPy's promotion; complex operands give complex128.
     *
     * @param other the other operand
     * @return a new array of the broadcast shape
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public NDArray add(NDArray other) {
        if (dtype.isComplex() || other.dtype.isComplex()) return ComplexMath.binary(ComplexMath.Op.ADD, this, other);
        return Expr.of(this).add(Expr.of(other)).evaluate();
    }

    /**
     * {@code this - other} ({@code np.subtract}) with broadcasting and NumPy's promotion; complex operands give
     * complex128.
     *
     * @param other the subtrahend
     * @return a new array of the broadcast shape
     * @throws IllegalArgumentException if the shapes do not broadcast, or both are bool (as NumPy)
     */
    public NDArray sub(NDArray other) {
        if (dtype.isComplex() || other.dtype.isComplex()) return ComplexMath.binary(ComplexMath.Op.SUB, this, other);
        return Expr.of(this).sub(Expr.of(other)).evaluate();
    }

    /**
     * {@code this * other} ({@code np.multiply}) with broadcasting and NumPy's promotion; complex operands give
     * complex128.
     *
     * @param other the other factor
     * @return a new array of the broadcast shape
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public NDArray mul(NDArray other) {
        if (dtype.isComplex() || other.dtype.isComplex()) return ComplexMath.binary(ComplexMath.Op.MUL, this, other);
        return Expr.of(this).mul(Expr.of(other)).evaluate();
    }

    /**
     * True division ({@code np.true_divide}): integers and bool give float64; with a complex operand, complex division
     * (Smith's algorithm, as NumPy).
     *
     * @param other the divisor
     * @return a new array of the broadcast shape
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public NDArray div(NDArray other) {
        if (dtype.isComplex() || other.dtype.isComplex()) return ComplexMath.binary(ComplexMath.Op.DIV, this, other);
        return Expr.of(this).div(Expr.of(other)).evaluate();
    }

    // Scalars are weak, as Python's are in NumPy (NEP 50): the array's dtype wins when it can hold the result
    // (float32 * 2.0 is float32, int32 + 1 is int32, int64 * 2.5 is float64), the same rule as DArray's overloads.

    /**
     * {@code this + v} with a weak float scalar: float32 stays float32, integers give float64.
     *
     * @param v the value
     * @return a new array of this shape
     */
    public NDArray add(double v) { return dtype.isComplex() ? add(scalar(v)) : Expr.of(this).add(v).evaluate(); }

    /**
     * {@code this + v} with a weak integer scalar: int32 stays int32 (wrapping), floats keep their dtype.
     *
     * @param v the value
     * @return a new array of this shape
     * @throws IllegalArgumentException if this is int32 and {@code v} does not fit int32
     */
    public NDArray add(long v) { return dtype.isComplex() ? add(scalar(v)) : Expr.of(this).add(v).evaluate(); }

    /**
     * {@code this - v} with a weak float scalar.
     *
     * @param v the value
     * @return a new array of this shape
     */
    public NDArray sub(double v) { return dtype.isComplex() ? sub(scalar(v)) : Expr.of(this).sub(v).evaluate(); }

    /**
     * {@code this - v} with a weak integer scalar.
     *
     * @param v the value
     * @return a new array of this shape
     * @throws IllegalArgumentException if this is int32 and {@code v} does not fit int32, or this is bool
     */
    public NDArray sub(long v) { return dtype.isComplex() ? sub(scalar(v)) : Expr.of(this).sub(v).evaluate(); }

    /**
     * {@code this * v} with a weak float scalar: {@code float32 * 2.0} is float32, {@code int64 * 2.5} float64.
     *
     * @param v the value
     * @return a new array of this shape
     */
    public NDArray mul(double v) { return dtype.isComplex() ? mul(scalar(v)) : Expr.of(this).mul(v).evaluate(); }

    /**
     * {@code this * v} with a weak integer scalar.
     *
     * @param v the value
     * @return a new array of this shape
     * @throws IllegalArgumentException if this is int32 and {@code v} does not fit int32
     */
    public NDArray mul(long v) { return dtype.isComplex() ? mul(scalar(v)) : Expr.of(this).mul(v).evaluate(); }

    /**
     * {@code this / v}, true division (integers give float64), with a weak float scalar.
     *
     * @param v the divisor
     * @return a new float (or complex) array of this shape
     */
    public NDArray div(double v) { return dtype.isComplex() ? div(scalar(v)) : Expr.of(this).div(v).evaluate(); }

    /**
     * {@code this / v}, true division (integers give float64), with a weak integer scalar.
     *
     * @param v the divisor
     * @return a new float (or complex) array of this shape
     */
    public NDArray div(long v) { return dtype.isComplex() ? div(scalar(v)) : Expr.of(this).div(v).evaluate(); }

    /** {@return {@code np.real}: the real part as float64 for complex128; a real array itself, unchanged} */
    public NDArray real() { return dtype.isComplex() ? ComplexMath.real(this) : this; }

    /** {@return {@code np.imag}: the imaginary part as float64; zeros of this dtype for a real array} */
    public NDArray imag() { return dtype.isComplex() ? ComplexMath.imag(this) : zeros(dtype, shape); }

    /** {@return {@code np.conj}: the complex conjugate; a real array itself, unchanged} */
    public NDArray conj() { return dtype.isComplex() ? ComplexMath.conj(this) : this; }

    /** {@return {@code np.abs}: the modulus (float64) for complex128, the absolute value in this dtype otherwise} */
    public NDArray abs() { return dtype.isComplex() ? ComplexMath.abs(this) : Expr.of(this).abs().evaluate(); }

    /**
     * {@return {@code np.angle}: {@code atan2(imag, real)} in radians, float64 (float32 stays float32 for real input)}
     */
    public NDArray angle() {
        if (dtype.isComplex()) return ComplexMath.angle(this);
        DType t = DType.resultOfFloatFunction(dtype);
        return Expr.of(zeros(t, shape)).arctan2(Expr.of(this).astype(t)).evaluate();
    }

    /**
     * Matrix product ({@code np.matmul}, Python {@code @}): 2-D, 1-D (vector, its axis dropped from the result) and
     * batched leading dimensions, which broadcast. Floats go to {@link Blas}; integers and bool multiply as int64,
     * wrapping, then narrow to the promoted dtype.
     *
     * @param other the right operand
     * @return a new array of the promoted dtype ({@link DType#promote})
     * @throws IllegalArgumentException if an operand is 0-d, the inner dimensions differ, or the batch dimensions do
     *                                  not broadcast
     */
    public NDArray matmul(NDArray other) { return Matmul.matmul(this, other); }

    // ------------------------------------------------------------------ reductions (see Reductions)
    // Axes: the no-axis overloads ({@code sum()}) and a null {@code axes} reduce every axis (NumPy axis=None);
    // an empty {@code axes} reduces none (NumPy axis=()), e.g. {@code sum(new int[0], false)} is a copy as int64.

    /**
     * {@code np.sum} of every element, a 0-d array: ints and bool give int64 (wrapping), floats keep their dtype; an
     * empty sum is 0.
     *
     * @return the 0-d result
     */
    public NDArray sum() { return sum(null, false); }

    /**
     * {@code np.prod} of every element, a 0-d array: ints and bool give int64 (wrapping), floats keep their dtype; an
     * empty product is 1.
     *
     * @return the 0-d result
     */
    public NDArray prod() { return prod(null, false); }

    /**
     * {@code np.min} of every element, a 0-d array: NaN-propagating, keeping the dtype.
     *
     * @return the 0-d result
     * @throws IllegalArgumentException if the array is empty
     */
    public NDArray min() { return min(null, false); }

    /**
     * {@code np.max} of every element, a 0-d array: NaN-propagating, keeping the dtype.
     *
     * @return the 0-d result
     * @throws IllegalArgumentException if the array is empty
     */
    public NDArray max() { return max(null, false); }

    /**
     * {@code np.any} of every element, a 0-d array: whether some element is non-zero (NaN counts), bool; false when
     * empty.
     *
     * @return the 0-d result
     */
    public NDArray any() { return any(null, false); }

    /**
     * {@code np.all} of every element, a 0-d array: whether every element is non-zero (NaN counts), bool; true when
     * empty.
     *
     * @return the 0-d result
     */
    public NDArray all() { return all(null, false); }

    /**
     * {@code np.mean} of every element, a 0-d array: summed in float64; float32 stays float32, all else gives float64;
     * an empty mean is NaN.
     *
     * @return the 0-d result
     */
    public NDArray mean() { return mean(null, false); }

    /**
     * {@code np.var} of every element with {@code ddof}, a 0-d array: two passes in float64 (mean, then squared
     * deviations); float32 stays float32, all else gives float64; inf or NaN where {@code ddof >= count}.
     *
     * @param ddof delta degrees of freedom: 0 for the population ({@code np.var}'s default), 1 for the sample
     * @return the 0-d variance
     */
    public NDArray var(int ddof) { return var(ddof, null, false); }

    /**
     * {@code np.std} of every element with {@code ddof}, a 0-d array: two passes in float64 (mean, then squared
     * deviations); float32 stays float32, all else gives float64; inf or NaN where {@code ddof >= count}.
     *
     * @param ddof delta degrees of freedom: 0 for the population ({@code np.std}'s default), 1 for the sample
     * @return the 0-d standard deviation
     */
    public NDArray std(int ddof) { return std(ddof, null, false); }

    /**
     * {@code np.sum(a, axis, keepdims)}: ints and bool give int64 (wrapping), floats keep their dtype; an empty sum is
     * 0.
     *
     * @param axes the axes to reduce, negative counting from the end; {@code null} for all, empty for none
     * @param keepDims whether reduced axes stay, with length 1 (NumPy's {@code keepdims=True})
     * @return the sums
     * @throws IndexOutOfBoundsException if an axis is out of range
     * @throws IllegalArgumentException if an axis repeats
     */
    public NDArray sum(int[] axes, boolean keepDims) { return Reductions.reduce(this, Reductions.Op.SUM, axes, keepDims); }

    /**
     * {@code np.sum} over {@code axes}, dropping them: ints and bool give int64 (wrapping), floats keep their dtype; an
     * empty sum is 0.
     *
     * @param axes the axes to reduce, negative counting from the end (an empty array reduces none)
     * @return the sums
     * @throws IndexOutOfBoundsException if an axis is out of range
     * @throws IllegalArgumentException if an axis repeats
     */
    public NDArray sum(int... axes) { return sum(axes, false); }

    /**
     * {@code np.prod(a, axis, keepdims)}: ints and bool give int64 (wrapping), floats keep their dtype; an empty
     * product is 1.
     *
     * @param axes the axes to reduce, negative counting from the end; {@code null} for all, empty for none
     * @param keepDims whether reduced axes stay, with length 1 (NumPy's {@code keepdims=True})
     * @return the products
     * @throws IndexOutOfBoundsException if an axis is out of range
     * @throws IllegalArgumentException if an axis repeats
     */
    public NDArray prod(int[] axes, boolean keepDims) { return Reductions.reduce(this, Reductions.Op.PROD, axes, keepDims); }

    /**
     * {@code np.prod} over {@code axes}, dropping them: ints and bool give int64 (wrapping), floats keep their dtype;
     * an empty product is 1.
     *
     * @param axes the axes to reduce, negative counting from the end (an empty array reduces none)
     * @return the products
     * @throws IndexOutOfBoundsException if an axis is out of range
     * @throws IllegalArgumentException if an axis repeats
     */
    public NDArray prod(int... axes) { return prod(axes, false); }

    /**
     * {@code np.min(a, axis, keepdims)}: NaN-propagating, keeping the dtype.
     *
     * @param axes the axes to reduce, negative counting from the end; {@code null} for all, empty for none
     * @param keepDims whether reduced axes stay, with length 1 (NumPy's {@code keepdims=True})
     * @return the minima
     * @throws IndexOutOfBoundsException if an axis is out of range
     * @throws IllegalArgumentException if an axis repeats, or a reduced axis is empty
     */
    public NDArray min(int[] axes, boolean keepDims) { return Reductions.reduce(this, Reductions.Op.MIN, axes, keepDims); }

    /**
     * {@code np.min} over {@code axes}, dropping them: NaN-propagating, keeping the dtype.
     *
     * @param axes the axes to reduce, negative counting from the end (an empty array reduces none)
     * @return the minima
     * @throws IndexOutOfBoundsException if an axis is out of range
     * @throws IllegalArgumentException if an axis repeats, or a reduced axis is empty
     */
    public NDArray min(int... axes) { return min(axes, false); }

    /**
     * {@code np.max(a, axis, keepdims)}: NaN-propagating, keeping the dtype.
     *
     * @param axes the axes to reduce, negative counting from the end; {@code null} for all, empty for none
     * @param keepDims whether reduced axes stay, with length 1 (NumPy's {@code keepdims=True})
     * @return the maxima
     * @throws IndexOutOfBoundsException if an axis is out of range
     * @throws IllegalArgumentException if an axis repeats, or a reduced axis is empty
     */
    public NDArray max(int[] axes, boolean keepDims) { return Reductions.reduce(this, Reductions.Op.MAX, axes, keepDims); }

    /**
     * {@code np.max} over {@code axes}, dropping them: NaN-propagating, keeping the dtype.
     *
     * @param axes the axes to reduce, negative counting from the end (an empty array reduces none)
     * @return the maxima
     * @throws IndexOutOfBoundsException if an axis is out of range
     * @throws IllegalArgumentException if an axis repeats, or a reduced axis is empty
     */
    public NDArray max(int... axes) { return max(axes, false); }

    /**
     * {@code np.any(a, axis, keepdims)}: whether some element is non-zero (NaN counts), bool; false when empty.
     *
     * @param axes the axes to reduce, negative counting from the end; {@code null} for all, empty for none
     * @param keepDims whether reduced axes stay, with length 1 (NumPy's {@code keepdims=True})
     * @return the answers
     * @throws IndexOutOfBoundsException if an axis is out of range
     * @throws IllegalArgumentException if an axis repeats
     */
    public NDArray any(int[] axes, boolean keepDims) { return Reductions.reduce(this, Reductions.Op.ANY, axes, keepDims); }

    /**
     * {@code np.any} over {@code axes}, dropping them: whether some element is non-zero (NaN counts), bool; false when
     * empty.
     *
     * @param axes the axes to reduce, negative counting from the end (an empty array reduces none)
     * @return the answers
     * @throws IndexOutOfBoundsException if an axis is out of range
     * @throws IllegalArgumentException if an axis repeats
     */
    public NDArray any(int... axes) { return any(axes, false); }

    /**
     * {@code np.all(a, axis, keepdims)}: whether every element is non-zero (NaN counts), bool; true when empty.
     *
     * @param axes the axes to reduce, negative counting from the end; {@code null} for all, empty for none
     * @param keepDims whether reduced axes stay, with length 1 (NumPy's {@code keepdims=True})
     * @return the answers
     * @throws IndexOutOfBoundsException if an axis is out of range
     * @throws IllegalArgumentException if an axis repeats
     */
    public NDArray all(int[] axes, boolean keepDims) { return Reductions.reduce(this, Reductions.Op.ALL, axes, keepDims); }

    /**
     * {@code np.all} over {@code axes}, dropping them: whether every element is non-zero (NaN counts), bool; true when
     * empty.
     *
     * @param axes the axes to reduce, negative counting from the end (an empty array reduces none)
     * @return the answers
     * @throws IndexOutOfBoundsException if an axis is out of range
     * @throws IllegalArgumentException if an axis repeats
     */
    public NDArray all(int... axes) { return all(axes, false); }

    /**
     * {@code np.mean(a, axis, keepdims)}: summed in float64; float32 stays float32, all else gives float64; an empty
     * mean is NaN.
     *
     * @param axes the axes to reduce, negative counting from the end; {@code null} for all, empty for none
     * @param keepDims whether reduced axes stay, with length 1 (NumPy's {@code keepdims=True})
     * @return the means
     * @throws IndexOutOfBoundsException if an axis is out of range
     * @throws IllegalArgumentException if an axis repeats
     */
    public NDArray mean(int[] axes, boolean keepDims) { return Reductions.mean(this, axes, keepDims); }

    /**
     * {@code np.mean} over {@code axes}, dropping them: summed in float64; float32 stays float32, all else gives
     * float64; an empty mean is NaN.
     *
     * @param axes the axes to reduce, negative counting from the end (an empty array reduces none)
     * @return the means
     * @throws IndexOutOfBoundsException if an axis is out of range
     * @throws IllegalArgumentException if an axis repeats
     */
    public NDArray mean(int... axes) { return mean(axes, false); }

    /**
     * {@code np.var(a, axis, ddof, keepdims)}: two passes in float64 (mean, then squared deviations); float32 stays
     * float32, all else gives float64; inf or NaN where {@code ddof >= count}.
     *
     * @param ddof delta degrees of freedom: 0 for the population ({@code np.var}'s default), 1 for the sample
     * @param axes the axes to reduce, negative counting from the end; {@code null} for all, empty for none
     * @param keepDims whether reduced axes stay, with length 1 (NumPy's {@code keepdims=True})
     * @return variances per kept position
     * @throws IndexOutOfBoundsException if an axis is out of range
     * @throws IllegalArgumentException if an axis repeats
     */
    public NDArray var(int ddof, int[] axes, boolean keepDims) { return Reductions.var(this, ddof, axes, keepDims, false); }

    /**
     * {@code np.var} over {@code axes}, dropping them.
     *
     * @param ddof delta degrees of freedom: 0 for the population ({@code np.var}'s default), 1 for the sample
     * @param axes the axes to reduce, negative counting from the end (an empty array reduces none)
     * @return variances per kept position
     * @throws IndexOutOfBoundsException if an axis is out of range
     * @throws IllegalArgumentException if an axis repeats
     */
    public NDArray var(int ddof, int... axes) { return var(ddof, axes, false); }

    /**
     * {@code np.std(a, axis, ddof, keepdims)}: two passes in float64 (mean, then squared deviations); float32 stays
     * float32, all else gives float64; inf or NaN where {@code ddof >= count}.
     *
     * @param ddof delta degrees of freedom: 0 for the population ({@code np.std}'s default), 1 for the sample
     * @param axes the axes to reduce, negative counting from the end; {@code null} for all, empty for none
     * @param keepDims whether reduced axes stay, with length 1 (NumPy's {@code keepdims=True})
     * @return standard deviations per kept position
     * @throws IndexOutOfBoundsException if an axis is out of range
     * @throws IllegalArgumentException if an axis repeats
     */
    public NDArray std(int ddof, int[] axes, boolean keepDims) { return Reductions.var(this, ddof, axes, keepDims, true); }

    /**
     * {@code np.std} over {@code axes}, dropping them.
     *
     * @param ddof delta degrees of freedom: 0 for the population ({@code np.std}'s default), 1 for the sample
     * @param axes the axes to reduce, negative counting from the end (an empty array reduces none)
     * @return standard deviations per kept position
     * @throws IndexOutOfBoundsException if an axis is out of range
     * @throws IllegalArgumentException if an axis repeats
     */
    public NDArray std(int ddof, int... axes) { return std(ddof, axes, false); }

    /**
     * {@code np.cumsum(a, axis)}: int32 and bool give int64, floats keep their dtype, summed in sequence along the axis
     * (see {@link Cumulative}).
     *
     * @param axis the axis; negative counts from the end
     * @return a new array of this shape
     * @throws IndexOutOfBoundsException if the axis is out of range
     */
    public NDArray cumsum(int axis) { return Cumulative.scan(this, axis, false); }

    /**
     * {@code np.maximum.accumulate(a, axis)}: running maxima (NaN-propagating), keeping the dtype (bool gives int64).
     *
     * @param axis the axis; negative counts from the end
     * @return a new array of this shape
     * @throws IndexOutOfBoundsException if the axis is out of range
     */
    public NDArray cummax(int axis) { return Cumulative.scan(this, axis, Cumulative.Op.MAX); }

    /**
     * Forward fill along {@code axis} (pandas' {@code ffill}): every NaN takes the last non-NaN value before it
     * (leading NaNs stay).
     *
     * @param axis the axis; negative counts from the end
     * @return a new array of this shape and dtype (bool gives int64)
     * @throws IndexOutOfBoundsException if the axis is out of range
     */
    public NDArray forwardFill(int axis) { return Cumulative.scan(this, axis, Cumulative.Op.FFILL); }

    /**
     * {@code np.cumprod(a, axis)}, with {@link #cumsum}'s dtypes.
     *
     * @param axis the axis; negative counts from the end
     * @return a new array of this shape
     * @throws IndexOutOfBoundsException if the axis is out of range
     */
    public NDArray cumprod(int axis) { return Cumulative.scan(this, axis, true); }

    /**
     * {@code np.percentile(a, q, axis)} (method "linear"): float64 (float32 for float32); NaN in a lane gives NaN.
     *
     * @param q the percentile, in [0, 100]
     * @param axis the axis to reduce; negative counts from the end
     * @return a new array without that axis
     * @throws IllegalArgumentException if {@code q} is outside [0, 100] or NaN
     * @throws IndexOutOfBoundsException if the axis is out of range
     */
    public NDArray percentile(double q, int axis) { return Quantiles.percentile(this, q, axis, false); }

    /**
     * {@code np.nanpercentile(a, q, axis)}: NaNs ignored; an all-NaN lane gives NaN.
     *
     * @param q the percentile, in [0, 100]
     * @param axis the axis to reduce; negative counts from the end
     * @return a new array without that axis, float64 (float32 for float32)
     * @throws IllegalArgumentException if {@code q} is outside [0, 100] or NaN
     * @throws IndexOutOfBoundsException if the axis is out of range
     */
    public NDArray nanpercentile(double q, int axis) { return Quantiles.percentile(this, q, axis, true); }

    /**
     * {@code np.percentile(a, q, axis, method=method)}; NaN in a lane gives NaN.
     *
     * @param q the percentile, in [0, 100]
     * @param axis the axis to reduce; negative counts from the end
     * @param method where between the two neighbouring order statistics the result lies
     * @return a new array without that axis, float64 (float32 for float32)
     * @throws IllegalArgumentException if {@code q} is outside [0, 100] or NaN
     * @throws IndexOutOfBoundsException if the axis is out of range
     */
    public NDArray percentile(double q, int axis, QuantileMethod method) { return Quantiles.percentile(this, q, axis, false, method); }

    /**
     * {@code np.nanpercentile(a, q, axis, method=method)}: NaNs ignored; an all-NaN lane gives NaN.
     *
     * @param q the percentile, in [0, 100]
     * @param axis the axis to reduce; negative counts from the end
     * @param method where between the two neighbouring order statistics the result lies
     * @return a new array without that axis, float64 (float32 for float32)
     * @throws IllegalArgumentException if {@code q} is outside [0, 100] or NaN
     * @throws IndexOutOfBoundsException if the axis is out of range
     */
    public NDArray nanpercentile(double q, int axis, QuantileMethod method) { return Quantiles.percentile(this, q, axis, true, method); }

    /**
     * {@code np.sort(a, axis)}: a sorted copy along {@code axis} (NaN last); see {@link Sorting#sort}.
     *
     * @param axis the axis; negative counts from the end
     * @return a new array of this shape and dtype
     * @throws IllegalArgumentException if this is complex128
     * @throws IndexOutOfBoundsException if the axis is out of range (always for 0-d)
     */
    public NDArray sort(int axis) { return Sorting.sort(this, axis); }

    /**
     * {@code np.argsort(a, axis, kind="stable")}: int64 positions that sort each lane; see {@link Sorting#argsort}.
     *
     * @param axis the axis; negative counts from the end
     * @return a new int64 array of this shape
     * @throws IllegalArgumentException if this is complex128
     * @throws IndexOutOfBoundsException if the axis is out of range
     */
    public NDArray argsort(int axis) { return Sorting.argsort(this, axis); }

    /**
     * {@code np.argmin(a)}: the flat C-order index of the smallest element (the first NaN if any, as NumPy; the first
     * of equal ones).
     *
     * @return the index, in {@code [0, size())}
     * @throws IllegalArgumentException if the array is empty
     */
    public long argmin() { return Reductions.argFlat(this, false); }

    /**
     * {@code np.argmax(a)}: the flat C-order index of the largest element (the first NaN if any, as NumPy; the first of
     * equal ones).
     *
     * @return the index, in {@code [0, size())}
     * @throws IllegalArgumentException if the array is empty
     */
    public long argmax() { return Reductions.argFlat(this, true); }

    /**
     * {@code np.argmin(a, axis)}: the positions (int64) of the smallest elements along {@code axis}.
     *
     * @param axis the axis; negative counts from the end
     * @return a new int64 array without that axis
     * @throws IllegalArgumentException if the axis is empty
     * @throws IndexOutOfBoundsException if the axis is out of range
     */
    public NDArray argmin(int axis) { return Reductions.argAxis(this, axis, false); }

    /**
     * {@code np.argmax(a, axis)}: the positions (int64) of the largest elements along {@code axis}.
     *
     * @param axis the axis; negative counts from the end
     * @return a new int64 array without that axis
     * @throws IllegalArgumentException if the axis is empty
     * @throws IndexOutOfBoundsException if the axis is out of range
     */
    public NDArray argmax(int axis) { return Reductions.argAxis(this, axis, true); }

    // ------------------------------------------------------------------ value semantics

    /**
     * {@code np.allclose}: whether {@code |this - other| <= atol + rtol * |other|} element-wise after broadcasting;
     * NaNs compare unequal unless {@code equalNan}. Not symmetric, as NumPy's is not.
     *
     * @param other the reference values
     * @param rtol the relative tolerance
     * @param atol the absolute tolerance
     * @param equalNan whether NaN matches NaN
     * @return whether every pair is close
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public boolean allClose(NDArray other, double rtol, double atol, boolean equalNan) {
        if (dtype.isComplex() || other.dtype.isComplex()) return ComplexMath.allClose(this, other, rtol, atol, equalNan);
        return Reductions.allClose(this, other, rtol, atol, equalNan);
    }

    /**
     * {@code np.allclose(a, other, rtol, atol)}: NaNs compare unequal.
     *
     * @param other the reference values
     * @param rtol the relative tolerance
     * @param atol the absolute tolerance
     * @return whether every pair is close
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public boolean allClose(NDArray other, double rtol, double atol) { return allClose(other, rtol, atol, false); }

    /**
     * {@code np.allclose(a, other)} with NumPy's defaults {@code rtol = 1e-5}, {@code atol = 1e-8}; NaNs compare
     * unequal.
     *
     * @param other the reference values
     * @return whether every pair is close
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public boolean allClose(NDArray other) { return allClose(other, 1e-5, 1e-8, false); }

    /** Same dtype, same shape, same elements (NaN equals NaN here, so equality is reflexive). */
    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof NDArray b) || b.dtype != dtype || !Arrays.equals(shape, b.shape)) return false;
        long n = size();
        if (dtype.isComplex()) return ComplexMath.equal(this, b);
        if (dtype.isFloat()) {
            double[] x = toDoubleArray(), y = b.toDoubleArray();
            return Arrays.equals(x, y);
        }
        long[] x = toLongArray(), y = b.toLongArray();
        for (int i = 0; i < n; i++) if (x[i] != y[i]) return false;
        return true;
    }

    @Override
    public int hashCode() {
        int h = dtype.hashCode() * 31 + Arrays.hashCode(shape);
        if (dtype.isComplex()) return 31 * h + ComplexMath.hash(this);
        return 31 * h + (dtype.isFloat() ? Arrays.hashCode(toDoubleArray()) : Arrays.hashCode(toLongArray()));
    }

    /** NumPy-like repr, e.g. {@code array([[1., 2.],\n       [3., 4.]])}; arrays over 1000 elements are elided. */
    @Override
    public String toString() { return ArrayFormatter.format(this); }

    // ------------------------------------------------------------------ serialization

    /**
     * Serial form: dtype, shape and the elements in C order (a view writes only its own elements, never the rest of its
     * backing array; broadcast views are written expanded).
     *
     * @return this array's {@code SerialForm}, over a C-contiguous copy unless this array is exactly its own storage
     */
    @java.io.Serial
    private Object writeReplace() {
        long stored = dtype.isComplex() ? 2 * size() : size();
        NDArray c = isContiguous() && offset == 0 && Storage.length(data) == stored ? this : copy();
        return new SerialForm(c.data, c.shape, dtype.isComplex());
    }

    /**
     * Refuses a stream that holds an NDArray's fields directly: only the serial form that {@code writeReplace} writes
     * is read.
     *
     * @param in the stream
     * @throws java.io.InvalidObjectException always
     */
    @java.io.Serial
    private void readObject(java.io.ObjectInputStream in) throws java.io.InvalidObjectException {
        throw new java.io.InvalidObjectException("NDArray is serialized through its SerialForm");
    }

    private record SerialForm(Object data, long[] shape, boolean complex) implements java.io.Serializable {
        @java.io.Serial
        private Object readResolve() {
            return complex ? NDArray.wrapComplex((double[]) data, 0, shape, Shapes.rowMajorStrides(shape))
                    : NDArray.wrap(data, 0, shape, Shapes.rowMajorStrides(shape));
        }
    }
}
