package dev.blockwork.array;

import static dev.blockwork.array.DArrays.chunks;
import static dev.blockwork.array.DArrays.shape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.blockwork.graph.TaskFunction;
import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.Index;
import dev.blockwork.ndarray.NDArray;
import dev.blockwork.ndarray.Random;
import dev.blockwork.schedule.Plan;
import dev.blockwork.schedule.Planner;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every task function (and literal argument) of a DArray graph survives plain Java serialization, so array graphs
 * can be shipped to worker JVMs: each task of the plan is run once as built and once after a serialization
 * round trip of its function and literal arguments, on the same inputs, and the results must be identical.
 */
class SerializationTest {
    static Map<String, DArray> graphs() {
        NDArray a = new Random(7).uniform(37, 23);
        DArray x = DArray.fromArray(a, chunks(10, 8));
        DArray fused = x.add(x.mul(2)).sin().sub(DArray.ones(shape(23), chunks(8)));
        DArray rnd = new DRandom(42).uniform(shape(30, 20), chunks(7, 6));
        DArray nrm = new DRandom(3).normal(2, 3, shape(30, 20), chunks(7, 6));
        DArray ints = new DRandom(5).integers(0, 100, shape(30, 20), chunks(7, 6));
        Map<String, DArray> m = new LinkedHashMap<>();
        m.put("fused chain", fused);
        m.put("random uniform", rnd);
        m.put("random normal", nrm);
        m.put("random integers", ints);
        m.put("sum", fused.sum());
        m.put("sum axis 0", rnd.sum(0));
        m.put("sum axis 1 int", ints.sum(1));
        m.put("mean", x.mean());
        m.put("mean axis 0", rnd.mean(0));
        m.put("std", rnd.std());
        m.put("var axis 1 ddof 1", nrm.var(1, new int[] {1}, false));
        m.put("argmax", rnd.argmax());
        m.put("argmin axis 1", x.argmin(1));
        m.put("max keepdims", x.max(new int[] {0}, true));
        m.put("constant sum", DArray.ones(shape(40, 40), chunks(9, 9)).mul(3).sum());
        m.put("slicing", x.get(Index.range(3L, null, 2), Index.range(null, null, -1)));
        m.put("take", x.take(new long[] {0, 5, 6, 30}, 0));
        m.put("transpose", x.transpose());
        m.put("reshape", x.reshape(23, 37));
        m.put("rechunk", x.rechunk(chunks(13, 5)));
        m.put("concatenate", DArray.concatenate(List.of(x, new DRandom(9).uniform(shape(10, 23), chunks(4, 23)).mul(x.get(Index.range(0L, 10L)).persist())), 0));
        m.put("matmul", x.matmul(x.transpose()));
        m.put("mapBlocks", x.mapBlocks((b, info) -> b.mul(NDArray.scalar((double) info.index()[0]))));
        m.put("mapOverlap", x.mapOverlap((b, info) -> b.add(b), new int[] {1, 2}, Boundary.reflect()));
        m.put("mapOverlap periodic", x.mapOverlap((b, info) -> b, new int[] {2, 1}, Boundary.periodic()));
        m.put("arange", DArray.arange(100, chunks(7)).mul(2));
        m.put("linspace", DArray.linspace(0, 1, 50, chunks(7)));
        m.put("eye", DArray.eye(20, chunks(6, 6)));
        m.put("fromFunction", DArray.fromFunction(shape(9, 8), chunks(4, 3), DType.FLOAT64, i -> i[0] * 10 + i[1]));
        m.put("persist", x.add(1).persist().mul(2));
        m.put("fromBlocks", DArray.fromBlocks(new int[] {2}, NDArray.arange(5), NDArray.arange(3)));
        m.put("where", DArray.where(x.gt(0.5), x, 0.0).astype(DType.FLOAT32).sum(0));
        DArray gaps = DArray.fromArray(a, Chunks.explicit(new long[] {10, 0, 27}, new long[] {0, 8, 15}));
        m.put("max over 0-length blocks", gaps.max(0));
        m.put("argmin over 0-length blocks", gaps.argmin());
        m.put("cumsum", gaps.cumsum(0));
        m.put("cumprod axis 1", x.cumprod(1));
        m.put("take sorted across blocks", x.take(new long[] {1, 3, 12, 30}, 0));
        m.put("nan reductions", x.nanmean(new int[] {0}, false).add(x.nanmax(new int[] {1}, true).sum()));
        m.put("set", x.set(new Index[] {Index.range(2L, 20L, 3)}, DArray.ones(shape(23), chunks(5))));
        m.put("pad reflect", x.pad(2, PadMode.REFLECT));
        m.put("mapBlocks several", DArray.mapBlocks((b, info) -> b[0].add(b[1]), List.of(x, DArray.ones(shape(23), chunks(5))), DType.FLOAT64));
        m.put("integer matmul", ints.matmul(ints.transpose()));
        m.put("broadcastTo", x.get(Index.at(0)).broadcastTo(shape(4, 23)));
        m.put("mapOverlap small blocks", gaps.mapOverlap((b, info) -> b, new int[] {3, 3}, Boundary.constant(0)));
        m.put("blockwise", DArray.blockwise((bs, bi) -> bs[0].matmul(bs[1]), "ik", List.of(x, x.transpose()), List.of("ij", "jk"), DType.FLOAT64));
        m.put("histogram", x.histogram(5, 0, 1));
        m.put("percentile", x.percentile(30, 1));
        m.put("einsum", DArray.einsum("ij,ij->j", x, x));
        DArray sq = DArray.fromArray(new Random(8).uniform(12, 12).expr().add(NDArray.eye(12).expr().mul(12)).evaluate(), chunks(5, 5));
        m.put("tsqr", Linalg.tsqr(x).get(0));
        m.put("svd", Linalg.svd(x).get(0));
        m.put("svdCompressed", Linalg.svdCompressed(x, 3, 1, 2, 5).get(2));
        m.put("lstsq", Linalg.lstsq(x, DArray.ones(shape(37), chunks(10))).get(1));
        m.put("tiled cholesky", TiledLinalg.cholesky(sq.matmul(sq.transpose()), true));
        m.put("tiled lu", TiledLinalg.lu(sq, true).get(1));
        m.put("tiled solve", TiledLinalg.solve(sq, DArray.ones(shape(12, 2), chunks(5, 1)), true));
        m.put("matrix norm nuc", Linalg.norm(x, "nuc"));
        m.put("einsum pairwise", DArray.einsum("ij,jk,kl->il", x, x.transpose(), x));
        m.put("kron", DArray.kron(x.get(Index.range(0L, 4L)), sq));
        m.put("gufunc outputs", DArray.applyGufunc((bs, info) -> new NDArray[] {bs[0].sum(new int[] {-1}, false), bs[0].max(new int[] {-1}, false)},
                "(i)->(),()", List.of(x), List.of(DType.FLOAT64, DType.FLOAT64)).get(1));
        m.put("random poisson", new DRandom(4).poisson(3, shape(30, 20), chunks(7, 6)));
        return m;
    }

