package dev.blockwork.cli.bench;

import static dev.blockwork.array.DArrays.chunks;
import static dev.blockwork.array.DArrays.shape;

import dev.blockwork.array.DArray;
import dev.blockwork.array.DRandom;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * The FFT, sorting and unique benchmarks of issue 15, each next to NumPy timed in the same run by a Python
 * subprocess ({@link ArrayBench#numpyTime}); one line per case, {@code <case> <median> s (cpu <median> s)}. Inputs are
 * persisted before timing (NumPy's are made in its setup), so both sides time the operation and the result in
 * memory. Benchmarks, not tests: nothing here asserts a time. Run with a heap the sizes need (6 GiB for fft2, 8 for
 * sort), e.g. {@code java -Xmx6g -cp <the cli jar> dev.blockwork.cli.bench.FftSortBench fft2 sort unique} (sizes:
 * {@code --n N} for the fft side, {@code --sort N}, {@code --unique N}).
 *
 * <pre>
 * fft2    complex128 N x N (default 8192), chunks (N/8, N): fft2 (rows, a rechunk, then columns) to memory
 * sort    float64 N x N (default 16000), chunks (N/8, N): sort(axis=-1) to memory
 * unique  int64, N elements (default 100 M) in [0, N/10), chunks 10 M: unique() (values computed when called)
 * </pre>
 */
public final class FftSortBench {
    private FftSortBench() {}

    /**
     * Runs the cases named in {@code args} (all by default), each followed by NumPy and the load average.
     *
     * @param args case names {@code fft2 sort unique}, and {@code --n N}, {@code --sort N}, {@code --unique N} for the sizes
     */
    public static void main(String[] args) {
        long n = 8192, sortN = 16000, uniqueN = 100_000_000L;
        List<String> cases = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--n" -> n = Long.parseLong(args[++i]);
                case "--sort" -> sortN = Long.parseLong(args[++i]);
                case "--unique" -> uniqueN = Long.parseLong(args[++i]);
                default -> cases.add(args[i]);
            }
        }
        if (cases.isEmpty()) cases = List.of("fft2", "sort", "unique");
        run(System.out, cases, n, sortN, uniqueN);
    }

    static void run(PrintStream out, List<String> cases, long n, long sortN, long uniqueN) {
        out.println("max heap " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB, " + Runtime.getRuntime().availableProcessors() + " cores");
        boolean numpy = ArrayBench.hasNumpy();
        for (String c : cases) {
            ArrayBench.Case bc = switch (c) {
                case "fft2" -> {
                    long m = n;
                    Supplier<Runnable> setup = () -> {
                        DRandom r = new DRandom(2);
                        DArray re = r.uniform(shape(m, m), chunks(m / 8, m)), im = r.uniform(shape(m, m), chunks(m / 8, m));
                        DArray z = DArray.complex(re, im).persist();
                        return () -> z.fft2().compute();
                    };
                    yield new ArrayBench.Case("fft2-" + m, 3, setup,
                            "rng = np.random.default_rng(0); x = rng.random((" + m + ", " + m + ")) + 1j * rng.random((" + m + ", " + m + "))",
                            "y = np.fft.fft2(x); del y");
                }
                case "sort" -> {
                    long m = sortN;
                    yield new ArrayBench.Case("sort-" + m, 3, () -> {
                        DArray x = new DRandom(3).uniform(shape(m, m), chunks(m / 8, m)).persist();
                        return () -> x.sort(-1).compute();
                    }, "rng = np.random.default_rng(0); x = rng.random((" + m + ", " + m + "))", "y = np.sort(x, axis=-1); del y");
                }
                case "unique" -> {
                    long m = uniqueN;
                    yield new ArrayBench.Case("unique-" + m, 3, () -> {
                        DArray x = new DRandom(4).integers(0, Math.max(1, m / 10), shape(m), chunks(10_000_000L)).persist();
                        return () -> x.unique().compute();
                    }, "rng = np.random.default_rng(0); x = rng.integers(0, " + Math.max(1, m / 10) + ", " + m + ")", "u = np.unique(x); del u");
                }
                default -> throw new IllegalArgumentException("unknown case '" + c + "', expected one of fft2 sort unique");
            };
            out.println(bc.name() + " " + ArrayBench.timed(bc.setup().get(), bc.runs()));
            System.gc();
            if (numpy) out.println("  numpy " + bc.name() + " " + ArrayBench.numpyTime(bc));
            out.println("  load average " + loadAverage());
        }
    }

    private static String loadAverage() {
        try {
            return Arrays.toString(java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim().split(" ", 4)).replace(",", "");
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
