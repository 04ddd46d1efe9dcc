package dev.blockwork.array;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.NDArray;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Linalg} against NumPy 2.4's {@code np.linalg} on the inputs of {@code src/test/python/make_linalg_fixtures.py}
 * (committed .npy files; the tests never run Python), each under several chunkings including the tiled and the
 * gathered paths. Factors unique only up to signs are compared by absolute value.
 */
class LinalgFixtureTest {
    static NDArray fx(String name) {
        try {
            Path p = Paths.get(LinalgFixtureTest.class.getResource("/fixtures/linalg/" + name + ".npy").toURI());
            return NpyBridge.read(p);
        } catch (Exception e) {
            throw new IllegalStateException("fixture " + name, e);
        }
    }

    static void eq(DArray got, String fixture, String what) { eq(got.compute(), fx(fixture), what + " vs " + fixture); }

    static void eq(NDArray got, NDArray want, String what) {
        assertThat(got.shape()).as("shape of %s", what).isEqualTo(want.shape());
        for (long i = 0; i < want.size(); i++) {
            double w = want.getDoubleFlat(i);
            assertThat(got.getDoubleFlat(i)).as("element %d of %s", i, what).isCloseTo(w, org.assertj.core.data.Offset.offset(1e-10 * Math.max(1, Math.abs(w))));
        }
    }

    static NDArray abs(NDArray a) { return a.expr().abs().evaluate(); }

    @Test
    void tallAndSkinny() {
        NDArray tall = fx("in_tall");
        for (ChunkSpec c : List.of(Chunks.uniform(57), Chunks.explicit(new long[] {10, 20, 5, 22}, new long[] {6}), Chunks.uniform(4))) {
            DArray a = DArray.fromArray(tall, c);
            String what = "chunks " + a.chunks();
            List<DArray> qr = Linalg.qr(a);
            eq(abs(qr.get(0).compute()), fx("out_qr_absq"), what + " |Q|");
            eq(abs(qr.get(1).compute()), fx("out_qr_absr"), what + " |R|");
            List<DArray> usv = Linalg.svd(a);
            eq(usv.get(1), "out_svd_s", what);
            eq(abs(usv.get(2).compute()), fx("out_svd_absvt"), what + " |Vt|");
            eq(Linalg.svd(a.transpose()).get(1), "out_svd_wide_s", what + " transposed");
            List<DArray> ls = Linalg.lstsq(a, DArray.fromArray(fx("in_b_tall"), Chunks.uniform(7)));
            eq(ls.get(0), "out_lstsq_x", what);
            eq(ls.get(1), "out_lstsq_res", what);
            eq(ls.get(2), "out_lstsq_rank", what);
            assertThat(ls.get(2).dtype()).isEqualTo(DType.INT64);
            eq(ls.get(3), "out_lstsq_s", what);
        }
        DArray low = DArray.fromArray(fx("in_lowrank"), Chunks.explicit(new long[] {15, 25}, new long[] {30}));
        List<DArray> ls = Linalg.lstsq(low, DArray.fromArray(fx("in_b_tall").slice(0, 0L, 40L, 1).slice(1, 0L, 1L, 1).copy().reshape(40), Chunks.uniform(9)));
        eq(ls.get(0), "out_lstsq_lowrank_x", "rank-deficient minimum-norm solution");
        eq(ls.get(2), "out_lstsq_lowrank_rank", "rank-deficient");
        eq(Linalg.svdCompressed(DArray.fromArray(fx("in_lowrank"), Chunks.uniform(11)), 3, 2, 4, 7).get(1), "out_svd_lowrank_s", "svdCompressed");
    }

    @Test
    void squareFactorisationsAndSolves() {
        NDArray sq = fx("in_sq"), spd = fx("in_spd"), rhs = fx("in_rhs");
        for (long c : new long[] {9, 4, 2}) {
            for (boolean tiled : new boolean[] {true, false}) {
                String what = "chunks " + c + " tiled " + tiled;
                DArray a = DArray.fromArray(sq, Chunks.uniform(c)), b = DArray.fromArray(rhs, Chunks.uniform(c));
                eq(TiledLinalg.cholesky(DArray.fromArray(spd, Chunks.uniform(c)), tiled), "out_cholesky", what);
                eq(TiledLinalg.solve(a, b, tiled), "out_solve", what);
                eq(TiledLinalg.solve(a, DArray.fromArray(rhs.slice(1, 0L, 1L, 1).copy().reshape(9), Chunks.uniform(c)), tiled), "out_solve_vec", what);
                eq(TiledLinalg.inv(a, tiled), "out_inv", what);
                eq(TiledLinalg.solveTriangular(a, b, true, false, tiled), "out_solve_lower", what);
                eq(TiledLinalg.solveTriangular(a, b, false, false, tiled), "out_solve_upper", what);
                List<DArray> plu = TiledLinalg.lu(a, tiled);
                NDArray[] f = DArray.computeAll(plu.get(0), plu.get(1), plu.get(2));
                eq(f[0].matmul(f[1]).matmul(f[2]), sq, what + " P L U = A");
            }
            eq(Linalg.det(DArray.fromArray(sq, Chunks.uniform(c))), "out_det", "det");
        }
    }

    @Test
    void norms() {
        NDArray tall = fx("in_tall"), x3 = fx("in_x3");
        DArray a = DArray.fromArray(tall, Chunks.explicit(new long[] {20, 37}, new long[] {6}));
        DArray b = DArray.fromArray(x3, Chunks.explicit(new long[] {2, 1}, new long[] {4}, new long[] {3, 2}));
        String[][] ords = {{null, "none"}, {"fro", "fro"}, {"nuc", "nuc"}, {"1", "1"}, {"-1", "m1"}, {"2", "2"}, {"-2", "m2"}, {"inf", "inf"}, {"-inf", "minf"}};
        for (String[] o : ords) {
            eq(Linalg.norm(a, o[0]), "out_norm_tall_" + o[1], "matrix norm " + o[1]);
            eq(Linalg.norm(b, o[0], new int[] {2, 0}, false), "out_norm_x3_" + o[1] + "_ax20", "matrix norm over axes (2, 0) " + o[1]);
        }
        String[][] vords = {{null, "none"}, {"1", "1"}, {"0", "0"}, {"inf", "inf"}, {"-inf", "minf"}, {"3.5", "3.5"}};
        for (String[] o : vords) eq(Linalg.norm(a, o[0], new int[] {0}, false), "out_vnorm_tall_" + o[1] + "_ax0", "vector norm " + o[1]);
        DArray keep = Linalg.norm(b, "nuc", new int[] {0, 1}, true);
        assertThat(keep.shapeArray()).containsExactly(1, 1, 5);
        eq(keep, "out_norm_x3_keep", "keepdims");
        eq(Linalg.norm(b, null, null, false), "out_norm_x3_all", "2-norm of all elements");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Linalg.norm(a, "nuc", new int[] {0}, false)).hasMessageContaining("expected a number");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Linalg.norm(a, "3", new int[] {0, 1}, false)).hasMessageContaining("'fro', 'nuc'");
    }
}
