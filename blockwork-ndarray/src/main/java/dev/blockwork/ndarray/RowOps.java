package dev.blockwork.ndarray;

/** Row kernels shared by the one-block axis sums and the chunked layer's strip sums. */
public final class RowOps {
    private RowOps() {}

    /**
     * {@code a[j] += b[i*row + j]} for rows {@code i < rows}, in row order, four rows per pass over {@code a}
     * (the same round-off as one row at a time). A method of its own so that C2 compiles and vectorises it early.
     *
     * @param a    the row sums, {@code row} long, added to in place
     * @param b    the rows, row-major, {@code rows * row} long at least
     * @param rows how many rows of {@code b} to add
     * @param row  the row length
     */
    public static void addRows(double[] a, double[] b, int rows, int row) {
        int i = 0;
        for (; i + 4 <= rows; i += 4) {
            int o0 = i * row, o1 = o0 + row, o2 = o1 + row, o3 = o2 + row;
            for (int j = 0; j < row; j++) a[j] = (((a[j] + b[o0 + j]) + b[o1 + j]) + b[o2 + j]) + b[o3 + j];
        }
        for (; i < rows; i++) {
            int o = i * row;
            for (int j = 0; j < row; j++) a[j] += b[o + j];
        }
    }
}
