package dev.blockwork.array.zarr;

import dev.blockwork.ndarray.DType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Zarr array's metadata, v2 ({@code .zarray} + {@code .zattrs}) or v3 ({@code zarr.json}), in one form: what a
 * chunk task needs to find, decode and encode chunks. Parsing checks every field and names the file and the field
 * that is wrong; {@link #toJson()} writes the form zarr-python and zarrita read.
 *
 * <p>{@code permutation}: the order in which axes are stored ({@code null} for C order; the reversed axes for v2's
 * {@code "F"} or v3's {@code transpose} codec); stored bytes are the C-order bytes of the chunk permuted so.
 *
 * @param format         2 or 3
 * @param shape          the array's shape
 * @param chunkShape     the chunk shape, one length &gt;= 1 per axis
 * @param dtype          the element type
 * @param bigEndian      whether elements are stored big-endian
 * @param permutation    the stored axis order, or {@code null} for C order
 * @param fill           the fill value (a Double, Long or Boolean), or {@code null} for none
 * @param codecs         the bytes-to-bytes codecs in encoding order
 * @param separator      {@code "."} or {@code "/"} between chunk indices in chunk keys
 * @param v3DefaultKeys  whether chunk keys use v3's default encoding ({@code c/0/1}) rather than v2's ({@code 0.1})
 * @param attributes     the user attributes
 * @param dimensionNames v3's {@code dimension_names}, or {@code null}
 */
record ZarrMeta(int format, long[] shape, long[] chunkShape, DType dtype, boolean bigEndian, int[] permutation, Object fill,
                List<ZarrCodec> codecs, String separator, boolean v3DefaultKeys, Map<String, Object> attributes,
                List<String> dimensionNames) implements java.io.Serializable {

    ZarrMeta {
        if (shape.length != chunkShape.length) {
            throw new IllegalArgumentException("got chunk shape " + Arrays.toString(chunkShape) + " for shape " + Arrays.toString(shape)
                    + ", expected one chunk length per axis");
        }
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] < 0 || chunkShape[d] < 1) {
                throw new IllegalArgumentException("got shape " + Arrays.toString(shape) + " with chunks " + Arrays.toString(chunkShape)
                        + ", expected lengths >= 0 and chunk lengths >= 1");
            }
        }
        codecs = List.copyOf(codecs);
        attributes = attributes == null ? new LinkedHashMap<>() : attributes;
    }

    int ndim() { return shape.length; }

    boolean fortran() {
        if (permutation == null || permutation.length < 2) return false;
        for (int i = 0; i < permutation.length; i++) if (permutation[i] != permutation.length - 1 - i) return false;
        return true;
    }

    /** Chunks along axis {@code d} (ceil). */
    long gridSize(int d) { return shape[d] == 0 ? 0 : (shape[d] + chunkShape[d] - 1) / chunkShape[d]; }

    /** The store key of chunk {@code idx}: v2 {@code 0.1}, v3 {@code c/0/1}. */
    String chunkKey(long[] idx) {
        StringBuilder b = new StringBuilder(v3DefaultKeys ? "c" : "");
        for (int d = 0; d < idx.length; d++) {
            if (d > 0 || v3DefaultKeys) b.append(separator);
            b.append(idx[d]);
        }
        if (idx.length == 0 && !v3DefaultKeys) b.append('0');
        return b.toString();
    }

    ZarrMeta withAttributes(Map<String, Object> a) {
        return new ZarrMeta(format, shape, chunkShape, dtype, bigEndian, permutation, fill, codecs, separator, v3DefaultKeys, a, dimensionNames);
    }

    // ================================================================== parsing

    /** Parses a v2 {@code .zarray} object; {@code where} is the file. */
    static ZarrMeta parseV2(Map<String, Object> m, Map<String, Object> attrs, String where) throws ZarrFormatException {
        Object fmt = m.get("zarr_format");
        if (!(fmt instanceof Long f) || f != 2) throw new ZarrFormatException(where + ": got zarr_format " + fmt + ", expected 2");
        long[] shape = longs(m.get("shape"), "shape", where);
        long[] chunks = longs(m.get("chunks"), "chunks", where);
        if (chunks.length != shape.length) {
            throw new ZarrFormatException(where + ": got chunks " + Arrays.toString(chunks) + " for shape " + Arrays.toString(shape)
                    + ", expected one chunk length per axis");
        }
        Object dt = m.get("dtype");
        if (!(dt instanceof String ds)) throw new ZarrFormatException(where + ": got dtype " + dt + ", expected a string such as \"<f8\"");
        DType t = dtype(ds, where);
        boolean be = ds.startsWith(">") && t.itemSize() > 1;
        Object order = m.getOrDefault("order", "C");
        if (!"C".equals(order) && !"F".equals(order)) throw new ZarrFormatException(where + ": got order " + order + ", expected \"C\" or \"F\"");
        Object filters = m.get("filters");
        if (filters instanceof List<?> l && !l.isEmpty()) {
            throw new ZarrFormatException(where + ": got filters " + filters + ", expected none (no v2 filter is supported)");
        } else if (filters != null && !(filters instanceof List<?>)) {
            throw new ZarrFormatException(where + ": got filters " + filters + ", expected null or a list");
        }
        List<ZarrCodec> codecs = new ArrayList<>();
        Object comp = m.get("compressor");
        if (comp instanceof Map<?, ?> c) codecs.add(ZarrCodec.fromV2(cast(c), where));
        else if (comp != null) throw new ZarrFormatException(where + ": got compressor " + comp + ", expected null or an object with an \"id\"");
        Object sep = m.getOrDefault("dimension_separator", ".");
        if (!".".equals(sep) && !"/".equals(sep)) {
            throw new ZarrFormatException(where + ": got dimension_separator " + sep + ", expected \".\" or \"/\"");
        }
        Object fill = fill(m.get("fill_value"), t, where);
        return new ZarrMeta(2, shape, chunks, t, be, "F".equals(order) ? reversed(shape.length) : null, fill, codecs, (String) sep, false,
                attrs, null);
    }

    /** Parses a v3 {@code zarr.json} array object. */
    static ZarrMeta parseV3(Map<String, Object> m, String where) throws ZarrFormatException {
        Object fmt = m.get("zarr_format");
        if (!(fmt instanceof Long f) || f != 3) throw new ZarrFormatException(where + ": got zarr_format " + fmt + ", expected 3");
        if (!"array".equals(m.get("node_type"))) throw new ZarrFormatException(where + ": got node_type " + m.get("node_type") + ", expected \"array\"");
        long[] shape = longs(m.get("shape"), "shape", where);
        Object dt = m.get("data_type");
        if (!(dt instanceof String ds)) throw new ZarrFormatException(where + ": got data_type " + dt + ", expected a string such as \"float64\"");
        DType t = dtype(ds, where);
        Map<String, Object> grid = obj(m.get("chunk_grid"), "chunk_grid", where);
        if (!"regular".equals(grid.get("name"))) {
            throw new ZarrFormatException(where + ": got chunk_grid " + grid.get("name") + ", expected \"regular\"");
        }
        long[] chunks = longs(obj(grid.get("configuration"), "chunk_grid.configuration", where).get("chunk_shape"), "chunk_shape", where);
        if (chunks.length != shape.length) {
            throw new ZarrFormatException(where + ": got chunk_shape " + Arrays.toString(chunks) + " for shape " + Arrays.toString(shape)
                    + ", expected one chunk length per axis");
        }
        Map<String, Object> enc = obj(m.getOrDefault("chunk_key_encoding", Map.of("name", "default")), "chunk_key_encoding", where);
        Object encName = enc.get("name");
        boolean dflt = "default".equals(encName);
        if (!dflt && !"v2".equals(encName)) {
            throw new ZarrFormatException(where + ": got chunk_key_encoding " + encName + ", expected \"default\" or \"v2\"");
        }
        Object encConf = enc.get("configuration");
        String sep = ZarrCodec.str(encConf == null ? null : obj(encConf, "chunk_key_encoding.configuration", where), "separator", dflt ? "/" : ".");
        if (!".".equals(sep) && !"/".equals(sep)) throw new ZarrFormatException(where + ": got separator " + sep + ", expected \".\" or \"/\"");
        Object st = m.get("storage_transformers");
        if (st instanceof List<?> l && !l.isEmpty()) throw new ZarrFormatException(where + ": got storage_transformers " + st + ", expected none");
        int[] perm = null;
        boolean be = false, sawBytes = false;
        List<ZarrCodec> codecs = new ArrayList<>();
        Object cs = m.get("codecs");
        if (!(cs instanceof List<?> cl) || cl.isEmpty()) throw new ZarrFormatException(where + ": got codecs " + cs + ", expected a list with \"bytes\"");
        for (Object o : cl) {
            Map<String, Object> c = obj(o, "codecs entry", where);
            String name = String.valueOf(c.get("name"));
            Map<String, Object> conf = c.get("configuration") == null ? Map.of() : obj(c.get("configuration"), name + ".configuration", where);
            switch (name) {
                case "transpose" -> {
                    if (sawBytes || perm != null) throw new ZarrFormatException(where + ": transpose must come once, before bytes");
                    perm = ints(conf.get("order"), shape.length, where);
                }
                case "bytes" -> {
                    if (sawBytes) throw new ZarrFormatException(where + ": got two array-to-bytes codecs, expected one \"bytes\"");
                    sawBytes = true;
                    Object e = conf.get("endian");
                    if (e != null && !"little".equals(e) && !"big".equals(e)) {
                        throw new ZarrFormatException(where + ": got bytes endian " + e + ", expected \"little\" or \"big\"");
                    }
                    be = "big".equals(e) && t.itemSize() > 1;
                }
                default -> {
                    if (!sawBytes) {
                        throw new ZarrFormatException(where + ": unknown or misplaced Zarr v3 codec '" + name + "' before \"bytes\","
                                + " expected transpose then bytes (sharding_indexed is not supported)");
                    }
                    codecs.add(ZarrCodec.fromV3(name, conf, where));
                }
            }
        }
        if (!sawBytes) throw new ZarrFormatException(where + ": got codecs " + cs + ", expected a \"bytes\" codec");
        if (perm != null) {
            boolean identity = true;
            for (int i = 0; i < perm.length; i++) identity &= perm[i] == i;
            if (identity) perm = null;
        }
        Object fill = fill(m.get("fill_value"), t, where);
        Map<String, Object> attrs = m.get("attributes") == null ? new LinkedHashMap<>() : obj(m.get("attributes"), "attributes", where);
        List<String> dims = null;
        if (m.get("dimension_names") instanceof List<?> dn) {
            dims = new ArrayList<>();
            for (Object x : dn) dims.add(x == null ? null : String.valueOf(x));
        }
        return new ZarrMeta(3, shape, chunks, t, be, perm, fill, codecs, sep, dflt, attrs, dims);
    }

    /** v2 {@code "<f8"}-style or v3 {@code "float64"}-style names, through {@link DType#of} (so new dtypes come for free). */
    private static DType dtype(String s, String where) throws ZarrFormatException {
        try {
            if (s.length() < 2 || !(Character.isLetter(s.charAt(0)) || "<>|".indexOf(s.charAt(0)) >= 0)) throw new IllegalArgumentException(s);
            DType t = DType.of(s);
            if (t.isComplex()) throw new IllegalArgumentException(s); // complex128 exists in NDArray, not yet in the Zarr store
            return t;
        } catch (IllegalArgumentException e) {
            throw new ZarrFormatException(where + ": got dtype \"" + s + "\", expected one of float64 float32 int64 int32 bool"
                    + " (v2: <f8 <f4 <i8 <i4 |b1, either byte order)");
        }
    }

    /** The fill value as a Double, Long or Boolean for the dtype; null stays null (missing chunks then read as 0). */
    static Object fill(Object v, DType t, String where) throws ZarrFormatException {
        if (v == null) return null;
        if (t == DType.BOOL) {
            if (v instanceof Boolean b) return b;
            if (v instanceof Long l && (l == 0 || l == 1)) return l == 1;
            throw new ZarrFormatException(where + ": got fill_value " + v + " for bool, expected true, false, 0 or 1");
        }
        if (t.isInteger()) {
            if (v instanceof Long l) return l;
            if (v instanceof Double d && d == Math.rint(d)) return d.longValue();
            throw new ZarrFormatException(where + ": got fill_value " + v + " for " + t.numpyName() + ", expected an integer");
        }
        return switch (v) {
            case Long l -> (double) l;
            case Double d -> d;
            case String s when s.equals("NaN") -> Double.NaN;
            case String s when s.equals("Infinity") -> Double.POSITIVE_INFINITY;
            case String s when s.equals("-Infinity") -> Double.NEGATIVE_INFINITY;
            case String s when s.startsWith("0x") -> {
                try {
                    long bits = Long.parseUnsignedLong(s.substring(2), 16);
                    yield t == DType.FLOAT32 ? (double) Float.intBitsToFloat((int) bits) : Double.longBitsToDouble(bits);
                } catch (NumberFormatException e) {
                    throw new ZarrFormatException(where + ": got fill_value " + s + ", expected hex digits after 0x");
                }
            }
            default -> throw new ZarrFormatException(where + ": got fill_value " + v + " for " + t.numpyName()
                    + ", expected a number, \"NaN\", \"Infinity\" or \"-Infinity\"");
        };
    }

    private static Object fillJson(Object fill, int format) {
        if (fill instanceof Double d && (d.isNaN() || d.isInfinite())) return d.isNaN() ? "NaN" : d > 0 ? "Infinity" : "-Infinity";
        if (fill == null && format == 3) return 0L;
        return fill;
    }

    static int[] reversed(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = n - 1 - i;
        return p;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cast(Map<?, ?> m) { return (Map<String, Object>) m; }

    static Map<String, Object> obj(Object o, String field, String where) throws ZarrFormatException {
        if (o instanceof Map<?, ?> m) return cast(m);
        throw new ZarrFormatException(where + ": got " + field + " " + o + ", expected a JSON object");
    }

    private static long[] longs(Object o, String field, String where) throws ZarrFormatException {
        if (!(o instanceof List<?> l)) throw new ZarrFormatException(where + ": got " + field + " " + o + ", expected a list of integers");
        long[] r = new long[l.size()];
        for (int i = 0; i < r.length; i++) {
            if (!(l.get(i) instanceof Long v) || v < 0) {
                throw new ZarrFormatException(where + ": got " + field + " " + o + ", expected a list of integers >= 0");
            }
            r[i] = v;
        }
        if (field.startsWith("chunk")) {
            for (long v : r) if (v == 0) throw new ZarrFormatException(where + ": got " + field + " " + o + ", expected chunk lengths >= 1");
        }
        return r;
    }

    private static int[] ints(Object o, int n, String where) throws ZarrFormatException {
        if (o instanceof List<?> l && l.size() == n) {
            int[] r = new int[n];
            boolean[] seen = new boolean[n];
            for (int i = 0; i < n; i++) {
                if (!(l.get(i) instanceof Long v) || v < 0 || v >= n || seen[(int) (long) v]) {
                    throw new ZarrFormatException(where + ": got transpose order " + o + ", expected a permutation of 0.." + (n - 1));
                }
                seen[(int) (long) v] = true;
                r[i] = (int) (long) v;
            }
            return r;
        }
        if ("F".equals(o)) return reversed(n);
        if ("C".equals(o)) return null;
        throw new ZarrFormatException(where + ": got transpose order " + o + ", expected a permutation of the " + n + " axes");
    }

    // ================================================================== writing

    private static List<Long> list(long[] v) {
        List<Long> l = new ArrayList<>();
        for (long x : v) l.add(x);
        return l;
    }

    /** The {@code .zarray} (v2) or {@code zarr.json} (v3) object. */
    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (format == 2) {
            m.put("chunks", list(chunkShape));
            m.put("compressor", codecs.isEmpty() ? null : codecs.getFirst().v2());
            String end = dtype.itemSize() == 1 ? "|" : bigEndian ? ">" : "<";
            m.put("dtype", end + dtype.descr().substring(1));
            m.put("fill_value", fillJson(fill, 2));
            m.put("filters", null);
            m.put("order", fortran() ? "F" : "C");
            m.put("shape", list(shape));
            m.put("dimension_separator", separator);
            m.put("zarr_format", 2L);
            return m;
        }
        m.put("zarr_format", 3L);
        m.put("node_type", "array");
        m.put("shape", list(shape));
        m.put("data_type", dtype.numpyName());
        m.put("chunk_grid", Map.of("name", "regular", "configuration", Map.of("chunk_shape", list(chunkShape))));
        m.put("chunk_key_encoding", ZarrCodec.map("name", v3DefaultKeys ? "default" : "v2", "configuration", Map.of("separator", separator)));
        m.put("fill_value", fillJson(fill, 3));
        List<Object> cs = new ArrayList<>();
        if (permutation != null) {
            List<Long> p = new ArrayList<>();
            for (int x : permutation) p.add((long) x);
            cs.add(ZarrCodec.map("name", "transpose", "configuration", Map.of("order", p)));
        }
        cs.add(ZarrCodec.map("name", "bytes", "configuration", Map.of("endian", bigEndian ? "big" : "little")));
        for (ZarrCodec c : codecs) cs.add(c.v3(dtype.itemSize()));
        m.put("codecs", cs);
        m.put("attributes", attributes);
        if (dimensionNames != null) m.put("dimension_names", dimensionNames);
        return m;
    }
}
