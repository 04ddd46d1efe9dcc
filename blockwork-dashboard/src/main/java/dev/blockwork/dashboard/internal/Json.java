package dev.blockwork.dashboard.internal;

import java.util.Locale;

/**
 * A minimal streaming JSON writer (no dependency): objects, arrays, strings, numbers and booleans, with commas
 * placed by itself. Not thread-safe; one per message.
 */
public final class Json {
    private final StringBuilder b;
    /** For each open container: whether it already has a member (so the next one needs a comma). */
    private long hasMember;
    private int depth;
    private boolean afterName;

    public Json() { this(new StringBuilder(256)); }

    public Json(StringBuilder b) { this.b = b; }

    private void sep() {
        if (afterName) { afterName = false; return; }
        if (depth > 0) {
            long bit = 1L << (depth - 1);
            if ((hasMember & bit) != 0) b.append(',');
            hasMember |= bit;
        }
    }

    public Json obj() { sep(); b.append('{'); open(); return this; }

    public Json end() { depth--; b.append('}'); return this; }

    public Json arr() { sep(); b.append('['); open(); return this; }

    public Json endArr() { depth--; b.append(']'); return this; }

    private void open() {
        depth++;
        if (depth > 63) throw new IllegalStateException("JSON nested deeper than 63 levels");
        hasMember &= ~(1L << (depth - 1));
    }

    /** The name of the next member of an object. */
    public Json name(String n) { sep(); quote(n); b.append(':'); afterName = true; return this; }

    public Json str(String s) { sep(); if (s == null) b.append("null"); else quote(s); return this; }

    public Json num(long v) { sep(); b.append(v); return this; }

    public Json num(double v) {
        sep();
        if (Double.isNaN(v) || Double.isInfinite(v)) b.append("null");
        else if (v == Math.rint(v) && Math.abs(v) < 1e15) b.append((long) v);
        else b.append(String.format(Locale.ROOT, "%.4g", v));
        return this;
    }

    public Json bool(boolean v) { sep(); b.append(v); return this; }

    public Json field(String n, String v) { return name(n).str(v); }

    public Json field(String n, long v) { return name(n).num(v); }

    public Json field(String n, double v) { return name(n).num(v); }

    public Json field(String n, boolean v) { return name(n).bool(v); }

    private void quote(String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                // "</script>" must not end the script element of a self-contained report
                case '<' -> b.append("\\u003c");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    else b.append(c);
                }
            }
        }
        b.append('"');
    }

    @Override public String toString() { return b.toString(); }
}
