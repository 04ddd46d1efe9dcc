package dev.blockwork.array.zarr;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A Zarr group on a local file system (v2 {@code .zgroup} + {@code .zattrs}, v3 {@code zarr.json} with
 * {@code node_type: group}): its attributes and members. Consolidated metadata is read when present (v2's
 * {@code .zmetadata} as {@code zarr.consolidate_metadata} writes it, v3's inline {@code consolidated_metadata}):
 * members are then listed and opened from it without reading each member's files.
 *
 * <p>Immutable and thread-safe.
 */
public final class ZarrGroup {
    private final Path dir;
    private final int format;
    private final Map<String, Object> attributes;
    private final Map<String, Map<String, Object>> consolidated; // member path → its array/group metadata; null if none

    private ZarrGroup(Path dir, int format, Map<String, Object> attributes, Map<String, Map<String, Object>> consolidated) {
        this.dir = dir;
        this.format = format;
        this.attributes = attributes;
        this.consolidated = consolidated;
    }

    /**
     * Opens the group at {@code dir}.
     *
     * @param dir the group's directory
     * @return the group
     * @throws IOException if there is no group there or its metadata is bad
     */
    public static ZarrGroup open(Path dir) throws IOException {
        Path v3 = dir.resolve(ZarrArray.V3_META);
        if (Files.exists(v3)) {
            Map<String, Object> m = ZarrArray.readJsonObject(v3);
            if (!"group".equals(m.get("node_type"))) {
                throw new ZarrFormatException(v3 + ": got node_type " + m.get("node_type") + ", expected \"group\" (open an array with ZarrArray.open)");
            }
            Map<String, Object> attrs = m.get("attributes") == null ? new LinkedHashMap<>() : ZarrMeta.obj(m.get("attributes"), "attributes", v3.toString());
            Map<String, Map<String, Object>> cons = null;
            if (m.get("consolidated_metadata") instanceof Map<?, ?> cm && cm.get("metadata") instanceof Map<?, ?> md) {
                cons = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : md.entrySet()) cons.put(String.valueOf(e.getKey()), ZarrMeta.obj(e.getValue(), "consolidated entry", v3.toString()));
            }
            return new ZarrGroup(dir, 3, attrs, cons);
        }
        Path g = dir.resolve(ZarrArray.V2_GROUP);
        if (!Files.exists(g)) {
            throw new ZarrFormatException("no Zarr group at " + dir + ": expected " + ZarrArray.V2_GROUP + " (v2) or " + ZarrArray.V3_META + " (v3)"
                    + (Files.exists(dir.resolve(ZarrArray.V2_ARRAY)) ? "; it is an array: read it with DArray.fromZarr(path)" : ""));
        }
        Map<String, Object> gm = ZarrArray.readJsonObject(g);
        if (!Long.valueOf(2).equals(gm.get("zarr_format"))) throw new ZarrFormatException(g + ": got zarr_format " + gm.get("zarr_format") + ", expected 2");
        Path a = dir.resolve(ZarrArray.V2_ATTRS);
        Map<String, Object> attrs = Files.exists(a) ? ZarrArray.readJsonObject(a) : new LinkedHashMap<>();
        Map<String, Map<String, Object>> cons = null;
        Path zm = dir.resolve(".zmetadata");
        if (Files.exists(zm)) {
            Map<String, Object> c = ZarrArray.readJsonObject(zm);
            Map<String, Object> md = ZarrMeta.obj(c.get("metadata"), "metadata", zm.toString());
            cons = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : md.entrySet()) cons.put(e.getKey(), ZarrMeta.obj(e.getValue(), e.getKey(), zm.toString()));
        }
        return new ZarrGroup(dir, 2, attrs, cons);
    }

    /**
     * Creates a group (with no members) at {@code dir}, or rewrites an existing group's attributes.
     *
     * @param dir        the directory
     * @param format     2 or 3
     * @param attributes user attributes
     * @return the group
     * @throws IOException if it cannot be written
     */
    public static ZarrGroup create(Path dir, int format, Map<String, Object> attributes) throws IOException {
        if (format != 2 && format != 3) throw new IllegalArgumentException("got Zarr format " + format + ", expected 2 or 3");
        Files.createDirectories(dir);
        Map<String, Object> attrs = new LinkedHashMap<>(attributes);
        if (format == 2) {
            ZarrArray.writeAtomically(dir.resolve(ZarrArray.V2_GROUP), Json.write(Map.of("zarr_format", 2L)).getBytes(StandardCharsets.UTF_8));
            ZarrArray.writeAtomically(dir.resolve(ZarrArray.V2_ATTRS), Json.write(attrs).getBytes(StandardCharsets.UTF_8));
        } else {
            Map<String, Object> m = ZarrCodec.map("zarr_format", 3L, "node_type", "group", "attributes", attrs);
            ZarrArray.writeAtomically(dir.resolve(ZarrArray.V3_META), Json.write(m).getBytes(StandardCharsets.UTF_8));
        }
        return new ZarrGroup(dir, format, attrs, null);
    }

    /** {@return 2 or 3} */
    public int zarrFormat() { return format; }

    /** {@return the group's user attributes, a copy} */
    public Map<String, Object> attributes() { return new LinkedHashMap<>(attributes); }

    /** {@return whether consolidated metadata was found (and is used to list and open members)} */
    public boolean consolidated() { return consolidated != null; }

    /**
     * The names of the direct members (arrays and groups), sorted.
     *
     * @return the names
     * @throws IOException if the directory cannot be listed
     */
    public List<String> members() throws IOException {
        TreeSet<String> names = new TreeSet<>();
        if (consolidated != null) {
            for (String k : consolidated.keySet()) {
                String p = format == 2 ? k.substring(0, Math.max(0, k.lastIndexOf('/'))) : k;
                if (!p.isEmpty() && !p.contains("/")) names.add(p);
            }
            return new ArrayList<>(names);
        }
        try (var s = Files.list(dir)) {
            for (Path p : s.toList()) {
                if (Files.isDirectory(p) && (Files.exists(p.resolve(ZarrArray.V3_META)) || Files.exists(p.resolve(ZarrArray.V2_ARRAY))
                        || Files.exists(p.resolve(ZarrArray.V2_GROUP)))) {
                    names.add(p.getFileName().toString());
                }
            }
        }
        return new ArrayList<>(names);
    }

    /**
     * The array {@code name} (a path such as {@code "a"} or {@code "sub/a"}), from consolidated metadata when present.
     *
     * @param name the member's path inside this group
     * @return the array
     * @throws IOException if there is no such array or its metadata is bad
     */
    public ZarrArray array(String name) throws IOException {
        String n = name.replaceAll("^/+|/+$", "");
        if (n.isEmpty() || n.contains("..")) throw new IllegalArgumentException("got member name '" + name + "', expected a path like \"a\" or \"a/b\"");
        Path p = dir.resolve(n);
        if (consolidated != null) {
            String key = format == 2 ? n + "/" + ZarrArray.V2_ARRAY : n;
            Map<String, Object> m = consolidated.get(key);
            if (m != null) {
                String where = dir.resolve(format == 2 ? ".zmetadata" : ZarrArray.V3_META) + " [" + key + "]";
                if (format == 2) {
                    Map<String, Object> attrs = consolidated.getOrDefault(n + "/" + ZarrArray.V2_ATTRS, new LinkedHashMap<>());
                    return new ZarrArray(p, ZarrMeta.parseV2(m, attrs, where));
                }
                if ("array".equals(m.get("node_type"))) return new ZarrArray(p, ZarrMeta.parseV3(m, where));
            }
        }
        if (!Files.isDirectory(p)) {
            throw new ZarrFormatException("no member '" + name + "' in Zarr group " + dir + " (members: " + String.join(", ", members()) + ")");
        }
        return ZarrArray.open(p);
    }

    /**
     * The sub-group {@code name}.
     *
     * @param name the member's path inside this group
     * @return the group
     * @throws IOException if there is no such group
     */
    public ZarrGroup group(String name) throws IOException { return open(dir.resolve(name)); }

    /** {@return the group's directory} */
    public Path path() { return dir; }
}
