package dev.blockwork.array.zarr;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The little JSON Zarr metadata needs (RFC 8259): objects become {@link LinkedHashMap}s (key order kept), arrays
 * {@link List}s, integers {@link Long} (or {@link Double} beyond a long), other numbers {@link Double}, and
 * {@code true}/{@code false}/{@code null} themselves. Python's {@code json} also writes the bare words
 * {@code NaN}, {@code Infinity} and {@code -Infinity} (zarr-python 2 does for float attributes); they are accepted.
 * Errors are {@link IllegalArgumentException}s naming the offset and what was expected; callers add the file.
 */
final class Json {
    private final String s;
    private int i;

    private Json(String s) { this.s = s; }

    /** Parses one JSON value filling the whole text. */
    static Object parse(String text) {
        Json p = new Json(text);
        p.ws();
        Object v = p.value();
        p.ws();
        if (p.i != text.length()) throw p.error("end of text");
        return v;
    }

    private IllegalArgumentException error(String expected) {
        String got = i >= s.length() ? "end of text" : "'" + s.charAt(i) + "'";
        return new IllegalArgumentException("bad JSON at character " + i + ": got " + got + ", expected " + expected);
    }

    private void ws() {
        while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) i++;
    }

    private boolean word(String w) {
        if (s.startsWith(w, i)) {
            i += w.length();
            return true;
        }
        return false;
    }

    private Object value() {
        if (i >= s.length()) throw error("a value");
        char c = s.charAt(i);
        switch (c) {
            case '{' -> { return object(); }
            case '[' -> { return array(); }
            case '"' -> { return string(); }
            default -> { }
        }
        if (word("true")) return Boolean.TRUE;
        if (word("false")) return Boolean.FALSE;
        if (word("null")) return null;
        if (word("NaN")) return Double.NaN;
        if (word("Infinity")) return Double.POSITIVE_INFINITY;
        if (word("-Infinity")) return Double.NEGATIVE_INFINITY;
        if (c == '-' || (c >= '0' && c <= '9')) return number();
        throw error("a value (object, array, string, number, true, false or null)");
    }

    private Map<String, Object> object() {
        Map<String, Object> m = new LinkedHashMap<>();
        i++;
        ws();
        if (i < s.length() && s.charAt(i) == '}') {
            i++;
            return m;
        }
        while (true) {
            ws();
            if (i >= s.length() || s.charAt(i) != '"') throw error("a member name in double quotes");
            String k = string();
            ws();
            if (i >= s.length() || s.charAt(i) != ':') throw error("':'");
            i++;
            ws();
            m.put(k, value());
            ws();
            if (i < s.length() && s.charAt(i) == ',') {
                i++;
                continue;
            }
            if (i < s.length() && s.charAt(i) == '}') {
                i++;
                return m;
            }
            throw error("',' or '}'");
        }
    }

    private List<Object> array() {
        List<Object> a = new ArrayList<>();
        i++;
        ws();
        if (i < s.length() && s.charAt(i) == ']') {
            i++;
            return a;
        }
        while (true) {
            ws();
            a.add(value());
            ws();
            if (i < s.length() && s.charAt(i) == ',') {
                i++;
                continue;
            }
            if (i < s.length() && s.charAt(i) == ']') {
                i++;
                return a;
            }
            throw error("',' or ']'");
        }
    }

    private String string() {
        StringBuilder b = new StringBuilder();
        i++;
        while (true) {
            if (i >= s.length()) throw error("a closing '\"'");
            char c = s.charAt(i++);
            if (c == '"') return b.toString();
            if (c != '\\') {
                b.append(c);
                continue;
            }
            if (i >= s.length()) throw error("an escape");
            char e = s.charAt(i++);
            switch (e) {
                case '"', '\\', '/' -> b.append(e);
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'u' -> {
                    if (i + 4 > s.length()) throw error("four hex digits");
                    try {
                        b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                    } catch (NumberFormatException x) {
                        throw error("four hex digits");
                    }
                    i += 4;
                }
                default -> {
                    i--;
                    throw error("one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u");
                }
            }
        }
    }

    private Object number() {
        int start = i;
        if (s.charAt(i) == '-') i++;
        boolean integral = true;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') i++;
            else if (c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
                integral = false;
                i++;
            } else break;
        }
        String t = s.substring(start, i);
        try {
            if (integral) {
                try {
                    return Long.parseLong(t);
                } catch (NumberFormatException big) {
                    return Double.parseDouble(t);
                }
            }
            return Double.parseDouble(t);
        } catch (NumberFormatException x) {
            i = start;
            throw error("a number");
        }
    }

    // ------------------------------------------------------------------ writing

    /** Writes {@code v} (maps, lists, strings, numbers, booleans, null) indented by 4 spaces, as zarr-python does. */
    static String write(Object v) {
        StringBuilder b = new StringBuilder();
        write(b, v, 0);
        return b.append('\n').toString();
    }

    private static void write(StringBuilder b, Object v, int depth) {
        switch (v) {
            case null -> b.append("null");
            case String str -> quote(b, str);
            case Boolean bo -> b.append(bo);
            case Double d -> b.append(d.isNaN() ? "NaN" : d.isInfinite() ? (d > 0 ? "Infinity" : "-Infinity") : String.valueOf(d));
            case Float f -> write(b, (double) f, depth);
            case Number n -> b.append(n.longValue());
            case Map<?, ?> m -> {
                if (m.isEmpty()) {
                    b.append("{}");
                    return;
                }
                b.append("{\n");
                Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
                while (it.hasNext()) {
                    Map.Entry<?, ?> e = it.next();
                    indent(b, depth + 1);
                    quote(b, String.valueOf(e.getKey()));
                    b.append(": ");
                    write(b, e.getValue(), depth + 1);
                    b.append(it.hasNext() ? ",\n" : "\n");
                }
                indent(b, depth);
                b.append('}');
            }
            case List<?> l -> {
                boolean flat = l.stream().allMatch(x -> x == null || x instanceof Number || x instanceof Boolean);
                if (flat || l.isEmpty()) {
                    b.append('[');
                    for (int k = 0; k < l.size(); k++) {
                        if (k > 0) b.append(", ");
                        write(b, l.get(k), depth);
                    }
                    b.append(']');
                    return;
                }
                b.append("[\n");
                for (int k = 0; k < l.size(); k++) {
                    indent(b, depth + 1);
                    write(b, l.get(k), depth + 1);
                    b.append(k + 1 < l.size() ? ",\n" : "\n");
                }
                indent(b, depth);
                b.append(']');
            }
            default -> throw new IllegalArgumentException("cannot write a " + v.getClass().getName() + " as JSON: expected a map, list,"
                    + " string, number, boolean or null");
        }
    }

    private static void indent(StringBuilder b, int depth) { b.append("    ".repeat(depth)); }

    private static void quote(StringBuilder b, String str) {
        b.append('"');
        for (int k = 0; k < str.length(); k++) {
            char c = str.charAt(k);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
                }
            }
        }
        b.append('"');
    }
}
