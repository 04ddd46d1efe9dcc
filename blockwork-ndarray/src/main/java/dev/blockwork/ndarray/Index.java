package dev.blockwork.ndarray;

/**
 * One entry of a NumPy-style index expression for {@link NDArray#get(Index...)}.
 *
 * <pre>{@code
 * a.get(Index.at(2))                      // a[2]        drops axis 0
 * a.get(Index.all(), Index.range(1, 5))   // a[:, 1:5]
 * a.get(Index.range(null, null, -1))      // a[::-1]
 * a.get(Index.newAxis(), Index.all())     // a[np.newaxis, :]
 * }</pre>
 * Missing trailing entries mean {@code all()}. Negative positions count from the end, as in NumPy.
 */
public sealed interface Index extends java.io.Serializable {
    /** {@code a[i]}: selects one position and drops the axis. */
    record At(long index) implements Index {}

    /** {@code a[start:stop:step]}; a null bound means "from the edge", as in Python. */
    record Range(Long start, Long stop, long step) implements Index {
        public Range {
            if (step == 0) throw new IllegalArgumentException("slice step cannot be zero");
        }

        /** The first position this slice selects on an axis of length {@code len} (Python's rules; meaningful when {@link #count} > 0). */
        public long first(long len) {
            if (step > 0) return start == null ? 0 : clamp(start < 0 ? start + len : start, 0, len);
            return start == null ? len - 1 : clamp(start < 0 ? start + len : start, -1, len - 1);
        }

        /** How many positions this slice selects on an axis of length {@code len}. */
        public long count(long len) {
            long from = first(len);
            if (step > 0) {
                long to = stop == null ? len : clamp(stop < 0 ? stop + len : stop, 0, len);
                return Math.max(0, (to - from + step - 1) / step);
            }
            long to = stop == null ? -1 : clamp(stop < 0 ? stop + len : stop, -1, len - 1);
            return Math.max(0, (from - to - step - 1) / -step);
        }

        private static long clamp(long v, long lo, long hi) { return Math.max(lo, Math.min(hi, v)); }
    }

    /** {@code np.newaxis}: inserts an axis of length 1. */
    record NewAxis() implements Index {}

    static Index at(long i) { return new At(i); }

    static Index all() { return new Range(null, null, 1); }

    static Index range(Long start, Long stop) { return new Range(start, stop, 1); }

    /** {@code start:stop} from primitive bounds, so that {@code Index.range(0, 3)} compiles with int literals. */
    static Index range(long start, long stop) { return new Range(start, stop, 1); }

    static Index range(Long start, Long stop, long step) { return new Range(start, stop, step); }

    static Index newAxis() { return new NewAxis(); }

    /**
     * Parses a NumPy index written as in Python, e.g. {@code ":3, ::2, None, -1"} is {@code [range(null, 3),
     * range(null, null, 2), newAxis(), at(-1)]}; entries are integers, slices {@code start:stop:step} with optional
     * parts, {@code None} / {@code np.newaxis}, and at most one {@code ...} (expanded against {@code ndim}; pass
     * -1 when there is none). The empty string is {@code x[()]}. Throws IllegalArgumentException naming the bad entry.
     */
    static Index[] parse(String index, int ndim) {
        String t = index.strip();
        if (t.startsWith("[") && t.endsWith("]")) t = t.substring(1, t.length() - 1).strip();
        if (t.isEmpty() || t.equals("()")) return new Index[0];
        String[] parts = t.split(",", -1);
        if (parts.length > 1 && parts[parts.length - 1].isBlank()) parts = java.util.Arrays.copyOf(parts, parts.length - 1); // "1,"
        java.util.List<Index> out = new java.util.ArrayList<>();
        int ellipsis = -1;
        for (String raw : parts) {
            String p = raw.strip();
            if (p.equals("...") || p.equals("Ellipsis")) {
                if (ellipsis >= 0) throw new IllegalArgumentException("got two '...' in index '" + index + "', expected at most one");
                ellipsis = out.size();
                continue;
            }
            if (p.equals("None") || p.equals("np.newaxis") || p.equals("newaxis")) { out.add(newAxis()); continue; }
            try {
                if (!p.contains(":")) { out.add(at(Long.parseLong(p))); continue; }
                String[] sl = p.split(":", -1);
                if (sl.length > 3) throw new NumberFormatException();
                Long a = bound(sl[0]), b = bound(sl[1]), c = sl.length == 3 ? bound(sl[2]) : null;
                if (c != null && c == 0) throw new IllegalArgumentException("got slice step 0 in '" + p + "' of index '" + index + "', expected a non-zero step");
                out.add(range(a, b, c == null ? 1 : c));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("got '" + p + "' in index '" + index + "', expected an integer, a slice start:stop:step,"
                        + " None or ...");
            }
        }
        if (ellipsis >= 0) {
            int consumed = 0;
            for (Index ix : out) if (!(ix instanceof NewAxis)) consumed++;
            int fill = ndim < 0 ? 0 : Math.max(0, ndim - consumed);
            for (int i = 0; i < fill; i++) out.add(ellipsis, all());
        }
        return out.toArray(new Index[0]);
    }

    private static Long bound(String s) {
        String b = s.strip();
        return b.isEmpty() || b.equals("None") ? null : Long.parseLong(b);
    }
}
