package dev.blockwork.cli.bench;

import static dev.blockwork.array.DArrays.chunks;
import static dev.blockwork.array.DArrays.shape;

import dev.blockwork.array.DArray;
import dev.blockwork.array.DRandom;
import dev.blockwork.array.Linalg;
import dev.blockwork.ndarray.Blas;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * The linear-algebra benchmark cases of issue 15, each next to a reference measured in the same run: one line per
 * case, {@code <case> <median-seconds> s (cpu <s>)}, then NumPy's median for the same work where {@code python3}
 * with NumPy is present. Warm runs: each case runs once before it is timed. Nothing here asserts a time.
 *
 * <pre>
 * tsqr-2m            Q, R of a 2,000,000 x 100 float64 array in 20 row blocks (input persisted first);
 *                    reference: NumPy's np.linalg.qr of the same shape
 * svdc-N             svdCompressed rank 20 (1 power iteration, oversampling 10) of an N x N array, chunks N/5;
 *                    references: a @ a of the same array (the matmul it is a fraction of), and the same
 *                    randomised algorithm written in NumPy
 * </pre>
 * {@code LinalgBench [tsqr-rows] [svdc-N] [runs]}: defaults 2000000, 10000, 3 (svdc-N 0 skips the second case).
 */
public final class LinalgBench {
    private LinalgBench() {}

    /**
     * Runs both cases and prints their lines to {@code out}.
     *
     * @param out      where the lines go
     * @param tsqrRows rows of the tall-and-skinny array (100 columns)
     * @param svdN     side of the square array for svdCompressed (0 skips that case)
     * @param runs     timed runs per case
     */
    public static void run(PrintStream out, long tsqrRows, int svdN, int runs) {
        out.println("BLAS: " + Blas.activePath() + "; LAPACK: " + Linalg.kernelPath() + "; max heap "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB; cores " + Runtime.getRuntime().availableProcessors());
        boolean numpy = ArrayBench.hasNumpy();
        // NumPy first, before this JVM's heap grows: on a 24 GiB machine both at once ran out of memory
        if (numpy) {
            out.println("  numpy tsqr-" + label(tsqrRows) + " " + python(runs, "rng = np.random.default_rng(1); a = rng.random((" + tsqrRows + ", 100))",
                    "q, r = np.linalg.qr(a)"));
        }
        DArray a = new DRandom(1).uniform(shape(tsqrRows, 100), chunks(tsqrRows / 20, 100)).persist();
        List<DArray> qr = Linalg.tsqr(a);
        out.println("tsqr-" + label(tsqrRows) + " " + ArrayBench.timed(() -> DArray.computeAll(qr.get(0), qr.get(1)), runs)
                + "   (" + tsqrRows + " x 100 float64, 20 row blocks; Q assembled into one array)");
        a = null;
        System.gc();
        if (svdN <= 0) return;
        if (numpy) {
            String setup = "rng = np.random.default_rng(1); n = " + svdN + "; a = rng.random((n, 30)) @ rng.random((30, n)) + 1e-3 * rng.random((n, n))";
            out.println("  numpy svdc-" + svdN + " " + python(runs, setup,
                    "o = np.random.default_rng(7).standard_normal((n, 30)); q, _ = np.linalg.qr(a @ o); z, _ = np.linalg.qr(a.T @ q); "
                            + "q, _ = np.linalg.qr(a @ z); ub, s, vt = np.linalg.svd(q.T @ a, full_matrices=False); u = (q @ ub)[:, :20]"));
            out.println("  numpy matmul-" + svdN + " " + python(1, setup, "c = a @ a"));
        }
        DArray x = lowRank(svdN).persist();
        List<DArray> usv = Linalg.svdCompressed(x, 20, 1, 10, 7);
        out.println("svdc-" + svdN + " " + ArrayBench.timed(() -> DArray.computeAll(usv.get(0), usv.get(1), usv.get(2)), runs)
                + "   (rank 20, 1 power iteration, oversampling 10, chunks " + svdN / 5 + ")");
        DArray mm = x.matmul(x);
        out.println("matmul-" + svdN + " " + ArrayBench.timed(mm::compute, 1) + "   (x @ x, the same array and chunks)");
    }

    /** A rank-30 array plus a little noise, like the NumPy reference: {@code P Qᵀ + 1e-3 E}. */
    static DArray lowRank(int n) {
        DRandom r = new DRandom(1);
        DArray p = r.uniform(shape(n, 30), chunks(n / 5, 30));
        DArray q = new DRandom(2).uniform(shape(30, n), chunks(30, n / 5));
        return p.matmul(q).add(new DRandom(3).uniform(shape(n, n), chunks(n / 5, n / 5)).mul(1e-3));
    }

    static String label(long rows) { return rows % 1_000_000 == 0 ? rows / 1_000_000 + "m" : Long.toString(rows); }

    /** NumPy's median over {@code runs} timed runs after one warm run, with all cores ({@link ArrayBench#numpyTime}). */
    static String python(int runs, String setup, String stmt) {
        return ArrayBench.numpyTime(new ArrayBench.Case("linalg", runs, null, setup, stmt));
    }

    /**
     * {@code LinalgBench [tsqrRows] [svdN] [runs]}.
     *
     * @param args optional sizes and run count
     */
    public static void main(String[] args) {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 2_000_000L;
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Locale.setDefault(Locale.ROOT);
        run(System.out, rows, n, runs);
    }
}
