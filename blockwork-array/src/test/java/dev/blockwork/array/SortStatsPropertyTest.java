package dev.blockwork.array;

import static dev.blockwork.array.ArrayAssert.assertEq;
import static org.assertj.core.api.Assertions.assertThat;

import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.NDArray;
import dev.blockwork.ndarray.QuantileMethod;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Sorting, sets and statistics on random shapes, dtypes and chunkings (seeded; the seed is in every message),
 * against one-block NDArray results and naive references.
 */
class SortStatsPropertyTest {
    private static final DType[] REAL = {DType.FLOAT64, DType.FLOAT32, DType.INT64, DType.INT32, DType.BOOL};

    @Test
    void sortArgsortTopkMatchTheWholeArray() {
        long seed = 424242L;
        Random r = new Random(seed);
        for (int trial = 0; trial < 25; trial++) {
            long[] s = PropertyTest.randomShape(r, 1);
            DType t = REAL[r.nextInt(REAL.length)];
            NDArray a = PropertyTest.randomArray(r, s, t);
            int axis = r.nextInt(s.length);
            String ctx = "seed " + seed + " trial " + trial + " " + t + " " + Arrays.toString(s) + " axis " + axis;
            DArray x = DArray.fromArray(a, PropertyTest.randomChunks(r, s));
            assertEq(x.sort(axis), a.sort(axis), ctx);
            assertEq(x.argsort(axis), a.argsort(axis), ctx);
            int k = (1 + r.nextInt((int) s[axis])) * (r.nextBoolean() ? 1 : -1);
            if (t == DType.BOOL) k = -Math.abs(k); // the oracle negates for k > 0, which bool refuses
            NDArray order = k > 0 ? a.expr().neg().evaluate().argsort(axis) : a.argsort(axis);
            NDArray pos = order.slice(axis, 0L, (long) Math.abs(k), 1).copy();
            assertEq(x.argtopk(k, axis), pos, ctx + " k " + k);
            assertEq(x.topk(k, axis), dev.blockwork.ndarray.Sorting.takeAlongAxis(a, pos, axis), ctx + " k " + k);
        }
    }

    @Test
    void uniqueAndHistogramsMatchNaiveCounts() {
        long seed = 777L;
        Random r = new Random(seed);
        for (int trial = 0; trial < 20; trial++) {
            long[] s = PropertyTest.randomShape(r, 1);
            NDArray a = PropertyTest.randomArray(r, s, r.nextBoolean() ? DType.INT64 : DType.FLOAT64);
            String ctx = "seed " + seed + " trial " + trial + " " + Arrays.toString(s);
            DArray x = DArray.fromArray(a, PropertyTest.randomChunks(r, s));
            double[] v = a.toDoubleArray();
            double[] sorted = v.clone();
            Arrays.sort(sorted);
            double[] distinct = Arrays.stream(sorted).distinct().toArray();
            List<DArray> uc = x.uniqueCounts();
            assertThat(uc.get(0).compute().toDoubleArray()).as(ctx).containsExactly(distinct);
            long[] counts = uc.get(1).compute().toLongArray();
            for (int i = 0; i < distinct.length; i++) {
                final double d = distinct[i];
                assertThat(counts[i]).as(ctx + " count of " + d).isEqualTo(Arrays.stream(v).filter(e -> e == d).count());
            }
            NDArray inv = x.uniqueInverse().get(1).compute();
            for (long i = 0; i < a.size(); i++) assertThat(distinct[(int) inv.getLongFlat(i)]).as(ctx).isEqualTo(v[(int) i]);
            // histogram with uneven edges against a naive count
            double[] edges = {-3, -1, -0.25, 0, 0.5, 4};
            long[] want = new long[edges.length - 1];
            for (double e : v) {
                for (int b = 0; b < want.length; b++) {
                    if (e >= edges[b] && (e < edges[b + 1] || (b == want.length - 1 && e == edges[b + 1]))) { want[b]++; break; }
                }
            }
            assertThat(x.histogram(edges, null, false).compute().toLongArray()).as(ctx).containsExactly(want);
            // exact median over every axis equals the sorted middle
            double mid = (sorted[(sorted.length - 1) / 2] + sorted[sorted.length / 2]) / 2;
            assertThat(x.median((int[]) null).compute().item()).as(ctx).isCloseTo(mid, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(x.percentile(0, (int[]) null, QuantileMethod.LOWER).compute().item()).as(ctx).isEqualTo(sorted[0]);
        }
    }
}
