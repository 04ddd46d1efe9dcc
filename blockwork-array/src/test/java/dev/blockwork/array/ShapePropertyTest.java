package dev.blockwork.array;

import static dev.blockwork.array.ArrayAssert.assertEq;
import static dev.blockwork.array.PropertyTest.randomArray;
import static dev.blockwork.array.PropertyTest.randomChunks;
import static dev.blockwork.array.PropertyTest.randomShape;
import static dev.blockwork.array.PropertyTest.seed;
import static dev.blockwork.array.PropertyTest.withSeed;

import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.Index;
import dev.blockwork.ndarray.NDArray;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/**
 * Seeded properties of indexing, shape operations, rechunk, concatenation, matmul and overlap over random shapes
 * and chunkings, against a single NDArray (its views are a separate implementation from the block-level plans)
 * and, for matmul and stencils, against naive loops.
 */
class ShapePropertyTest {
    static final DType[] TYPES = java.util.Arrays.stream(DType.values()).filter(t -> !t.isComplex()).toArray(DType[]::new);

    @RepeatedTest(40)
    void indexingMatchesNDArrayViews(RepetitionInfo info) {
        long seed = seed(info);
        withSeed(seed, () -> {
            Random r = new Random(seed);
            long[] s = randomShape(r, 1);
            NDArray a = randomArray(r, s, TYPES[r.nextInt(TYPES.length)]);
            DArray x = DArray.fromArray(a, randomChunks(r, s));
            List<Index> idx = new ArrayList<>();
            for (long d : s) {
                if (r.nextInt(6) == 0) idx.add(Index.newAxis());
                switch (r.nextInt(3)) {
                    case 0 -> idx.add(Index.at(r.nextInt((int) d) - (r.nextBoolean() ? d : 0)));
                    case 1 -> {
                        long step = (r.nextInt(3) + 1) * (r.nextBoolean() ? 1 : -1);
                        Long start = r.nextBoolean() ? null : r.nextInt((int) (2 * d + 1)) - d;
                        Long stop = r.nextBoolean() ? null : r.nextInt((int) (2 * d + 1)) - d;
                        idx.add(Index.range(start, stop, step));
                    }
                    default -> idx.add(Index.all());
                }
            }
            Index[] ix = idx.toArray(new Index[0]);
            String ctx = Arrays.toString(s) + " chunks " + x.chunks() + " index " + idx;
            assertEq(x.get(ix), a.get(ix).copy(), "get " + ctx);
            int axis = r.nextInt(s.length);
            long[] take = new long[r.nextInt(8)];
            for (int i = 0; i < take.length; i++) take[i] = r.nextInt((int) s[axis]) - (r.nextBoolean() ? s[axis] : 0);
            boolean[] mask = new boolean[(int) s[axis]];
            for (int i = 0; i < mask.length; i++) mask[i] = r.nextBoolean();
            NDArray taken = takeRef(a, take, axis), masked = takeRef(a, maskIndices(mask), axis);
            assertEq(x.take(take, axis), taken, "take " + Arrays.toString(take) + " axis " + axis + " " + ctx);
            assertEq(x.compress(mask, axis), masked, "compress axis " + axis + " " + ctx);
        });
    }

    static long[] maskIndices(boolean[] m) {
        return java.util.stream.IntStream.range(0, m.length).filter(i -> m[i]).mapToLong(i -> i).toArray();
    }

    static NDArray takeRef(NDArray a, long[] idx, int axis) {
        long[] s = a.shapeArray();
        s[axis] = idx.length;
        NDArray out = NDArray.zeros(a.dtype(), s);
        for (int i = 0; i < idx.length; i++) out.index(axis, i).assign(a.index(axis, idx[i]));
        return out;
    }

    @RepeatedTest(40)
    void shapeOperationsMatchNDArray(RepetitionInfo info) {
        long seed = seed(info);
        withSeed(seed, () -> {
            Random r = new Random(seed);
            long[] s = randomShape(r, 1);
            NDArray a = randomArray(r, s, TYPES[r.nextInt(TYPES.length)]);
            DArray x = DArray.fromArray(a, randomChunks(r, s));
            String ctx = Arrays.toString(s) + " chunks " + x.chunks();
            int[] perm = java.util.stream.IntStream.range(0, s.length).toArray();
            for (int i = perm.length - 1; i > 0; i--) { int j = r.nextInt(i + 1), t = perm[i]; perm[i] = perm[j]; perm[j] = t; }
            assertEq(x.transpose(perm), a.permute(perm).copy(), "transpose " + Arrays.toString(perm) + " " + ctx);
            long[] ns = randomReshape(r, a.size());
            assertEq(x.reshape(ns), a.copy().reshape(ns), "reshape to " + Arrays.toString(ns) + " " + ctx);
            assertEq(x.rechunk(randomChunks(r, s)), a, "rechunk " + ctx);
            int ax = r.nextInt(s.length);
            long[] s2 = s.clone();
            s2[ax] = 1 + r.nextInt(4);
            NDArray b = randomArray(r, s2, TYPES[r.nextInt(TYPES.length)]);
            DArray y = DArray.fromArray(b, randomChunks(r, s2));
            NDArray want = NDArray.concatenate(ax, a.astype(Naive.promote(a.dtype(), b.dtype())), b.astype(Naive.promote(a.dtype(), b.dtype())));
            assertEq(DArray.concatenate(List.of(x, y), ax), want, "concatenate axis " + ax + " with " + Arrays.toString(s2) + " " + ctx);
            int sa = r.nextInt(s.length + 1);
            assertEq(DArray.stack(List.of(x, x.mul(2L).astype(a.dtype() == DType.BOOL ? DType.INT64 : a.dtype())), sa).astype(DType.FLOAT64),
                    NDArray.stack(sa, a.astype(DType.FLOAT64), a.expr().mul(2L).astype(DType.FLOAT64).evaluate()), "stack " + sa + " " + ctx);
            assertEq(x.expandDims(sa).squeeze(sa), a, "expand/squeeze " + ctx);
        });
    }

