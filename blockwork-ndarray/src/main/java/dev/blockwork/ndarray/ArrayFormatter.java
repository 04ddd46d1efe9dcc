package dev.blockwork.ndarray;

/** NumPy-like {@code repr} of an {@link NDArray}; arrays over {@value #THRESHOLD} elements show 3 edge items per axis. */
final class ArrayFormatter {
    static final long THRESHOLD = 1000;
    static final int EDGE = 3;

    private ArrayFormatter() {}

    static String format(NDArray a) {
        boolean elide = a.size() > THRESHOLD;
        StringBuilder sb = new StringBuilder("array(");
        if (a.size() == 0 && a.ndim() == 1) {
            sb.append("[]");
        } else {
            String[] cells = new String[1];
            int width = maxWidth(a, elide);
            append(sb, a, new long[a.ndim()], 0, width, elide, "      ");
        }
        if (a.dtype != DType.FLOAT64 && a.dtype != DType.INT64 && a.dtype != DType.BOOL || a.size() == 0 && a.dtype != DType.FLOAT64) {
            sb.append(", dtype=").append(a.dtype.numpyName());
        }
        return sb.append(')').toString();
    }

    private static int maxWidth(NDArray a, boolean elide) {
        int[] w = {0};
        visit(a, new long[a.ndim()], 0, elide, idx -> w[0] = Math.max(w[0], cell(a, idx).length()));
        return w[0];
    }

    private static void visit(NDArray a, long[] idx, int axis, boolean elide, java.util.function.Consumer<long[]> f) {
        if (axis == a.ndim()) {
            f.accept(idx);
            return;
        }
        long n = a.shape[axis];
        for (long i = 0; i < n; i++) {
            if (elide && n > 2 * EDGE && i == EDGE) i = n - EDGE;
            idx[axis] = i;
            visit(a, idx, axis + 1, elide, f);
        }
    }

    static String cell(NDArray a, long[] idx) {
        return switch (a.dtype) {
            case BOOL -> a.getBool(idx) ? "True" : "False";
            case INT64, INT32 -> Long.toString(a.getLong(idx));
            case FLOAT64, FLOAT32 -> formatFloat(a.getDouble(idx), a.dtype == DType.FLOAT32);
        };
    }

    static String formatFloat(double v, boolean f32) {
        if (Double.isNaN(v)) return "nan";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        if (v == Math.rint(v) && Math.abs(v) < 1e16) return (long) v + ".";
        String s = f32 ? Float.toString((float) v) : Double.toString(v);
        return s.replace("E", "e");
    }

    private static void append(StringBuilder sb, NDArray a, long[] idx, int axis, int width, boolean elide, String indent) {
        if (a.ndim() == 0) {
            sb.append(cell(a, idx));
            return;
        }
        sb.append('[');
        long n = a.shape[axis];
        for (long i = 0; i < n; i++) {
            if (elide && n > 2 * EDGE && i == EDGE) {
                sb.append(axis == a.ndim() - 1 ? "..., " : "...,\n" + indent + " ".repeat(axis + 1));
                i = n - EDGE;
            }
            idx[axis] = i;
            if (axis == a.ndim() - 1) {
                String c = cell(a, idx);
                sb.append(" ".repeat(Math.max(0, width - c.length()))).append(c);
                if (i < n - 1) sb.append(", ");
            } else {
                append(sb, a, idx, axis + 1, width, elide, indent);
                if (i < n - 1) sb.append(",").append("\n".repeat(a.ndim() - axis - 1)).append(indent).append(" ".repeat(axis + 1));
            }
        }
        sb.append(']');
    }
}
