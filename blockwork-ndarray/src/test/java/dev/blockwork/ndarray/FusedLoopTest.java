package dev.blockwork.ndarray;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Generated fused loops against the per-operation tile nodes (which the element-wise oracle tests check
 * against plain loops): random expression trees over random dtypes, layouts and broadcasting must give
 * bit-identical results with and without loop fusion.
 */
class FusedLoopTest {
    @AfterEach
    void restore() { FusedLoopCompiler.enabled = true; }

    static Expr randomTree(SplittableRandom r, int depth, long[] shape) {
        if (depth == 0 || r.nextInt(5) == 0) {
            return switch (r.nextInt(6)) {
                case 0 -> Expr.scalar(r.nextDouble(-3, 3));
                case 1 -> Expr.scalar((long) r.nextInt(-3, 4));
                default -> Expr.of(Cases.view(r, Cases.DTYPES[r.nextInt(4)], Cases.broadcastable(r, shape)));
            };
        }
        Expr a = randomTree(r, depth - 1, shape), b = randomTree(r, depth - 1, shape);
        return switch (r.nextInt(16)) {
            case 0 -> a.add(b);
            case 1 -> a.sub(b);
            case 2 -> a.mul(b);
            case 3 -> a.div(b);
            case 4 -> a.minimum(b);
            case 5 -> a.maximum(b);
            case 6 -> a.abs().sqrt();
            case 7 -> a.neg();
            case 8 -> a.exp().tanh();
            case 9 -> a.sin().add(b.cos());
            case 10 -> a.floor().sub(b.ceil());
            case 11 -> a.round();
            case 12 -> Expr.where(a.gt(b), a, b.mul(2.0));
            case 13 -> a.astype(DType.FLOAT32).mul(b);
            case 14 -> a.abs().add(1.0).log();
            default -> a.div(b.abs().add(1.0)).pow(Expr.scalar(2.0));
        };
    }

    @Test
    void randomTreesGiveBitIdenticalResultsWithAndWithoutFusion() {
        SplittableRandom r = new SplittableRandom(2024);
        int fusedRoots = 0;
        for (int rep = 0; rep < 300; rep++) {
            long[] shape = rep % 10 == 0 ? new long[] {Cases.TAIL_SIZES[r.nextInt(5)]} : Cases.shape(r);
            Expr e = randomTree(r, 1 + r.nextInt(4), shape);
            long[] out = Shapes.broadcast(e.shapeArray(), shape);
            FusedLoopCompiler.enabled = true;
            NDArray fused = e.evaluate(out);
            if (Kernel.compile(e, out, null).root instanceof FusedLoopCompiler.KFused) fusedRoots++;
            NDArray sum = e.sum();
            FusedLoopCompiler.enabled = false;
            NDArray plain = e.evaluate(out);
            assertThat(fused).as("expression %d dtype %s shape %s", rep, e.dtype(), Shapes.format(out)).isEqualTo(plain);
            assertThat(sum).isEqualTo(e.sum());
        }
        assertThat(fusedRoots).as("trees whose root was fused").isGreaterThan(50);
    }

    @Test
    void commonExpressionsFuseIntoOneLoop() {
        NDArray x = new Random(1).uniform(100, 100);
        Expr e = Expr.of(x).add(Expr.of(x).mul(2));
        assertThat(Kernel.compile(e, x.shapeArray(), null).root).isInstanceOf(FusedLoopCompiler.KFused.class);
        NDArray want = NDArray.fromFunction(x.shapeArray(), DType.FLOAT64, idx -> x.getDouble(idx) + x.getDouble(idx) * 2);
        assertThat(e.evaluate()).isEqualTo(want);
        Expr f32 = Expr.of(x.astype(DType.FLOAT32)).mul(3.0).add(1.0);
        assertThat(f32.dtype()).isEqualTo(DType.FLOAT32);
        NDArray got = f32.evaluate();
        for (int i = 0; i < 50; i++) {
            float v = (float) x.getDoubleFlat(i);
            assertThat((float) got.getDoubleFlat(i)).isEqualTo((float) ((double) (float) ((double) v * (double) 3.0f) + 1.0f));
        }
    }

    @Test
    void sumsOfConstantTilesMatchTheFilledPath() {
        // full + full*2 is a fused loop without operands: its sum adds the constant per lane instead of a filled
        // tile; the same lanes get the same values either way, so the sums agree bit for bit
        long[] shape = {1000, 3001};
        Expr x = Expr.full(0.1, DType.FLOAT64, shape);
        NDArray xs = Expr.full(0.1, DType.FLOAT64, shape).evaluate();
        double constant = x.add(x.mul(2.0)).sum().item();
        double filled = Expr.of(xs).add(Expr.of(xs).mul(2.0)).sum().item();
        assertThat(constant).isEqualTo(filled);
        assertThat(constant).isCloseTo(0.30000000000000004 * 1000 * 3001, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(Expr.full(2.5, DType.FLOAT64, 7, 5).sum().item()).isEqualTo(87.5);
        assertThat(Expr.full(1L, DType.INT64, 7, 5).add(Expr.scalar(1L)).sum().item()).isEqualTo(70.0);
    }
}
