package dev.blockwork.ndarray;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.function.Consumer;

/**
 * NumPy-like {@code repr} of an {@link NDArray}: {@code array([[0. , 1.5],\n       [2. , 3. ]])}.
 * Floats follow NumPy's default ({@code precision=8}, shortest unique digits, positional unless the magnitudes
 * need scientific notation, integer parts padded left and fractions padded right to a common width); arrays
 * over {@value #THRESHOLD} elements show {@value #EDGE} items at each edge of each axis.
 */
final class ArrayFormatter {
    static final long THRESHOLD = 1000;
    static final int EDGE = 3;
    static final int PRECISION = 8;

    private ArrayFormatter() {}

    static String format(NDArray a) {
        boolean elide = a.size() > THRESHOLD;
        StringBuilder sb = new StringBuilder("array(");
        if (a.size() == 0) {
            sb.append("[]");
            if (a.ndim() != 1) sb.append(", shape=").append(Shapes.format(a.shape));
            return sb.append(", dtype=").append(a.dtype.numpyName()).append(')').toString();
        } else {
            Cells cells = a.dtype.isComplex() ? new ComplexCells(a, elide) : new Cells(a, elide);
            append(sb, a, new long[a.ndim()], 0, cells, elide, "      ");
        }
        boolean defaultType = a.dtype == DType.FLOAT64 || a.dtype == DType.COMPLEX128 || (a.size() > 0 && (a.dtype == DType.INT64 || a.dtype == DType.BOOL));
        if (!defaultType) sb.append(", dtype=").append(a.dtype.numpyName());
        return sb.append(')').toString();
    }

    /**
     * Complex cells as NumPy's ComplexFloatingFormat: the real parts formatted together, the imaginary parts
     * together with a forced sign, then {@code j} before the imaginary part's right padding: {@code 1.+2.5j, 3.-4.j }.
     */
    private static final class ComplexCells extends Cells {
        final Cells re, im;
        final NDArray imag;

        ComplexCells(NDArray z, boolean elide) {
            super(z.real(), elide);
            re = this;
            imag = z.imag();
            im = new Cells(imag.abs(), elide);
        }

        @Override
        String cell(long[] idx) {
            String r = super.cell(idx);
            double v = imag.getDouble(idx);
            String i = im.cell(idx);
            int first = 0;
            while (first < i.length() && i.charAt(first) == ' ') first++;
            String sign = Double.isNaN(v) ? "+" : (v < 0 || (v == 0 && 1 / v < 0)) ? "-" : "+";
            i = i.substring(0, first) + sign + i.substring(first);
            int end = i.length();
            while (end > 0 && i.charAt(end - 1) == ' ') end--;
            return r + i.substring(0, end) + "j" + i.substring(end);
        }
    }

    /** Array-wide formatting decisions (NumPy's FloatingFormat, simplified). */
    private static class Cells {
        final NDArray a;
        boolean exp;
        int intWidth, fracWidth, width;

        Cells(NDArray a, boolean elide) {
            this.a = a;
            double maxAbs = 0, minAbs = Double.POSITIVE_INFINITY;
            int[] w = {0, 0, 0};
            if (a.dtype.isFloat()) {
                double[] mm = {0, Double.POSITIVE_INFINITY};
                visit(a, new long[a.ndim()], 0, elide, idx -> {
                    double v = Math.abs(a.getDouble(idx));
                    if (Double.isFinite(v) && v != 0) {
                        mm[0] = Math.max(mm[0], v);
                        mm[1] = Math.min(mm[1], v);
                    }
                });
                maxAbs = mm[0];
                minAbs = mm[1];
                exp = maxAbs > 0 && (maxAbs >= 1e8 || minAbs < 1e-4 || maxAbs / minAbs > 1e3);
                visit(a, new long[a.ndim()], 0, elide, idx -> {
                    double v = a.getDouble(idx);
                    if (!Double.isFinite(v)) {
                        w[2] = Math.max(w[2], special(v).length());
                        return;
                    }
                    String s = digits(v, a.dtype == DType.FLOAT32);
                    int dot = s.indexOf('.'), e = s.indexOf('e');
                    w[0] = Math.max(w[0], dot);
                    w[1] = Math.max(w[1], (e < 0 ? s.length() : e) - dot - 1);
                });
                intWidth = w[0];
                fracWidth = w[1];
                width = Math.max(w[2], intWidth + 1 + fracWidth + (exp ? 4 : 0));
            } else {
                visit(a, new long[a.ndim()], 0, elide, idx -> w[0] = Math.max(w[0], plain(idx).length()));
                width = w[0];
            }
        }

        String plain(long[] idx) {
            return a.dtype == DType.BOOL ? (a.getBool(idx) ? "True" : "False") : Long.toString(a.getLong(idx));
        }

        String cell(long[] idx) {
            String s;
            if (!a.dtype.isFloat()) {
                s = plain(idx);
            } else {
                double v = a.getDouble(idx);
                if (!Double.isFinite(v)) {
                    s = special(v);
                } else {
                    String d = digits(v, a.dtype == DType.FLOAT32);
                    int dot = d.indexOf('.'), e = d.indexOf('e');
                    String ip = d.substring(0, dot), fp = d.substring(dot + 1, e < 0 ? d.length() : e), ep = e < 0 ? "" : d.substring(e);
                    s = " ".repeat(intWidth - ip.length()) + ip + "." + fp + (exp ? ep : "") + " ".repeat(fracWidth - fp.length());
                    if (exp) s = " ".repeat(intWidth - ip.length()) + ip + "." + fp + " ".repeat(fracWidth - fp.length()) + ep;
                }
            }
            return " ".repeat(Math.max(0, width - s.length())) + s;
        }

        /** Shortest round-trip digits, cut to PRECISION; "d.ddd" or "d.ddde+XX". */
        String digits(double v, boolean f32) {
            BigDecimal b = new BigDecimal(f32 ? Float.toString((float) v) : Double.toString(v));
            if (exp) {
                if (v == 0) return "0.e+00";
                BigDecimal r = b.round(new MathContext(PRECISION + 1, RoundingMode.HALF_EVEN));
                int e = r.precision() - r.scale() - 1;
                BigDecimal m = r.movePointLeft(e).stripTrailingZeros();
                String ms = m.scale() <= 0 ? m.toBigInteger() + "." : m.toPlainString();
                String sign = e < 0 ? "-" : "+";
                int ae = Math.abs(e);
                return ms + "e" + sign + (ae < 10 ? "0" : "") + ae;
            }
            if (b.scale() > PRECISION) b = b.setScale(PRECISION, RoundingMode.HALF_EVEN);
            b = b.stripTrailingZeros();
            String s = b.scale() <= 0 ? b.toBigInteger().toString() + "." : b.toPlainString();
            if (v == 0 && 1 / v < 0) s = "-0.";
            return s;
        }
    }

    private static String special(double v) {
        return Double.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf";
    }

    private static void visit(NDArray a, long[] idx, int axis, boolean elide, Consumer<long[]> f) {
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

    private static void append(StringBuilder sb, NDArray a, long[] idx, int axis, Cells cells, boolean elide, String indent) {
        if (a.ndim() == 0) {
            sb.append(cells.cell(idx).strip());
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
                sb.append(cells.cell(idx));
                if (i < n - 1) sb.append(", ");
            } else {
                append(sb, a, idx, axis + 1, cells, elide, indent);
                if (i < n - 1) sb.append(",").append("\n".repeat(a.ndim() - axis - 1)).append(indent).append(" ".repeat(axis + 1));
            }
        }
        sb.append(']');
    }
}
