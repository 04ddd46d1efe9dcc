package dev.blockwork.array;

import static dev.blockwork.array.ArrayAssert.checkBlocks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.Lapack;
import dev.blockwork.ndarray.NDArray;
import dev.blockwork.ndarray.Shape;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The blocked algorithms of {@link Linalg} checked by identities on random sizes and random chunkings (seeded; the
 * seed and the case are in every failure message): Q orthonormal and QR = A (TSQR, also through a deep tree),
 * U S Vt = A, L Lᵀ = A, P L U = A, a x = b, a a⁻¹ = I; every block has the shape its chunks declare. The per-block
 * kernels are whichever {@link Lapack#activePath()} is active (LapackTest covers both paths).
 */
class BlockedLinalgTest {
    static final long SEED = 20261201L;

    static NDArray random(SplittableRandom r, long m, long n) {
        double[] v = new double[(int) (m * n)];
        for (int i = 0; i < v.length; i++) v[i] = r.nextDouble(-1, 1);
        return NDArray.fromArray(v, m, n);
    }

    /** Random chunk sizes (at least 1 each) that sum to {@code n}, with at most {@code maxBlocks} blocks. */
    static long[] randomChunks(SplittableRandom r, long n, int maxBlocks) {
        int b = 1 + r.nextInt((int) Math.min(n, maxBlocks));
        if (b == 1) return new long[] {n};
        long[] cuts = r.longs(b - 1, 1, n).sorted().distinct().toArray();
        long[] c = new long[cuts.length + 1];
        long prev = 0;
        for (int i = 0; i < cuts.length; i++) { c[i] = cuts[i] - prev; prev = cuts[i]; }
        c[cuts.length] = n - prev;
        return c;
    }

    static void close(NDArray got, NDArray want, double tol, String what) {
        assertThat(got.shape()).as("shape of %s", what).isEqualTo(want.shape());
        double worst = 0;
        for (long i = 0; i < want.size(); i++) worst = Math.max(worst, Math.abs(got.getDoubleFlat(i) - want.getDoubleFlat(i)));
        assertThat(worst).as("max |error| of %s", what).isLessThanOrEqualTo(tol);
    }

    static void orthonormalColumns(NDArray q, String what) {
        close(q.transpose().matmul(q), NDArray.eye(q.shape(1)), 1e-11, what + ": QᵀQ = I");
    }

    static NDArray times(NDArray us, NDArray s) { return us.expr().mul(s.expr()).evaluate(); }

    @Test
    void tsqrOnRandomShapesAndChunkings() {
        SplittableRandom r = new SplittableRandom(SEED);
        for (int c = 0; c < 25; c++) {
            long m = 1 + r.nextInt(300), n = 1 + r.nextInt(12);
            NDArray a = random(r, m, n);
            long[] rows = randomChunks(r, m, 12);
            int fanIn = r.nextBoolean() ? 0 : 2 + r.nextInt(3); // 0: the default (one level); 2..4: a deeper tree
            String what = "seed " + SEED + " case " + c + ": tsqr of " + m + "x" + n + " rows " + java.util.Arrays.toString(rows) + " fanIn " + fanIn;
            DArray x = DArray.fromArray(a, Chunks.explicit(rows, new long[] {n}));
            List<DArray> qr = Tsqr.qr(x, fanIn);
            long k = Math.min(m, n);
            assertThat(qr.get(0).chunks().sizes(0)).as(what).isEqualTo(rows);
            assertThat(qr.get(0).shapeArray()).as(what).containsExactly(m, k);
            checkBlocks(qr.get(0), what);
            NDArray[] got = DArray.computeAll(qr.get(0), qr.get(1));
            orthonormalColumns(got[0], what);
            close(got[0].matmul(got[1]), a, 1e-12 * m, what + ": QR = A");
            for (int i = 0; i < k; i++) for (int j = 0; j < i; j++) assertThat(got[1].getDouble(i, j)).as(what + ": R upper").isZero();
        }
    }

    @Test
    void svdOnRandomShapesAndChunkings() {
        SplittableRandom r = new SplittableRandom(SEED + 1);
        for (int c = 0; c < 15; c++) {
            long m = 1 + r.nextInt(200), n = 1 + r.nextInt(10);
            boolean wide = r.nextBoolean();
            NDArray a = wide ? random(r, n, m) : random(r, m, n);
            long[] rows = randomChunks(r, m, 8);
            DArray x = wide ? DArray.fromArray(a, Chunks.explicit(new long[] {n}, rows)) : DArray.fromArray(a, Chunks.explicit(rows, new long[] {n}));
            String what = "seed " + (SEED + 1) + " case " + c + ": svd of " + a.shape() + " chunks " + x.chunks();
            List<DArray> usv = Linalg.svd(x);
            NDArray[] got = DArray.computeAll(usv.get(0), usv.get(1), usv.get(2));
            orthonormalColumns(got[0], what + " U");
            orthonormalColumns(got[2].transpose().copy(), what + " V");
            close(times(got[0], got[1]).matmul(got[2]), a, 1e-11 * m, what + ": U S Vt = A");
            close(got[1], Lapack.svdJava(a)[1], 1e-11 * m, what + ": S against the dense Jacobi SVD");
        }
    }

    @Test
    void svdCompressedRecoversALowRankMatrixDeterministically() {
        SplittableRandom r = new SplittableRandom(SEED + 2);
        for (int c = 0; c < 4; c++) {
            int m = 60 + r.nextInt(80), n = 40 + r.nextInt(60), rank = 1 + r.nextInt(5);
            NDArray a = random(r, m, rank).matmul(random(r, rank, n));
            DArray x = DArray.fromArray(a, Chunks.explicit(randomChunks(r, m, 5), randomChunks(r, n, 4)));
            String what = "seed " + (SEED + 2) + " case " + c + ": svdCompressed rank " + rank + " of " + m + "x" + n + " chunks " + x.chunks();
            List<DArray> usv = Linalg.svdCompressed(x, rank, 1, 5, 42);
            NDArray[] got = DArray.computeAll(usv.get(0), usv.get(1), usv.get(2));
            assertThat(got[0].shape()).as(what).isEqualTo(Shape.of(m, rank));
            assertThat(got[2].shape()).as(what).isEqualTo(Shape.of(rank, n));
            orthonormalColumns(got[0], what + " U");
            close(times(got[0], got[1]).matmul(got[2]), a, 1e-9 * m, what + ": U S Vt = A (exact rank)");
            close(got[1], Lapack.svdJava(a)[1].slice(0, 0L, (long) rank, 1).copy(), 1e-9 * m, what + ": S = the leading singular values");
            NDArray again = Linalg.svdCompressed(x, rank, 1, 5, 42).get(1).compute();
            assertThat(again.toDoubleArray()).as(what + ": the same seed gives the same result").isEqualTo(got[1].toDoubleArray());
        }
        DArray x = DArray.fromArray(random(r, 10, 8), Chunks.uniform(4));
        assertThatThrownBy(() -> Linalg.svdCompressed(x, 9, 0, 2, 1)).hasMessageContaining("expected 1 <= k <= 8");
    }

    /** A random n x n array with square random chunks, and its tiled factorisations. */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void tiledFactorisationsOnRandomSizesAndChunkings(boolean tiled) {
        SplittableRandom r = new SplittableRandom(SEED + 3);
        for (int c = 0; c < 12; c++) {
            int n = 1 + r.nextInt(90);
            long[] ch = randomChunks(r, n, 6);
            String what = "seed " + (SEED + 3) + " case " + c + " tiled " + tiled + ": n " + n + " chunks " + java.util.Arrays.toString(ch);
            NDArray m = random(r, n, n);
            NDArray spd = m.matmul(m.transpose()).expr().add(NDArray.eye(n).expr().mul(n)).evaluate();
            NDArray dd = m.expr().add(NDArray.eye(n).expr().mul(n)).evaluate(); // diagonally dominant: block pivoting is enough
            ChunkSpec sq = Chunks.explicit(ch, ch);

            DArray l = TiledLinalg.cholesky(DArray.fromArray(spd, sq), tiled);
            checkBlocks(l, what + " cholesky");
            NDArray lv = l.compute();
            for (int i = 0; i < n; i++) for (int j = i + 1; j < n; j++) assertThat(lv.getDouble(i, j)).as(what + " L lower").isZero();
            close(lv.matmul(lv.transpose()), spd, 1e-12 * n * n, what + ": L Lᵀ = A");

            for (NDArray a : new NDArray[] {dd, m}) {
                List<DArray> plu = TiledLinalg.lu(DArray.fromArray(a, sq), tiled);
                NDArray[] f = DArray.computeAll(plu.get(0), plu.get(1), plu.get(2));
                close(f[0].matmul(f[1]).matmul(f[2]), a, 1e-10 * n, what + ": P L U = A");
                for (int i = 0; i < n; i++) {
                    assertThat(f[1].getDouble(i, i)).as(what + " unit L").isEqualTo(1.0);
                    for (int j = i + 1; j < n; j++) {
                        assertThat(f[1].getDouble(i, j)).as(what + " L lower").isZero();
                        assertThat(f[2].getDouble(j, i)).as(what + " U upper").isZero();
                    }
                }
                close(f[0].transpose().matmul(f[0]), NDArray.eye(n), 0, what + ": P is a permutation");
            }

            long k = 1 + r.nextInt(4);
            NDArray b = random(r, n, k);
            DArray bx = DArray.fromArray(b, Chunks.explicit(ch, randomChunks(r, k, 2)));
            DArray x = TiledLinalg.solve(DArray.fromArray(dd, sq), bx, tiled);
            assertThat(x.chunks()).as(what).isEqualTo(bx.chunks());
            close(dd.matmul(x.compute()), b, 1e-10 * n, what + ": a x = b");
            NDArray b1 = b.slice(1, 0L, 1L, 1).copy().reshape(n);
            NDArray x1 = TiledLinalg.solve(DArray.fromArray(dd, sq), DArray.fromArray(b1, Chunks.explicit(ch)), tiled).compute();
            close(dd.matmul(x1.reshape(n, 1)).reshape(n), b1, 1e-10 * n, what + ": a x = b (1-D)");
            close(dd.matmul(TiledLinalg.inv(DArray.fromArray(dd, sq), tiled).compute()), NDArray.eye(n), 1e-10 * n, what + ": a a⁻¹ = I");

            for (boolean lower : new boolean[] {true, false}) {
                NDArray tri = lower ? lv : lv.transpose().copy();
                NDArray y = TiledLinalg.solveTriangular(DArray.fromArray(lower ? spd : spd.transpose().copy(), sq), bx, lower, false, tiled).compute();
                NDArray tt = lower ? lowerOf(spd) : lowerOf(spd).transpose().copy();
                close(tt.matmul(y), b, 1e-9 * n, what + ": triangular solve " + (lower ? "lower" : "upper"));
                assertThat(tri.shape()).isEqualTo(tt.shape());
            }
        }
    }

    static NDArray lowerOf(NDArray a) {
        NDArray c = a.copy();
        for (int i = 0; i < c.shape(0); i++) for (int j = i + 1; j < c.shape(1); j++) c.setDouble(0, i, j);
        return c;
    }

    @Test
    void matmulOfAnArrayWithItself() { // svdCompressed's benchmark reference; MatmulLayer once refused the same layer twice
        NDArray a = random(new SplittableRandom(SEED + 5), 7, 7);
        close(DArray.fromArray(a, Chunks.uniform(3)).matmul(DArray.fromArray(a, Chunks.uniform(3))).compute(), a.matmul(a), 1e-14, "a @ a");
        DArray x = DArray.fromArray(a, Chunks.uniform(3));
        close(x.matmul(x).compute(), a.matmul(a), 1e-14, "x @ x");
    }

    @Test
    void lstsqAgainstTheDenseSolution() {
        SplittableRandom r = new SplittableRandom(SEED + 4);
        for (int c = 0; c < 8; c++) {
            long m = 8 + r.nextInt(120), n = 1 + r.nextInt(7);
            NDArray a = random(r, m, n), b = random(r, m, 2);
            DArray x = DArray.fromArray(a, Chunks.explicit(randomChunks(r, m, 6), new long[] {n}));
            String what = "seed " + (SEED + 4) + " case " + c + ": lstsq " + m + "x" + n + " chunks " + x.chunks();
            List<DArray> out = Linalg.lstsq(x, DArray.fromArray(b, Chunks.explicit(randomChunks(r, m, 3), new long[] {2})));
            NDArray[] got = DArray.computeAll(out.get(0), out.get(1), out.get(2), out.get(3));
            // the normal equations (well conditioned here) as the oracle: Aᵀ A x = Aᵀ b
            NDArray ata = a.transpose().matmul(a), atb = a.transpose().matmul(b);
            close(ata.matmul(got[0]), atb, 1e-9 * m, what + ": Aᵀ A x = Aᵀ b");
            NDArray res = b.expr().sub(a.matmul(got[0]).expr()).evaluate();
            NDArray want = res.expr().mul(res.expr()).evaluate().sum(new int[] {0}, false);
            if (m > n) close(got[1], want, 1e-9 * m, what + ": residuals");
            assertThat(got[2].item()).as(what + ": rank").isEqualTo((double) n);
            assertThat(got[2].dtype()).isEqualTo(DType.INT64);
        }
    }

    @Test
    void badInputGetsClearErrors() {
        DArray rect = DArray.fromArray(new double[][] {{1, 2, 3}, {4, 5, 6}}, Chunks.uniform(1));
        assertThatThrownBy(() -> Linalg.cholesky(rect)).hasMessageContaining("expected a square 2-D matrix");
        assertThatThrownBy(() -> Linalg.lu(rect)).hasMessageContaining("expected a square 2-D matrix");
        assertThatThrownBy(() -> Linalg.inv(rect)).hasMessageContaining("expected a square 2-D matrix");
        DArray odd = DArray.zeros(Shape.of(1000, 1000), Chunks.explicit(new long[] {500, 500}, new long[] {250, 250, 250, 250}));
        assertThatThrownBy(() -> Linalg.cholesky(odd)).hasMessageContaining("expected square blocks").hasMessageContaining("chunks");
        assertThatThrownBy(() -> Linalg.solve(odd, DArray.ones(Shape.of(1000), Chunks.uniform(500)))).hasMessageContaining("expected square blocks");
        DArray tooWide = DArray.zeros(Shape.of(1000, 20000), Chunks.explicit(new long[] {1000}, new long[] {10000, 10000}));
        assertThatThrownBy(() -> Linalg.qr(tooWide)).hasMessageContaining("tall-and-skinny").hasMessageContaining("array.chunkBytes");
        DArray sq = DArray.fromArray(new double[][] {{1, 2}, {3, 4}}, Chunks.uniform(1));
        assertThatThrownBy(() -> Linalg.solve(sq, DArray.ones(Shape.of(3), Chunks.uniform(1)))).hasMessageContaining("expected b 1-D or 2-D with 2 rows");
        assertThatThrownBy(() -> Linalg.lstsq(rect, DArray.ones(Shape.of(2), Chunks.uniform(1)))).hasMessageContaining("at least as many rows");

        // singular and not positive definite, tiled (several blocks) and gathered
        NDArray sing = NDArray.fromNested(new double[][] {{1, 2, 3, 4}, {2, 4, 6, 8}, {0, 1, 0, 1}, {1, 0, 1, 0}});
        for (boolean tiled : new boolean[] {true, false}) {
            DArray s = DArray.fromArray(sing, Chunks.uniform(2));
            assertThatThrownBy(() -> TiledLinalg.inv(s, tiled).compute(ArrayAssert.SYNC)).hasStackTraceContaining("singular");
            DArray notPd = DArray.fromArray(new double[][] {{1, 2, 0, 0}, {2, 1, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}}, Chunks.uniform(2));
            assertThatThrownBy(() -> TiledLinalg.cholesky(notPd, tiled).compute(ArrayAssert.SYNC)).hasStackTraceContaining("not positive definite");
        }
        // a zero leading diagonal block that full pivoting would get past, but block pivoting cannot
        DArray needsPivot = DArray.fromArray(new double[][] {{0, 0, 1, 0}, {0, 0, 0, 1}, {1, 0, 0, 0}, {0, 1, 0, 0}}, Chunks.uniform(2));
        assertThatThrownBy(() -> TiledLinalg.lu(needsPivot, true).get(1).compute(ArrayAssert.SYNC)).hasStackTraceContaining("use larger chunks");
        NDArray gathered = TiledLinalg.solve(needsPivot, DArray.fromArray(new double[] {1, 2, 3, 4}, Chunks.uniform(2)), false).compute();
        close(gathered, NDArray.of(3, 4, 1, 2), 1e-15, "the gathered path pivots fully");
    }
}
