package dev.blockwork.array;

import static dev.blockwork.array.ArrayAssert.assertEq;
import static dev.blockwork.array.DArrays.chunks;
import static dev.blockwork.array.DArrays.shape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blockwork.graph.Layer;
import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.NDArray;
import dev.blockwork.schedule.Computation;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Fusion at the layer level, persist, shared work between arrays computed together, async and cancellation. */
class ComputeTest {
    static List<String> layerNames(DArray x) {
        return x.graph().layers().stream().map(Layer::name).toList();
    }

    @Test
    void elementwiseChainIsOneLayerWithOneTaskPerBlock() {
        DArray x = DArray.ones(shape(1000, 1000), chunks(100, 100));
        DArray z = x.add(x.mul(2)).sub(1).sqrt();
        assertThat(z.isFused()).isTrue();
        assertThat(layerNames(z)).hasSize(1);
        assertThat(z.graph().layers().iterator().next().keys()).hasSize(100);
        assertEq(z, NDArray.full(Math.sqrt(2), DType.FLOAT64, 1000, 1000));
    }

    @Test
    void reductionFusesCreationAndMathsSoXIsNeverMaterialised() {
        DArray x = DArray.ones(shape(1000, 1000), chunks(100, 100));
        DArray s = x.add(x.mul(2)).sum();
        assertThat(layerNames(s)).allMatch(n -> n.startsWith("sum")); // partial, combine levels, aggregate: no element-wise layer
        assertThat(s.compute().item()).isEqualTo(3e6);
        DArray m = new DRandom(1).uniform(shape(300, 200), chunks(64, 64)).mul(2).mean(0);
        assertThat(layerNames(m)).allMatch(n -> n.startsWith("mean"));
    }

    @Test
    void inputsWithDifferentChunksAreAligned() {
        NDArray a = NDArray.arange(0, 42, 1, DType.FLOAT64).reshape(6, 7), b = NDArray.arange(0, 7, 1, DType.INT32);
        DArray x = DArray.fromArray(a, chunks(4, 3)), y = DArray.fromArray(a, chunks(2, 5)), v = DArray.fromArray(b, chunks(4));
        DArray z = x.add(y).mul(v);
        assertThat(z.chunks().sizes(1)).containsExactly(3, 1, 1, 1, 1); // boundaries {0,3,6,7} ∪ {0,5,7} ∪ {0,4,7}
        assertEq(z, a.expr().add(a.expr()).mul(b.expr()).evaluate());
    }

    @Test
    void rechunkOfFusedStaysFusedAndOfMaterialisedMovesData() {
        DArray x = DArray.ones(shape(10, 10), chunks(3, 3)).mul(5);
        assertThat(x.rechunk(chunks(5, -1)).isFused()).isTrue();
        NDArray a = NDArray.arange(0, 100, 1, DType.INT64).reshape(10, 10);
        DArray y = DArray.fromArray(a, chunks(3, 7)).rechunk(Chunks.explicit(new long[] {1, 8, 1}, new long[] {5, 5}));
        assertThat(y.chunks().sizes(0)).containsExactly(1, 8, 1);
        assertEq(y, a);
        assertEq(y.rechunk(Chunks.auto(64)), a);
        assertThatThrownBy(() -> y.rechunk(Chunks.explicit(new long[] {10}, new long[] {9}))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void persistKeepsBlocksAndComputeAllSharesWork() {
        AtomicInteger calls = new AtomicInteger();
        DArray x = DArray.fromArray(NDArray.arange(0, 40, 1, DType.FLOAT64).reshape(8, 5), chunks(3, 2));
        DArray y = x.mapBlocks((b, info) -> {
            calls.incrementAndGet();
            return b.expr().mul(10.0).evaluate();
        });
        int blocks = x.chunks().blockCount();
        NDArray[] r = DArray.computeAll(y.add(1), y.sum(0), y.mul(2));
        assertThat(calls.get()).isEqualTo(blocks);
        assertThat(r[0].getDouble(7, 4)).isEqualTo(391.0);
        DArray p = y.persist();
        assertThat(calls.get()).isEqualTo(2 * blocks);
        p.add(1).compute();
        p.sum().compute();
        assertThat(calls.get()).isEqualTo(2 * blocks);
        assertEq(p, y.compute());
    }

    @Test
    @Timeout(30)
    void computeAsyncCompletesAndCanBeCancelled() throws Exception {
        DArray x = DArray.ones(shape(100, 100), chunks(10, 10));
        Computation<NDArray> c = x.mul(3).sum().computeAsync(ArrayAssert.THREADS);
        assertThat(c.get(20, TimeUnit.SECONDS).item()).isEqualTo(30000.0);

        CountDownLatch started = new CountDownLatch(1), never = new CountDownLatch(1);
        AtomicInteger ran = new AtomicInteger();
        DArray slow = x.mapBlocks((b, info) -> {
            ran.incrementAndGet();
            started.countDown();
            try {
                never.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return b;
        });
        Computation<NDArray> d = slow.sum().computeAsync(ArrayAssert.THREADS);
        assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();
        d.cancel(true);
        assertThatThrownBy(() -> d.get(20, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class);
        assertThat(ran.get()).isLessThan(100);
    }

    @Test
    void mapBlocksChecksDeclaredShapeAndDtype() {
        DArray x = DArray.ones(shape(6, 6), chunks(3, 3));
        DArray bad = x.mapBlocks((b, info) -> b.astype(DType.FLOAT32));
        assertThatThrownBy(bad::compute).hasStackTraceContaining("mapBlocks function returned shape (3, 3) dtype float32")
                .hasStackTraceContaining("expected shape (3, 3) dtype float64");
        DArray halves = x.mapBlocks((b, info) -> b.slice(1, 0L, 1L, 1).copy(), Chunks.ofSizes(new long[] {3, 3}, new long[] {1, 1}), DType.FLOAT64);
        assertEq(halves, NDArray.ones(DType.FLOAT64, 6, 2));
        DArray offsets = x.mapBlocks((b, info) -> NDArray.full((double) (info.offset()[0] + info.offset()[1]), DType.FLOAT64, info.shape()));
        assertThat(offsets.compute().getDouble(5, 5)).isEqualTo(6.0);
    }

    @Test
    void constantsFoldAndTheirReductionsAreExact() {
        for (DType t : DType.values()) {
            if (t.isComplex()) continue; // complex128 has no fused arithmetic or reductions
            DArray c = DArray.full(shape(5, 7), chunks(2, 3), 3.0, t);
            DArray e = t == DType.BOOL ? c.and(c) : c.mul(2).add(1L);
            NDArray v = e.compute();
            for (Reduction op : Reduction.values()) {
                if (t == DType.BOOL && (op == Reduction.MIN || op == Reduction.MAX)) continue;
                DArray r = e.reduce(op, null, false, 0, 2);
                NDArray want = switch (op) {
                    case SUM -> v.sum();
                    case PROD -> v.prod();
                    case MIN -> v.min();
                    case MAX -> v.max();
                    case ANY -> v.any();
                    case ALL -> v.all();
                    case MEAN -> v.mean();
                    case VAR -> v.var(0);
                    case STD -> v.std(0);
                    case ARGMIN -> NDArray.full(v.argmin(), DType.INT64);
                    case ARGMAX -> NDArray.full(v.argmax(), DType.INT64);
                };
                assertEq(r, want, op + " of folded " + t);
            }
        }
        assertThat(DArray.ones(shape(4), chunks(2)).mul(3).isFused()).isTrue();
    }
}