    static List<String> names() { return List.copyOf(graphs().keySet()); }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void everyTaskRoundTripsThroughJavaSerialization(String name) throws Exception {
        DArray d = graphs().get(name);
        Plan plan = Planner.plan(d.graph()::task, d.keys(), false);
        Object[] results = new Object[plan.size()];
        boolean[] done = new boolean[plan.size()];
        for (int t = 0; t < plan.size(); t++) run(plan, t, results, done);
        assertThat(done).doesNotContain(false);
    }

    @org.junit.jupiter.api.Test
    void storeTasksRunElsewhereHandTheirBlocksBackForAssembly() throws Exception {
        DArray z = graphs().get("fused chain");
        Materialization.Plan mp = Materialization.plan(List.of(z));
        Plan plan = Planner.plan(mp.graph()::task, mp.keys(), false);
        Object[] results = new Object[plan.size()];
        boolean[] done = new boolean[plan.size()];
        for (int t = 0; t < plan.size(); t++) {
            if (!plan.isOutput(t)) run(plan, t, results, done);
        }
        int[] outs = plan.outputs();
        Object[] remote = new Object[outs.length];
        for (int o = 0; o < outs.length; o++) {
            int t = outs[o];
            Object[] tpl = plan.argTemplate(t), args = new Object[tpl.length], args2 = new Object[tpl.length];
            for (int p = 0; p < tpl.length; p++) {
                args[p] = tpl[p] instanceof Plan.Ref r ? results[r.task()] : tpl[p];
                args2[p] = tpl[p] instanceof Plan.Ref r ? results[r.task()] : roundTrip(tpl[p], "store literal");
            }
            assertThat(plan.function(t).apply(args)).isEqualTo(Boolean.TRUE); // written in place here
            remote[o] = ((TaskFunction) roundTrip(plan.function(t), "store function")).apply(args2);
            assertThat(remote[o]).as("a deserialized store task returns its block").isInstanceOf(NDArray.class);
        }
        NDArray inPlace = mp.results()[0];
        NDArray assembled = Materialization.plan(List.of(z)).assemble(remote)[0];
        assertThat(assembled).isEqualTo(inPlace);
        assertThat(inPlace).isEqualTo(z.compute());
    }

    private static void run(Plan plan, int t, Object[] results, boolean[] done) throws Exception {
        if (done[t]) return;
        for (int dep : plan.dependencies(t)) run(plan, dep, results, done);
        Object[] tpl = plan.argTemplate(t);
        Object[] args = new Object[tpl.length], args2 = new Object[tpl.length];
        String where = "task " + plan.key(t) + " (" + plan.label(t) + ")";
        for (int p = 0; p < tpl.length; p++) {
            Object a = tpl[p];
            if (a instanceof Plan.Ref r) {
                args[p] = args2[p] = results[r.task()];
            } else if (a instanceof Plan.RefList rl) {
                Object[] vs = new Object[rl.tasks().length];
                for (int i = 0; i < vs.length; i++) vs[i] = results[rl.tasks()[i]];
                args[p] = vs;
                args2[p] = vs.clone();
            } else {
                args[p] = a;
                args2[p] = roundTrip(a, where + " literal argument " + p);
            }
        }
        TaskFunction f = plan.function(t);
        String fname = (f instanceof ArrayLayer.Sequential sq ? sq.inner() : f).getClass().getName();
        TaskFunction g = (TaskFunction) roundTrip(f, where + " function " + fname);
        Object expected = f.apply(args);
        Object actual = g.apply(args2);
        byte[] e = bytes(expected, where + " result"), r = bytes(actual, where + " result");
        if (!Arrays.equals(e, r)) {
            fail(where + ": the deserialized function " + fname + " gave " + actual + ", expected " + expected);
        }
        results[t] = expected;
        done[t] = true;
    }

    private static byte[] bytes(Object o, String what) {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bo)) {
            out.writeObject(o);
        } catch (IOException ex) {
            fail(what + " (" + (o == null ? "null" : o.getClass().getName()) + ") is not serializable: " + ex, ex);
        }
        return bo.toByteArray();
    }

    private static Object roundTrip(Object o, String what) {
        byte[] b = bytes(o, what);
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(b))) {
            return in.readObject();
        } catch (IOException | ClassNotFoundException ex) {
            fail(what + " (" + o.getClass().getName() + ") does not deserialize: " + ex, ex);
            return null;
        }
    }
}
