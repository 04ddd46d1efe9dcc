package dev.blockwork.ndarray;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Slab-wise axis reductions of an Expr against reducing the materialised result. */
class ExprAxisReductionTest {
    static void assertSame(NDArray got, NDArray want, String what) {
        assertThat(got.dtype()).as(what).isEqualTo(want.dtype());
        assertThat(got.shape()).as(what).isEqualTo(want.shape());
        assertThat(got.allClose(want, 1e-12, 1e-12, true)).as("%s\ngot  %s\nwant %s", what, got, want).isTrue();
    }

    @Test
    void randomTreesLargeEnoughToBeSlabbed() {
        SplittableRandom r = new SplittableRandom(31);
        long[][] shapes = {{300, 7, 40}, {70000}, {2, 40000}, {1000, 1, 70}};
        for (int rep = 0; rep < 24; rep++) {
            long[] shape = shapes[rep % shapes.length];
            Expr e = FusedLoopTest.randomTree(r, 1 + r.nextInt(3), shape);
            if (!Shapes.broadcastsTo(e.shapeArray(), shape) || e.shapeArray().length != shape.length) {
                e = e.add(Expr.zeros(DType.BOOL, shape));
            }
            NDArray whole = e.evaluate();
            int[] axes = ReductionOracleTest.randomAxes(r, shape.length);
            boolean keep = r.nextBoolean();
            String what = "tree " + rep + " " + e.dtype() + e.shape() + " axes " + java.util.Arrays.toString(axes);
            assertSame(e.sum(axes, keep), whole.sum(axes, keep), "sum " + what);
            assertSame(e.max(axes, keep), whole.max(axes, keep), "max " + what);
            assertSame(e.mean(axes, keep), whole.mean(axes, keep), "mean " + what);
            assertSame(e.var(1, axes, keep), whole.var(1, axes, keep), "var " + what);
            assertSame(e.gt(0.0).any(axes, keep), Expr.of(whole).gt(0.0).evaluate().any(axes, keep), "any " + what);
        }
    }

    @Test
    void randomLeavesSliceByGlobalOffset() {
        Random rng = new Random(5);
        long[] g = {400, 300};
        Expr u = rng.uniformExpr(0, 1, new long[] {250, 300}, new long[] {100, 0}, g);
        NDArray block = rng.uniform(g).slice(0, 100L, 350L, 1);
        assertSame(u.mul(2).sum(new int[] {1}, false), Expr.of(block).mul(2).evaluate().sum(1), "row sums");
        assertSame(u.sum(new int[] {0}, true), block.sum(new int[] {0}, true), "column sums");
        assertThat(Expr.ones(DType.INT32, 500, 300).sum(new int[] {0}, false).toLongArray()).containsOnly(500);
    }
}
