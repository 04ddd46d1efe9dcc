package dev.blockwork.array.zarr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blockwork.array.DArray;
import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.NDArray;
import dev.blockwork.schedule.ComputeOptions;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The committed fixtures' directory and their value formulas (those of make_v2.py / make_v3.mjs), and exact checks. */
final class Fixtures {
    static final ComputeOptions SYNC = ComputeOptions.defaults().withScheduler("sync");
    static final ComputeOptions THREADS = ComputeOptions.defaults().withScheduler("threads");

    /** The dtypes the fixtures cover (a dtype NDArray gains later needs its own formula here). */
    static final List<DType> DTYPES = List.of(DType.FLOAT64, DType.FLOAT32, DType.INT64, DType.INT32, DType.BOOL);

    private Fixtures() {}

    static Path dir(String format) {
        try {
            String marker = format.equals("v2") ? ".zgroup" : "zarr.json";
            var url = Fixtures.class.getResource("/zarr/" + format + "/" + marker);
            if (url == null) throw new IllegalStateException("fixture " + format + "/" + marker + " is not on the test class path");
            return Path.of(url.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The fixture formula: element k (flat C index) is k*1.5-7 (floats), k*3-10+2^40 (int64), k*3-10 (int32), k%3==0 (bool). */
    static NDArray values(DType t, long... shape) {
        int n = (int) Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        return switch (t) {
            case FLOAT64 -> {
                double[] d = new double[n];
                for (int k = 0; k < n; k++) d[k] = k * 1.5 - 7;
                yield NDArray.fromArray(d, shape);
            }
            case FLOAT32 -> {
                float[] d = new float[n];
                for (int k = 0; k < n; k++) d[k] = (float) (k * 1.5 - 7);
                yield NDArray.fromArray(d, shape);
            }
            case INT64 -> {
                long[] d = new long[n];
                for (int k = 0; k < n; k++) d[k] = k * 3L - 10 + (1L << 40);
                yield NDArray.fromArray(d, shape);
            }
            case INT32 -> {
                int[] d = new int[n];
                for (int k = 0; k < n; k++) d[k] = k * 3 - 10;
                yield NDArray.fromArray(d, shape);
            }
            case BOOL -> {
                boolean[] d = new boolean[n];
                for (int k = 0; k < n; k++) d[k] = k % 3 == 0;
                yield NDArray.fromArray(d, shape);
            }
            default -> throw new IllegalArgumentException("no fixture formula for dtype " + t);
        };
    }

    static DType dtypeOf(String prefix) {
        return switch (prefix) {
            case "f8" -> DType.FLOAT64;
            case "f4" -> DType.FLOAT32;
            case "i8" -> DType.INT64;
            case "i4" -> DType.INT32;
            case "b1" -> DType.BOOL;
            default -> throw new IllegalArgumentException(prefix);
        };
    }

    /** Exact equality of dtype, shape and every element (NaN equals NaN; -0.0 differs from 0.0). */
    static void assertExact(NDArray actual, NDArray expected, String ctx) {
        assertThat(actual.dtype()).as("dtype of %s", ctx).isEqualTo(expected.dtype());
        assertThat(actual.shape()).as("shape of %s", ctx).isEqualTo(expected.shape());
        if (expected.dtype().isFloat()) {
            double[] x = actual.toDoubleArray(), y = expected.toDoubleArray();
            for (int i = 0; i < x.length; i++) {
                if (Double.compare(x[i], y[i]) != 0) throw new AssertionError("element " + i + " of " + ctx + ": got " + x[i] + ", expected " + y[i]);
            }
        } else {
            long[] x = actual.toLongArray(), y = expected.toLongArray();
            for (int i = 0; i < x.length; i++) {
                if (x[i] != y[i]) throw new AssertionError("element " + i + " of " + ctx + ": got " + x[i] + ", expected " + y[i]);
            }
        }
    }

    /** Exact values on sync and threads, and every block of its declared shape and dtype. */
    static void assertArray(DArray a, NDArray expected, String ctx) {
        dev.blockwork.array.ArrayAssert.checkBlocks(a, ctx);
        assertExact(a.compute(SYNC), expected, ctx + " on sync");
        assertExact(a.compute(THREADS), expected, ctx + " on threads");
    }
}
