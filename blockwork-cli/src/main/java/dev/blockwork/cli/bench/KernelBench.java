package dev.blockwork.cli.bench;

import dev.blockwork.ndarray.Blas;
import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.Expr;
import dev.blockwork.ndarray.NDArray;
import dev.blockwork.ndarray.Random;
import java.io.PrintStream;
import java.util.Arrays;

/**
 * Quick kernel figures, one line per case: {@code <case> <median> <unit>}. Not JMH (that lives in
 * blockwork-bench); enough to compare the fused kernels with the machine's memory bandwidth, measured in the
 * same run by STREAM-like loops on plain double[].
 *
 * <pre>
 * ./build -q -pl blockwork-ndarray compile
 * java --enable-native-access=ALL-UNNAMED -Xmx3g -cp blockwork-ndarray/target/classes dev.blockwork.cli.bench.KernelBench
 * </pre>
 * Bandwidth counts the bytes the kernel must move (reads + writes, 8 per double), not write-allocate traffic.
 */
public final class KernelBench {
    static final int N = 4000;
    static final int REPS = 9;
    static double sink;

    private KernelBench() {}

    /**
     * Runs the kernel benchmarks, printing to standard output.
     *
     * @param args ignored
     */
    public static void main(String[] args) { run(System.out); }

    interface Body { void run(); }

    static double medianSeconds(int reps, Body b) {
        b.run(); // warm-up (also JIT)
        b.run();
        double[] t = new double[reps];
        for (int i = 0; i < reps; i++) {
            long s = System.nanoTime();
            b.run();
            t[i] = (System.nanoTime() - s) / 1e9;
        }
        Arrays.sort(t);
        return t[reps / 2];
    }

    static void line(PrintStream out, String name, double value, String unit) {
        out.printf("%s %.2f %s%n", name, value, unit);
        out.flush();
    }

    /**
     * Runs the kernel benchmarks: one-block NDArray kernels next to plain Java loops.
     *
     * @param out where the lines go
     */
    public static void run(PrintStream out) {
        int n = N * N;
        double[] a = new double[n], b = new double[n], c = new double[n];
        Arrays.fill(a, 1.0);
        Arrays.fill(b, 2.0);
        Arrays.fill(c, 0.5);
        double gb = n * 8 / 1e9;
        out.println("# " + Runtime.getRuntime().availableProcessors() + " cpus, " + System.getProperty("java.vm.name") + " "
                + Runtime.version() + ", matmul path " + Blas.activePath());
        line(out, "stream_copy_double[]", 2 * gb / medianSeconds(REPS, () -> System.arraycopy(a, 0, b, 0, n)), "GB/s");
        line(out, "stream_triad_double[]", 3 * gb / medianSeconds(REPS, () -> {
            for (int i = 0; i < n; i++) a[i] = b[i] + 3.0 * c[i];
        }), "GB/s");
        NDArray x = NDArray.fromArray(b, N, N);
        NDArray out1 = NDArray.zeros(DType.FLOAT64, N, N);
        double[] o = (double[]) out1.data();
        double tLoop = medianSeconds(REPS, () -> {
            for (int i = 0; i < n; i++) o[i] = b[i] + b[i] * 2;
        });
        line(out, "plain_loop_x+x*2_4000x4000_into_existing", tLoop * 1e3, "ms");
        line(out, "plain_loop_x+x*2_4000x4000_into_existing_bw", 2 * gb / tLoop, "GB/s");
        double tNew = medianSeconds(REPS, () -> {
            double[] r = new double[n];
            for (int i = 0; i < n; i++) r[i] = b[i] + b[i] * 2;
            sink += r[n - 1];
        });
        line(out, "plain_loop_x+x*2_4000x4000_new_array", tNew * 1e3, "ms");
        Expr e = Expr.of(x).add(Expr.of(x).mul(2));
        boolean old = Expr.parallel(false);
        double tInto1 = medianSeconds(REPS, () -> e.evaluateInto(out1));
        line(out, "fused_x+x*2_4000x4000_into_existing_1thread", tInto1 * 1e3, "ms");
        line(out, "fused_x+x*2_4000x4000_into_existing_1thread_bw", 2 * gb / tInto1, "GB/s");
        double tEval1 = medianSeconds(REPS, () -> sink += e.evaluate().getDouble(0, 0));
        line(out, "fused_x+x*2_4000x4000_evaluate_1thread", tEval1 * 1e3, "ms");
        Expr.parallel(true);
        double tInto = medianSeconds(REPS, () -> e.evaluateInto(out1));
        line(out, "fused_x+x*2_4000x4000_into_existing_parallel", tInto * 1e3, "ms");
        line(out, "fused_x+x*2_4000x4000_into_existing_parallel_bw", 2 * gb / tInto, "GB/s");
        double tEval = medianSeconds(REPS, () -> sink += e.evaluate().getDouble(0, 0));
        line(out, "fused_x+x*2_4000x4000_evaluate_parallel", tEval * 1e3, "ms");
        double tSumLoop = medianSeconds(REPS, () -> {
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            for (int i = 0; i < n; i += 4) {
                s0 += b[i] + b[i] * 2;
                s1 += b[i + 1] + b[i + 1] * 2;
                s2 += b[i + 2] + b[i + 2] * 2;
                s3 += b[i + 3] + b[i + 3] * 2;
            }
            sink += s0 + s1 + s2 + s3;
        });
        line(out, "plain_loop_sum(x+x*2)_4000x4000", tSumLoop * 1e3, "ms");
        double tSum = medianSeconds(REPS, () -> sink += e.sum().item());
        line(out, "fused_sum(x+x*2)_4000x4000_parallel", tSum * 1e3, "ms");
        line(out, "fused_sum(x+x*2)_4000x4000_parallel_bw", gb / tSum, "GB/s");
        Expr g = Expr.ones(DType.FLOAT64, N, N);
        Expr ge = g.add(g.mul(2));
        double tGen = medianSeconds(REPS, () -> sink += ge.sum().item());
        line(out, "fused_sum(ones+ones*2)_4000x4000_generated_parallel", tGen * 1e3, "ms");
        Expr.parallel(false);
        double tSum1 = medianSeconds(REPS, () -> sink += e.sum().item());
        line(out, "fused_sum(x+x*2)_4000x4000_1thread", tSum1 * 1e3, "ms");
        Expr.parallel(old);

        int m = 2000;
        double[] ma = new Random(1).uniform(m * (long) m).toDoubleArray(), mb = new Random(2).uniform(m * (long) m).toDoubleArray();
        double[] mc = new double[m * m];
        double flops = 2.0 * m * m * m;
        if (Blas.isNative()) {
            double t = medianSeconds(3, () -> Blas.dgemm(m, m, m, 1, ma, 0, m, mb, 0, m, 0, mc, 0, m));
            line(out, "dgemm_2000_native", flops / t / 1e9, "GFLOP/s");
        }
        double tj = medianSeconds(3, () -> Blas.dgemmJava(m, m, m, 1, ma, 0, m, mb, 0, m, 0, mc, 0, m));
        line(out, "dgemm_2000_java", flops / tj / 1e9, "GFLOP/s");
        out.println("# sink " + (sink != 0));
    }
}
