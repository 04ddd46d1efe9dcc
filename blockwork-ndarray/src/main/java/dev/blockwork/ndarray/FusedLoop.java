package dev.blockwork.ndarray;

/**
 * One generated loop for a float subtree of a {@link Kernel}: {@code out[outOff+i] = f(in[0][off[0]+i], ...)}
 * for {@code i < n}. Implementations are hidden classes made by {@link FusedLoopCompiler}.
 */
interface FusedLoop {
    void run(double[][] in, int[] off, double[] consts, double[] out, int outOff, int n);
}
