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
    /**
     * {@code a[i]}: selects one position and drops the axis.
     *
     * @param index the position; negative counts from the end ({@code -1} is the last)
     */
    record At(long index) implements Index {}

    /**
     * {@code a[start:stop:step]}; a null bound means "from the edge", as in Python.
     *
     * @param start the first position, or {@code null} for the edge the step starts from; negative counts from the end
     * @param stop  the position to stop before, or {@code null} for the far edge; negative counts from the end
     * @param step  the stride, non-zero; negative walks backwards
     */
    record Range(Long start, Long stop, long step) implements Index {
        /**
         * Checks the step; bounds out of range are clamped when applied, as in Python.
         *
         * @throws IllegalArgumentException if {@code step} is zero
         */
        public Range {
            if (step == 0) throw new IllegalArgumentException("slice step cannot be zero");
        }

        /**
         * The first position this slice selects on an axis of length {@code len} (Python's rules; meaningful when
         * {@link #count} &gt; 0).
         *
         * @param len the axis length
         * @return the first selected position, in {@code [0, len)} when the slice is not empty
         */
        public long first(long len) {
            if (step > 0) return start == null ? 0 : clamp(start < 0 ? start + len : start, 0, len);
            return start == null ? len - 1 : clamp(start < 0 ? start + len : start, -1, len - 1);
        }

        /**
         * How many positions this slice selects on an axis of length {@code len}, as {@code len(range(len)[s])}.
         *
         * @param len the axis length
         * @return the number of selected positions, &gt;= 0
         */
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

    /**
     * {@code a[i]}: one position, dropping the axis.
     *
     * @param i the position; negative counts from the end
     * @return the index entry
     */
    static Index at(long i) { return new At(i); }

    /** {@return {@code a[:]}, the whole axis} */
    static Index all() { return new Range(null, null, 1); }

    /**
     * {@code a[start:stop]}.
     *
     * @param start the first position, or {@code null} for 0; negative counts from the end
     * @param stop  the position to stop before, or {@code null} for the axis length; negative counts from the end
     * @return the index entry
     */
    static Index range(Long start, Long stop) { return new Range(start, stop, 1); }

    /**
     * {@code start:stop} from primitive bounds, so that {@code Index.range(0, 3)} compiles with int literals.
     *
     * @param start the first position; negative counts from the end
     * @param stop  the position to stop before; negative counts from the end
     * @return the index entry
     */
    static Index range(long start, long stop) { return new Range(start, stop, 1); }

    /**
     * {@code a[start:stop:step]}; {@code range(null, null, -1)} is {@code a[::-1]}.
     *
     * @param start the first position, or {@code null} for the edge the step starts from
     * @param stop  the position to stop before, or {@code null} for the far edge
     * @param step  the stride, non-zero; negative walks backwards
     * @return the index entry
     * @throws IllegalArgumentException if {@code step} is zero
     */
    static Index range(Long start, Long stop, long step) { return new Range(start, stop, step); }

    /** {@return {@code np.newaxis}: inserts an axis of length 1} */
    static Index newAxis() { return new NewAxis(); }

    /**
     * Parses a NumPy index written as in Python, e.g. {@code ":3, ::2, None, -1"} is {@code [range(null, 3),
     * range(null, null, 2), newAxis(), at(-1)]}; entries are integers, slices {@code start:stop:step} with optional
     * parts, {@code None} / {@code np.newaxis}, and at most one {@code ...} (expanded against {@code ndim}; pass
     * -1 when there is none). The empty string is {@code x[()]}.
     *
     * @param index the index as Python writes it, optionally in brackets
     * @param ndim  the number of axes of the indexed array, for expanding {@code ...}; -1 if unknown
     * @return the entries, in order
     * @throws IllegalArgumentException naming the bad entry, for an entry that does not parse, a zero step or two
     *                                  {@code ...}
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