    /** A random shape with {@code n} elements (1 to 4 dimensions). */
    static long[] randomReshape(Random r, long n) {
        List<Long> dims = new ArrayList<>();
        long left = n;
        for (long f = 2; f <= left; f++) {
            while (left % f == 0 && r.nextInt(3) > 0) { dims.add(f); left /= f; }
        }
        if (left > 1) dims.add(left);
        java.util.Collections.shuffle(dims, r);
        List<Long> merged = new ArrayList<>();
        for (long d : dims) {
            if (!merged.isEmpty() && (merged.size() >= 4 || r.nextBoolean())) merged.set(merged.size() - 1, merged.get(merged.size() - 1) * d);
            else merged.add(d);
        }
        if (merged.isEmpty()) merged.add(1L);
        if (r.nextInt(4) == 0) merged.add(r.nextInt(merged.size() + 1), 1L);
        return merged.stream().mapToLong(Long::longValue).toArray();
    }

    @RepeatedTest(20)
    void matmulMatchesNaiveLoops(RepetitionInfo info) {
        long seed = seed(info);
        withSeed(seed, () -> {
            Random r = new Random(seed);
            long m = 1 + r.nextInt(9), k = 1 + r.nextInt(9), n = 1 + r.nextInt(9);
            DType ta = TYPES[r.nextInt(TYPES.length)], tb = TYPES[r.nextInt(TYPES.length)];
            NDArray a = randomArray(r, new long[] {m, k}, ta), b = randomArray(r, new long[] {k, n}, tb);
            DType t = Naive.promote(ta, tb);
            NDArray want = NDArray.zeros(t, m, n);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double acc = 0;
                    for (int l = 0; l < k; l++) acc += a.getDouble(i, l) * b.getDouble(l, j);
                    if (t == DType.BOOL) Naive.set(want, new long[] {i, j}, acc != 0 ? 1L : 0L);
                    else if (t.isFloat()) Naive.set(want, new long[] {i, j}, acc);
                    else Naive.set(want, new long[] {i, j}, (long) acc);
                }
            }
            DArray x = DArray.fromArray(a, randomChunks(r, a.shapeArray())), y = DArray.fromArray(b, randomChunks(r, b.shapeArray()));
            assertEq(x.matmul(y), want, "matmul " + ta + "(" + m + "," + k + ") chunks " + x.chunks() + " @ " + tb + "(" + k + "," + n + ") chunks " + y.chunks());
        });
    }

    @Test
    void overlapWithEveryBoundaryMatchesNaivePadding() {
        Random r = new Random(5);
        NDArray a = randomArray(r, new long[] {11}, DType.FLOAT64);
        DArray x = DArray.fromArray(a, Chunks.explicit(new long[] {3, 2, 4, 2}));
        BlockFunction diff = (e, info) -> {
            NDArray out = NDArray.zeros(e.dtype(), e.shapeArray());
            if (e.shape(0) > 2) {
                e.slice(0, 2L, null, 1).expr().sub(e.slice(0, null, -2L, 1).expr()).evaluateInto(out.slice(0, 1L, -1L, 1));
            }
            return out;
        };
        for (Boundary bnd : List.of(Boundary.constant(7), Boundary.reflect(), Boundary.periodic())) {
            NDArray want = NDArray.zeros(DType.FLOAT64, 11);
            for (int i = 0; i < 11; i++) Naive.set(want, new long[] {i}, padded(a, i + 1, bnd) - padded(a, i - 1, bnd));
            assertEq(x.mapOverlap(diff, new int[] {2}, bnd), want, "overlap " + bnd);
        }
        // none: no ghost cells at the array's edges; the function sees shorter edge blocks
        assertEq(x.mapOverlap((e, info) -> e.copy(), new int[] {1}, Boundary.none()), a, "identity with none");
        NDArray scalar = NDArray.full(4.0, DType.FLOAT64);
        assertEq(DArray.fromArray(scalar, Chunks.of()).mapOverlap((e, info) -> e.expr().mul(2.0).evaluate(), new int[0], Boundary.reflect()),
                NDArray.full(8.0, DType.FLOAT64), "0-d overlap");
    }

    static double padded(NDArray a, long i, Boundary b) {
        long n = a.size();
        if (i >= 0 && i < n) return a.getDouble(i);
        return switch (b.mode()) {
            case CONSTANT -> b.value();
            case REFLECT -> a.getDouble(i < 0 ? -i - 1 : 2 * n - i - 1);
            case PERIODIC -> a.getDouble(Math.floorMod(i, n));
            case NONE -> throw new IllegalStateException();
        };
    }
}
