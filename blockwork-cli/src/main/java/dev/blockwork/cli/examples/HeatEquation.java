package dev.blockwork.cli.examples;

import dev.blockwork.array.Boundary;
import dev.blockwork.array.Chunks;
import dev.blockwork.array.DArray;
import dev.blockwork.ndarray.DType;
import dev.blockwork.ndarray.NDArray;
import dev.blockwork.ndarray.Shape;
import dev.blockwork.schedule.ComputeOptions;

/**
 * The 2-D heat equation {@code u_t = u_xx + u_yy} on the unit square with {@code u = 0} on the boundary, by the
 * explicit five-point scheme, one {@code mapOverlap} (one ghost cell per side, zero at the edges) per time step.
 * The start {@code u0 = sin(πx) sin(πy)} is an eigenmode of the discrete Laplacian, so the scheme's exact answer
 * after {@code n} steps is {@code g^n u0} with {@code g = 1 - 4r(1 - cos(πh))} ({@code r = dt/h²}), and the PDE's is
 * {@code exp(-2π² t) u0}: the first checks the blocks and halos to rounding, the second the discretisation (O(h²)).
 *
 * <p>Every {@code persistEvery} steps the blocks are persisted so that a long run is a chain of short graphs.
 */
public final class HeatEquation {
    private HeatEquation() {}

    /**
     * What a run found.
     *
     * @param seconds         wall time of the time stepping
     * @param maxErrorDiscrete largest |u - g^n u0| (rounding only)
     * @param maxErrorExact    largest |u - exp(-2π² t) u0| (discretisation error)
     * @param peak             the largest value of u at the end
     */
    public record Result(double seconds, double maxErrorDiscrete, double maxErrorExact, double peak) {}

    /** The five-point update of a block with one ghost cell per side; the ghost ring of the result is trimmed off. */
    static NDArray step(NDArray b, double r) {
        long[] s = b.shapeArray();
        int m = (int) s[0], k = (int) s[1];
        double[] u = b.toDoubleArray(), v = u.clone();
        for (int i = 1; i < m - 1; i++) {
            int row = i * k;
            for (int j = 1; j < k - 1; j++) {
                int p = row + j;
                v[p] = u[p] + r * (u[p - k] + u[p + k] + u[p - 1] + u[p + 1] - 4 * u[p]);
            }
        }
        return NDArray.fromArray(v, m, k);
    }

    /**
     * Runs {@code steps} steps on an {@code n} × {@code n} interior grid cut into blocks of {@code block}.
     *
     * @param n            interior points per axis
     * @param block        block side
     * @param steps        time steps
     * @param persistEvery persist the blocks every so many steps
     * @param options      compute options
     * @return the errors against both exact answers
     */
    public static Result run(int n, int block, int steps, int persistEvery, ComputeOptions options) {
        double h = 1.0 / (n + 1), r = 0.2, dt = r * h * h;
        DArray u = DArray.fromFunction(Shape.of(n, n), Chunks.of(block, block), DType.FLOAT64,
                ix -> Math.sin(Math.PI * (ix[0] + 1) * h) * Math.sin(Math.PI * (ix[1] + 1) * h));
        long t0 = System.nanoTime();
        for (int s = 1; s <= steps; s++) {
            u = u.mapOverlap((b, info) -> step(b, r), new int[] {1, 1}, Boundary.constant(0));
            if (s % persistEvery == 0 || s == steps) u = u.persist(options);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double g = Math.pow(1 - 4 * r * (1 - Math.cos(Math.PI * h)), steps), e = Math.exp(-2 * Math.PI * Math.PI * dt * steps);
        DArray mode = DArray.fromFunction(Shape.of(n, n), Chunks.of(block, block), DType.FLOAT64,
                ix -> Math.sin(Math.PI * (ix[0] + 1) * h) * Math.sin(Math.PI * (ix[1] + 1) * h));
        double errDiscrete = u.sub(mode.mul(g)).abs().max().compute(options).item();
        double errExact = u.sub(mode.mul(e)).abs().max().compute(options).item();
        double peak = u.max().compute(options).item();
        return new Result(seconds, errDiscrete, errExact, peak);
    }
}
