package dev.blockwork.array;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blockwork.graph.Key;
import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.NDArray;
import dev.blockwork.schedule.Compute;
import dev.blockwork.schedule.ComputeOptions;
import java.util.Arrays;
import java.util.List;

/**
 * Dask's {@code assert_eq} for DArrays: the declared shape and dtype match the expected array, every block
 * computed on its own has the shape its chunks declare and the declared dtype, and the whole array computed on
 * both {@code sync} and {@code threads} equals the expected values (floats within a tolerance scaled by size).
 */
public final class ArrayAssert {
    static final ComputeOptions SYNC = ComputeOptions.defaults().withScheduler("sync");
    static final ComputeOptions THREADS = ComputeOptions.defaults().withScheduler("threads");

    private ArrayAssert() {}

    static void assertEq(DArray actual, NDArray expected) { assertEq(actual, expected, ""); }

    static void assertEq(DArray actual, NDArray expected, String context) {
        String ctx = context + " " + actual;
        assertThat(actual.dtype()).as("dtype of %s", ctx).isEqualTo(expected.dtype());
        assertThat(actual.shape()).as("shape of %s", ctx).isEqualTo(expected.shape());
        assertThat(actual.chunks().shape()).as("chunks cover the shape of %s", ctx).isEqualTo(expected.shape());
        checkBlocks(actual, ctx);
        for (ComputeOptions o : List.of(SYNC, THREADS)) {
            NDArray r = actual.compute(o);
            assertThat(r.dtype()).as("computed dtype of %s on %s", ctx, o.scheduler()).isEqualTo(expected.dtype());
            assertThat(r.shape()).as("computed shape of %s on %s", ctx, o.scheduler()).isEqualTo(expected.shape());
            assertClose(r, expected, ctx + " on " + o.scheduler());
        }
    }

    /** Every block, computed on its own, has its declared shape and dtype. */
    public static void checkBlocks(DArray a, String ctx) {
        List<Key> keys = a.keys();
        Object[] blocks = Compute.compute(a.graph(), keys, THREADS);
        for (int i = 0; i < blocks.length; i++) {
            NDArray b = (NDArray) blocks[i];
            int[] idx = keys.get(i).index();
            assertThat(b.shapeArray()).as("shape of block %s of %s", Arrays.toString(idx), ctx).isEqualTo(a.chunks().blockShape(idx));
            assertThat(b.dtype()).as("dtype of block %s of %s", Arrays.toString(idx), ctx).isEqualTo(a.dtype());
        }
    }

    static void assertClose(NDArray actual, NDArray expected, String ctx) {
        if (expected.dtype().isComplex()) {
            assertThat(actual.dtype()).as("dtype of %s", ctx).isEqualTo(DType.COMPLEX128);
            assertClose(actual.real(), expected.real(), ctx + " (real part)");
            assertClose(actual.imag(), expected.imag(), ctx + " (imaginary part)");
            return;
        }
        if (expected.dtype().isFloat()) {
            double[] x = actual.toDoubleArray(), y = expected.toDoubleArray();
            double tol = (expected.dtype() == DType.FLOAT32 ? 2e-5 : 1e-10) * Math.max(1, Math.sqrt(x.length));
            for (int i = 0; i < x.length; i++) {
                if (Double.isNaN(y[i])) {
                    assertThat(x[i]).as("element %d of %s", i, ctx).isNaN();
                } else if (Double.isInfinite(y[i])) {
                    assertThat(x[i]).as("element %d of %s", i, ctx).isEqualTo(y[i]);
                } else {
                    double err = Math.abs(x[i] - y[i]), lim = tol * Math.max(1, Math.abs(y[i]));
                    if (!(err <= lim)) {
                        throw new AssertionError("element " + i + " of " + ctx + ": got " + x[i] + ", expected " + y[i]
                                + " (tolerance " + lim + ")");
                    }
                }
            }
        } else {
            long[] x = actual.toLongArray(), y = expected.toLongArray();
            for (int i = 0; i < x.length; i++) {
                if (x[i] != y[i]) throw new AssertionError("element " + i + " of " + ctx + ": got " + x[i] + ", expected " + y[i]);
            }
        }
    }
}
